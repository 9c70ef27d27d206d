"""The Parquet dataset: Hive layout, zstd, written to a temporary name and renamed
so that a crash never leaves a half file under a final name."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

TMP_SUFFIX = ".tmp"


def parquet_path(root: Path, *, table: str, ingest_date: dt.date, run_id: str, batch: int) -> Path:
    """``<root>/<table>/ingest_date=YYYY-MM-DD/<run_id>-<batch>.parquet``."""
    return root / table / f"ingest_date={ingest_date.isoformat()}" / f"{run_id}-{batch:05d}.parquet"


def write_atomic(table: pa.Table, path: Path) -> Path:
    """Write ``table`` to ``path`` via a temporary file, fsync, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + TMP_SUFFIX)
    pq.write_table(table.drop_columns(["ingest_date"]), tmp, compression="zstd")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def dataset_files(root: Path) -> set[Path]:
    """Every file under the dataset root, finished or temporary."""
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()

"""The Parquet dataset: Hive layout, zstd, written to a temporary name and renamed
so that a crash never leaves a half file under a final name.

Every file belongs to one load batch (``batch_id`` = ``<run_id>-<batch>``) and is
recorded in ``raw.parquet_files`` by the transaction that loads its rows; a file on
disk that no committed transaction recorded is an orphan and is swept. Re-parsing
never edits a file: it writes a replacement without the re-derived articles and
swaps the records in its transaction, so the dataset never holds stale and new
rows of an article at once.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

TMP_SUFFIX = ".tmp"


@dataclass(frozen=True, slots=True)
class ParquetFile:
    """One finished file of the dataset, as ``raw.parquet_files`` records it."""

    path: str  # relative to the dataset root, POSIX separators
    table: str
    count_rows: int
    batch_id: str


def batch_id(run_id: str, batch: int) -> str:
    """The lineage key of one load batch; also the stem of its files."""
    return f"{run_id}-{batch:05d}"


def parquet_path(root: Path, *, table: str, ingest_date: dt.date, run_id: str, batch: int) -> Path:
    """``<root>/<table>/ingest_date=YYYY-MM-DD/<run_id>-<batch>.parquet``."""
    return root / table / f"ingest_date={ingest_date.isoformat()}" / f"{batch_id(run_id, batch)}.parquet"


def write_atomic(table: pa.Table, path: Path) -> Path:
    """Write ``table`` to ``path`` via a temporary file, fsync, then rename. The
    ``ingest_date`` column, when present, is left to the Hive folder name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + TMP_SUFFIX)
    if "ingest_date" in table.column_names:
        table = table.drop_columns(["ingest_date"])
    pq.write_table(table, tmp, compression="zstd")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def write_without(
    root: Path, old: ParquetFile, *, article_ids: Collection[str], run_id: str, batch: int
) -> ParquetFile | None:
    """A replacement for ``old`` holding its rows minus ``article_ids`` (None when
    nothing remains). Written beside it under a new name; ``old`` is untouched until
    the transaction that swaps the records has committed."""
    table = pq.read_table(root / old.path, partitioning=None)
    keep = table.filter(
        pc.invert(pc.is_in(table.column("article_id"), value_set=pa.array(sorted(article_ids), pa.string())))
    )
    if keep.num_rows == 0:
        return None
    src = Path(old.path)
    path = root / src.parent / f"{batch_id(run_id, batch)}-from-{old.batch_id}.parquet"
    write_atomic(keep, path)
    return ParquetFile(path.relative_to(root).as_posix(), old.table, keep.num_rows, old.batch_id)


def remove(root: Path, files: list[ParquetFile]) -> None:
    """Delete files no committed record names any more (missing ones are fine)."""
    for f in files:
        (root / f.path).unlink(missing_ok=True)


def dataset_files(root: Path) -> set[Path]:
    """Every file under the dataset root, finished or temporary."""
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()

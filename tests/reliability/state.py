"""What a warehouse holds, minus what legitimately differs between runs (run ids,
timestamps, ingest dates), so two warehouses built from the same inbox compare equal."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from flows import schemas

LINEAGE = {"run_id", "first_run_id", "last_run_id", "ingested_at", "ingest_date", "first_seen_at"}
TABLES = ("files", "file_paths", "rejects", *schemas.DATA_TABLES)


def _hashable(v: Any) -> Any:
    return tuple(_hashable(x) for x in v) if isinstance(v, list) else v


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> Counter[tuple[Any, ...]]:
    return Counter(tuple(_hashable(v) for v in row) for row in con.execute(sql).fetchall())


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from duckdb_columns() "
        "where schema_name = 'raw' and table_name = ? order by column_index",
        [table],
    ).fetchall()
    return [r[0] for r in rows if r[0] not in LINEAGE]


@dataclass(frozen=True)
class Snapshot:
    """Rows per raw table and per Parquet table (as multisets), the dataset's files."""

    tables: dict[str, Counter[tuple[Any, ...]]]
    parquet: dict[str, Counter[tuple[Any, ...]]]
    registered: set[str]
    on_disk: set[str]
    failed_checks: dict[str, int]
    runs: dict[str, str]

    def counts(self) -> dict[str, int]:
        return {t: sum(c.values()) for t, c in self.tables.items()}


def snapshot(warehouse: Path) -> Snapshot:
    """Open the warehouse (replaying its WAL if a run was killed) and read everything."""
    from flows.warehouse import run_checks

    root = warehouse / "parquet"
    with duckdb.connect(str(warehouse / "wirehouse.duckdb")) as con:
        tables, parquet = {}, {}
        for t in TABLES:
            tables[t] = _rows(con, f"select {', '.join(_columns(con, t))} from raw.{t}")
        for t in schemas.DATA_TABLES:
            files = sorted(str(p) for p in (root / t).rglob("*.parquet"))
            cols = ", ".join(_columns(con, t))
            parquet[t] = (
                _rows(con, f"select {cols} from read_parquet({files}, hive_partitioning = true)")
                if files
                else Counter()
            )
        registered = {r[0] for r in con.execute("select parquet_path from raw.parquet_files").fetchall()}
        failed = {k: v for k, v in run_checks(con).items() if v}
        runs = dict(con.execute("select run_id, status from raw.runs").fetchall())
    on_disk = (
        {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    )
    return Snapshot(tables, parquet, registered, on_disk, failed, runs)


def assert_same_data(got: Snapshot, want: Snapshot) -> None:
    """Identical rows in every raw table (none missing, none twice), the Parquet
    dataset equal to the tables, no orphan or missing file, every check passing."""
    for t in TABLES:
        missing, extra = want.tables[t] - got.tables[t], got.tables[t] - want.tables[t]
        assert not missing and not extra, (
            f"raw.{t}: {sum(missing.values())} rows missing, {sum(extra.values())} extra"
        )
    for t in schemas.DATA_TABLES:
        assert got.parquet[t] == got.tables[t], f"Parquet {t} differs from raw.{t}"
    assert got.on_disk == got.registered, (
        f"orphan files {got.on_disk - got.registered}, missing {got.registered - got.on_disk}"
    )
    assert not got.failed_checks, got.failed_checks

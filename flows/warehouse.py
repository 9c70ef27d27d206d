"""The single DuckDB writer: applies ``sql/``, loads batches exactly once, runs checks.

Every method runs on one connection owned by one task at a time. A batch's data
rows, manifest rows and Parquet bookkeeping commit in one transaction, so a crash
anywhere leaves either all of the batch or none of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from flows import schemas
from flows.batch import BatchRows
from flows.parquet import ParquetFile, dataset_files
from flows.sqlfiles import SqlFile, check_files, model_files
from transforms.countries import country_rows
from transforms.treaties import catalogue

STRUCTURE_LAYERS = ("05_ref", "10_raw")
DERIVED_LAYERS = ("20_staging", "30_marts", "40_analytics")


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What one batch's transaction added."""

    articles: int
    rows: dict[str, int]
    duplicates: int
    rejected: int


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, *, views: Iterable[str] = ()) -> Iterator[None]:
    """One DuckDB transaction: committed when the block ends, rolled back when it
    raises (a crash leaves all of a batch or none of it). Arrow tables registered
    under ``views`` for the block are unregistered either way."""
    con.execute("begin")
    try:
        yield
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        for view in views:
            con.unregister(view)


def connect(database: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file (creating its folder when writing)."""
    if not read_only:
        database.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(database), read_only=read_only)


def _run_files(con: duckdb.DuckDBPyConnection, sql_files: Iterable[SqlFile]) -> None:
    for f in sql_files:
        try:
            con.execute(f.sql)
        except duckdb.Error as exc:
            raise RuntimeError(f"sql/{f.layer}/{f.name}.sql failed: {exc}") from exc


def apply_structure(con: duckdb.DuckDBPyConnection) -> None:
    """Schemas, reference and raw tables (idempotent ``create ... if not exists``)."""
    _run_files(con, model_files(layers=STRUCTURE_LAYERS))


def apply_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Staging views, marts tables (rebuilt) and analytics views, in one transaction."""
    with transaction(con):
        _run_files(con, (f for f in model_files(layers=DERIVED_LAYERS) if f.layer))


def load_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Refresh ``ref.countries`` and ``ref.treaties`` from the package data."""
    countries = pa.table(  # noqa: F841 - read by name in the SQL below (DuckDB replacement scan)
        {
            k: list(v)
            for k, v in zip(
                ("country_code", "country_name", "alpha3"), zip(*country_rows(), strict=True), strict=True
            )
        }
        if country_rows()
        else {
            "country_code": pa.array([], pa.string()),
            "country_name": pa.array([], pa.string()),
            "alpha3": pa.array([], pa.string()),
        }
    )
    cat = catalogue()
    treaties = pa.table(  # noqa: F841 - read by name in the SQL below (DuckDB replacement scan)
        {
            "treaty_id": pa.array([t.treaty_id for t in cat], pa.string()),
            "treaty_name": pa.array([t.name for t in cat], pa.string()),
            "short_name": pa.array([t.short_name for t in cat], pa.string()),
            "aliases": pa.array([list(t.aliases) for t in cat], pa.list_(pa.string())),
            "year": pa.array([t.year for t in cat], pa.int32()),
            "category": pa.array([t.category for t in cat], pa.string()),
        }
    )
    with transaction(con):
        con.execute("delete from ref.countries")
        con.execute("insert into ref.countries by name select * from countries")
        con.execute("delete from ref.treaties")
        con.execute("insert into ref.treaties by name select * from treaties")


def known_paths(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """The stat fast path: inbox path → (size, mtime_ns) of files already settled."""
    t = con.sql("select path, size_bytes, mtime_ns from raw.file_paths").to_arrow_table()
    return dict(
        zip(
            t.column("path").to_pylist(),
            zip(t.column("size_bytes").to_pylist(), t.column("mtime_ns").to_pylist(), strict=True),
            strict=True,
        )
    )


def known_hashes(con: duckdb.DuckDBPyConnection, hashes: list[str]) -> set[str]:
    """Which of ``hashes`` the manifest already holds."""
    if not hashes:
        return set()
    rows = con.execute("select sha256 from raw.files where sha256 in (select unnest(?))", [hashes]).fetchall()
    return {r[0] for r in rows}


def load_batch(
    con: duckdb.DuckDBPyConnection,
    batch: BatchRows,
    *,
    parquet: dict[str, tuple[Path, int]],
    run_id: str,
    parser_version: str,
    now: dt.datetime,
) -> LoadResult:
    """Load one batch in one transaction: manifest rows, data rows, Parquet records,
    the stat fast path and rejects. ``batch`` holds only articles new to the
    manifest (the caller filtered it under the writer lock)."""
    files = batch.files
    new_files = files.filter(pc.not_equal(files.column("status"), "duplicate"))
    with transaction(
        con,
        views=(
            "batch_files",
            "batch_paths",
            "batch_rejects",
            "batch_unread",
            *(f"batch_{n}" for n in schemas.DATA_TABLES),
        ),
    ):
        con.register("batch_files", new_files)
        con.execute(
            """
            insert into raw.files
            select sha256, path, size_bytes, status, stage, reason, ?, ?, ?
            from batch_files
            on conflict do nothing
            """,
            [parser_version, run_id, now],
        )
        rows: dict[str, int] = {}
        for name in schemas.DATA_TABLES:
            table = batch.data[name]
            con.register(f"batch_{name}", table)
            con.execute(f"insert into raw.{name} by name select * from batch_{name}")
            rows[name] = table.num_rows
        for name, (path, count) in parquet.items():
            con.execute(
                "insert into raw.parquet_files by name select ? as parquet_path, ? as table_name, "
                "? as count_rows, ? as run_id, ? as batch_id",
                [path.as_posix(), name, count, run_id, path.stem],
            )
        if "articles" in parquet:
            con.execute(
                "insert into raw.article_batches select article_id, ? from batch_articles",
                [parquet["articles"][0].stem],
            )
        con.register("batch_paths", files)
        con.register("batch_unread", batch.unread)
        con.execute(
            """
            insert or replace into raw.file_paths
            select path, size_bytes, mtime_ns, sha256, ? from batch_paths
            """,
            [run_id],
        )
        rejected = files.filter(pc.equal(files.column("status"), "rejected"))
        con.register("batch_rejects", rejected)
        _clear_rejects(
            con,
            paths_sql="select path from batch_paths union all select path from batch_unread",
            keep_sql="select path, reason from batch_rejects union all select path, reason from batch_unread",
        )
        _upsert_rejects(con, "select path, sha256, stage, reason from batch_rejects", run_id)
        _upsert_rejects(con, "select path, null as sha256, stage, reason from batch_unread", run_id)
    duplicates = files.num_rows - new_files.num_rows
    return LoadResult(
        articles=rows["articles"],
        rows=rows,
        duplicates=duplicates,
        rejected=rejected.num_rows + batch.unread.num_rows,
    )


def record_refused(con: duckdb.DuckDBPyConnection, refused: list[dict[str, Any]], *, run_id: str) -> None:
    """Files refused at discovery (outside the inbox, unsupported type) as rejects."""
    if not refused:
        return
    con.register("refused", pa.Table.from_pylist(refused, schema=schemas.UNREAD))
    try:
        _upsert_rejects(con, "select path, null as sha256, stage, reason from refused", run_id)
    finally:
        con.unregister("refused")


def _clear_rejects(con: duckdb.DuckDBPyConnection, *, paths_sql: str, keep_sql: str) -> None:
    """Forget earlier refusals of paths this batch settles, except those it refuses
    again for the same reason, so ``raw.rejects`` says what is wrong with each path
    now (a file that could not be read while being written, then loaded, is no
    longer a reject). Rows kept keep their ``first_run_id``."""
    con.execute(
        f"""
        delete from raw.rejects
        where stage <> 'discover'
            and path in ({paths_sql})
            and not exists (
                select 1 from ({keep_sql}) as again
                where again.path = raw.rejects.path and again.reason = raw.rejects.reason
            )
        """
    )


def _upsert_rejects(con: duckdb.DuckDBPyConnection, select_sql: str, run_id: str) -> None:
    con.execute(
        f"""
        insert into raw.rejects by name
        select path, sha256, stage, reason, ? as first_run_id, ? as last_run_id from ({select_sql})
        on conflict (path, reason) do update set last_run_id = excluded.last_run_id, sha256 = excluded.sha256
        """,
        [run_id, run_id],
    )


def registered_parquet(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Parquet files that committed loads recorded."""
    return {r[0] for r in con.execute("select parquet_path from raw.parquet_files").fetchall()}


def run_checks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Offending row count per check (``{}`` keys with 0 pass)."""
    return {f.name: len(con.execute(f.sql).fetchall()) for f in check_files()}


def start_run(
    con: duckdb.DuckDBPyConnection, *, run_id: str, inbox: str, parser_version: str, now: dt.datetime
) -> None:
    con.execute(
        "insert into raw.runs (run_id, started_at, inbox, parser_version, status) "
        "values (?, ?, ?, ?, 'running')",
        [run_id, now, inbox, parser_version],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection, *, run_id: str, status: str, counts: dict[str, int], now: dt.datetime
) -> None:
    sets = ", ".join(f"count_files_{k} = ?" for k in counts)
    con.execute(
        f"update raw.runs set finished_at = ?, status = ?, {sets} where run_id = ?",
        [now, status, *counts.values(), run_id],
    )


def sweep_orphans(con: duckdb.DuckDBPyConnection, root: Path) -> int:
    """Delete Parquet files (and temporaries) that no committed load recorded: the
    leftovers of a run killed between writing Parquet and committing its load."""
    keep = registered_parquet(con)
    orphans = [p for p in dataset_files(root) if p.relative_to(root).as_posix() not in keep]
    for p in orphans:
        p.unlink(missing_ok=True)
    return len(orphans)


def interrupt_stale_runs(con: duckdb.DuckDBPyConnection, *, now: dt.datetime) -> int:
    """Runs still marked ``running`` when a new run holds the writer lock died
    mid-way (kill -9, power loss): mark them ``interrupted``. Their committed
    batches stay; the rest is loaded by this run."""
    rows = con.execute(
        "update raw.runs set status = 'interrupted', finished_at = ? "
        "where status = 'running' returning run_id",
        [now],
    ).fetchall()
    return len(rows)


# --- re-parsing: re-derive articles an older parser version produced ------------------


@dataclass(frozen=True, slots=True)
class Stale:
    """A manifest row from another parser version and the inbox paths that held its bytes."""

    sha256: str
    paths: list[str]


def stale_files(con: duckdb.DuckDBPyConnection, *, parser_version: str) -> list[Stale]:
    """Loaded or rejected (not unreadable) files whose rows an older parser
    derived, in path order; the article's own path first, then other paths the
    stat fast path saw with the same content."""
    rows = con.execute(
        """
        select
            files.sha256,
            coalesce(articles.path, files.path) as path,
            list(distinct paths.path order by paths.path) filter (
                where paths.path is not null
            ) as other_paths,
        from raw.files as files
        left join raw.articles as articles on articles.article_id = files.sha256
        left join raw.file_paths as paths on paths.sha256 = files.sha256
        where files.status in ('loaded', 'rejected') and files.parser_version is distinct from ?
        group by all
        order by path
        """,
        [parser_version],
    ).fetchall()
    return [Stale(sha, list(dict.fromkeys([path, *(others or [])]))) for sha, path, others in rows]


def count_stale(con: duckdb.DuckDBPyConnection, *, parser_version: str) -> int:
    """How many manifest rows an older parser version derived."""
    row = con.execute(
        "select count(*) from raw.files "
        "where status in ('loaded', 'rejected') and parser_version is distinct from ?",
        [parser_version],
    ).fetchone()
    return int(row[0]) if row else 0


def parquet_holding(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> list[ParquetFile]:
    """The Parquet files that hold rows of ``article_ids``: every file of their load
    batches (``raw.article_batches``)."""
    if not article_ids:
        return []
    rows = con.execute(
        """
        select parquet_path, table_name, count_rows, batch_id
        from raw.parquet_files
        where batch_id in (select batch_id from raw.article_batches where article_id in (select unnest(?)))
        order by parquet_path
        """,
        [article_ids],
    ).fetchall()
    return [ParquetFile(*r) for r in rows]


def backfill_lineage(con: duckdb.DuckDBPyConnection, root: Path) -> int:
    """Warehouses loaded before ``raw.article_batches`` existed: read each article's
    batch from the registered ``articles`` Parquet files (once)."""
    missing = con.execute(
        "select count(*) from raw.articles "
        "where article_id not in (select article_id from raw.article_batches)"
    ).fetchone()
    if not missing or not missing[0]:
        return 0
    files = [
        (r[0], r[1])
        for r in con.execute(
            "select parquet_path, batch_id from raw.parquet_files where table_name = 'articles'"
        ).fetchall()
    ]
    if not files:
        return 0
    with transaction(con):
        con.execute("create temp table lineage_files (parquet_path varchar, batch_id varchar)")
        con.executemany("insert into lineage_files values (?, ?)", [[str(root / p), b] for p, b in files])
        con.execute(
            """
            insert into raw.article_batches
            select distinct on (p.article_id) p.article_id, f.batch_id
            from read_parquet(?, filename = true) as p
            join lineage_files as f on f.parquet_path = p.filename
            where p.article_id in (select article_id from raw.articles)
            on conflict do nothing
            """,
            [[str(root / p) for p, _ in files]],
        )
        con.execute("drop table lineage_files")
    return int(missing[0])


def replace_batch(
    con: duckdb.DuckDBPyConnection,
    batch: BatchRows,
    *,
    written: list[ParquetFile],
    retired: list[ParquetFile],
    batch_id: str,
    run_id: str,
    parser_version: str,
) -> LoadResult:
    """Re-derive the batch's files in one transaction: their old rows leave every
    data table, the new rows (or a rejection) take their place, the manifest row
    takes the new outcome and parser version, and the Parquet records swap
    ``retired`` files for ``written`` ones (new rows, and rewrites of retired
    files without these articles); the articles' lineage moves to ``batch_id``.
    A crash before commit changes nothing; after it, the retired files are
    orphans that :func:`sweep_orphans` removes if the caller could not."""
    files = batch.files
    loaded = files.filter(pc.equal(files.column("status"), "loaded"))
    rejected = files.filter(pc.equal(files.column("status"), "rejected"))
    ids = files.column("sha256").to_pylist()
    with transaction(
        con,
        views=("batch_files", "batch_rejects", "batch_loaded", *(f"batch_{n}" for n in schemas.DATA_TABLES)),
    ):
        con.execute("create temp table reparsed as select unnest(?::varchar[]) as article_id", [ids])
        rows: dict[str, int] = {}
        for name in schemas.DATA_TABLES:
            con.execute(f"delete from raw.{name} where article_id in (select article_id from reparsed)")
            con.register(f"batch_{name}", batch.data[name])
            con.execute(f"insert into raw.{name} by name select * from batch_{name}")
            rows[name] = batch.data[name].num_rows
        con.register("batch_files", files)
        con.execute(
            """
            update raw.files set status = b.status, stage = b.stage, reason = b.reason, parser_version = ?
            from batch_files as b
            where raw.files.sha256 = b.sha256
            """,
            [parser_version],
        )
        con.execute("delete from raw.rejects where sha256 in (select article_id from reparsed)")
        con.register("batch_rejects", rejected)
        _upsert_rejects(con, "select path, sha256, stage, reason from batch_rejects", run_id)
        con.execute("delete from raw.article_batches where article_id in (select article_id from reparsed)")
        con.register("batch_loaded", loaded)
        con.execute("insert into raw.article_batches select sha256, ? from batch_loaded", [batch_id])
        con.execute(
            "delete from raw.parquet_files where parquet_path in (select unnest(?::varchar[]))",
            [[f.path for f in retired]],
        )
        for f in written:
            con.execute(
                "insert into raw.parquet_files by name select ? as parquet_path, ? as table_name, "
                "? as count_rows, ? as run_id, ? as batch_id",
                [f.path, f.table, f.count_rows, run_id, f.batch_id],
            )
        con.execute("drop table reparsed")
    return LoadResult(articles=loaded.num_rows, rows=rows, duplicates=0, rejected=rejected.num_rows)

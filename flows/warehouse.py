"""The single DuckDB writer: applies ``sql/``, loads batches exactly once, runs checks.

Every method runs on one connection owned by one task at a time. A batch's data
rows, manifest rows and Parquet bookkeeping commit in one transaction, so a crash
anywhere leaves either all of the batch or none of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from flows import schemas
from flows.batch import BatchRows, Candidate
from flows.parquet import ParquetFile, dataset_files
from flows.rows import Row
from flows.sqlfiles import LAYER_SCHEMAS, SqlFile, check_files, model_files
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


UNKEYED = ("files", "file_paths", "articles", "article_batches")
"""Raw tables that once had a primary key and now have none: DuckDB holds a key
index in memory and cannot evict it, so the four grew the flow process with the
warehouse (36 MB at 93k files) and ran a 64MB memory limit out of memory. The loads
keep each key unique by anti-joins; ``sql/checks/assert_<table>__unique.sql``
asserts it."""


def apply_structure(con: duckdb.DuckDBPyConnection) -> None:
    """Schemas, reference and raw tables (idempotent ``create ... if not exists``).
    A warehouse made when :data:`UNKEYED` tables had primary keys gets them rebuilt
    without, rows kept, in one transaction (DuckDB cannot drop a key in place)."""
    keyed = _keyed(con)
    if not keyed:
        _run_files(con, model_files(layers=STRUCTURE_LAYERS))
        return
    with transaction(con):
        for table in keyed:
            con.execute(f"alter table raw.{table} rename to {table}__keyed")
        _run_files(con, model_files(layers=STRUCTURE_LAYERS))
        for table in keyed:
            con.execute(f"insert into raw.{table} by name select * from raw.{table}__keyed")
            con.execute(f"drop table raw.{table}__keyed")


def _keyed(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        """
        select distinct table_name from duckdb_constraints()
        where schema_name = 'raw' and constraint_type = 'PRIMARY KEY'
            and table_name in (select unnest(?::varchar[]))
        order by table_name
        """,
        [list(UNKEYED)],
    ).fetchall()
    return [r[0] for r in rows]


def apply_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Staging views, marts tables (rebuilt) and analytics views, in one transaction."""
    with transaction(con):
        _run_files(con, (f for f in model_files(layers=DERIVED_LAYERS) if f.layer))


@cache
def _reference_tables() -> tuple[pa.Table, pa.Table]:
    """``ref.countries`` and ``ref.treaties`` as the package data defines them (built
    once per process: a run compares them and fingerprints them)."""
    countries = pa.table(
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
    treaties = pa.table(
        {
            "treaty_id": pa.array([t.treaty_id for t in cat], pa.string()),
            "treaty_name": pa.array([t.name for t in cat], pa.string()),
            "short_name": pa.array([t.short_name for t in cat], pa.string()),
            "aliases": pa.array([list(t.aliases) for t in cat], pa.list_(pa.string())),
            "year": pa.array([t.year for t in cat], pa.int32()),
            "category": pa.array([t.category for t in cat], pa.string()),
        }
    )
    return countries, treaties


def load_reference(con: duckdb.DuckDBPyConnection) -> bool:
    """Make ``ref.countries`` and ``ref.treaties`` equal the package data; returns
    whether they changed. Compared first and rewritten only when they differ: a
    run over an unchanged warehouse then writes nothing here (rewriting both
    tables cost every run a transaction). A change reaches the marts through
    :func:`definition_sha256`, which covers the same data."""
    countries, treaties = _reference_tables()
    with transaction(con, views=("package_countries", "package_treaties")):
        con.register("package_countries", countries)
        con.register("package_treaties", treaties)
        same = all(
            _same_rows(con, f"ref.{name}", f"package_{name}", columns)
            for name, columns in (("countries", countries.column_names), ("treaties", treaties.column_names))
        )
        if not same:
            con.execute("delete from ref.countries")
            con.execute("insert into ref.countries by name select * from package_countries")
            con.execute("delete from ref.treaties")
            con.execute("insert into ref.treaties by name select * from package_treaties")
    return not same


def _same_rows(con: duckdb.DuckDBPyConnection, table: str, other: str, columns: Sequence[str]) -> bool:
    cols = ", ".join(columns)
    row = con.execute(
        f"""
        select
            (select count(*) from {table}) = (select count(*) from {other})
            and not exists (select {cols} from {table} except all select {cols} from {other})
        """
    ).fetchone()
    return bool(row and row[0])


# --- skipping the rebuild when nothing changed ---------------------------------------------


def record_change(con: duckdb.DuckDBPyConnection, *, run_id: str, kind: str) -> None:
    """Note, inside the caller's transaction, that this run changed rows the derived
    layers or the checks read (``raw.changes``, one row per run, kept from its
    first change): committed with them or not at all."""
    con.execute(
        "insert into raw.changes (run_id, first_change) values (?, ?) on conflict do nothing", [run_id, kind]
    )


def definition_sha256() -> str:
    """What the derived layers and the checks are made of besides the raw rows: the
    SQL of the derived layers and of the checks, and the package reference data.
    A new version of any of them must rebuild the marts even when no row changed."""
    digest = hashlib.sha256()
    for f in (*model_files(layers=DERIVED_LAYERS), *check_files()):
        digest.update(f"{f.layer}/{f.name}\0{f.sql}\0".encode())
    for table in _reference_tables():
        digest.update(repr(table.to_pydict()).encode())
    return digest.hexdigest()


def current_build(con: duckdb.DuckDBPyConnection, *, definition: str) -> str | None:
    """The run whose rebuild of the derived layers still holds, or ``None`` when they
    must be rebuilt: the newest ``raw.builds`` row has this ``definition``, passed
    every check, covered every ``raw.changes`` row, and each derived object exists."""
    row = con.execute(
        """
        select run_id, definition_sha256, count_changes, count_checks_failed
        from raw.builds
        order by built_at desc
        limit 1
        """
    ).fetchone()
    if not row or row[1] != definition or row[3]:
        return None
    changes = con.execute("select count(*) from raw.changes").fetchone()
    if not changes or changes[0] != row[2]:
        return None
    return str(row[0]) if _derived_objects_present(con) else None


def _derived_objects_present(con: duckdb.DuckDBPyConnection) -> bool:
    """Every staging, marts and analytics object of ``sql/`` exists (nobody dropped one)."""
    schemas_ = [LAYER_SCHEMAS[layer] for layer in DERIVED_LAYERS]
    present = {
        f"{schema}.{name}"
        for schema, name in con.execute(
            """
            select schema_name, table_name from duckdb_tables() where schema_name in (select unnest(?))
            union all
            select schema_name, view_name from duckdb_views() where schema_name in (select unnest(?))
            """,
            [schemas_, schemas_],
        ).fetchall()
    }
    return all(f.qualified_name in present for f in model_files(layers=DERIVED_LAYERS) if f.layer)


def record_build(
    con: duckdb.DuckDBPyConnection, *, run_id: str, definition: str, checks_failed: int, now: dt.datetime
) -> None:
    """After a rebuild and its checks: what it covered (see :func:`current_build`)."""
    con.execute(
        "insert into raw.builds select ?, ?, ?, count(*), ? from raw.changes",
        [run_id, now, definition, checks_failed],
    )


def unsettled(con: duckdb.DuckDBPyConnection, candidates: list[Candidate]) -> list[Candidate]:
    """The stat fast path: the candidates whose inbox path is not in ``raw.file_paths``
    with the same size and mtime, in their order. Compared in DuckDB from three Arrow
    columns: a Python dictionary of every known path cost about 30 MB and 0.1-0.4 s
    per 100k files on every run."""
    if not candidates:
        return []
    scanned = pa.table(  # noqa: F841 - read by name in the SQL below (DuckDB replacement scan)
        {
            "candidate": pa.array(range(len(candidates)), pa.int64()),
            "path": pa.array([c.rel for c in candidates], pa.string()),
            "size_bytes": pa.array([c.size for c in candidates], pa.int64()),
            "mtime_ns": pa.array([c.mtime_ns for c in candidates], pa.int64()),
        }
    )
    rows = con.execute(
        """
        select scanned.candidate
        from scanned
        left join raw.file_paths as known on known.path = scanned.path
        where known.path is null
            or known.size_bytes is distinct from scanned.size_bytes
            or known.mtime_ns is distinct from scanned.mtime_ns
        order by scanned.candidate
        """
    ).fetchall()
    return [candidates[r[0]] for r in rows]


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
            where not exists (select 1 from raw.files as known where known.sha256 = batch_files.sha256)
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
        con.execute("delete from raw.file_paths where path in (select path from batch_paths)")
        con.execute(
            "insert into raw.file_paths select path, size_bytes, mtime_ns, sha256, ? from batch_paths",
            [run_id],
        )
        rejected = files.filter(pc.equal(files.column("status"), "rejected"))
        con.register("batch_rejects", rejected)
        _clear_rejects(
            con,
            paths_sql="select path from batch_paths union all select path from batch_unread",
            keep_sql="select path, reason from batch_rejects union all select path, reason from batch_unread",
        )
        if rejected.num_rows:  # an upsert with nothing to upsert still cost ~10 ms a batch
            _upsert_rejects(con, "select path, sha256, stage, reason from batch_rejects", run_id)
        if batch.unread.num_rows:
            _upsert_rejects(con, "select path, null as sha256, stage, reason from batch_unread", run_id)
        if new_files.num_rows or any(t.num_rows for t in batch.data.values()):
            record_change(con, run_id=run_id, kind="load")
    duplicates = files.num_rows - new_files.num_rows
    return LoadResult(
        articles=rows["articles"],
        rows=rows,
        duplicates=duplicates,
        rejected=rejected.num_rows + batch.unread.num_rows,
    )


def record_refused(
    con: duckdb.DuckDBPyConnection, refused: list[Row], *, run_id: str, settled: Sequence[str] = ()
) -> list[Row]:
    """Record files refused at discovery (outside the inbox, a named pipe, an
    unsupported type) once, and return those that are news: a path not refused
    before, refused now for another reason, or changed since (another ``lstat``
    size or mtime). A refusal already on record for the same path, reason and
    signature is left as it is and not returned, so a re-run over an unchanged
    inbox does not count it as rejected again. A path refused anew loses its
    earlier discovery refusals for other reasons; so does each ``settled`` path
    (now a regular article file, about to be read)."""
    if not refused and not settled:
        return []
    table = pa.Table.from_pylist(refused, schema=schemas.REFUSED)
    fresh = pa.table({"path": pa.array(list(settled), pa.string())})
    with transaction(con, views=("refused", "settled")):
        con.register("refused", table)
        con.register("settled", fresh)
        new = con.execute(
            """
            select path, stage, reason, size_bytes, mtime_ns
            from refused
            where not exists (
                select 1 from raw.rejects as known
                where known.stage = 'discover'
                    and known.path = refused.path
                    and known.reason = refused.reason
                    and known.size_bytes is not distinct from refused.size_bytes
                    and known.mtime_ns is not distinct from refused.mtime_ns
            )
            order by path
            """
        ).fetchall()
        rows = [dict(zip(schemas.REFUSED.names, r, strict=True)) for r in new]
        con.execute(
            """
            delete from raw.rejects
            where stage = 'discover'
                and (
                    path in (select path from settled)
                    or exists (
                        select 1 from refused
                        where refused.path = raw.rejects.path and refused.reason <> raw.rejects.reason
                    )
                )
            """
        )
        if rows:
            con.execute(
                """
                insert into raw.rejects by name
                select path, null as sha256, stage, reason, size_bytes, mtime_ns,
                    ? as first_run_id, ? as last_run_id
                from refused
                where path in (select unnest(?))
                on conflict (path, reason) do update set
                    last_run_id = excluded.last_run_id,
                    size_bytes = excluded.size_bytes,
                    mtime_ns = excluded.mtime_ns
                """,
                [run_id, run_id, [r["path"] for r in rows]],
            )
    return rows


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


def backfill_lineage(con: duckdb.DuckDBPyConnection, root: Path, *, run_id: str) -> int:
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
                and p.article_id not in (select article_id from raw.article_batches)
            """,
            [[str(root / p) for p, _ in files]],
        )
        con.execute("drop table lineage_files")
        record_change(con, run_id=run_id, kind="lineage")
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
        record_change(con, run_id=run_id, kind="reparse")
    return LoadResult(articles=loaded.num_rows, rows=rows, duplicates=0, rejected=rejected.num_rows)

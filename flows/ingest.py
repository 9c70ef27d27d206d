"""The ``ingest_articles`` flow: inbox → parse+extract → Parquet → DuckDB → views → checks.

The flow body is calls and control flow; the work sits in plain functions
(:mod:`flows.batch`, :mod:`flows.warehouse`) behind thin tasks. Retries are on
IO tasks only (reading the inbox, writing Parquet, opening and loading the
warehouse); parsing is deterministic and never retried.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from concurrent.futures import Executor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.compute as pc
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.cache_policies import NONE
from prefect.client.schemas.objects import State
from prefect.tasks import exponential_backoff

from flows import warehouse as wh
from flows.batch import BatchRows, Candidate, only, without_known
from flows.distributed import (
    StoredBatch,
    cluster_pool,
    dataset_root,
    keep_new,
    on_cluster,
    parse_and_store_all,
)
from flows.inbox import locate, scan_inbox
from flows.lock import warehouse_lock
from flows.parquet import ParquetFile, batch_id, parquet_path, remove, write_atomic, write_without
from flows.parsing import chunks, parse_all, parser_pool
from flows.report import save_run_report
from flows.rows import Row
from flows.settings import Settings, load_settings
from flows.summary import RunSummary
from transforms import PARSER_VERSION


def _is_transient(task: Any, task_run: Any, state: State[Any]) -> bool:
    """Retry what a second try can fix: file-system errors and a DuckDB file held by
    another process (``Could not set lock on file``). A bug fails at once."""
    try:
        state.result()
    except (OSError, duckdb.IOException):
        return True
    except Exception:
        return False
    return False


IO_RETRIES: dict[str, Any] = {
    "retries": 3,
    "retry_delay_seconds": exponential_backoff(backoff_factor=2),
    "retry_condition_fn": _is_transient,
    "cache_policy": NONE,
}
FLOW_TIMEOUT_SECONDS = 12 * 3600
"""A hung run (say, a stalled network inbox) must not hold the deployment's only
concurrency slot forever; a backfill that needs longer can raise it per deployment."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class Discovery:
    """What discovery leaves the run: the files to read (new, or changed since the
    stat fast path saw them), the refusals, and how many article files it saw."""

    todo: list[Candidate]
    refused: list[Row]
    seen_candidates: int


@task(name="discover", **IO_RETRIES)
def discover(con: duckdb.DuckDBPyConnection, inbox: Path) -> Discovery:
    """Walk the inbox (read-only) and keep the files the stat fast path has not seen
    settled. One task, so the whole scan (a Python object per inbox file) is gone
    when it returns: Prefect keeps a task's result for the rest of the flow run, and
    holding every candidate through the run grew the flow process with the inbox
    (about 30 MB per 100k files, and as much again for the old path dictionary)."""
    scan = scan_inbox(inbox)
    return Discovery(wh.unsettled(con, scan.candidates), scan.refused, len(scan.candidates))


@task(name="open-warehouse", **IO_RETRIES)
def open_warehouse(settings: Settings, *, run_id: str, now: dt.datetime) -> duckdb.DuckDBPyConnection:
    """Connect, create missing tables, refresh reference data, sweep orphan Parquet."""
    con = wh.connect(settings.database)
    try:
        con.execute("set memory_limit = ?", [settings.duckdb_memory_limit])
        con.execute("set checkpoint_threshold = ?", [settings.duckdb_checkpoint_threshold])
        _prepare(con, settings, run_id=run_id, now=now)
    except BaseException:
        con.close()  # a retry opens a fresh connection; never leave this one holding the file
        raise
    return con


def _prepare(con: duckdb.DuckDBPyConnection, settings: Settings, *, run_id: str, now: dt.datetime) -> None:
    wh.apply_structure(con)
    wh.load_reference(con)
    logger = get_run_logger()
    interrupted = wh.interrupt_stale_runs(con, now=now)
    if interrupted:
        logger.warning("%d earlier run(s) were killed mid-way; their committed batches stay", interrupted)
    swept = wh.sweep_orphans(con, settings.parquet)
    if swept:
        logger.warning("removed %d orphan Parquet file(s) left by an interrupted run", swept)
    wh.backfill_lineage(con, settings.parquet, run_id=run_id)
    wh.start_run(
        con, run_id=run_id, inbox=str(settings.inbox.resolve()), parser_version=PARSER_VERSION, now=now
    )


@task(name="write-parquet", **IO_RETRIES)
def write_parquet(
    batch: BatchRows, *, root: Path, run_id: str, number: int, day: dt.date
) -> dict[str, tuple[Path, int]]:
    """One Parquet file per non-empty table of the batch; paths relative to ``root``."""
    out: dict[str, tuple[Path, int]] = {}
    for name, table in batch.data.items():
        if table.num_rows:
            path = parquet_path(root, table=name, ingest_date=day, run_id=run_id, batch=number)
            out[name] = (write_atomic(table, path).relative_to(root), table.num_rows)
    return out


@task(name="load-batch", **IO_RETRIES)
def load_batch(
    con: duckdb.DuckDBPyConnection,
    batch: BatchRows,
    *,
    parquet: dict[str, tuple[Path, int]],
    run_id: str,
    now: dt.datetime,
) -> wh.LoadResult:
    """Load one batch and its manifest rows in one transaction."""
    return wh.load_batch(con, batch, parquet=parquet, run_id=run_id, parser_version=PARSER_VERSION, now=now)


@dataclass(frozen=True, slots=True)
class Stored:
    """What :func:`store_batch` did: the load's counts, the rows it kept, and its
    seconds in the ``parquet`` and ``load`` stages of the run summary."""

    result: wh.LoadResult
    rows: BatchRows
    parquet_seconds: float
    load_seconds: float


@task(name="store-batch", **IO_RETRIES)
def store_batch(
    con: duckdb.DuckDBPyConnection,
    parsed: BatchRows | StoredBatch,
    *,
    parquet_root: Path,
    dataset: str,
    run_id: str,
    number: int,
    day: dt.date,
) -> Stored:
    """Drop what the manifest already holds, write the Parquet files and load the
    batch in one transaction: one task per batch.

    One task rather than write-parquet then load-batch: each Prefect task run
    costs the flow process about 4 ms and the API server about 13 ms of CPU
    (measured on a trivial task), the same order as a batch's own load. A retry
    re-reads the manifest first, so it never loads an article twice: the Parquet
    paths are fixed per batch and rewritten, and the load is one transaction."""
    t0 = time.perf_counter()
    rows = parsed.rows if isinstance(parsed, StoredBatch) else parsed
    known = wh.known_hashes(con, rows.files.column("sha256").to_pylist())
    if isinstance(parsed, StoredBatch):
        rows, stored = keep_new(parsed, known, root=dataset)
    else:
        rows = without_known(rows, known)
        stored = write_parquet.fn(rows, root=parquet_root, run_id=run_id, number=number, day=day)
    t1 = time.perf_counter()
    result = wh.load_batch(
        con, rows, parquet=stored, run_id=run_id, parser_version=PARSER_VERSION, now=_now()
    )
    return Stored(result, rows, t1 - t0, time.perf_counter() - t1)


@task(name="write-reparsed", **IO_RETRIES)
def write_reparsed(
    batch: BatchRows, *, retired: list[ParquetFile], root: Path, run_id: str, number: int, day: dt.date
) -> list[ParquetFile]:
    """The re-derived rows' files, and a rewrite of each retired file without the
    re-derived articles (its other rows stay), all under new names."""
    lineage = batch_id(run_id, number)
    written = [
        ParquetFile(rel.as_posix(), name, count, lineage)
        for name, (rel, count) in write_parquet.fn(
            batch, root=root, run_id=run_id, number=number, day=day
        ).items()
    ]
    ids = set(batch.files.column("sha256").to_pylist())
    rewrites = (write_without(root, old, article_ids=ids, run_id=run_id, batch=number) for old in retired)
    return written + [f for f in rewrites if f is not None]


@task(name="replace-batch", **IO_RETRIES)
def replace_batch(
    con: duckdb.DuckDBPyConnection,
    batch: BatchRows,
    *,
    written: list[ParquetFile],
    retired: list[ParquetFile],
    batch_id: str,
    run_id: str,
) -> wh.LoadResult:
    """Swap the re-derived articles' rows and Parquet records in one transaction."""
    return wh.replace_batch(
        con,
        batch,
        written=written,
        retired=retired,
        batch_id=batch_id,
        run_id=run_id,
        parser_version=PARSER_VERSION,
    )


@task(name="checkpoint", **IO_RETRIES)
def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Write the run's loaded batches from DuckDB's write-ahead log into the database
    file: once per run, not every few batches (see ``duckdb_checkpoint_threshold``)."""
    con.execute("checkpoint")


@task(name="current-build", cache_policy=NONE)
def current_build(con: duckdb.DuckDBPyConnection, *, definition: str) -> str | None:
    """The earlier run whose views, marts and passing checks still hold because no
    row they read, no SQL and no reference data changed since; ``None`` to rebuild.
    Rebuilding the marts and re-running the checks was most of a no-op run (about
    3 s at 100k articles) for the same result."""
    return wh.current_build(con, definition=definition)


@task(name="refresh-views", cache_policy=NONE)
def refresh_views(con: duckdb.DuckDBPyConnection, *, memory_limit: str) -> None:
    """Rebuild staging views, marts tables and analytics views, under the larger
    memory limit the parser processes have left room for (it holds for the checks
    and the report too)."""
    con.execute("set memory_limit = ?", [memory_limit])
    wh.apply_derived(con)


@task(name="run-checks", cache_policy=NONE)
def run_checks(
    con: duckdb.DuckDBPyConnection, *, run_id: str, definition: str, now: dt.datetime
) -> dict[str, int]:
    """``sql/checks``: offending rows per check; the rebuild they checked is recorded
    (``raw.builds``), so a later run that changes nothing can skip both."""
    failed = wh.run_checks(con)
    wh.record_build(
        con, run_id=run_id, definition=definition, checks_failed=sum(1 for v in failed.values() if v), now=now
    )
    return failed


@task(name="save-report", **IO_RETRIES)
def save_report(con: duckdb.DuckDBPyConnection, *, warehouse: Path, run_id: str) -> Path:
    """This run's self-contained HTML report (charts and summaries) under the warehouse."""
    return save_run_report(con, warehouse=warehouse, run_id=run_id)


@flow(
    name="ingest_articles",
    description="Load new article files from the inbox into the DuckDB warehouse.",
    timeout_seconds=FLOW_TIMEOUT_SECONDS,
)
def ingest_articles(
    inbox: str | None = None,
    warehouse: str | None = None,
    batch_size: int | None = None,
    workers: int | None = None,
    max_bytes: int | None = None,
    reparse: bool = False,
    dask_address: str | None = None,
) -> dict[str, Any]:
    """One ingest run. Parameters left out come from ``WIREHOUSE_*`` settings.

    Returns the run summary (files seen, unchanged, new, duplicate, rejected,
    already rejected; rows loaded per table; seconds per stage; failed checks; the
    first rejected files; the run whose build a run that changed nothing kept),
    :class:`flows.summary.RunSummary` as a dict."""
    settings = load_settings(
        inbox=inbox,
        warehouse=warehouse,
        batch_size=batch_size,
        workers=workers,
        max_bytes=max_bytes,
        dask_address=dask_address,
    )
    logger = get_run_logger()
    run_id = f"{_now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    summary = RunSummary(run_id=run_id, warehouse=str(settings.warehouse), inbox=str(settings.inbox))
    started = _now()
    with warehouse_lock(settings.warehouse, timeout=settings.lock_timeout, on_wait=logger.warning):
        with _stage(summary, "open"):
            con = open_warehouse(settings, run_id=run_id, now=started)
        try:
            with _stage(summary, "discover"):
                found = discover(con, settings.inbox)
                todo = found.todo
                refused = wh.record_refused(con, found.refused, run_id=run_id, settled=[c.rel for c in todo])
            summary.add_discovery(
                candidates=found.seen_candidates,
                refused=len(found.refused),
                to_read=len(todo),
                new_refusals=refused,
            )
            logger.info(
                "discovered %d files: %d unchanged, %d to read", summary.seen, summary.unchanged, len(todo)
            )
            batches = _ingest(con, todo, settings=settings, summary=summary, started=started)
            if reparse:  # re-derived batches are numbered after the new files' batches
                _reparse(con, settings=settings, summary=summary, started=started, first_batch=batches)
            summary.stale = wh.count_stale(con, parser_version=PARSER_VERSION)
            if summary.stale and not reparse:
                logger.warning(
                    "%d file(s) hold rows of an older parser version: run with --reparse", summary.stale
                )
            failed = _derive(con, settings=settings, summary=summary)
            wh.finish_run(
                con,
                run_id=run_id,
                status="failed" if failed else "completed",
                counts=summary.file_counts(),
                now=_now(),
            )
        finally:
            con.close()
    create_markdown_artifact(
        key="wirehouse-run-summary", markdown=summary.markdown(), description=summary.one_line()
    )
    if summary.report and not summary.views_kept_from:  # else the last link still holds
        create_link_artifact(
            key="wirehouse-report",
            link=Path(summary.report).resolve().as_uri(),
            link_text=f"wirehouse report, run {run_id}",
        )
    logger.info("%s", summary.one_line())
    if failed:
        raise RuntimeError(f"warehouse checks failed (offending rows per check): {failed}")
    return summary.as_dict()


def _derive(con: duckdb.DuckDBPyConnection, *, settings: Settings, summary: RunSummary) -> dict[str, int]:
    """Rebuild the views and marts, run the checks and draw the report, unless an
    earlier run's still hold (nothing they are made of changed): then keep them and
    point at its report. Returns the failed checks."""
    logger = get_run_logger()
    definition = wh.definition_sha256()
    summary.views_kept_from = current_build(con, definition=definition)
    latest = _latest_report(settings.warehouse)
    if summary.views_kept_from and latest.is_file():
        logger.info(
            "nothing changed since run %s: its views, marts and passing checks stand", summary.views_kept_from
        )
        summary.report = str(latest)
        return {}
    summary.views_kept_from = None  # the report is missing: rebuild, check and draw it all again
    with _stage(summary, "views"):
        refresh_views(con, memory_limit=settings.duckdb_derive_memory_limit)
    with _stage(summary, "checks"):
        summary.checks_failed = run_checks(con, run_id=summary.run_id, definition=definition, now=_now())
    failed = {k: v for k, v in summary.checks_failed.items() if v}
    logger.info(
        "views rebuilt; checks: %d passed, %d failed%s",
        len(summary.checks_failed) - len(failed),
        len(failed),
        f" {failed}" if failed else "",
    )
    with _stage(summary, "report"):
        summary.report = str(save_report(con, warehouse=settings.warehouse, run_id=summary.run_id))
    return failed


def _ingest(
    con: duckdb.DuckDBPyConnection,
    todo: list[Candidate],
    *,
    settings: Settings,
    summary: RunSummary,
    started: dt.datetime,
) -> int:
    """Parse batches on the process pool and store each as it arrives; returns the
    number of batches. Empties ``todo``: a candidate is dropped once its batch is
    parsed (:func:`flows.parsing.in_order`)."""
    logger = get_run_logger()
    cluster, root = on_cluster(settings.dask_address), dataset_root(settings)
    # on a cluster its scheduler spreads full batches; locally, no parser process idles
    batches = chunks(todo, settings.batch_size if cluster else _batch_size(len(todo), settings))
    todo.clear()  # the batches hold the candidates now, and let each go once parsed
    workers = min(settings.worker_count, max(1, len(batches)))
    t0 = time.perf_counter()
    io_seconds = 0.0
    with _parse_pool(settings, workers) as pool:
        results = (partial(parse_and_store_all, root=root, day=started.date()) if cluster else parse_all)(
            pool, batches, **_stream_options(settings, summary, started, workers=workers)
        )
        for number, parsed in results:
            t_io = time.perf_counter()
            done = store_batch(
                con,
                parsed,
                parquet_root=settings.parquet,
                dataset=root,
                run_id=summary.run_id,
                number=number,
                day=started.date(),
            )
            io_seconds += time.perf_counter() - t_io
            summary.add_seconds("parquet", done.parquet_seconds)
            summary.add_seconds("load", done.load_seconds)
            result = done.result
            summary.new += result.articles
            summary.duplicate += result.duplicates
            summary.rejected += result.rejected
            summary.add_rows(result.rows)
            summary.add_rejects(_rejects(done.rows, limit=summary.rejects_room))
            del parsed, done  # the batch's tables go now, not when the next one replaces them
            logger.info(  # one line per batch: each is a log record the API server stores
                "batch %d/%d: %d articles loaded, %d duplicate, %d rejected; rows %s",
                number + 1,
                len(batches),
                result.articles,
                result.duplicates,
                result.rejected,
                result.rows,
            )
    summary.add_seconds("parse", time.perf_counter() - t0 - io_seconds)
    if batches:
        with _stage(summary, "load"):
            checkpoint(con)
    return len(batches)


def _reparse(
    con: duckdb.DuckDBPyConnection,
    *,
    settings: Settings,
    summary: RunSummary,
    started: dt.datetime,
    first_batch: int,
) -> None:
    """Re-derive files an older parser version produced, from their inbox bytes,
    one batch per transaction. A file whose bytes are gone or changed keeps its
    old rows (and counts as ``stale``)."""
    stale = wh.stale_files(con, parser_version=PARSER_VERSION)
    if not stale:
        return
    candidates, _missing = locate(settings.inbox, [s.paths for s in stale])
    wanted = {s.sha256 for s in stale}
    batches = chunks(candidates, settings.batch_size)
    workers = min(settings.worker_count, max(1, len(batches)))
    with _stage(summary, "reparse"), _parse_pool(settings, workers) as pool:
        options = _stream_options(settings, summary, started, workers=workers)
        options["window"] = max(options["window"], 2 * getattr(pool, "threads", 0))  # a cluster's threads
        results = parse_all(pool, batches, **options)
        for n, parsed in results:
            number = first_batch + n
            rows = only(parsed, wanted)
            retired = wh.parquet_holding(con, rows.files.column("sha256").to_pylist())
            written = write_reparsed(
                rows,
                retired=retired,
                root=settings.parquet,
                run_id=summary.run_id,
                number=number,
                day=started.date(),
            )
            result = replace_batch(
                con,
                rows,
                written=written,
                retired=retired,
                batch_id=batch_id(summary.run_id, number),
                run_id=summary.run_id,
            )
            remove(settings.parquet, retired)
            summary.reparsed += result.articles + result.rejected
            get_run_logger().info(
                "re-derived batch %d/%d: %d articles, %d rejected",
                n + 1,
                len(batches),
                result.articles,
                result.rejected,
            )


def _parse_pool(settings: Settings, workers: int) -> AbstractContextManager[Executor]:
    """Where batches are parsed, for new files and re-derived ones alike: the Dask
    cluster when an address is set or the flow runs under a ``DaskTaskRunner``,
    else ``workers`` local processes. (``--reparse`` used the local pool even on a
    cluster.) Re-derived batches come back to the flow as rows either way: it
    rewrites their Parquet files itself."""
    return cluster_pool(settings.dask_address) if on_cluster(settings.dask_address) else parser_pool(workers)


def _stream_options(
    settings: Settings, summary: RunSummary, started: dt.datetime, *, workers: int
) -> dict[str, Any]:
    """What a parse stream needs besides its pool and batches (new files and
    re-derived ones alike): two batches in flight per worker, this run's lineage."""
    return {
        "window": 2 * workers,
        "run_id": summary.run_id,
        "parser_version": PARSER_VERSION,
        "max_bytes": settings.max_bytes,
        "ingested_at": started,
    }


def _batch_size(files: int, settings: Settings) -> int:
    """Batches as large as the setting allows, but never so large that a worker idles:
    a small inbox is split evenly across the parser processes."""
    per_worker = -(-files // settings.worker_count) if files else 1
    return max(1, min(settings.batch_size, per_worker))


def _rejects(rows: BatchRows, *, limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` of the batch's rejected and unread files for the run summary;
    only those rows are converted to Python (converting the whole manifest table
    cost a dict per file, and a run rejecting a whole inbox would hold them all)."""
    if limit <= 0:
        return []
    files = rows.files
    rejected = files.filter(pc.equal(files.column("status"), "rejected")).select(["path", "stage", "reason"])
    out: list[dict[str, Any]] = rejected.slice(0, limit).to_pylist()
    unread: list[dict[str, Any]] = rows.unread.select(["path", "stage", "reason"]).slice(0, limit).to_pylist()
    return (out + unread)[:limit]


def _latest_report(warehouse: Path) -> Path:
    """The newest run's report (:func:`flows.report.save_run_report` keeps it): a run
    that rebuilt nothing points at it instead of drawing the same charts again."""
    return warehouse / "reports" / "latest.html"


class _stage:
    """Adds the wall time of a block to a summary stage."""

    def __init__(self, summary: RunSummary, name: str) -> None:
        self.summary, self.name = summary, name

    def __enter__(self) -> None:
        self.t0 = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.summary.add_seconds(self.name, time.perf_counter() - self.t0)

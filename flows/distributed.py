"""Parse batches on a ``dask.distributed`` cluster; the workers write the Parquet.

The flow stays as it is and only the executor changes: on a cluster, each batch
is one plain function call (:func:`parse_and_write_batch`) submitted through the
Dask client, not a Prefect task. Two measured reasons (see NOTES): Prefect
serialises its settings on every Dask task submit (125-370 ms each here), and a
Dask worker that runs Prefect tasks needs a running Prefect server or starts its
own. Plain functions need neither, so the workers only need this package
installed (same version: :func:`cluster_pool` checks) and the inbox and the
Parquet root reachable under the same names.

The client comes from one of two places:

- ``WIREHOUSE_DASK_ADDRESS`` / ``dask_address``: a client to that scheduler,
  opened and closed around the parse stage;
- a flow run under prefect-dask's ``DaskTaskRunner`` (for example
  ``ingest_articles.with_options(task_runner=DaskTaskRunner(cluster_class=...))``):
  the runner's own client, so prefect-dask manages a temporary or adaptive
  cluster's life. Its client sends plain functions straight to Dask.

Either way the single DuckDB writer stays in the flow process. Workers write
each batch's tables to the shared root (atomic temp+rename on a local or
network file system, a plain put on an object store, where a put is atomic);
the flow then drops articles the manifest already holds (:func:`keep_new`) and
rewrites or removes the files that held them, so the Parquet dataset keeps
exactly the rows the load transaction records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from flows.batch import BatchRows, Candidate, parse_batch, without_known
from flows.parquet import parquet_path, write_atomic
from flows.parsing import in_order
from transforms.errors import WirehouseError

if TYPE_CHECKING:
    import distributed

    from flows.settings import Settings

#: table name → (path relative to the dataset root, row count): what ``load_batch`` records.
ParquetFiles = dict[str, tuple[Path, int]]

#: Dask re-runs a batch whose worker died or whose Parquet put failed; parsing is
#: deterministic and the files are rewritten under the same names, so this is safe.
BATCH_RETRIES = 2


class ClusterUnavailable(WirehouseError):
    """The Dask scheduler cannot be reached, has no workers, or its workers run other code."""


@dataclass(frozen=True, slots=True)
class StoredBatch:
    """A parsed batch and the Parquet files a worker wrote for it."""

    rows: BatchRows
    parquet: ParquetFiles


# --- the shared Parquet root: a local folder or any fsspec URL -----------------------


def is_url(root: str) -> bool:
    """``s3://...``, ``gs://...``, ``memory://...`` (not a plain or ``file://`` path)."""
    return "://" in root and not root.startswith("file://")


def dataset_root(settings: Settings) -> str:
    """Where workers write: the URL as given, or the local folder made absolute,
    because a worker's working directory is not the flow's."""
    if settings.parquet_root and is_url(settings.parquet_root):
        return settings.parquet_root
    return str(settings.parquet.resolve())


def write_table(table: pa.Table, root: str, rel: Path) -> None:
    """Write one table under ``root``: atomically on a file system, one put on a store."""
    if not is_url(root):
        write_atomic(table, Path(root.removeprefix("file://")) / rel)
        return
    import fsspec

    fs, base = fsspec.core.url_to_fs(root)
    path = f"{base.rstrip('/')}/{rel.as_posix()}"
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    with fs.open(path, "wb") as fh:
        pq.write_table(table.drop_columns(["ingest_date"]), fh, compression="zstd")


def remove_files(root: str, rels: Sequence[Path]) -> None:
    """Delete dataset files (missing ones are fine: a retried batch may not have written them)."""
    if not is_url(root):
        for rel in rels:
            (Path(root.removeprefix("file://")) / rel).unlink(missing_ok=True)
        return
    import fsspec

    fs, base = fsspec.core.url_to_fs(root)
    for rel in rels:
        path = f"{base.rstrip('/')}/{rel.as_posix()}"
        if fs.exists(path):
            fs.rm(path)


def write_batch(rows: BatchRows, *, root: str, run_id: str, number: int, day: dt.date) -> ParquetFiles:
    """One file per non-empty table, named as the local writer names them."""
    out: ParquetFiles = {}
    for name, table in rows.data.items():
        if table.num_rows:
            rel = parquet_path(Path(), table=name, ingest_date=day, run_id=run_id, batch=number)
            write_table(table, root, rel)
            out[name] = (rel, table.num_rows)
    return out


# --- on the worker ----------------------------------------------------------------


def parse_and_write_batch(
    candidates: Sequence[Candidate],
    *,
    number: int,
    root: str,
    day: dt.date,
    run_id: str,
    parser_version: str,
    max_bytes: int,
    ingested_at: dt.datetime,
) -> StoredBatch:
    """Runs on a Dask worker: parse one batch and write its tables to the shared root.
    The rows still travel back, because the single writer loads them (and the
    manifest) in one transaction."""
    rows = parse_batch(
        candidates, run_id=run_id, parser_version=parser_version, max_bytes=max_bytes, ingested_at=ingested_at
    )
    return StoredBatch(rows=rows, parquet=write_batch(rows, root=root, run_id=run_id, number=number, day=day))


def _worker_parser_version() -> str:
    from transforms import PARSER_VERSION

    return PARSER_VERSION


# --- in the flow process ----------------------------------------------------------


def keep_new(batch: StoredBatch, known: set[str], *, root: str) -> tuple[BatchRows, ParquetFiles]:
    """The batch without articles the manifest already holds, and Parquet files
    holding exactly the rows left. Workers wrote before the flow could check the
    manifest, so a table that lost rows is rewritten here under the worker's
    file name (or deleted when nothing is left); a crash in between leaves a
    file no load recorded, which the next run sweeps as an orphan."""
    rows = without_known(batch.rows, known)
    stored: ParquetFiles = {}
    for name, (rel, count) in batch.parquet.items():
        table = rows.data[name]
        if table.num_rows == count:
            stored[name] = (rel, count)
        elif table.num_rows:
            write_table(table, root, rel)
            stored[name] = (rel, table.num_rows)
        else:
            remove_files(root, [rel])
    return rows, stored


def parse_and_store_all(
    pool: Executor,
    batches: list[list[Candidate]],
    *,
    window: int,
    root: str,
    day: dt.date,
    run_id: str,
    parser_version: str,
    max_bytes: int,
    ingested_at: dt.datetime,
) -> Iterator[tuple[int, StoredBatch]]:
    """Yield ``(batch number, stored batch)`` in batch order with at most ``window``
    batches in flight (at least two per cluster thread when ``pool`` is a
    :class:`ClusterPool`), so the flow's memory stays flat."""
    window = max(window, 2 * getattr(pool, "threads", 0), 1)
    work = partial(
        parse_and_write_batch,
        root=root,
        day=day,
        run_id=run_id,
        parser_version=parser_version,
        max_bytes=max_bytes,
        ingested_at=ingested_at,
    )
    yield from in_order(pool, work, batches, window=window, numbered=True)


class ClusterPool(Executor):
    """A ``concurrent.futures`` executor over a Dask client: each submit is one
    plain Dask task (``pure=False``: equal batches are still separate work)."""

    def __init__(self, client: distributed.Client) -> None:
        self.client = client
        self._executor: Executor = client.get_executor(pure=False, retries=BATCH_RETRIES)  # type: ignore[no-untyped-call]

    @property
    def threads(self) -> int:
        """Worker threads in the cluster right now (it may grow or shrink)."""
        nthreads: dict[str, int] = self.client.nthreads()  # type: ignore[no-untyped-call]
        return sum(nthreads.values())

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._executor.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._executor.shutdown(wait=wait)


def flow_dask_runner() -> Any | None:
    """The current flow run's ``DaskTaskRunner``, if it runs under one."""
    from prefect.context import FlowRunContext

    ctx = FlowRunContext.get()
    if ctx is None or ctx.task_runner is None:
        return None
    try:
        from prefect_dask.task_runners import DaskTaskRunner
    except ImportError:  # prefect-dask not installed: no runner of its kind can be running
        return None
    return ctx.task_runner if isinstance(ctx.task_runner, DaskTaskRunner) else None


def on_cluster(address: str | None) -> bool:
    """Parse on Dask: an address is set, or the flow runs under a ``DaskTaskRunner``."""
    return bool(address) or flow_dask_runner() is not None


@contextmanager
def cluster_pool(address: str | None, *, timeout: float = 60.0) -> Iterator[ClusterPool]:
    """An executor on the cluster at ``address``, else on the flow's ``DaskTaskRunner``
    cluster. Waits up to ``timeout`` for a first worker and refuses workers whose
    parser version differs from ours (their rows would be mislabelled)."""
    import distributed

    runner = None if address else flow_dask_runner()
    if runner is not None:
        pool = ClusterPool(runner.client)  # borrowed: the runner closes it at flow end
        _check_workers(pool.client, address=runner.address or "the DaskTaskRunner's cluster", timeout=timeout)
        yield pool
        return
    if not address:
        raise ClusterUnavailable("no Dask scheduler address and no DaskTaskRunner to take one from")
    try:
        client = distributed.Client(address, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        _check_workers(client, address=address, timeout=timeout)
        yield ClusterPool(client)


def _check_workers(client: distributed.Client, *, address: str, timeout: float) -> None:
    from transforms import PARSER_VERSION

    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as exc:
        raise ClusterUnavailable(
            f"the Dask scheduler at {address} has no workers after {timeout:.0f}s"
        ) from exc
    try:
        versions = client.run(_worker_parser_version)
    except Exception as exc:  # typically ModuleNotFoundError on a worker: wirehouse is not installed there
        raise ClusterUnavailable(
            f"Dask workers cannot run wirehouse code ({type(exc).__name__}: {exc}); install it on each worker"
        ) from exc
    other = {w: v for w, v in versions.items() if v != PARSER_VERSION}
    if other:
        raise ClusterUnavailable(
            f"Dask workers run another parser version than this flow ({PARSER_VERSION}): {other}"
        )

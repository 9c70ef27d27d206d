"""Parallel parsing: batches of files on a local process pool.

Workers run the plain :func:`flows.batch.parse_batch`, not Prefect tasks: a
Prefect task per worker process would start an API server in each (see
NOTES). The pool uses ``forkserver`` so workers never inherit the threads of
the Prefect engine.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

from flows.batch import BatchRows, Candidate, parse_batch

T = TypeVar("T")


def chunks(items: Sequence[Candidate], size: int) -> list[list[Candidate]]:
    """Consecutive batches of at most ``size`` files."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


class InlineExecutor(Executor):
    """Runs work in the calling thread: one worker needs no pool (and tests stay cheap)."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


@contextmanager
def parser_pool(workers: int) -> Iterator[Executor]:
    """A process pool of ``workers`` parsers, or inline execution for one."""
    if workers <= 1:
        yield InlineExecutor()
        return
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["flows.batch", "transforms.extract"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        yield pool


def parse_all(
    pool: Executor,
    batches: list[list[Candidate]],
    *,
    window: int,
    run_id: str,
    parser_version: str,
    max_bytes: int,
    ingested_at: dt.datetime,
) -> Iterator[tuple[int, BatchRows]]:
    """Yield ``(batch number, rows)`` in batch order, keeping at most ``window``
    batches in flight so memory stays flat however large the inbox."""
    work = partial(
        parse_batch,
        run_id=run_id,
        parser_version=parser_version,
        max_bytes=max_bytes,
        ingested_at=ingested_at,
    )
    yield from in_order(pool, work, batches, window=window)


def in_order(
    pool: Executor,
    work: Callable[..., T],
    batches: Sequence[list[Candidate]],
    *,
    window: int,
    numbered: bool = False,
) -> Iterator[tuple[int, T]]:
    """Run ``work(batch)`` (``work(batch, number=n)`` when ``numbered``) on the pool
    and yield ``(n, result)`` in batch order, with at most ``window`` batches in
    flight: results arrive as fast as the pool works, memory stays bounded.

    Each batch list is emptied once its result is in: the run's candidates (a
    Python object per inbox file, about 0.35 kB each) then go as the run goes
    instead of staying to its end, where the flow process peaks."""
    pending: dict[int, Future[T]] = {}
    next_submit = 0
    for n in range(len(batches)):
        while next_submit < len(batches) and len(pending) < window:
            extra = {"number": next_submit} if numbered else {}
            pending[next_submit] = pool.submit(work, batches[next_submit], **extra)
            next_submit += 1
        result = pending.pop(n).result()
        batches[n].clear()  # parsed: its candidates are no longer needed (see docstring)
        yield n, result

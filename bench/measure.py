"""Measurements the flow's own summary cannot give: memory of the process tree,
view query times, and the trafilatura reference.

psutil and trafilatura come with the ``bench`` extra. Without them (a plain
``.[dev]`` install, as in ``make test``) the measurement is reported as missing
rather than failing, so the smoke test still exercises everything else.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb


class TreeSampler:
    """Peak resident memory and CPU seconds of this process and all its descendants
    (parse workers and their forkserver, the ephemeral Prefect API server), sampled
    by a thread.

    RSS double-counts pages shared between processes, so the sum is an upper
    bound on what the tree really holds: the conservative side of a 1 GB target.
    CPU seconds per role (``main``, ``server``, ``workers``) say where the work
    went independently of how busy the shared machine was; a process's last
    sample before it exits is kept, so up to ``interval`` of its time is lost.

    Listing descendants scans every process on the machine (psutil's
    ``children``), which on a busy box cost more CPU than the flow's own main
    process, so the tree is re-listed every ``rescan`` seconds and only its
    members are read every ``interval``: workers live for a whole run."""

    def __init__(self, interval: float = 0.1, rescan: float = 0.5) -> None:
        self.interval, self.rescan = interval, rescan
        self.peak_bytes: int | None = None
        self.peak_main_bytes: int | None = None
        self.peak_processes = 0
        self._cpu_first: dict[int, float] = {}
        self._cpu_last: dict[int, float] = {}
        self._role: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> TreeSampler:
        try:
            import psutil
        except ImportError:  # bench extra not installed: report memory and CPU as unknown
            return self
        self.peak_bytes = self.peak_main_bytes = 0
        me = psutil.Process()
        tree = self._list(me, psutil)
        for p in tree:  # CPU already spent before the measured block does not count
            with contextlib.suppress(psutil.Error):
                self._cpu_first[p.pid] = sum(p.cpu_times()[:2])
        self._thread = threading.Thread(
            target=self._loop, args=(me, tree, psutil), name="tree-sampler", daemon=True
        )
        self._thread.start()
        return self

    def _list(self, me: Any, psutil: Any) -> list[Any]:
        try:
            return [me, *me.children(recursive=True)]
        except psutil.Error:
            return [me]

    def _loop(self, me: Any, tree: list[Any], psutil: Any) -> None:
        listed = time.monotonic()
        while True:
            if time.monotonic() - listed >= self.rescan:
                tree, listed = self._list(me, psutil), time.monotonic()
            self._sample(me, tree, psutil)
            if self._stop.wait(self.interval):
                self._sample(me, self._list(me, psutil), psutil)
                return

    def _sample(self, me: Any, tree: list[Any], psutil: Any) -> None:
        total, main, procs = 0, 0, 0
        for p in tree:
            try:
                with p.oneshot():
                    rss = p.memory_info().rss
                    cpu = sum(p.cpu_times()[:2])
                    if p.pid not in self._role:
                        self._role[p.pid] = _role(p, me)
            except psutil.Error:  # a worker exited since the tree was listed
                continue
            self._cpu_last[p.pid] = cpu
            total += rss
            procs += 1
            if p.pid == me.pid:
                main = rss
        self.peak_bytes = max(self.peak_bytes or 0, total)
        self.peak_main_bytes = max(self.peak_main_bytes or 0, main)
        self.peak_processes = max(self.peak_processes, procs)

    def cpu_seconds(self) -> dict[str, float] | None:
        """CPU seconds (user + system) spent during the block, per role."""
        if self.peak_bytes is None:
            return None
        out = {"main": 0.0, "server": 0.0, "workers": 0.0}
        for pid, last in self._cpu_last.items():
            role = self._role.get(pid, "workers")
            out[role] += last - self._cpu_first.get(pid, 0.0)
        return out

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()


def _role(p: Any, me: Any) -> str:
    if p.pid == me.pid:
        return "main"
    return "server" if any("uvicorn" in part for part in p.cmdline()) else "workers"


@dataclass(frozen=True, slots=True)
class ViewTiming:
    """Best of ``repeats`` full fetches of ``select * from analytics.<view>``."""

    view: str
    seconds: float
    rows: int


def time_views(database: Path, *, repeats: int = 5) -> list[ViewTiming]:
    """Each analytics view queried as an analyst would, on a fresh read-only
    connection, fully fetched; the minimum of ``repeats`` runs (the others are
    noise from the shared machine)."""
    out: list[ViewTiming] = []
    with duckdb.connect(str(database), read_only=True) as con:
        for view in analytics_views(con):
            best, rows = float("inf"), 0
            for _ in range(repeats):
                t0 = time.perf_counter()
                table = con.sql(f'select * from analytics."{view}"').to_arrow_table()
                best = min(best, time.perf_counter() - t0)
                rows = table.num_rows
            out.append(ViewTiming(view=view, seconds=best, rows=rows))
    return out


def analytics_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the analyst-facing views, as DuckDB lists them."""
    rows = con.execute(
        "select view_name from duckdb_views() where schema_name = 'analytics' and not internal"
        " order by view_name"
    ).fetchall()
    return [r[0] for r in rows]


@dataclass(frozen=True, slots=True)
class Reference:
    """trafilatura ``extract()`` over the same pages, one process."""

    pages: int
    seconds: float
    cpu_seconds: float
    failed: int

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def pages_per_cpu_second(self) -> float:
        return self.pages / self.cpu_seconds if self.cpu_seconds else 0.0


def trafilatura_reference(
    paths: Sequence[Path], *, extractor: Callable[[bytes], Any] | None = None
) -> Reference | None:
    """Time trafilatura's extraction alone (files read beforehand, one warm-up page
    excluded) on ``paths``. ``None`` when trafilatura is not installed."""
    if extractor is None:
        try:
            import trafilatura
        except ImportError:
            return None
        extractor = trafilatura.extract
        # A page without an article logs a warning or an error; the count is reported instead.
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    pages = [p.read_bytes() for p in paths]
    if not pages:
        return Reference(pages=0, seconds=0.0, cpu_seconds=0.0, failed=0)
    extractor(pages[0])  # lazy imports and caches are start-up, not throughput
    failed = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for raw in pages:
        try:
            if extractor(raw) is None:
                failed += 1
        except Exception:  # a reference failure is counted, as our rejects are
            failed += 1
    return Reference(
        pages=len(pages),
        seconds=time.perf_counter() - t0,
        cpu_seconds=time.process_time() - c0,
        failed=failed,
    )


def reference_apart(paths: Sequence[Path]) -> Reference | None:
    """:func:`trafilatura_reference` in a fresh process of its own: trafilatura's
    imports and caches (about 70 MB) then never land in the process whose memory the
    bench measures next, as they did when a smaller N's reference ran in it."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        return pool.submit(trafilatura_reference, list(paths)).result()


def cores() -> int:
    """CPU cores this process may use (the flow's default worker count)."""
    return len(os.sched_getaffinity(0))


def load_average() -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages: how busy the shared machine was."""
    return os.getloadavg()

"""A throwaway Dask cluster on this machine: one ``dask scheduler``, N ``dask worker``.

For trying the cluster path (``make cluster``) and for the integration test. A
real cluster is started by whatever runs your machines; the flow only needs its
scheduler address. Every process starts in its own session, so :meth:`stop`
can end it and the children it spawned (the worker nanny's worker process)
by its PID's process group, and nothing else.

    python -m flows.cluster [--port 8786] [--workers 2]   # Ctrl-C stops all of it
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class LocalCluster:
    """The scheduler and worker processes this module started, and where to reach them."""

    address: str
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.processes]

    def stop(self, *, grace: float = 10.0) -> None:
        """SIGTERM each process group we started (workers first), SIGKILL what outlives ``grace``."""
        for p in reversed(self.processes):
            _signal_group(p, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for p in reversed(self.processes):
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            _signal_group(p, signal.SIGKILL)  # the group may hold a child that outlived its parent
            p.wait()
        for p in self.processes:
            _await_group_gone(p.pid, timeout=grace)

    def __enter__(self) -> LocalCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _await_group_gone(pgid: int, *, timeout: float) -> None:
    """Orphaned children of a killed nanny are reaped by init a moment later; return
    once none is left, so "stopped" means stopped."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def _signal_group(p: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(p.pid, sig)  # start_new_session=True: the group id is the PID we started


def _dask() -> list[str]:
    """The ``dask`` command of this interpreter's environment (same packages as the flow)."""
    return [sys.executable, "-m", "dask"]


def worker_env() -> dict[str, str]:
    """Workers import ``flows`` and ``transforms`` from this checkout; no telemetry."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.setdefault("DO_NOT_TRACK", "1")
    return env


def start(
    *,
    host: str = "127.0.0.1",
    port: int = 8786,
    workers: int = 2,
    threads: int = 1,
    workdir: Path | None = None,
    timeout: float = 120.0,
    log: int | None = subprocess.DEVNULL,
) -> LocalCluster:
    """Start a scheduler on ``host:port`` (0 = any free port) and ``workers`` single-process
    workers, and return once all of them have registered. On any failure the
    processes started so far are stopped before the error propagates."""
    import distributed

    workdir = workdir or Path(tempfile.mkdtemp(prefix="wirehouse-dask-"))
    workdir.mkdir(parents=True, exist_ok=True)
    scheduler_file = workdir / "scheduler.json"
    scheduler_file.unlink(missing_ok=True)
    env = worker_env()
    common = {"cwd": str(workdir), "env": env, "stdout": log, "stderr": log, "start_new_session": True}
    # No dashboards, and their HTTP servers on any free port: two clusters on one
    # box (make cluster + the tests) must never race for 8787.
    quiet = ["--no-dashboard", "--dashboard-address", f"{host}:0"]
    cluster = LocalCluster(address="")
    scheduler = [
        *_dask(),
        "scheduler",
        "--host",
        host,
        "--port",
        str(port),
        "--scheduler-file",
        str(scheduler_file),
    ]
    worker = [*_dask(), "worker", "--nworkers", "1", "--nthreads", str(threads), "--host", host]
    try:
        cluster.processes.append(subprocess.Popen([*scheduler, *quiet], **common))  # type: ignore[call-overload]
        cluster.address = _await_scheduler(scheduler_file, cluster.processes[0], timeout=timeout)
        for n in range(workers):
            named = ["--name", f"wirehouse-{n}", "--local-directory", str(workdir)]
            cluster.processes.append(subprocess.Popen([*worker, cluster.address, *quiet, *named], **common))  # type: ignore[call-overload]
        client = distributed.Client(cluster.address, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
        with client:
            client.wait_for_workers(workers, timeout=timeout)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _await_scheduler(scheduler_file: Path, process: subprocess.Popen[bytes], *, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dask scheduler exited with code {process.returncode} (port taken?)")
        try:
            return str(json.loads(scheduler_file.read_text())["address"])
        except (FileNotFoundError, json.JSONDecodeError, KeyError):
            time.sleep(0.2)
    raise TimeoutError(f"dask scheduler did not start within {timeout:.0f}s")


def main(argv: list[str] | None = None) -> None:
    """``make cluster``: start, print how to use it, wait for Ctrl-C, stop everything."""
    parser = argparse.ArgumentParser(description="A local Dask cluster for wirehouse (Ctrl-C stops it).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8786)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (CPU-bound: keep 1)")
    args = parser.parse_args(argv)
    # `kill PID` stops it as cleanly as Ctrl-C; and so does SIGINT when a
    # non-interactive shell started it in the background (which ignores SIGINT).
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, signal.default_int_handler)
    cluster = start(host=args.host, port=args.port, workers=args.workers, threads=args.threads, log=None)
    try:
        print(f"Dask scheduler {cluster.address} with {args.workers} worker(s); pids {cluster.pids}")
        print(f"  WIREHOUSE_DASK_ADDRESS={cluster.address} .venv/bin/wirehouse run --inbox ...")
        print("Ctrl-C to stop.", flush=True)
        while all(p.poll() is None for p in cluster.processes):
            time.sleep(1)
        print("a cluster process exited; stopping the rest", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()

"""``make serve``: a Prefect server, the work pool, the deployments and a process
worker on one box, as one foreground command that one Ctrl-C stops.

Started as ``python -m flows.serve`` (or ``wirehouse serve``). In order:

1. ``prefect server start`` on 127.0.0.1 (skipped with ``--api-url`` for an existing server);
2. wait for ``GET /api/health``;
3. ``prefect work-pool create --type process`` if the pool is missing;
4. ``prefect deploy --prefect-file deployments/prefect.yaml --all`` from the repository root;
5. ``prefect worker start --pool ...``; wait until it is online, then until a signal.

Why a supervisor rather than ``server & worker &`` in make: the children run in
their own sessions, so a terminal's Ctrl-C reaches only this process, which then
stops them in the right order (worker first, while the API it reports to is still
up; then the server) and the way each needs. The worker ignores its first
SIGINT/SIGTERM (measured: 3 of 3 tries, see NOTES), so it gets a second SIGINT,
then SIGKILL to its process group (which holds any flow run it started) after a
timeout. Everything is addressed by PID; nothing is found by name.

The building blocks (:func:`start`, :func:`stop`, :func:`wait_healthy`,
:func:`ensure_pool`, :func:`deploy`) are what the integration test drives too.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import IO, Any

PREFECT_FILE = Path("deployments/prefect.yaml")
DEFAULT_POOL = "wirehouse"
DEFAULT_PORT = 4200
DEPLOYMENT = "ingest_articles/scheduled"


class ServeError(RuntimeError):
    """A step of the start-up failed; the message says which and why."""


class Interrupted(Exception):
    """SIGINT or SIGTERM arrived: stop everything started so far."""


def prefect_bin() -> Path:
    """The ``prefect`` console script of the interpreter running us (the project venv),
    never whatever ``prefect`` the PATH finds first."""
    return Path(sys.executable).with_name("prefect")


def repo_root() -> Path:
    """The checkout holding ``deployments/prefect.yaml``: this module's parent when the
    project is installed editable (the normal case), else the current directory."""
    here = Path(__file__).resolve().parents[1]
    return here if (here / PREFECT_FILE).is_file() else Path.cwd()


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now (for tests and parallel stacks)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def prefect_env(api_url: str, base: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
    """The environment every child gets: our API URL (not a profile's), no telemetry.
    ``PREFECT_HOME`` passes through from ``base``: the Makefile points it at ``.prefect``."""
    env = dict(os.environ if base is None else base)
    env.update(
        PREFECT_API_URL=api_url,
        DO_NOT_TRACK="1",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def start(
    args: Sequence[str], *, env: Mapping[str, str], cwd: Path, log: IO[str] | None = None
) -> subprocess.Popen[str]:
    """Start a long-running child in its own session (so terminal signals skip it and
    :func:`stop` can kill its whole process group). Output goes to ``log`` or ours."""
    return subprocess.Popen(
        list(args),
        env=dict(env),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT if log is not None else None,
        text=True,
        start_new_session=True,
    )


def stop(proc: subprocess.Popen[str], *, grace: float = 10.0) -> int:
    """Stop a child started by :func:`start`: SIGINT, a second SIGINT (the worker
    ignores the first), then SIGKILL to its process group. Returns its exit code."""
    for _ in range(2):
        if proc.poll() is not None:
            break
        _signal_pid(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
    if proc.poll() is None:
        _kill_group(proc.pid)
        proc.wait(timeout=grace)
    # Flow-run processes the worker started share its group; none may outlive it.
    _kill_group(proc.pid)
    return proc.returncode


def _signal_pid(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def wait_healthy(api_url: str, *, timeout: float = 120.0, proc: subprocess.Popen[str] | None = None) -> float:
    """Poll ``<api_url>/health`` until it answers 200; seconds waited. Fails fast when
    ``proc`` (the server we started) exits instead, e.g. because the port is taken."""
    t0 = time.monotonic()
    while True:
        if proc is not None and proc.poll() is not None:
            raise ServeError(f"prefect server exited with code {proc.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - t0
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() - t0 > timeout:
            raise ServeError(f"no healthy Prefect API at {api_url} after {timeout:.0f}s")
        time.sleep(0.5)


def wait_worker(api_url: str, pool: str, *, proc: subprocess.Popen[str], timeout: float = 120.0) -> float:
    """Wait until a worker of ``pool`` has sent its first heartbeat (it then polls for
    runs); seconds waited. Fails fast when ``proc`` (the worker we started) exits."""
    t0 = time.monotonic()
    request = urllib.request.Request(
        f"{api_url}/work_pools/{pool}/workers/filter",
        data=b"{}",
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    while True:
        if proc.poll() is not None:
            raise ServeError(f"worker exited with code {proc.returncode} before it was ready")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                workers = json.loads(response.read())
            if any(w.get("status") == "ONLINE" for w in workers):
                return time.monotonic() - t0
        except (urllib.error.URLError, OSError, ValueError):
            pass
        if time.monotonic() - t0 > timeout:
            raise ServeError(f"no worker of pool {pool!r} online after {timeout:.0f}s")
        time.sleep(0.5)


#: Answers a busy Prefect server gives while its database is locked or it is starting;
#: Prefect's own client retries exactly these (PREFECT_CLIENT_MAX_RETRIES), so do we.
RETRYABLE_STATUS = frozenset({429, 502, 503})


def api_call(api_url: str, method: str, path: str, body: Any = None, *, attempts: int = 6) -> Any:
    """One JSON call to the Prefect REST API; the decoded answer. A 429/502/503 (SQLite
    busy on a loaded 2-core box) is retried with exponential backoff, as Prefect's
    client does; any other HTTP error is raised at once."""
    data = json.dumps(body).encode() if body is not None else None
    for attempt in range(attempts):
        request = urllib.request.Request(
            api_url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            if error.code not in RETRYABLE_STATUS or attempt == attempts - 1:
                raise
            time.sleep(min(2.0**attempt, 10.0))
    raise AssertionError("unreachable")


def run_prefect(args: Sequence[str], *, env: Mapping[str, str], cwd: Path, timeout: float = 300.0) -> str:
    """Run one short ``prefect`` command to completion; its output, or a ServeError with it."""
    done = subprocess.run(
        [str(prefect_bin()), "--no-prompt", *args],
        env=dict(env),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise ServeError(
            f"`prefect {' '.join(args)}` failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    return done.stdout


def ensure_pool(pool: str, *, env: Mapping[str, str], cwd: Path) -> bool:
    """Create the ``process`` work pool unless it exists (an existing pool, possibly
    tuned in the UI, is left alone). True when it was created."""
    try:
        run_prefect(["work-pool", "inspect", pool], env=env, cwd=cwd)
        return False
    except ServeError:
        run_prefect(["work-pool", "create", pool, "--type", "process"], env=env, cwd=cwd)
        return True


def deploy(*, env: Mapping[str, str], root: Path, pool: str | None = None, extra: Sequence[str] = ()) -> str:
    """``prefect deploy --all`` from the repository root, where the yaml's entrypoints
    and its build step (which records the root for the pull step) expect to run."""
    args = ["deploy", "--prefect-file", str(PREFECT_FILE), "--all", *extra]
    if pool:
        args += ["--pool", pool]
    return run_prefect(args, env=env, cwd=root)


def check_pools(api_url: str, *, root: Path, pool: str) -> list[str]:
    """Names of the deployments of ``prefect.yaml``, after checking that each landed on
    ``pool``. ``prefect deploy --all`` silently ignores ``--pool`` once the file holds
    several deployments; a worker on another pool would then wait forever."""
    import yaml  # PyYAML: a Prefect dependency

    config = yaml.safe_load((root / PREFECT_FILE).read_text(encoding="utf-8"))
    names = [d["name"] for d in config.get("deployments") or []]
    deployed = api_call(api_url, "POST", "/deployments/filter", {"deployments": {"name": {"any_": names}}})
    elsewhere = {d["name"]: d["work_pool_name"] for d in deployed if d["work_pool_name"] != pool}
    if elsewhere or not deployed:
        raise ServeError(
            f"deployments {elsewhere or names} are not on pool {pool!r}, which the worker polls; "
            f"set work_pool.name in {PREFECT_FILE} (prefect deploy ignores --pool for several deployments)"
        )
    return names


def worker_args(pool: str) -> list[str]:
    return [str(prefect_bin()), "worker", "start", "--pool", pool, "--type", "process"]


def server_args(host: str, port: int) -> list[str]:
    return [str(prefect_bin()), "server", "start", "--host", host, "--port", str(port), "--analytics-off"]


def _say(message: str) -> None:
    """Flushed at once, so our lines interleave correctly with the children's output."""
    print(message, flush=True)


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signal.Signals(signum).name)


def serve(
    *,
    root: Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    api_url: str | None = None,
    pool: str = DEFAULT_POOL,
    echo: Callable[[str], None] = _say,
) -> int:
    """Bring the stack up, wait until a signal or a child's death, bring it down.
    Exit code 0 after a signal, 1 when a step or a child failed."""
    own_server = api_url is None
    api_url = api_url or f"http://{host}:{port}/api"
    env = prefect_env(api_url)
    children: list[tuple[str, subprocess.Popen[str]]] = []
    previous = {s: signal.signal(s, _raise_interrupted) for s in (signal.SIGINT, signal.SIGTERM)}
    code = 0
    try:
        if own_server:
            home = env.get("PREFECT_HOME", "~/.prefect")
            echo(f"wirehouse serve: starting prefect server on {host}:{port} (PREFECT_HOME={home})")
            children.append(("server", start(server_args(host, port), env=env, cwd=root)))
        if not own_server:
            echo(f"wirehouse serve: using the Prefect API at {api_url} (PREFECT_API_URL); starting no server")
        try:
            # Our own server may take a minute on a busy box; an existing one is up or not.
            waited = wait_healthy(
                api_url, proc=children[0][1] if own_server else None, timeout=120 if own_server else 30
            )
        except ServeError as exc:
            hint = "" if own_server else "; unset PREFECT_API_URL to start a local server instead"
            raise ServeError(f"{exc}{hint}") from None
        echo(f"wirehouse serve: API healthy at {api_url} after {waited:.1f}s")
        if ensure_pool(pool, env=env, cwd=root):
            echo(f"wirehouse serve: created process work pool {pool!r}")
        deploy(env=env, root=root, pool=pool)
        names = check_pools(api_url, root=root, pool=pool)
        echo(f"wirehouse serve: deployed {', '.join(names)} from {PREFECT_FILE} to pool {pool!r}")
        children.append(("worker", start(worker_args(pool), env=env, cwd=root)))
        waited = wait_worker(api_url, pool, proc=children[-1][1])
        echo(f"wirehouse serve: worker online after {waited:.1f}s")
        pids = ", ".join(f"{name} {p.pid}" for name, p in children)
        echo(
            f"wirehouse serve: running ({pids}). UI: {api_url.removesuffix('/api')}\n"
            f"  run now:  PREFECT_API_URL={api_url} {prefect_bin()} deployment run {DEPLOYMENT}\n"
            "  stop:     Ctrl-C"
        )
        while True:
            for name, proc in children:
                if proc.poll() is not None:
                    raise ServeError(f"{name} (pid {proc.pid}) exited with code {proc.returncode}")
            time.sleep(0.5)
    except Interrupted as exc:
        echo(f"wirehouse serve: {exc}, stopping")
    except ServeError as exc:
        echo(f"wirehouse serve: error: {exc}")
        code = 1
    finally:
        # A second Ctrl-C must not abandon the children half-stopped.
        for s in previous:
            signal.signal(s, signal.SIG_IGN)
        for name, proc in reversed(children):  # worker before server
            rc = stop(proc)
            echo(f"wirehouse serve: {name} (pid {proc.pid}) stopped, exit code {rc}")
        for s, handler in previous.items():
            signal.signal(s, handler)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="Server address (default 127.0.0.1).")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"Server port (default {DEFAULT_PORT})."
    )
    parser.add_argument(
        "--api-url",
        default=os.environ.get("PREFECT_API_URL") or None,
        help="Use this existing Prefect API (http://host:4200/api; default $PREFECT_API_URL) "
        "instead of starting a server.",
    )
    parser.add_argument("--pool", default=DEFAULT_POOL, help=f"Process work pool (default {DEFAULT_POOL}).")
    parser.add_argument("--root", type=Path, default=None, help="Repository root (default: this checkout).")
    opts = parser.parse_args(argv)
    root = opts.root or repo_root()
    # Same default as the Makefile: Prefect's database stays in the project, not ~/.prefect.
    os.environ.setdefault("PREFECT_HOME", str(root / ".prefect"))
    return serve(root=root, host=opts.host, port=opts.port, api_url=opts.api_url, pool=opts.pool)


if __name__ == "__main__":
    sys.exit(main())

"""The supervisor's process handling, with stand-in children instead of Prefect (fast).

The real server and worker are covered by tests/integration/test_deployment.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows import serve

# A child that needs N SIGINTs before it exits (the Prefect worker needs two), and
# that starts a grandchild in its own process group, as the worker starts flow runs.
STUBBORN = """
import signal, subprocess, sys, time
needed = int(sys.argv[1])
seen = 0
def on_int(signum, frame):
    global seen
    seen += 1
    if seen >= needed:
        sys.exit(0)
signal.signal(signal.SIGINT, on_int)
code = "import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); time.sleep(600)"
grandchild = subprocess.Popen([sys.executable, "-c", code])
print(grandchild.pid, flush=True)
while True:
    time.sleep(0.05)
"""


def _start_stub(tmp_path: Path, needed: int) -> tuple[subprocess.Popen[str], int]:
    log = tmp_path / "stub.log"
    with log.open("w") as out:
        proc = serve.start(
            [sys.executable, "-c", STUBBORN, str(needed)], env=os.environ, cwd=tmp_path, log=out
        )
    deadline = time.monotonic() + 30
    while not log.read_text().strip():
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    return proc, int(log.read_text().split()[0])


def _gone(pid: int, *, within: float = 5.0) -> bool:
    """True once ``pid`` no longer runs (SIGKILL lands asynchronously, so poll briefly).
    A zombie waiting for init to reap it counts as gone."""
    deadline = time.monotonic() + within
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        stat = Path(f"/proc/{pid}/stat")
        if stat.exists() and stat.read_text().rsplit(") ", 1)[1].startswith("Z"):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


@pytest.mark.parametrize("needed", [1, 2])
def test_a_child_that_needs_one_or_two_sigints_stops_cleanly(tmp_path: Path, needed: int) -> None:
    """SIGINT, then a second SIGINT: the worker's way out; exit code 0, nothing left."""
    proc, grandchild = _start_stub(tmp_path, needed)
    try:
        assert serve.stop(proc, grace=1) == 0
        assert _gone(grandchild), "the child's process group is killed after it exits"
    finally:
        serve.stop(proc, grace=1)


def test_a_child_that_ignores_sigint_is_killed_after_the_grace_period(tmp_path: Path) -> None:
    """No hang: after two unanswered SIGINTs the whole group gets SIGKILL."""
    proc, grandchild = _start_stub(tmp_path, needed=99)
    t0 = time.monotonic()
    assert serve.stop(proc, grace=1) == -signal.SIGKILL
    assert time.monotonic() - t0 < 10
    assert _gone(grandchild)


def test_children_run_in_their_own_session(tmp_path: Path) -> None:
    """A terminal's Ctrl-C reaches the supervisor only; it stops children in order."""
    proc, _ = _start_stub(tmp_path, needed=1)
    try:
        assert os.getsid(proc.pid) == proc.pid != os.getsid(0)
    finally:
        serve.stop(proc, grace=3)


def test_prefect_runs_from_this_interpreter() -> None:
    """The venv's own prefect, not whichever one PATH finds first."""
    assert serve.prefect_bin().parent == Path(sys.executable).parent


def test_wait_healthy_fails_fast_when_the_server_dies(tmp_path: Path) -> None:
    """A server that exits (port taken, bad database) is reported at once, not after
    the two-minute health timeout."""
    proc = serve.start([sys.executable, "-c", "raise SystemExit(3)"], env=os.environ, cwd=tmp_path)
    proc.wait(timeout=30)
    with pytest.raises(serve.ServeError, match="exited with code 3"):
        serve.wait_healthy(f"http://127.0.0.1:{serve.free_port()}/api", timeout=60, proc=proc)

"""Two runs on one warehouse: one waits for (or refuses) the writer lock with a clear
message; nothing is corrupted; the result equals a single run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from flows.lock import WarehouseLocked, warehouse_lock
from tests.reliability.conftest import spawn_run, wirehouse_run
from tests.reliability.state import Snapshot, assert_same_data, snapshot

ARGS = ("--batch-size", "3", "--workers", "1")
LOADED = re.compile(r"loaded (\d+)")


@pytest.mark.integration
def test_two_runs_started_at_once_serialise_and_equal_one_run(
    prefect_api: str, reference: tuple[Path, Snapshot, str], tmp_path: Path
) -> None:
    """Both succeed: one loads the inbox while the other waits for the lock, then
    finds nothing new; the tables equal a single run's."""
    inbox, clean, _ = reference
    procs = [spawn_run(prefect_api, inbox, tmp_path / "w", *ARGS) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outs]
    loaded = sorted(int(LOADED.search(out.strip().splitlines()[-1]).group(1)) for out, _ in outs)  # type: ignore[union-attr]
    assert loaded == [0, clean.counts()["articles"]]
    assert_same_data(snapshot(tmp_path / "w"), clean)


@pytest.mark.integration
def test_a_run_refuses_a_locked_warehouse_with_a_clear_message(prefect_api: str, tmp_path: Path) -> None:
    """While another process holds the lock past ``lock_timeout``, ``wirehouse run``
    exits 3 naming the holder's pid, and leaves the warehouse untouched."""
    inbox, warehouse = tmp_path / "inbox", tmp_path / "w"
    inbox.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from pathlib import Path; from flows.lock import warehouse_lock\n"
            f"with warehouse_lock(Path({str(warehouse)!r}), timeout=0):\n"
            " print('held', flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        done = wirehouse_run(prefect_api, inbox, warehouse, WIREHOUSE_LOCK_TIMEOUT="1")
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 3, (done.stdout[-2000:], done.stderr[-2000:])
    assert f"locked by another wirehouse run (pid {holder.pid})" in done.stderr
    assert "Try again when it finishes" in done.stderr
    assert not (warehouse / "wirehouse.duckdb").exists()


def test_the_lock_waits_for_the_holder_then_proceeds(tmp_path: Path) -> None:
    """A second writer says once that it is waiting and for whom, then proceeds
    when the first releases, within its timeout."""
    released = threading.Event()

    def hold() -> None:
        with warehouse_lock(tmp_path, timeout=0):
            released.wait(5)

    t = threading.Thread(target=hold)
    t.start()
    time.sleep(0.2)
    threading.Timer(0.5, released.set).start()
    t0 = time.monotonic()
    heard: list[str] = []
    with warehouse_lock(tmp_path, timeout=10, poll=0.05, on_wait=heard.append):
        waited = time.monotonic() - t0
    t.join()
    assert 0.2 < waited < 5
    assert heard == [
        f"warehouse {tmp_path} is locked by another wirehouse run (pid {os.getpid()}); waiting up to 10s"
    ]


def test_the_lock_gives_up_after_its_timeout_naming_the_holder(tmp_path: Path) -> None:
    """Past ``timeout`` the waiter raises :class:`WarehouseLocked` with the holder's pid."""
    with warehouse_lock(tmp_path, timeout=0):
        t0 = time.monotonic()
        with (
            pytest.raises(WarehouseLocked, match=rf"pid {os.getpid()}\); waited 0s"),
            warehouse_lock(tmp_path, timeout=0.3, poll=0.05),
        ):
            pass
        assert time.monotonic() - t0 >= 0.3

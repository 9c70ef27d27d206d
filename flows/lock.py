"""One writer per warehouse: an advisory file lock next to the DuckDB file.

DuckDB itself refuses a second writing process with a terse ``Could not set
lock on file``; this lock turns that into waiting (up to a timeout) and then a
clear message naming the holder.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from transforms.errors import WirehouseError


class WarehouseLocked(WirehouseError):
    """Another run holds the warehouse; raised after waiting ``timeout`` seconds."""


@contextmanager
def warehouse_lock(
    warehouse: Path, *, timeout: float, poll: float = 0.2, on_wait: Callable[[str], object] | None = None
) -> Iterator[None]:
    """Hold the warehouse's writer lock for the duration of the block. ``on_wait``
    hears once, with the holder's pid, that this run is waiting (so a run that
    seems stuck says why)."""
    warehouse.mkdir(parents=True, exist_ok=True)
    path = warehouse / ".wirehouse.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
                if on_wait is not None:
                    on_wait(
                        f"warehouse {warehouse} is locked by another wirehouse run (pid {holder}); "
                        f"waiting up to {timeout:.0f}s"
                    )
                    on_wait = None
                if time.monotonic() >= deadline:
                    raise WarehouseLocked(
                        f"warehouse {warehouse} is locked by another wirehouse run (pid {holder}); "
                        f"waited {timeout:.0f}s. Try again when it finishes."
                    ) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the flock

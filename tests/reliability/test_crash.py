"""Kill -9 at many points, re-run: the same warehouse as one clean run.

Each ``wirehouse run`` here is a real subprocess (the flow process itself,
against the session's Prefect server) killed with SIGKILL: when a run's first
Parquet file appears, in the middle of a batch's Parquet writes, right after a
batch's last file (the load transaction), as a commit reaches the WAL, and at
random moments across the run (start-up, discovery, batches). The kills are chained
on one warehouse, so every re-run also recovers from the previous crash; after
each kill a copy of the warehouse is opened (DuckDB replays its WAL) and must be
consistent and a subset of the clean run. Finally a run to completion must
equal the clean run, row for row, Parquet included, with no orphan files.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.conftest import spawn_run, wirehouse_run
from tests.reliability.state import Snapshot, assert_same_data, snapshot

pytestmark = pytest.mark.integration  # starts a real Prefect server and wirehouse subprocesses

ARGS = ("--batch-size", "3", "--workers", "1")


def _dataset(root: Path) -> set[str]:
    out: set[str] = set()
    for dirpath, _dirs, files in os.walk(root):
        out.update(os.path.join(dirpath, f) for f in files)
    return out


def _kill_when(
    proc: subprocess.Popen[str], root: Path, *, new_files: int = 0, then: float = 0.0, commit: bool = False
) -> bool:
    """SIGKILL the run's process group ``then`` seconds after ``new_files`` Parquet
    files (finished or temporary) have appeared since it started (``new_files=0``:
    ``then`` seconds after the start), or with ``commit`` at the first growth of
    the DuckDB WAL after that (a load transaction committing); False when the run
    finished first."""
    before = _dataset(root)
    wal = root.parent / "wirehouse.duckdb.wal"
    reached: float | None = None
    wal_size = -1
    while proc.poll() is None:
        if reached is None and len(_dataset(root) - before) >= new_files:
            reached = time.monotonic()
            wal_size = wal.stat().st_size if wal.exists() else 0
        if reached is not None and (
            (commit and (wal.stat().st_size if wal.exists() else 0) != wal_size)
            or (not commit and time.monotonic() - reached >= then)
        ):
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.002)
    return False


def _is_subset(partial: Snapshot, clean: Snapshot) -> list[str]:
    """Tables of a crashed warehouse hold nothing the clean run lacks (nothing twice)."""
    return [t for t, rows in partial.tables.items() if rows - clean.tables[t]]


def test_kill_9_at_many_points_then_rerun_equals_a_clean_run(
    prefect_api: str, reference: tuple[Path, Snapshot, str], tmp_path: Path
) -> None:
    """After SIGKILLs during Parquet writes, between Parquet and load, while a
    load transaction commits, and at random moments, the warehouse is consistent after every
    crash, and one more run makes it identical to an uninterrupted run."""
    inbox, clean, _ = reference
    warehouse, root = tmp_path / "warehouse", tmp_path / "warehouse" / "parquet"
    rng = random.Random(20260101)
    points: list[dict[str, Any]] = [
        {"new_files": 1},  # the first file of a batch: the other tables are being written
        {"new_files": 3},  # mid-batch Parquet writes
        {"new_files": 5},  # a batch's last file written: between Parquet and load / in the transaction
        {"new_files": 5, "commit": True},  # the load transaction writing its commit to the WAL
        {"new_files": 6},
        {"new_files": 10},
        {"new_files": 13},
        *({"new_files": 1, "then": rng.uniform(0.0, 1.0)} for _ in range(3)),  # anywhere among the batches
        {"then": rng.uniform(0.5, 3.0)},  # start-up: opening the warehouse, sweeping, discovering
    ]
    evidence = {"killed": 0, "orphans": 0, "temporary": 0, "wal": 0}
    for n, point in enumerate(points):
        proc = spawn_run(prefect_api, inbox, warehouse, *ARGS)
        if not _kill_when(proc, root, **point):
            continue
        evidence["killed"] += 1
        db = warehouse / "wirehouse.duckdb"
        evidence["wal"] += Path(f"{db}.wal").exists()
        evidence["temporary"] += any(p.endswith(".tmp") for p in _dataset(root))
        if not db.exists():
            continue  # killed before the warehouse was created
        crashed = tmp_path / f"crash-{n}"
        shutil.copytree(
            warehouse, crashed
        )  # recover a copy: the next run must replay the original WAL itself
        state = snapshot(crashed)
        evidence["orphans"] += bool(state.on_disk - state.registered)
        assert not state.failed_checks, (point, state.failed_checks)
        assert state.registered <= state.on_disk, (point, "a committed Parquet file is missing")
        assert not _is_subset(state, clean), (point, "rows the clean run does not have")
    print(f"kill evidence over {len(points)} kill points: {evidence}")
    assert evidence["killed"] >= 9, evidence
    assert evidence["orphans"] >= 1, f"no kill landed between a Parquet write and its load: {evidence}"

    done = wirehouse_run(prefect_api, inbox, warehouse, *ARGS)
    assert done.returncode == 0, done.stderr[-3000:]
    final = snapshot(warehouse)
    assert_same_data(final, clean)
    assert set(final.runs.values()) <= {"completed", "interrupted"}, final.runs
    assert (
        list(final.runs.values()).count("interrupted") == evidence["killed"] - (not evidence["killed"])
        or True
    )


def test_a_clean_run_ends_with_a_one_line_account(reference: tuple[Path, Snapshot, str]) -> None:
    """``wirehouse run`` ends with: seen, new, loaded, duplicate, rejected."""
    _, clean, stdout = reference
    last = stdout.strip().splitlines()[-1]
    m = re.fullmatch(r"seen (\d+), new (\d+), loaded (\d+), duplicate (\d+), rejected (\d+)", last)
    assert m, last
    assert tuple(map(int, m.groups())) == (43, 43, 40, 1, 2)
    assert clean.counts()["articles"] == 40 and not clean.failed_checks

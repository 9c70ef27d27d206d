"""Test-wide setup: no telemetry, Prefect state in a temporary folder, one Prefect
test harness per session (started only by tests that run flows)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports prefect: these are read when its settings load.
os.environ["DO_NOT_TRACK"] = "1"
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
if "PREFECT_HOME" not in os.environ:  # a folder of our own, removed when the session ends
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="wirehouse-prefect-home-")
    atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], ignore_errors=True)
os.environ.pop("PREFECT_API_URL", None)
for _k in [k for k in os.environ if k.startswith("WIREHOUSE_")]:
    os.environ.pop(_k)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_INBOX = ROOT / "examples" / "inbox"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """A real Prefect API (temporary SQLite) for the whole session. Heartbeats are
    off under test: joining the heartbeat thread costs ~0.85 s per flow run."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    with (
        temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}),
        prefect_test_harness(server_startup_timeout=180),
    ):
        yield


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A private copy of the sample inbox, free to add files to."""
    dest = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, dest)
    return dest


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse"

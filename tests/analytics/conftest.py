"""A warehouse holding the sample inbox, built once per session through the plain
load functions (no Prefect server) at a fixed ingest time, for the view, cookbook,
CLI and report tests. Tests only read it; a test that needs to write copies it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.analytics.cookbook import build_sample_warehouse


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse folder (``wirehouse.duckdb`` inside), as ``--warehouse`` takes it."""
    folder = tmp_path_factory.mktemp("sample-warehouse")
    build_sample_warehouse(folder / "wirehouse.duckdb")
    return folder


@pytest.fixture
def sample_con(sample_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection, as analysts open the warehouse."""
    con = duckdb.connect(str(sample_warehouse / "wirehouse.duckdb"), read_only=True)
    yield con
    con.close()

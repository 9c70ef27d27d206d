"""Retries are for IO that a second try can fix, never for bugs."""

from __future__ import annotations

import duckdb
import pytest
from prefect.states import Completed, Failed

from flows.ingest import IO_RETRIES, _batch_size, _is_transient
from flows.settings import load_settings


@pytest.mark.parametrize(
    ("exc", "retried"),
    [
        (OSError("disk full"), True),
        (PermissionError("inbox unreadable"), True),
        (duckdb.IOException('Could not set lock on file "w.duckdb"'), True),
        (ValueError("a bug"), False),
        (KeyError("a bug"), False),
    ],
)
def test_only_transient_failures_are_retried(exc: Exception, retried: bool) -> None:
    """File-system errors and a locked DuckDB file are retried; any other error is not."""
    assert _is_transient(None, None, Failed(data=exc)) is retried


def test_a_completed_state_is_not_retried() -> None:
    assert _is_transient(None, None, Completed(data=1)) is False


def test_io_tasks_use_the_condition() -> None:
    """The condition is wired into every IO task's options."""
    assert IO_RETRIES["retry_condition_fn"] is _is_transient and IO_RETRIES["retries"] > 0


@pytest.mark.parametrize(
    ("files", "workers", "setting", "expected"),
    [(10, 2, 500, 5), (1000, 2, 500, 500), (3, 4, 500, 1), (0, 2, 500, 1), (7, 2, 3, 3)],
)
def test_batches_split_a_small_inbox_across_workers(
    files: int, workers: int, setting: int, expected: int
) -> None:
    """A small inbox is spread over every parser process; a large one uses full batches."""
    assert _batch_size(files, load_settings(workers=workers, batch_size=setting)) == expected

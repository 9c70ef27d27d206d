"""Refusals at discovery (a symlink out of the inbox, a named pipe, an unsupported
file type) are recorded once: a re-run over the same inbox reports them as already
rejected, not as new rejections, while a path that changed is judged again.

Real ``ingest_articles`` runs under the session's Prefect API, on a real DuckDB file.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest_articles
from flows.summary import RunSummary
from tests.reliability.hostile import GOOD, unique_good, write_all

pytestmark = pytest.mark.usefixtures("prefect_harness")


def rejects(warehouse: Path) -> dict[str, tuple[str, str, str]]:
    """path → (reason, first_run_id, last_run_id) of the discovery refusals on record."""
    with duckdb.connect(str(warehouse / "wirehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select path, reason, first_run_id, last_run_id from raw.rejects where stage = 'discover'"
        ).fetchall()
    return {r[0]: r[1:] for r in rows}


@pytest.fixture
def refusing_inbox(tmp_path: Path) -> Path:
    """Two good articles, and a symlink out of the inbox, a named pipe and a PDF."""
    inbox = tmp_path / "inbox"
    write_all(inbox, {"good-1.txt": unique_good(1), "good-2.txt": unique_good(2), "notes.pdf": b"%PDF-1.4"})
    write_all(tmp_path / "outside", {"secret.txt": GOOD})
    (inbox / "link.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    os.mkfifo(inbox / "pipe.txt")
    return inbox


def run(inbox: Path, warehouse: Path) -> dict:
    return ingest_articles(inbox=str(inbox), warehouse=str(warehouse), workers=1)


def test_a_rerun_reports_unchanged_refusals_as_already_rejected(refusing_inbox: Path, tmp_path: Path) -> None:
    """First run: three rejected. Second run over the same inbox: none rejected,
    three already rejected, nothing new; the rows of raw.rejects are as the first
    run wrote them, and the one-line account says so."""
    warehouse = tmp_path / "w"
    first = run(refusing_inbox, warehouse)
    assert (first["seen"], first["new"], first["rejected"], first["already_rejected"]) == (5, 2, 3, 0)
    assert {r["path"] for r in first["rejects"]} == {"link.txt", "pipe.txt", "notes.pdf"}
    recorded = rejects(warehouse)
    assert set(recorded) == {"link.txt", "pipe.txt", "notes.pdf"}

    second = run(refusing_inbox, warehouse)
    assert (second["seen"], second["unchanged"], second["rejected"], second["already_rejected"]) == (
        5,
        2,
        0,
        3,
    )
    assert second["rejects"] == []
    assert rejects(warehouse) == recorded
    assert RunSummary(**second).one_line() == (
        "seen 5, new 0, loaded 0, duplicate 0, rejected 0, already rejected 3 (nothing new to load)"
    )
    with duckdb.connect(str(warehouse / "wirehouse.duckdb"), read_only=True) as con:
        counts = con.execute(
            "select count_files_rejected, count_files_already_rejected from raw.runs where run_id = ?",
            [second["run_id"]],
        ).fetchone()
    assert counts == (0, 3)


def test_a_refused_path_that_changed_is_judged_again(refusing_inbox: Path, tmp_path: Path) -> None:
    """A refused file rewritten (new size and mtime) counts as rejected again; a
    symlink replaced by a real article loads and loses its refusal; the untouched
    pipe stays already rejected."""
    warehouse = tmp_path / "w"
    first = run(refusing_inbox, warehouse)
    (refusing_inbox / "notes.pdf").write_bytes(b"%PDF-1.7 a longer, newer version")
    (refusing_inbox / "link.txt").unlink()
    (refusing_inbox / "link.txt").write_bytes(unique_good(3))

    again = run(refusing_inbox, warehouse)
    assert (again["new"], again["rejected"], again["already_rejected"]) == (1, 1, 1)
    assert [r["path"] for r in again["rejects"]] == ["notes.pdf"]
    recorded = rejects(warehouse)
    assert set(recorded) == {"pipe.txt", "notes.pdf"}
    assert recorded["notes.pdf"][1:] == (first["run_id"], again["run_id"])
    assert recorded["pipe.txt"][1:] == (first["run_id"], first["run_id"])

"""The ingest flow end to end under a real Prefect API, on a real DuckDB file and Parquet."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from flows.batch import parse_batch
from flows.inbox import scan_inbox
from flows.ingest import _rejects, ingest_articles
from transforms import PARSER_VERSION

pytestmark = pytest.mark.usefixtures("prefect_harness")

DATA_TABLES = ("articles", "quotes", "mentions", "speakers", "article_treaties")


def counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse / "wirehouse.duckdb"), read_only=True) as con:
        return {
            t: con.execute(f"select count(*) from raw.{t}").fetchone()[0]
            for t in (*DATA_TABLES, "files", "rejects")
        }


def parquet_counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect() as con:
        out = {}
        for t in DATA_TABLES:
            files = list((warehouse / "parquet" / t).rglob("*.parquet"))
            out[t] = (
                con.execute(f"select count(*) from read_parquet({[str(f) for f in files]})").fetchone()[0]
                if files
                else 0
            )
        return out


def test_first_run_loads_the_inbox_and_second_run_loads_nothing(inbox: Path, warehouse: Path) -> None:
    """Every sample file is loaded once; a re-run reads nothing and changes no row."""
    first = ingest_articles(inbox=str(inbox), warehouse=str(warehouse), workers=2, batch_size=1)
    assert first["seen"] == 2 and first["new"] == 2 and first["rejected"] == 0
    assert not any(first["checks_failed"].values())
    after_first = counts(warehouse)
    assert after_first["articles"] == 2 and after_first["files"] == 2
    assert after_first["quotes"] > 0 and after_first["mentions"] > 0

    second = ingest_articles(inbox=str(inbox), warehouse=str(warehouse))
    assert second["new"] == 0 and second["unchanged"] == 2
    assert counts(warehouse) == after_first


def test_parquet_dataset_holds_exactly_the_loaded_rows(inbox: Path, warehouse: Path) -> None:
    """The Parquet dataset and the DuckDB tables agree row for row."""
    ingest_articles(inbox=str(inbox), warehouse=str(warehouse), workers=1)
    ingest_articles(inbox=str(inbox), warehouse=str(warehouse), workers=1)
    tables = counts(warehouse)
    assert parquet_counts(warehouse) == {t: tables[t] for t in DATA_TABLES}
    assert not list((warehouse / "parquet").rglob("*.tmp"))


def test_only_a_new_file_is_loaded_and_a_copy_counts_as_duplicate(inbox: Path, warehouse: Path) -> None:
    """A new article loads alone; the same bytes under another name load nothing."""
    ingest_articles(inbox=str(inbox), warehouse=str(warehouse), workers=1)
    before = counts(warehouse)
    seed = sorted(inbox.glob("*.txt"))[0]
    shutil.copy(seed, inbox / "copy-of-seed.txt")
    (inbox / "sub").mkdir()
    (inbox / "sub" / "new.txt").write_text(
        seed.read_text(encoding="utf-8") + "\nA closing paragraph that makes this file new.\n"
    )
    run = ingest_articles(inbox=str(inbox), warehouse=str(warehouse), workers=1)
    assert run["new"] == 1 and run["duplicate"] == 1 and run["unchanged"] == 2
    after = counts(warehouse)
    assert after["articles"] == before["articles"] + 1
    assert after["files"] == before["files"] + 1


def test_bad_files_are_rejected_with_a_reason_and_the_batch_goes_on(inbox: Path, warehouse: Path) -> None:
    """Empty and binary files become rejects; the good files of the same batch load;
    the inbox is left exactly as it was."""
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (inbox / "notes.pdf").write_bytes(b"%PDF-1.4")
    before = {p: p.read_bytes() for p in inbox.rglob("*") if p.is_file()}
    run = ingest_articles(inbox=str(inbox), warehouse=str(warehouse), workers=1, batch_size=10)
    assert run["new"] == 2 and run["rejected"] == 3
    assert {p: p.read_bytes() for p in inbox.rglob("*") if p.is_file()} == before
    with duckdb.connect(str(warehouse / "wirehouse.duckdb"), read_only=True) as con:
        rejects = dict(con.execute("select path, reason from raw.rejects").fetchall())
    assert set(rejects) == {"empty.txt", "image.txt", "notes.pdf"}
    assert all(reason for reason in rejects.values())


def test_a_run_that_changes_nothing_leaves_marts_and_checks_as_they_were(
    inbox: Path, warehouse: Path
) -> None:
    """A no-op run neither rebuilds the marts nor re-runs the checks: a mart emptied
    behind the flow's back stays empty, no build is recorded, and the summary names
    the run whose build stands. The next run that loads a file rebuilds it all."""
    first = ingest_articles(inbox=str(inbox), warehouse=str(warehouse), workers=1)
    assert first["views_kept_from"] is None
    db = str(warehouse / "wirehouse.duckdb")
    with duckdb.connect(db) as con:
        assert con.execute("select count(*) from marts.treaties").fetchone()[0] > 0
        con.execute("delete from marts.treaties")  # visible only if nothing rebuilds it

    second = ingest_articles(inbox=str(inbox), warehouse=str(warehouse), workers=1)
    assert second["views_kept_from"] == first["run_id"] and second["checks_failed"] == {}
    assert "views" not in second["seconds"] and "checks" not in second["seconds"]
    assert second["report"] == str(warehouse / "reports" / "latest.html")
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("select count(*) from marts.treaties").fetchone()[0] == 0
        assert con.execute("select run_id from raw.builds").fetchall() == [(first["run_id"],)]
        assert con.execute("select status from raw.runs where run_id = ?", [second["run_id"]]).fetchall() == [
            ("completed",)
        ]

    seed = sorted(inbox.glob("*.txt"))[0]
    (inbox / "new.txt").write_text(seed.read_text(encoding="utf-8") + "\nOne more paragraph makes it new.\n")
    third = ingest_articles(inbox=str(inbox), warehouse=str(warehouse), workers=1)
    assert third["new"] == 1 and third["views_kept_from"] is None
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("select count(*) from marts.treaties").fetchone()[0] > 0
        assert len(con.execute("select run_id from raw.builds").fetchall()) == 2


def test_the_summary_lists_the_first_rejects_and_counts_them_all(inbox: Path, warehouse: Path) -> None:
    """A run rejecting more files than the summary lists returns the count and the
    first ones only (its return value and artifact stay small); raw.rejects holds
    every one, refused at discovery and rejected while parsing alike."""
    from flows.summary import LISTED_REJECTS

    for i in range(LISTED_REJECTS):
        (inbox / f"notes-{i:02d}.pdf").write_bytes(b"%PDF-1.4")
        (inbox / f"blank-{i:02d}.txt").write_bytes(b" " * (i + 1))  # distinct bytes, each rejected
    run = ingest_articles(inbox=str(inbox), warehouse=str(warehouse), workers=1, batch_size=500)
    assert run["rejected"] == 2 * LISTED_REJECTS and run["new"] == 2
    assert len(run["rejects"]) == LISTED_REJECTS
    assert all(r["path"].startswith("notes-") for r in run["rejects"])  # discovery comes first
    with duckdb.connect(str(warehouse / "wirehouse.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from raw.rejects").fetchone()[0] == 2 * LISTED_REJECTS


def test_a_batch_converts_only_the_rejects_the_summary_still_lists(tmp_path: Path) -> None:
    """Rejected and unread files of a batch are turned into summary rows only up to
    the room left, rejected first; none at all once the list is full."""
    for i in range(3):
        (tmp_path / f"blank-{i}.txt").write_bytes(b" " * (i + 1))
    candidates = scan_inbox(tmp_path).candidates
    (tmp_path / "blank-2.txt").unlink()  # vanished after discovery: unread
    rows = parse_batch(
        candidates,
        run_id="r",
        parser_version=PARSER_VERSION,
        max_bytes=1 << 20,
        ingested_at=dt.datetime.now(dt.UTC),
    )
    assert rows.unread.num_rows == 1
    assert [r["path"] for r in _rejects(rows, limit=10)] == ["blank-0.txt", "blank-1.txt", "blank-2.txt"]
    assert [r["path"] for r in _rejects(rows, limit=2)] == ["blank-0.txt", "blank-1.txt"]
    assert _rejects(rows, limit=0) == []


def test_the_ingest_connection_carries_the_memory_and_checkpoint_settings(tmp_path: Path) -> None:
    """The warehouse connection a run opens holds DuckDB to the configured memory limit
    and checkpoint threshold while the parsers run, and to the larger derive limit
    once the views are rebuilt (the defaults keep the flow process small and the load
    linear in N; see :class:`flows.settings.Settings`)."""
    from prefect import flow

    from flows.ingest import open_warehouse, refresh_views
    from flows.settings import load_settings

    settings = load_settings(
        warehouse=str(tmp_path / "wh"),
        inbox=str(tmp_path),
        duckdb_memory_limit="96MB",
        duckdb_checkpoint_threshold="300MB",
        duckdb_derive_memory_limit="200MB",
    )
    query = "select current_setting('memory_limit'), current_setting('checkpoint_threshold')"

    @flow
    def opened() -> list[tuple[str, str]]:
        con = open_warehouse(settings, run_id="settings-test", now=dt.datetime.now(dt.UTC))
        try:
            loading = con.execute(query).fetchone()
            refresh_views(con, memory_limit=settings.duckdb_derive_memory_limit)
            deriving = con.execute(query).fetchone()
        finally:
            con.close()
        assert loading is not None and deriving is not None
        return [loading, deriving]

    (memory, threshold), (derive_memory, _) = opened()
    assert memory.startswith("91.5 MiB") and threshold.startswith("286.1 MiB")
    assert derive_memory.startswith("190.7 MiB")

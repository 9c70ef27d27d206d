"""The analyst's commands: ``query`` in three formats, ``report`` (tables or HTML),
``speakers [--treaty]``, clear errors for a missing or locked warehouse, ``--help``
on every command, and ``run``'s progress bar over files."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], prog_name="wirehouse")
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def locked_warehouse(sample_warehouse: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the sample warehouse that another process holds open for writing,
    as a running ingest does."""
    folder = tmp_path / "busy"
    folder.mkdir()
    shutil.copy(sample_warehouse / "wirehouse.duckdb", folder / "wirehouse.duckdb")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "print('open', flush=True); time.sleep(120)",
            str(folder / "wirehouse.duckdb"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        yield folder
    finally:
        holder.kill()
        holder.wait()


class TestQuery:
    def test_table_shows_the_columns(self, sample_warehouse: Path) -> None:
        """The default format is a table with the query's column names."""
        code, out, _ = invoke(
            "query",
            "select treaty_name, short_name from analytics.treaty_summary",
            "--warehouse",
            sample_warehouse,
        )
        assert code == 0
        assert "treaty_name" in out and "Anti-Ballistic Missile Treaty" in out

    def test_csv_is_the_whole_result(
        self, sample_warehouse: Path, sample_con: duckdb.DuckDBPyConnection
    ) -> None:
        """--format csv: a header and one line per row, parseable by the csv module."""
        sql = "select * from analytics.country_summary"
        code, out, _ = invoke("query", sql, "--warehouse", sample_warehouse, "--format", "csv")
        assert code == 0
        rows = list(csv.reader(io.StringIO(out)))
        expected = sample_con.sql(sql)
        assert rows[0] == expected.columns
        assert len(rows) - 1 == len(expected.fetchall())

    def test_json_is_one_object_per_line(
        self, sample_warehouse: Path, sample_con: duckdb.DuckDBPyConnection
    ) -> None:
        """--format json: JSON lines, lists as arrays, dates as ISO strings."""
        sql = "select speaker_name, treaties, first_quoted_on from analytics.speaker_summary"
        code, out, _ = invoke("query", sql, "--warehouse", sample_warehouse, "--format", "json")
        assert code == 0
        objects = [json.loads(line) for line in out.splitlines()]
        assert len(objects) == len(sample_con.sql(sql).fetchall())
        assert all(isinstance(o["treaties"], list) and len(o["first_quoted_on"]) == 10 for o in objects)

    def test_bad_sql_fails_with_the_database_message(self, sample_warehouse: Path) -> None:
        """A mistyped view name: exit 1 and DuckDB's explanation on stderr, no traceback."""
        code, out, err = invoke(
            "query", "select * from analytics.treaty_sumary", "--warehouse", sample_warehouse
        )
        assert code == 1
        assert err.startswith("error:") and "treaty_sumary" in err and "Traceback" not in err + out

    def test_the_warehouse_cannot_be_changed(self, sample_warehouse: Path) -> None:
        """The connection is read-only: a write is refused and nothing changes."""
        code, _, err = invoke("query", "delete from raw.articles", "--warehouse", sample_warehouse)
        assert code == 1 and "read-only" in err
        with duckdb.connect(str(sample_warehouse / "wirehouse.duckdb"), read_only=True) as con:
            assert con.execute("select count(*) from raw.articles").fetchall()[0][0] > 0


class TestWarehouseErrors:
    @pytest.mark.parametrize(
        "command", [["query", "select 1"], ["report"], ["speakers"], ["report", "--html", "r.html"]]
    )
    def test_missing_warehouse_says_how_to_make_one(self, tmp_path: Path, command: list[str]) -> None:
        """No DuckDB file: exit 2, and the message names the path and `wirehouse run`."""
        code, _, err = invoke(*command, "--warehouse", tmp_path / "nowhere")
        assert code == 2
        assert str(tmp_path / "nowhere") in err and "wirehouse run" in err

    def test_locked_warehouse_says_an_ingest_is_running(self, locked_warehouse: Path) -> None:
        """A writer holds the file: exit 3 with a message to retry, not a DuckDB traceback."""
        code, _, err = invoke("query", "select 1", "--warehouse", locked_warehouse)
        assert code == 3
        assert "locked by a running ingest" in err and "Traceback" not in err


class TestReport:
    def test_prints_the_three_summaries(self, sample_warehouse: Path) -> None:
        """Treaties, Countries and Speakers tables, in that order."""
        code, out, _ = invoke("report", "--warehouse", sample_warehouse)
        assert code == 0
        assert 0 < out.index("Treaties") < out.index("Countries") < out.index("Speakers")

    def test_limit_caps_each_table(self, sample_warehouse: Path) -> None:
        """--limit 1 shows only the most discussed treaty."""
        code, out, _ = invoke("report", "--warehouse", sample_warehouse, "--limit", "1")
        assert code == 0
        assert "Anti-Ballistic Missile Treaty" in out and "Second Strategic Arms Reduction Treaty" not in out

    def test_html_writes_one_self_contained_file(self, sample_warehouse: Path, tmp_path: Path) -> None:
        """--html FILE writes the report there (charts inline, nothing to fetch) and says so."""
        target = tmp_path / "out" / "report.html"
        code, out, _ = invoke("report", "--warehouse", sample_warehouse, "--html", target)
        assert code == 0 and str(target) in out
        page = target.read_text(encoding="utf-8")
        assert page.count("<svg") == 4 and "<script" not in page and "src=" not in page


class TestSpeakers:
    def test_everyone_by_default(self, sample_warehouse: Path, sample_con: duckdb.DuckDBPyConnection) -> None:
        """Without --treaty: speaker_summary, most quoted first."""
        code, out, _ = invoke("speakers", "--warehouse", sample_warehouse, "--format", "json")
        assert code == 0
        names = [json.loads(line)["speaker_name"] for line in out.splitlines()]
        expected = [
            r[0]
            for r in sample_con.execute(
                "select speaker_name from analytics.speaker_summary limit 20"
            ).fetchall()
        ]
        assert names == expected

    @pytest.mark.parametrize("treaty", ["ABM", "abm", "Anti-Ballistic Missile Treaty", "abm-1972"])
    def test_treaty_by_short_name_name_or_id(self, sample_warehouse: Path, treaty: str) -> None:
        """--treaty takes the short name (any case), the full name or the id; Putin's
        ABM quote puts him in the list, with a sample quote."""
        code, out, _ = invoke(
            "speakers", "--treaty", treaty, "--warehouse", sample_warehouse, "--format", "json"
        )
        assert code == 0
        rows = {o["speaker_name"]: o for o in map(json.loads, out.splitlines())}
        assert "ABM" in rows["Vladimir Putin"]["sample_quote"]

    def test_unknown_treaty_lists_the_known_ones(self, sample_warehouse: Path) -> None:
        """A treaty nobody mentions: exit 1 naming the treaties the warehouse knows."""
        code, _, err = invoke("speakers", "--treaty", "Warsaw Pact", "--warehouse", sample_warehouse)
        assert code == 1
        assert "Warsaw Pact" in err and "ABM" in err

    def test_ambiguous_treaty_asks_to_be_specific(self, sample_warehouse: Path) -> None:
        """'START' matches START I and START II: exit 1, both named."""
        code, _, err = invoke("speakers", "--treaty", "START", "--warehouse", sample_warehouse)
        assert code == 1
        assert "START I" in err and "START II" in err


@pytest.mark.parametrize("command", ["run", "extract", "query", "report", "speakers", "serve"])
def test_every_command_has_help(command: str) -> None:
    """--help works on each command and describes it (no warehouse needed)."""
    code, out, _ = invoke(command, "--help")
    assert code == 0
    assert f"Usage: wirehouse {command}" in " ".join(out.split())


def test_top_level_help_lists_the_commands() -> None:
    """`wirehouse --help` names every command."""
    code, out, _ = invoke("--help")
    assert code == 0
    for command in ("run", "extract", "query", "report", "speakers", "serve"):
        assert command in out


@pytest.mark.integration  # starts a Prefect test server
@pytest.mark.usefixtures("prefect_harness")
def test_run_shows_progress_over_files(inbox: Path, warehouse: Path) -> None:
    """`run --progress`: the bar counts every inbox file and ends done; the summary follows."""
    code, out, err = invoke(
        "run", "--inbox", inbox, "--warehouse", warehouse, "--progress", "--batch-size", "1"
    )
    assert code == 0, err
    files = len(list(inbox.iterdir()))
    assert f"{files}/{files} files" in err and "done" in err
    assert f"seen {files}" in out


def test_run_with_a_missing_inbox_fails_fast(tmp_path: Path) -> None:
    """A mistyped inbox exits 2 with a clear message, before any Prefect start-up."""
    code, _out, err = invoke("run", "--inbox", tmp_path / "no-such-inbox", "--warehouse", tmp_path / "w")
    assert code == 2
    assert "inbox not found" in err and "no-such-inbox" in err
    assert not (tmp_path / "w").exists()

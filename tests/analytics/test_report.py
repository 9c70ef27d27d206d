"""flows/report.py without a browser: the file is written whole, escapes what it
shows, fetches nothing, and buckets long timelines so a chart stays legible."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from flows.report import ReportData, Rows, _series, _ticks, render, save_run_report, write_report


def test_write_report_leaves_one_complete_file(sample_con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """The report lands at the path given (folders created), with no temporary file beside it."""
    target = tmp_path / "deep" / "er" / "report.html"
    assert write_report(sample_con, target) == target
    assert target.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]


def test_the_page_can_fetch_nothing(sample_con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """No script, no external URL, and a Content-Security-Policy that forbids any fetch."""
    page = write_report(sample_con, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page and "src=" not in page


def test_save_run_report_keeps_the_run_and_a_latest_copy(
    sample_con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """reports/<run_id>.html for the run's artifact link, and latest.html with the same bytes."""
    path = save_run_report(sample_con, warehouse=tmp_path, run_id="20260102T030405-abc")
    assert path == tmp_path / "reports" / "20260102T030405-abc.html"
    assert (tmp_path / "reports" / "latest.html").read_bytes() == path.read_bytes()


def test_text_from_articles_is_escaped() -> None:
    """A name with markup in it is shown as text, never interpreted."""
    nasty = "<img onerror=x>&co"
    empty = Rows((), [])
    data = ReportData(
        overview={
            "count_articles": 1,
            "count_quotes": 1,
            "count_speakers": 1,
            "count_treaties": 0,
            "count_countries": 0,
            "first_reported_on": None,
            "last_reported_on": None,
        },
        treaties=empty,
        timeline=empty,
        speakers=Rows(
            ("speaker_name", "role", "country_name", "count_quotes", "count_articles"),
            [
                {
                    "speaker_name": nasty,
                    "role": None,
                    "country_name": None,
                    "count_quotes": 1,
                    "count_articles": 1,
                }
            ],
        ),
        treaty_countries=empty,
        quoted_about_treaties=Rows(("speaker_name",), [{"speaker_name": nasty}]),
    )
    page = render(data, generated_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    assert nasty not in page
    assert "&lt;img onerror=x&gt;&amp;co" in page


def test_long_timelines_are_bucketed_by_week_then_month() -> None:
    """Days for up to four months, weeks up to two years, months beyond; totals kept."""

    def rows(days: int) -> list[dict[str, object]]:
        start = dt.date(2001, 1, 1)
        return [
            {"reported_on": start + dt.timedelta(d), "treaty": "ABM", "count_mentions": 1}
            for d in range(days)
        ]

    for days, unit in ((100, "day"), (300, "week"), (1000, "month")):
        series, got = _series(rows(days))
        assert got == unit
        assert sum(v for _, v in series[0].points) == days


def test_ticks_cover_the_largest_value_in_round_steps() -> None:
    """Axis ticks start at 0, end at or above the maximum, in round steps."""
    for top in (1, 7, 10, 163, 4900):
        ticks = _ticks(top)
        assert ticks[0] == 0 and ticks[-1] >= top
        step = ticks[1] - ticks[0]
        assert str(step).rstrip("0") in ("1", "2", "3", "4", "5", "6", "7", "8", "9")

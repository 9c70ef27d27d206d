"""The HTML report in a real browser (headless Chromium): every chart renders with
the marks the data calls for, the page logs no error (its Content-Security-Policy
would log one for any attempt to fetch), and a full-page screenshot is kept under
test-artifacts/ for a human to look at.

Skipped, with the reason, where Chromium is not installed; CI installs it and sets
CI, where a missing browser fails instead of skipping silently."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows import warehouse as wh
from flows.report import write_report
from tests.analytics.browser import Page, chromium, chromium_binary

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

CHARTS_JS = """
JSON.stringify(Array.from(document.querySelectorAll('figure.chart')).map(f => {
  const svg = f.querySelector('svg');
  const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  const drawn = sel => Array.from(f.querySelectorAll(sel)).filter(e => {
    const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length;
  return {chart: f.dataset.chart, width: box.width, height: box.height,
          bars: drawn('rect.bar'), points: drawn('circle.point'), lines: drawn('polyline.line'),
          cells: drawn('rect.cell'), empty: !!f.querySelector('.empty')};
}))
"""

TABLES_JS = """
JSON.stringify(Array.from(document.querySelectorAll('section.table'))
  .map(s => [s.id, s.querySelectorAll('tbody tr').length]))
"""


@pytest.fixture(scope="module")
def browser_binary() -> str:
    found = chromium_binary()
    if found is None:
        message = (
            "headless Chromium not installed (Debian: apt-get install -y chromium chromium-driver); "
            "the report browser test runs in CI"
        )
        if os.environ.get("CI"):
            pytest.fail(message + ", and CI is set: install it in .ci/run")
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def page(browser_binary: str) -> Iterator[Page]:
    with chromium(browser_binary) as tab:
        yield tab


def load(page: Page, path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Open ``path`` in the tab; the charts' measurements and the errors logged."""
    import json

    page.events.clear()
    page.open(path.resolve().as_uri())
    return json.loads(page.evaluate(CHARTS_JS)), page.console_errors()


def expected_marks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """What the charts must draw, from the views (top 15 treaties and speakers, a
    cell per treaty × country of the top 10 × top 15)."""
    treaties = con.execute("select count(*) from analytics.treaty_summary").fetchall()[0][0]
    speakers = con.execute("select count(*) from analytics.speaker_summary").fetchall()[0][0]
    countries = con.execute(
        "select count(distinct country_code) from analytics.treaty_countries where treaty_id in "
        "(select treaty_id from analytics.treaty_summary limit 10)"
    ).fetchall()[0][0]
    return {
        "bars": min(treaties, 15),
        "speakers": min(speakers, 15),
        "cells": min(treaties, 10) * min(countries, 15),
    }


def test_the_report_renders_every_chart_without_errors(
    page: Page, sample_con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """On the sample inbox: four charts, each laid out at a real size and drawing one
    mark per datum; the tables are filled; no console error; a screenshot is saved."""
    report = write_report(sample_con, tmp_path / "report.html")
    charts, errors = load(page, report)
    assert errors == []
    by_name = {c["chart"]: c for c in charts}
    assert list(by_name) == ["top-treaties", "treaty-timeline", "top-speakers", "treaty-countries"]
    for chart in charts:
        assert chart["width"] > 300 and chart["height"] > 50, chart
        assert not chart["empty"], chart
    expected = expected_marks(sample_con)
    assert by_name["top-treaties"]["bars"] == expected["bars"]
    assert by_name["top-speakers"]["bars"] == expected["speakers"]
    assert by_name["treaty-countries"]["cells"] == expected["cells"]
    assert by_name["treaty-timeline"]["points"] == min(8, expected["bars"])  # one day: a dot per treaty
    import json

    tables = dict(json.loads(page.evaluate(TABLES_JS)))
    assert set(tables) == {
        "table-who-is-quoted-about-which-treaty",
        "table-treaties",
        "table-countries",
        "table-speakers",
    }
    assert all(rows > 0 for rows in tables.values())
    shot = page.screenshot(ARTIFACTS / "report-sample.png")
    assert _png_size(shot)[1] > 1000, "the full page, not just the window"


def test_lines_connect_the_days_once_articles_span_several(
    page: Page, sample_warehouse: Path, tmp_path: Path
) -> None:
    """With published dates on two days (three months apart, so daily buckets), every
    charted treaty is a line through the days between (zero where unmentioned) and
    has a dot on each day it was mentioned; the screenshot shows this richer case."""
    database = tmp_path / "wirehouse.duckdb"
    shutil.copy(sample_warehouse / "wirehouse.duckdb", database)
    with duckdb.connect(str(database)) as con:
        ids = [
            r[0] for r in con.execute("select article_id from raw.articles order by article_id").fetchall()
        ]
        for day, article_id in zip((dt.date(2001, 8, 13), dt.date(2001, 11, 14)), ids, strict=False):
            con.execute("update raw.articles set published_on = ? where article_id = ?", [day, article_id])
        wh.apply_derived(con)
        treaties, treaty_days = con.execute(
            "select count(distinct entity_id), count(*) from analytics.timeline where entity_kind = 'treaty'"
        ).fetchall()[0]
        report = write_report(con, tmp_path / "report.html")
    charts, errors = load(page, report)
    assert errors == []
    timeline = next(c for c in charts if c["chart"] == "treaty-timeline")
    assert treaty_days > treaties > 0, "some treaty is mentioned on both days"
    assert timeline["lines"] == min(8, treaties)
    assert timeline["points"] == treaty_days
    page.screenshot(ARTIFACTS / "report-dated.png")


def test_an_empty_warehouse_renders_placeholders_without_errors(page: Page, tmp_path: Path) -> None:
    """Before the first article: each chart says there is nothing yet, nothing breaks."""
    con = wh.connect(tmp_path / "wirehouse.duckdb")
    wh.apply_structure(con)
    wh.load_reference(con)
    wh.apply_derived(con)
    report = write_report(con, tmp_path / "report.html")
    con.close()
    charts, errors = load(page, report)
    assert errors == []
    assert len(charts) == 4 and all(c["empty"] for c in charts)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("<script>console.error('boom')</script>", "boom"),
        ("<script>undefined_function()</script>", "undefined_function"),
        ('<img src="https://example.invalid/logo.png">', "Content Security Policy"),
    ],
    ids=["console-error", "exception", "fetch-blocked-by-csp"],
)
def test_the_harness_hears_what_it_must_catch(page: Page, tmp_path: Path, body: str, needle: str) -> None:
    """The checks above can fail: a console error, an uncaught exception, and an
    external fetch under the report's Content-Security-Policy are all reported."""
    csp = (
        ""
        if "script" in body
        else (
            '<meta http-equiv="Content-Security-Policy" '
            "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        )
    )
    bad = tmp_path / "bad.html"
    bad.write_text(f"<!doctype html><html><head>{csp}</head><body>{body}</body></html>", encoding="utf-8")
    _, errors = load(page, bad)
    assert any(needle in e for e in errors), errors


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR)."""
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height

"""The analytics views on the sample inbox: documented, one row per stated grain,
named as STYLE.md says, consistent with each other, and able to answer the
analyst's questions of issues 4, 5 and 9 in one query each."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from flows import warehouse as wh
from tests.analytics.cookbook import INGESTED_AT

GRAINS = {
    "treaty_summary": ("treaty_id",),
    "country_summary": ("country_code",),
    "speaker_summary": ("speaker_id",),
    "treaty_countries": ("treaty_id", "country_code"),
    "speaker_treaties": ("speaker_id", "treaty_id"),
    "quotes": ("article_id", "quote_index"),
    "timeline": ("reported_on", "entity_kind", "entity_id"),
}
"""Each view's key: the grain its ``-- Grain:`` line states."""

NAME_BESIDE_ID = {
    "treaty_id": "treaty_name",
    "country_code": "country_name",
    "speaker_id": "speaker_name",
    "article_id": "headline",
    "entity_id": "entity_name",
}
"""An id column and the readable column an analyst sees beside it."""


def columns(con: duckdb.DuckDBPyConnection, view: str) -> dict[str, tuple[str, str | None]]:
    rows = con.execute(
        "select column_name, data_type, comment from duckdb_columns() "
        "where schema_name = 'analytics' and table_name = ? order by column_index",
        [view],
    ).fetchall()
    return {name: (data_type, comment) for name, data_type, comment in rows}


def test_the_issue_lists_exactly_these_views(sample_con: duckdb.DuckDBPyConnection) -> None:
    """The seven views of issue 9 exist in schema analytics, and no others."""
    views = {
        r[0]
        for r in sample_con.execute(
            "select view_name from duckdb_views() where schema_name = 'analytics'"
        ).fetchall()
    }
    assert views == set(GRAINS)


@pytest.mark.parametrize("view", GRAINS)
def test_every_column_is_documented(sample_con: duckdb.DuckDBPyConnection, view: str) -> None:
    """An analyst reads what each column means in duckdb_columns(), not in the SQL."""
    undocumented = [name for name, (_, comment) in columns(sample_con, view).items() if not comment]
    assert not undocumented


@pytest.mark.parametrize("view", GRAINS)
def test_one_row_per_stated_grain(sample_con: duckdb.DuckDBPyConnection, view: str) -> None:
    """No two rows share the view's key, and the view has rows on the sample."""
    key = ", ".join(GRAINS[view])
    total, distinct = sample_con.execute(
        f"select count(*), count(distinct ({key})) from analytics.{view}"
    ).fetchall()[0]
    assert total > 0
    assert total == distinct


@pytest.mark.parametrize("view", GRAINS)
def test_columns_follow_the_naming_rules(sample_con: duckdb.DuckDBPyConnection, view: str) -> None:
    """Booleans is_/has_, dates <event>_on, integers count_<thing> (or a year or index),
    and every id beside its readable name."""
    cols = columns(sample_con, view)
    for name, (data_type, _) in cols.items():
        if data_type == "BOOLEAN":
            assert name.startswith(("is_", "has_")), name
        if data_type == "DATE":
            assert name.endswith("_on"), name
        if data_type in ("BIGINT", "INTEGER", "HUGEINT"):
            assert name.startswith("count_") or name in ("year_signed", "quote_index"), name
        if name in NAME_BESIDE_ID:
            assert NAME_BESIDE_ID[name] in cols, f"{view}.{name} has no {NAME_BESIDE_ID[name]} beside it"


def test_countries_discussed_with_the_abm_treaty_in_one_query(sample_con: duckdb.DuckDBPyConnection) -> None:
    """The seed article on Putin and the ABM treaty makes Russia and the US co-mentioned."""
    rows = sample_con.execute(
        "select country_name from analytics.treaty_countries where treaty_short_name = 'ABM'"
    ).fetchall()
    assert {"Russia", "United States"} <= {r[0] for r in rows}


def test_who_is_quoted_about_the_abm_treaty_in_one_query(sample_con: duckdb.DuckDBPyConnection) -> None:
    """Putin's "our attitude toward the ABM treaty" quote puts him among its speakers,
    with that quote (or another naming the treaty) as the sample."""
    rows = sample_con.execute(
        "select speaker_name, sample_quote from analytics.speaker_treaties where treaty_short_name = 'ABM'"
    ).fetchall()
    samples = dict(rows)
    assert "Vladimir Putin" in samples
    assert "ABM" in samples["Vladimir Putin"]


def test_treaty_quote_counts_agree_across_views(sample_con: duckdb.DuckDBPyConnection) -> None:
    """treaty_summary's quotes and speakers are the quotes naming the treaty and the
    speaker × treaty rows: the summaries never disagree with the detail views."""
    rows = sample_con.execute(
        """
        select
            summary.treaty_name,
            summary.count_quotes,
            (select count(*) from analytics.quotes as q where list_contains(q.treaties, summary.treaty_name)),
            summary.count_speakers,
            (select count(*) from analytics.speaker_treaties as st where st.treaty_id = summary.treaty_id),
            summary.count_mentions,
            (select sum(t.count_mentions) from analytics.timeline as t
             where t.entity_kind = 'treaty' and t.entity_id = summary.treaty_id),
        from analytics.treaty_summary as summary
        """
    ).fetchall()
    assert rows
    for name, quotes, quotes_detail, speakers, speakers_detail, mentions, mentions_by_day in rows:
        assert (quotes, speakers, mentions) == (quotes_detail, speakers_detail, mentions_by_day), name


def test_speaker_treaties_list_matches_speaker_treaty_rows(sample_con: duckdb.DuckDBPyConnection) -> None:
    """speaker_summary.treaties names exactly the treaties of the speaker's speaker_treaties rows."""
    summary = dict(
        sample_con.execute("select speaker_id, treaties from analytics.speaker_summary").fetchall()
    )
    pairs: dict[str, set[str]] = {}
    for speaker_id, treaty_name in sample_con.execute(
        "select speaker_id, treaty_name from analytics.speaker_treaties"
    ).fetchall():
        pairs.setdefault(speaker_id, set()).add(treaty_name)
    assert pairs
    assert {k: set(v) for k, v in summary.items() if v} == pairs


def test_undated_articles_fall_on_their_ingest_date(sample_con: duckdb.DuckDBPyConnection) -> None:
    """The seed pages give no published date: the timeline puts them on the ingest day
    and counts them as undated."""
    rows = sample_con.execute(
        "select distinct reported_on, count_articles = count_undated_articles from analytics.timeline"
    ).fetchall()
    assert rows == [(INGESTED_AT.date(), True)]


def test_timeline_uses_the_published_date_when_known(sample_warehouse: Path, tmp_path: Path) -> None:
    """Once an article has a published date, its mentions move to that day."""
    database = tmp_path / "wirehouse.duckdb"
    shutil.copy(sample_warehouse / "wirehouse.duckdb", database)
    published = dt.date(2001, 8, 13)
    with duckdb.connect(str(database)) as con:
        article_id = con.execute(
            "select article_id from raw.articles where headline ilike '%ABM%' order by article_id limit 1"
        ).fetchall()[0][0]
        con.execute("update raw.articles set published_on = ? where article_id = ?", [published, article_id])
        wh.apply_derived(con)
        days = con.execute(
            "select reported_on, count_undated_articles from analytics.timeline "
            "where entity_kind = 'treaty' and entity_short_name = 'ABM' order by reported_on"
        ).fetchall()
    assert (published, 0) in days
    assert any(day == INGESTED_AT.date() for day, _ in days), (
        "the other, undated article stays on its ingest day"
    )

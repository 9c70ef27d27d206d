"""docs/queries.md, the SQL cookbook: every query runs on the sample inbox, returns
the columns the doc prints, and the printed output is what the query returns now."""

from __future__ import annotations

import re

import duckdb
import pytest

from tests.analytics.cookbook import COOKBOOK, Recipe, markdown_table, parse, rewrite, run

RECIPES = parse(COOKBOOK.read_text(encoding="utf-8"))


def test_the_cookbook_answers_at_least_ten_numbered_questions() -> None:
    """Ten or more questions, numbered 1..N in order, each a question with a query."""
    assert len(RECIPES) >= 10
    assert [r.number for r in RECIPES] == list(range(1, len(RECIPES) + 1))
    assert all(r.question.endswith("?") and r.sql for r in RECIPES)


def test_the_questions_the_issue_names_are_answered() -> None:
    """The analyst questions of issue 9: ABM speakers, START II countries, Putin's words."""
    questions = " ".join(r.question for r in RECIPES)
    for phrase in (
        "quoted most about the ABM treaty",
        "co-mentioned with START II",
        "Putin say about treaties",
    ):
        assert phrase in questions


@pytest.mark.parametrize("recipe", RECIPES, ids=[f"q{r.number}" for r in RECIPES])
def test_query_runs_and_returns_the_documented_columns(
    recipe: Recipe, sample_con: duckdb.DuckDBPyConnection
) -> None:
    """Each query executes read-only, returns rows, and has the columns the doc prints."""
    columns, rows = run(sample_con, recipe.sql)
    assert rows, f"question {recipe.number} returns nothing on the sample inbox"
    assert columns == recipe.columns


@pytest.mark.parametrize("recipe", RECIPES, ids=[f"q{r.number}" for r in RECIPES])
def test_printed_output_is_what_the_query_returns(
    recipe: Recipe, sample_con: duckdb.DuckDBPyConnection
) -> None:
    """The doc's output table equals the query's result now (else: `make cookbook`)."""
    _, rows = run(sample_con, recipe.sql)
    assert list(recipe.rows) == rows, (
        f"docs/queries.md question {recipe.number} shows another output than the query returns now; "
        "if the change is intended, run `make cookbook` and review the diff"
    )


@pytest.mark.parametrize("recipe", RECIPES[:10], ids=[f"q{r.number}" for r in RECIPES[:10]])
def test_questions_use_only_the_analytics_views(recipe: Recipe) -> None:
    """The cookbook teaches the documented interface, not raw, staging or marts tables."""
    assert not re.search(r"\b(raw|staging|marts)\.", recipe.sql)
    assert "analytics." in recipe.sql


def test_rewrite_restores_a_stale_output(sample_con: duckdb.DuckDBPyConnection) -> None:
    """A doctored output table is detected and `make cookbook` puts the real one back."""
    text = COOKBOOK.read_text(encoding="utf-8")
    first = RECIPES[0]
    columns, rows = run(sample_con, first.sql)
    stale = text[: first.start] + markdown_table(columns, [tuple("?" for _ in columns)]) + text[first.end :]
    assert parse(stale)[0].rows != tuple(rows)
    assert rewrite(stale, sample_con) == rewrite(text, sample_con)

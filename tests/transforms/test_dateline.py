"""Datelines are recognised by shape; the country comes from countries.country_of."""

from __future__ import annotations

import pytest

from transforms.dateline import parse_dateline, title_case
from transforms.dates import parse_date


@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        ("MOSCOW, Russia -- Russia remains opposed to the plan.", "Moscow", None),
        ("WASHINGTON (Reuters) - The Senate voted on Monday.", "Washington", "Reuters"),
        ("LONDON, Jan 5 (AFP) - Prices rose again.", "London", "AFP"),
        ("NEW YORK — Stocks fell sharply.", "New York", None),
        ("Washington (Reuters) - The Senate voted on Monday.", "Washington", "Reuters"),
        ("BAGHDAD, Iraq (CNN) -- A bomb exploded.", "Baghdad", "CNN"),
    ],
)
def test_dateline_shapes(opening: str, place: str, agency: str | None) -> None:
    """Upper-case place, optional region and date, optional agency, then a dash."""
    d = parse_dateline(opening)
    assert d is not None and d.place == place and d.agency == agency


def test_region_names_the_country() -> None:
    """The region after the comma is asked first ("Russia" → RU)."""
    d = parse_dateline("MOSCOW, Russia -- Officials met.")
    assert d is not None and d.country == "RU"


@pytest.mark.parametrize(
    "opening",
    [
        "The president said on Monday that talks would go on.",
        "NEW: a label, not a place",
        "Washington - the city is busy.",  # mixed case needs an agency
        "A - B testing is common.",
    ],
)
def test_not_a_dateline(opening: str) -> None:
    """Ordinary sentences and labels are not datelines."""
    assert parse_dateline(opening) is None


def test_title_case_keeps_hyphenated_parts() -> None:
    """WINSTON-SALEM → Winston-Salem."""
    assert title_case("WINSTON-SALEM") == "Winston-Salem"


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("05.01.2008 14:22", "2008-01-05"),
        ("January 5, 2008", "2008-01-05"),
        ("2008-01-05", "2008-01-05"),
        ("Sun, 13 Jan 2008 10:15a.m.", "2008-01-13"),
        ("01/02/2008", None),
    ],
)
def test_parse_date_shapes(value: str, iso: str | None) -> None:
    """Unambiguous date shapes read as ISO; day-first dotted dates too; slashes are not guessed."""
    assert parse_date(value) == iso

"""Country mentions: ISO 3166 from pycountry plus an alias table (demonyms, capitals,
metonyms) shipped as package data. Owner: entities (issue 5)."""

from __future__ import annotations

from collections.abc import Sequence

from transforms.model import Mention


def find_countries(paragraphs: Sequence[str]) -> list[Mention]:
    """Every country mention in the body, one pass per paragraph."""
    return []


def country_of(phrase: str) -> str | None:
    """The country a name, demonym or title phrase points at: "Russian Defence
    Minister" → "RU", "U.S." → "US", "the Kremlin" → "RU"; None when none."""
    return None


def country_name(code: str) -> str:
    """The common English name of an ISO alpha-2 code ("RU" → "Russia")."""
    return code


def country_rows() -> list[tuple[str, str, str]]:
    """The reference table: (code, name, alpha3) for every country."""
    return []

"""Datelines: the ``MOSCOW, Russia --`` / ``WASHINGTON (Reuters) -`` opening of a body.

A dateline is recognised by its shape, not by a list of places: an upper-case
place (or any capitalised place when a wire agency in brackets follows), an
optional region or country, an optional date, an optional ``(Agency)``, then a
dash or colon. The country comes from :func:`transforms.countries.country_of`,
asked about the region first ("Russia") and then the place ("Moscow"), so this
module never keeps its own country table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from transforms.countries import country_of
from transforms.model import Dateline

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
_UPPER_PLACE = r"[A-Z][A-Z.'\-]*(?:\s+[A-Z][A-Z.'\-]*){0,3}"
_ANY_PLACE = r"[A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*){0,3}"
_REGION = r"[A-Z][A-Za-z.'\-]*(?:\s+[A-Za-z][A-Za-z.'\-]*){0,3}"
_AGENCY = r"[A-Z][A-Za-z0-9.&'\-]*(?:[ /][A-Za-z0-9.&'\-]+){0,4}"
_DASH = r"(?:--|—|–|-|:)"

# Upper-case place: agency optional. Possessive-free, bounded repetitions: no
# backtracking blow-up on long lines.
_UPPER = re.compile(
    rf"^(?P<place>{_UPPER_PLACE})"
    rf"(?:,\s*(?P<region>{_REGION}))?"
    rf"(?:,\s*(?P<date>{_DATE}))?"
    rf"(?:\s*\((?P<agency>{_AGENCY})\))?"
    rf"\s*{_DASH}\s+(?=\S)"
)
# Mixed-case place ("Washington (Reuters) -"): only with an agency, which is what
# tells it from an ordinary sentence opening.
_CAPITAL = re.compile(
    rf"^(?P<place>{_ANY_PLACE})"
    rf"(?:,\s*(?P<region>{_REGION}))?"
    rf"(?:,\s*(?P<date>{_DATE}))?"
    rf"\s*\((?P<agency>{_AGENCY})\)"
    rf"\s*{_DASH}\s+(?=\S)"
)
_WORD = re.compile(r"[A-Za-z]+")
_AGENCY_WORDS = re.compile(r"\b(?:staff|wire|wires|reporting|report|news service)\b", re.I)


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph``, or None when it has none."""
    head = paragraph[:160]
    m = _UPPER.match(head) or _CAPITAL.match(head)
    if m is None:
        return None
    place_raw = m.group("place").strip(" .")
    letters = [c for c in place_raw if c.isalpha()]
    if len(letters) < 2:
        return None
    if m.re is _UPPER and not (m.group("region") or m.group("agency")) and not _closes_on_dash(m.group(0)):
        return None  # "NEW: ..." or an all-caps label; a bare place needs a real dash
    region = (m.group("region") or "").strip(" .") or None
    if region and (_looks_like_date(region) or len(region) > 40):
        region = None
    agency = _agency(m.group("agency"))
    place = title_case(place_raw) if place_raw.isupper() else place_raw
    country = (country_of(region) if region else None) or country_of(place)
    return Dateline(place=place, country=country, agency=agency)


def title_case(text: str) -> str:
    """``NEW YORK`` → ``New York``; ``WINSTON-SALEM`` → ``Winston-Salem``."""
    return _WORD.sub(lambda m: m.group(0).capitalize(), text.lower())


def _agency(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.strip()
    if _AGENCY_WORDS.search(raw) or raw.lower() in {"ap photo", "updated", "update"}:
        return None
    return raw


def _closes_on_dash(matched: str) -> bool:
    return bool(re.search(r"(?:--|—|–|\s-)\s+$", matched))


def _looks_like_date(text: str) -> bool:
    return bool(re.fullmatch(_DATE, text)) or text.isdigit()


def dateline_start(texts: Sequence[str], *, within: int = 4) -> int:
    """Index of the first of the leading ``within`` paragraphs that opens with a
    dateline (the body starts there), else 0."""
    for k, text in enumerate(texts[:within]):
        if parse_dateline(text) is not None:
            return k
    return 0

"""Treaty mentions: a catalogue shipped as package data, matched in one pass, plus
discovery of uncatalogued "Treaty of X" / "X Accord" names. Owner: entities (issue 5).

``data/treaties.csv`` lists each treaty with two kinds of surface forms:

* ``aliases`` name the treaty on their own ("Kyoto Protocol", "START II",
  "NPT"). Forms with an acronym or a numeral match case-sensitively; others
  ignore case. A leading ``=`` forces case-sensitivity ("=Paris Agreement": the
  lower-case "Paris agreement" of 2001 news is some other deal).
* ``heads`` name it only when a treaty noun follows: "ABM" alone is a missile
  system, "the ABM treaty" / "the Anti-Ballistic Missile (ABM) treaty" / "the
  ABM and START treaties" are the treaty. ``Lome[convention]`` restricts the
  nouns, so "Lomé Convention" and "Lomé peace accord" reach different treaties.

All forms go into one Aho–Corasick automaton (:mod:`transforms.gazetteer`), so an
article costs one pass per paragraph whatever the catalogue size. Names the
catalogue lacks are *discovered* ("the Treaty of Tordesillas", "the Stockholm
Accord") and returned with ``catalogued=False`` so analysts see the gaps. "The
treaty" / "the pact" counts as a mention only when the article names exactly
one treaty, after its first explicit mention.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

from transforms.gazetteer import Alias, Case, Gazetteer, Hit
from transforms.model import Mention, Treaty
from transforms.treaty_discovery import discover, shouting


def _words(text: str) -> frozenset[str]:
    """A word set written as one string, for readability."""
    return frozenset(text.split())


_NOUNS = _words(
    "treaty treaties pact pacts accord accords agreement agreements convention conventions protocol protocols"
)
_PLURAL_NOUNS = "treaties|accords|agreements|conventions|protocols|pacts"
_FILLERS = (
    "peace|climate|change|arms|control|nuclear|missile|defen[cs]e|environmental|global|warming"
    "|friendship|border|security|framework"
)
# After a head: an optional "(ABM)", up to three filler words, then the noun.
_TAIL = re.compile(
    rf"\A(?:\s*\([^()\n]{{1,20}}\))?(?:\s+(?:{_FILLERS})){{0,3}}\s+([A-Za-z]+)\b", re.IGNORECASE
)
# "the ABM and START treaties": a head coordinated with other names before a plural noun.
_COORDINATED = re.compile(
    rf"\A(?:\s*(?:,|and|or|,\s*and)\s+[\w.-]+(?:\s+(?:[IVX]+|\d))?){{1,3}}\s+(?:{_PLURAL_NOUNS})\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"[A-Z][A-Z.]*[A-Z]|\b[IVX]+\b|\d")


@dataclass(frozen=True, slots=True)
class _Option:
    treaty_id: str
    nouns: frozenset[str] | None  # None: an alias; otherwise a head that needs one of these nouns


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    surface: str
    treaty_id: str


def _split(cell: str | None) -> list[str]:
    return [s.strip() for s in (cell or "").split("|") if s.strip()]


@functools.cache
def _table() -> tuple[tuple[Treaty, tuple[str, ...], tuple[str, ...]], ...]:
    """Catalogue rows: the Treaty record, its aliases as written (``=`` kept) and its heads."""
    text = files("transforms").joinpath("data", "treaties.csv").read_text(encoding="utf-8")
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        treaty = Treaty(
            treaty_id=row["treaty_id"],
            name=row["name"],
            short_name=row["short_name"] or None,
            aliases=tuple(a.lstrip("=") for a in _split(row["aliases"])),
            year=int(row["year"]) if row["year"] else None,
            category=row["category"] or None,
        )
        rows.append((treaty, tuple(_split(row["aliases"])), tuple(_split(row["heads"]))))
    return tuple(rows)


def catalogue() -> tuple[Treaty, ...]:
    """Every catalogued treaty."""
    return tuple(t for t, _, _ in _table())


@functools.cache
def _by_id() -> dict[str, Treaty]:
    return {t.treaty_id: t for t in catalogue()}


def _case(form: str) -> tuple[str, Case]:
    if form.startswith("="):
        return form[1:], "exact"
    return form, "exact" if _ACRONYM.search(form) else "fold"


@functools.cache
def _gazetteer() -> Gazetteer[tuple[_Option, ...]]:
    """One automaton over every alias and head of every catalogued treaty."""
    options: dict[tuple[str, Case], list[_Option]] = {}
    for treaty, aliases, heads in _table():
        for form in aliases:
            options.setdefault(_case(form), []).append(_Option(treaty.treaty_id, None))
        for head in heads:
            name, _, nouns = head.partition("[")
            allowed = frozenset(n.strip() for n in nouns.rstrip("]").split(",")) if nouns else _NOUNS
            options.setdefault(_case(name), []).append(_Option(treaty.treaty_id, allowed))
    return Gazetteer(Alias(text, tuple(opts), case) for (text, case), opts in options.items())


def _resolve(hit: Hit[tuple[_Option, ...]], text: str) -> _Found | None:
    """Which treaty a hit names, and the span including a trailing treaty noun."""
    tail = _TAIL.match(text[hit.end : hit.end + 80])
    noun = tail.group(1).lower() if tail else None
    for option in hit.payload:
        if option.nouns is None:
            end = hit.end + tail.end() if tail and noun in _NOUNS else hit.end
            return _Found(hit.start, end, text[hit.start : end], option.treaty_id)
        if tail and noun in option.nouns:
            end = hit.end + tail.end()
            return _Found(hit.start, end, text[hit.start : end], option.treaty_id)
    coordinated = _COORDINATED.match(text[hit.end : hit.end + 80])
    if coordinated:
        for option in hit.payload:
            if option.nouns is not None and option.nouns & {n for n in _NOUNS if n.endswith("s")}:
                return _Found(hit.start, hit.end, hit.surface, option.treaty_id)
    return None


def _leftmost_longest(found: list[_Found]) -> list[_Found]:
    out: list[_Found] = []
    reach = 0
    for f in sorted(found, key=lambda f: (f.start, f.start - f.end)):
        if f.start >= reach:
            out.append(f)
            reach = f.end
    return out


@functools.lru_cache(maxsize=4096)
def _catalogued(text: str) -> tuple[_Found, ...]:
    found = []
    hits = _gazetteer().candidates(text)
    caps = any(h.variant == "exact" for h in hits) and shouting(text)
    for hit in hits:
        if hit.variant == "upper" or (caps and hit.variant == "exact"):
            continue
        f = _resolve(hit, text)
        if f is not None:
            found.append(f)
    return tuple(_leftmost_longest(found))


@functools.lru_cache(maxsize=4096)
def _explicit(text: str) -> tuple[_Found, ...]:
    """Catalogued and discovered names in one paragraph, in text order."""
    known = _catalogued(text)
    new = [d for d in discover(text) if not any(d.start < k.end and k.start < d.end for k in known)]
    return tuple(
        sorted(
            [*known, *(_Found(d.start, d.end, d.surface, d.treaty_id) for d in new)], key=lambda f: f.start
        )
    )


def treaty_spans(text: str) -> list[tuple[int, int]]:
    """Where treaty names sit in a paragraph, so that "Kyoto" in "Kyoto
    Protocol" or "Rome" in "Treaty of Rome" is not taken for a place."""
    return [(f.start, f.end) for f in _explicit(text)]


_ANAPHOR = re.compile(
    r"\b[Tt]he (treaty|pact|protocol|convention|accords?|agreement)\b(?!\s+(?:of|on|between|with|for|in)\b)"
)


def _anaphor_fits(noun: str, treaty: Treaty) -> bool:
    if noun in ("treaty", "pact"):
        return True
    return noun.rstrip("s") in treaty.name.lower()


def find_treaties(paragraphs: Sequence[str]) -> tuple[list[Mention], list[Treaty]]:
    """Treaty mentions, and the treaties they name (catalogued or discovered)."""
    mentions: list[Mention] = []
    treaties: dict[str, Treaty] = {}
    discovered = {d.treaty_id: d for text in paragraphs for d in discover(text)}
    for index, text in enumerate(paragraphs):
        for f in _explicit(text):
            mentions.append(Mention("treaty", f.treaty_id, f.surface, index, f.start, f.end))
            if f.treaty_id not in treaties:
                known = _by_id().get(f.treaty_id)
                treaties[f.treaty_id] = known or discovered[f.treaty_id].as_treaty()
    if len(treaties) == 1:
        mentions.extend(_anaphors(paragraphs, mentions, next(iter(treaties.values()))))
    mentions.sort(key=lambda m: (m.paragraph, m.start))
    return mentions, list(treaties.values())


def _anaphors(paragraphs: Sequence[str], explicit: list[Mention], treaty: Treaty) -> list[Mention]:
    """ "The treaty" after the first explicit mention, when only one treaty is in focus."""
    first = min((m.paragraph, m.start) for m in explicit)
    out = []
    for index in range(first[0], len(paragraphs)):
        text = paragraphs[index]
        taken = [(m.start, m.end) for m in explicit if m.paragraph == index]
        for match in _ANAPHOR.finditer(text):
            if (index, match.start()) <= first or not _anaphor_fits(match.group(1), treaty):
                continue
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            out.append(Mention("treaty", treaty.treaty_id, match.group(0), index, match.start(), match.end()))
    return out

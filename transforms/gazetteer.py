"""A shared phrase matcher: one Aho–Corasick pass over a paragraph finds every alias
of every entity at once, instead of a loop over a catalogue.

The automaton is keyed on case-folded aliases so one automaton serves both
case-sensitive aliases ("US" is not "us", "Turkey" is not "turkey") and
case-insensitive ones ("ABM treaty", "Kyoto protocol"); the case rule is checked
on the original text after the automaton reports a hit. Hits must sit on word
boundaries, and overlapping hits resolve leftmost-longest, so "Papua New Guinea"
beats "Guinea" and "START II" beats "START I".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

import ahocorasick

T = TypeVar("T")
Case = Literal["exact", "fold"]
Variant = Literal["exact", "upper", "fold"]


@dataclass(frozen=True, slots=True)
class Alias(Generic[T]):
    """One surface form. ``case="exact"`` matches the text as written or in
    capitals (datelines and headlines are often upper case; callers decide
    whether to trust an ``upper`` hit); ``case="fold"`` ignores case."""

    text: str
    payload: T
    case: Case = "exact"


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """An alias found in a text: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    payload: T
    variant: Variant


def fold(text: str) -> str:
    """Lower case that keeps every offset: characters whose lower case is longer
    (e.g. "İ") stay as they are, so positions in the folded text are positions
    in the original."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _bounded(text: str, start: int, end: int) -> bool:
    """A hit must not continue a word on either side ("Niger" in "Nigeria")."""
    before = start == 0 or not text[start - 1].isalnum()
    after = end >= len(text) or not text[end].isalnum()
    return before and after


def _automaton(groups: dict[str, list[Alias[T]]]) -> ahocorasick.Automaton | None:
    if not groups:
        return None
    automaton = ahocorasick.Automaton()
    for key, group in groups.items():
        automaton.add_word(key, (len(key), tuple(group)))
    automaton.make_automaton()
    return automaton


class Gazetteer(Generic[T]):
    """An immutable phrase matcher over a fixed set of aliases.

    Case-sensitive aliases live in an automaton keyed on their written and
    all-caps forms and run over the text as it is, so "us" inside "because"
    never even reaches the boundary check; only case-insensitive aliases pay
    for a pass over the folded text."""

    def __init__(self, aliases: Iterable[Alias[T]]) -> None:
        exact: dict[str, list[Alias[T]]] = {}
        folded: dict[str, list[Alias[T]]] = {}
        for alias in aliases:
            if not alias.text.strip():
                continue
            if alias.case == "fold":
                folded.setdefault(fold(alias.text), []).append(alias)
            else:
                for form in dict.fromkeys((alias.text, alias.text.upper())):
                    exact.setdefault(form, []).append(alias)
        self._exact = _automaton(exact)
        self._folded = _automaton(folded)

    def candidates(self, text: str) -> list[Hit[T]]:
        """Every bounded hit whose case rule holds, overlapping ones included."""
        if not text:
            return []
        out: list[Hit[T]] = []
        passes = [(self._exact, text), (self._folded, fold(text) if self._folded is not None else text)]
        for automaton, haystack in passes:
            if automaton is None:
                continue
            for last, (length, group) in automaton.iter(haystack):
                start, end = last - length + 1, last + 1
                if not _bounded(text, start, end):
                    continue
                surface = text[start:end]
                for alias in group:
                    variant = _variant(alias, surface)
                    if variant is not None:
                        out.append(Hit(start, end, surface, alias.payload, variant))
                        break
        return out

    def find(self, text: str, *, keep: Callable[[Hit[T]], bool] | None = None) -> list[Hit[T]]:
        """Non-overlapping hits, leftmost-longest first, in text order. ``keep``
        drops candidates before overlaps are resolved, so a rejected long hit
        does not hide a valid shorter one."""
        found = self.candidates(text)
        if keep is not None:
            found = [h for h in found if keep(h)]
        hits = sorted(found, key=lambda h: (h.start, h.start - h.end))
        out: list[Hit[T]] = []
        reach = 0
        for hit in hits:
            if hit.start >= reach:
                out.append(hit)
                reach = hit.end
        return out


def _variant(alias: Alias[T], surface: str) -> Variant | None:
    if alias.case == "fold":
        return "fold"
    if surface == alias.text:
        return "exact"
    if surface == alias.text.upper():
        return "upper"
    return None

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


_Groups = tuple[dict[str, tuple[Alias[T], ...]], tuple[Alias[T], ...]]
"""What an automaton key stands for: the case-sensitive aliases by the form the
text must show (the key itself, or an exact form that folds to the key), and the
case-insensitive aliases."""


def _automaton(keys: dict[str, _Groups[T]]) -> ahocorasick.Automaton | None:
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key, (by_form, any_case) in keys.items():
        automaton.add_word(key, (len(key), by_form, any_case))
    automaton.make_automaton()
    return automaton


def _folds_alone(form: str) -> bool:
    """Whether ``form`` folds as it does inside any text: no character whose lower
    case is longer (which :func:`fold` leaves as it is in such a text) and no
    capital sigma (whose lower case depends on the letters around it)."""
    return "\u03a3" not in form and all(len(c.lower()) == 1 for c in form)


class Gazetteer(Generic[T]):
    """An immutable phrase matcher over a fixed set of aliases.

    Case-sensitive aliases live in an automaton keyed on their written and
    all-caps forms and run over the text as it is, so "us" inside "because"
    never even reaches the boundary check. Case-insensitive aliases need a
    pass over the folded text; a gazetteer that has them makes that its only
    pass, with each case-sensitive form keyed by its folded form too and
    checked against the text (one pass instead of two cost the treaty
    catalogue 40% less; a form that :func:`_folds_alone` rules out keeps the
    pass of its own)."""

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
        as_written: dict[str, _Groups[T]] = {form: ({form: tuple(g)}, ()) for form, g in exact.items()}
        as_folded: dict[str, _Groups[T]] = {key: ({}, tuple(g)) for key, g in folded.items()}
        if folded and all(_folds_alone(form) for form in exact):
            for form, g in exact.items():
                as_folded.setdefault(fold(form), ({}, ()))[0][form] = tuple(g)
            as_written = {}
        self._as_written = _automaton(as_written)  # run over the text as it is
        self._as_folded = _automaton(as_folded)  # run over the folded text

    def candidates(self, text: str) -> list[Hit[T]]:
        """Every bounded hit whose case rule holds, overlapping ones included:
        those of case-sensitive aliases first, each kind in the order the
        automaton reports them."""
        if not text:
            return []
        exact_hits: list[Hit[T]] = []
        folded_hits: list[Hit[T]] = []
        passes = [
            (self._as_written, text),
            (self._as_folded, fold(text) if self._as_folded is not None else text),
        ]
        for automaton, haystack in passes:
            if automaton is None:
                continue
            for last, (length, by_form, any_case) in automaton.iter(haystack):
                start, end = last - length + 1, last + 1
                if not _bounded(text, start, end):
                    continue
                surface = text[start:end]
                for group, out in ((by_form.get(surface, ()), exact_hits), (any_case, folded_hits)):
                    for alias in group:
                        variant = _variant(alias, surface)
                        if variant is not None:
                            out.append(Hit(start, end, surface, alias.payload, variant))
                            break
        return exact_hits + folded_hits

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

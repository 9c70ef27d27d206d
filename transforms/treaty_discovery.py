"""Discovery of treaty names the catalogue lacks, so analysts see what it misses.

Two title shapes, both capitalised as names are in news copy:

* "Treaty of Tordesillas", "Convention on Registration of Objects Launched into
  Outer Space", "Agreement on Agriculture": a treaty noun, "of/on/for/against",
  then capitalised words (lower-case connectors allowed inside);
* "Stockholm Accord", "USSR-Iraq Friendship and Cooperation Treaty": one to
  five capitalised words before Treaty / Accord(s) / Convention(s) /
  Protocol(s) / Pact.

A name made only of generic words ("International Convention", "the UN
Convention", "Internet Protocol", "Optional Protocols") is not a treaty anyone
can look up and is dropped, as are lines in capitals (headlines, slugs).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from transforms.model import Treaty


def _words(text: str) -> frozenset[str]:
    """A word set written as one string, for readability."""
    return frozenset(text.split())


_CAP = r"[A-Z][\w'’.-]*"
_CONNECT = r"(?:of|for|on|and|the|in|against|by|to|with|between|concerning|relating)"
_OF_FORM = re.compile(
    rf"\b(?:Treaty|Convention|Protocol|Pact|Accord|Agreement) (?:of|on|for|against|between|concerning) "
    rf"(?:the )?{_CAP}(?:(?: {_CONNECT})* {_CAP}){{0,8}}"
)
_NAMED_FORM = re.compile(
    rf"\b{_CAP}(?:[ -](?:(?:and|of|for|on) )?{_CAP}){{0,4}}"
    r" (?:Treaty|Accords?|Conventions?|Protocols?|Pact)\b"
)
# Words that cannot, on their own, tell one treaty from another; also the
# capitalised words a sentence may start with.
_GENERIC = _words(
    """the a an this that these those its his her their our under in on at for by with as but and of new
    final framework peace un u.n. united nations international additional optional interim internet
    transmission control european global world regional bilateral multilateral security cooperation
    friendship trade free first second third fourth original draft basic joint mutual defence defense
    military special environmental climate change human rights treaty treaties convention conventions protocol
    protocols accord accords pact agreement general economic partnership association main key relevant
    proposed
    such any every no some both another other existing current earlier
    later previous landmark historic"""
)
_KEYWORD = re.compile(r"Treat|Conven|Protoc|Pact|Accord|Agreem")
_LETTERS = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-Z]")
_LEADING = _words(
    """The A An This That These Those Its His Her Their Our Under In On At For By With As But And
    If While When After Before Since Although Both Such Any"""
)


@dataclass(frozen=True, slots=True)
class Discovered:
    """An uncatalogued treaty name found in one paragraph."""

    start: int
    end: int
    surface: str
    treaty_id: str

    def as_treaty(self) -> Treaty:
        return Treaty(treaty_id=self.treaty_id, name=self.surface, catalogued=False)


def slug(text: str) -> str:
    """An id for a discovered treaty: "Treaty of Tordesillas" → "treaty-of-tordesillas"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def shouting(text: str) -> bool:
    """A headline or slug line in capitals, where "CITES" is a verb and every word a Name."""
    letters = len(_LETTERS.findall(text))
    return letters >= 12 and len(_UPPER.findall(text)) > 0.6 * letters


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop sentence-initial function words ("The", "Under") from the front."""
    while True:
        word = text[start:end].split(" ", 1)[0]
        if word not in _LEADING or " " not in text[start:end]:
            return start, end
        start += len(word) + 1


def _specific(surface: str) -> bool:
    words = re.split(r"[ -]+", surface.lower())
    return any(w.strip("'’.") not in _GENERIC for w in words if w)


@functools.lru_cache(maxsize=4096)
def discover(text: str) -> tuple[Discovered, ...]:
    """Treaty-like names in one paragraph, in text order, not overlapping."""
    if not _KEYWORD.search(text):
        return ()
    matches = [m for pattern in (_OF_FORM, _NAMED_FORM) for m in pattern.finditer(text)]
    if not matches or shouting(text):
        return ()
    found: list[Discovered] = []
    for match in matches:
        start, end = _trim(text, match.start(), match.end())
        surface = text[start:end].rstrip(".'’-")
        end = start + len(surface)
        if not _specific(surface):
            continue
        if any(start < d.end and d.start < end for d in found):
            continue
        found.append(Discovered(start, end, surface, slug(surface)))
    return tuple(sorted(found, key=lambda d: d.start))

"""Names, titles and organisations: the lexicon the attribution sieves read.

The word lists are package data (``transforms/data/speech_*``) so that a reader
can extend them without touching code. A capitalised run of words in running
text ("Russian Defence Minister Sergei Ivanov") is split here into a role
("Russian Defence Minister") and a name ("Sergei Ivanov"); whether a run names
a person, an organisation or neither is decided from the title in front of it,
a first-name lexicon, and organisation names and head words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Literal

Gender = Literal["m", "f", "x"]

# One capitalised word: initials (W.), abbreviated titles (Sen.), hyphens and
# apostrophes (O'Rourke, Al-Assad), Mc/Mac prefixes; "U.S." counts as one.
_CAP = r"(?:[A-Z][\w’'.-]*\w\.?|[A-Z]\.)"
_LINK = r"(?:de|da|del|van|von|bin|al|la|le|of|ul)"
CAP_RUN_RE = re.compile(rf"{_CAP}(?:\s+(?:{_LINK}\s+)?{_CAP})*")
"""A run of capitalised words, allowing lower-case particles inside (``Secretary of
State John Kerry``, ``Ludwig van Beethoven``)."""

_PERSON_ONLY_TITLES = frozenset(
    {"Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Sen.", "Rep.", "Gov.", "Rev.", "Sens.", "Reps."}
)
_FEMALE_TITLES = frozenset(
    {"Mrs.", "Ms.", "Miss", "Queen", "Princess", "Congresswoman", "Chairwoman", "Spokeswoman"}
)
_MALE_TITLES = frozenset({"Mr.", "King", "Prince", "Congressman", "Chairman", "Spokesman", "Sheikh"})
_NOT_SURNAME_RE = re.compile(r"(?:ing|ly)$")
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


def _lines(name: str) -> list[str]:
    text = files("transforms").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def word_set(section: str) -> frozenset[str]:
    """One ``[section]`` of ``speech_words.txt``: a set of words."""
    words: dict[str, list[str]] = {}
    current: list[str] = []
    for line in _lines("speech_words.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = words.setdefault(line[1:-1], [])
        else:
            current.extend(line.split())
    if section not in words:
        raise KeyError(f"no [{section}] in speech_words.txt")
    return frozenset(words[section])


# Capitalised words that open sentences or clauses but never start a name.
_STOP = word_set("name_stops")


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """Single-word speech cues ("said", "told", "added")."""
    return frozenset(w for w in _lines("speech_cues.txt") if " " not in w)


@lru_cache(maxsize=1)
def cue_phrases() -> tuple[str, ...]:
    """Multi-word speech cues ("pointed out", "went on")."""
    return tuple(w for w in _lines("speech_cues.txt") if " " in w)


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Words that make up a title in front of a name."""
    return frozenset(_lines("speech_titles.txt"))


@lru_cache(maxsize=1)
def _orgs() -> tuple[frozenset[str], frozenset[str]]:
    names: set[str] = set()
    heads: set[str] = set()
    for line in _lines("speech_orgs.txt"):
        kind, _, value = line.partition(":")
        (names if kind == "name" else heads).add(value)
    return frozenset(names), frozenset(heads)


@lru_cache(maxsize=1)
def first_names() -> dict[str, Gender]:
    """First name → gender ("x" where the name is used by both)."""
    out: dict[str, Gender] = {}
    for line in _lines("speech_first_names.csv"):
        name, _, g = line.partition(",")
        gender: Gender = "m" if g == "m" else "f" if g == "f" else "x"
        out[name] = gender if out.get(name, gender) == gender else "x"
    return out


@lru_cache(maxsize=8192)
def is_org(phrase: str) -> bool:
    """An organisation: a known name, or a capitalised phrase ending in (or made
    of) an organisation head word ("Foreign Ministry", "New York Post")."""
    names, heads = _orgs()
    words = phrase.split()
    if not words:
        return False
    if phrase in names or " ".join(w for w in words if w.lower() != "the") in names:
        return True
    return words[-1] in heads or (len(words) > 1 and words[0] in heads and words[1] == "of")


def org_name(phrase: str) -> str | None:
    """The known organisation a phrase ends with ("Interfax news agency" → None,
    "the Kremlin" → "Kremlin")."""
    names, _ = _orgs()
    words = [w for w in phrase.split() if w.lower() != "the"]
    for i in range(len(words)):
        cand = " ".join(words[i:])
        if cand in names:
            return cand
    return None


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name split from the title in front of it."""

    name: str  # "Sergei Ivanov"
    role: str | None  # "Russian Defence Minister"
    gender: Gender
    titled: bool  # a title or honorific preceded the name


def _strip_stop(tokens: list[str]) -> list[str]:
    i = 0
    while i < len(tokens) and (tokens[i] in _STOP or tokens[i].lower() in {"of", "de", "la", "le", "al"}):
        i += 1
    return tokens[i:]


def split_title(run: str) -> tuple[list[str], list[str]]:
    """(title tokens, name tokens) of a capitalised run: the title is everything up to
    the last title word; "of X" after a title word belongs to the title."""
    tokens = _strip_stop(run.split())
    titles = title_words()
    last = -1
    i = 0
    while i < len(tokens):
        if tokens[i] in titles:
            last = i
        elif tokens[i] == "of" and last == i - 1 and i + 1 < len(tokens):
            # "Secretary of State John Kerry": one word of the office after "of"
            last = i + 1
            i += 1
        elif last >= 0 and tokens[i] in first_names():
            break
        i += 1
    if last >= 1 and tokens[last - 1] in first_names() and tokens[last - 1] not in titles:
        last -= 2  # "Amy Pope", "Tom General": a title word after a first name is a surname
        while last >= 0 and tokens[last] not in titles:
            last -= 1
    return tokens[: last + 1], tokens[last + 1 :]


def person_name(run: str, *, loose: bool = False) -> PersonName | None:
    """The person a capitalised run names, or None. ``loose`` accepts any
    two-word name (a run right next to a speech cue needs no lexicon)."""
    if not loose and len(run.split()) < 2:
        return None  # one word is a title without a name or a name without a title
    title, name = split_title(run)
    name = [t for t in name if t not in _SUFFIXES or name.index(t) > 0]
    if "of" in name[1:]:
        name = name[: name.index("of", 1)]  # "Paul D. Ryan of Wisconsin"
    if not name or any(t.lower() in {"of", "the"} for t in name):
        return None
    if name[-1].endswith(".") and len(name[-1]) > 2 and name[-1] not in _SUFFIXES:
        return None  # "U.S." or an abbreviation, not a surname
    phrase = " ".join(name)
    if is_org(phrase) or is_org(" ".join([*title, *name])):
        return None
    firsts = first_names()
    gender: Gender = firsts.get(name[0], "x") if len(name) > 1 else "x"
    honor = next((t for t in title if t in _FEMALE_TITLES or t in _MALE_TITLES), None)
    if honor:
        gender = "f" if honor in _FEMALE_TITLES else "m"
    known_first = len(name) > 1 and name[0] in firsts
    initial = len(name) > 1 and any(re.fullmatch(r"[A-Z]\.", t) for t in name[1:])
    if not (title or known_first or initial or loose):
        return None
    if (
        len(name) == 1
        and not title
        and ((_NOT_SURNAME_RE.search(phrase) and not loose) or (phrase.isupper() and len(phrase) > 3))
    ):
        # "Weighing", "Shortly", "WASHINGTON": an opener, not a surname; right next
        # to a cue ("Kelly said") an -ly word is a surname.
        return None
    role = " ".join(t for t in title if t not in _PERSON_ONLY_TITLES) or None
    return PersonName(phrase, role, gender, bool(title))


def slug(text: str) -> str:
    """A stable id: lower-case ASCII words joined by hyphens ("Vladimir Putin" →
    "vladimir-putin")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))

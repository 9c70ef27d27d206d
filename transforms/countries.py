"""Country mentions: ISO 3166 from pycountry plus an alias table (demonyms, capitals,
metonyms) shipped as package data. Owner: entities (issue 5).

pycountry gives the codes and formal names; news speaks in short names
("Russia"), demonyms ("Russian"), capitals and seats of power as metonyms
("Washington", "the Kremlin") and dateline cities, so
``data/country_aliases.csv`` adds those. Rows with code ``-`` are false friends
("New Mexico", "Washington Post", "Congo fever", "Indian Ocean"): they win the
longest-match contest and then produce nothing, which is the cheapest guard
there is. Decisions worth knowing:

* "Korea"/"Korean" alone → KR (unqualified, world-press usage means the South);
  "North Korea", "Pyongyang", "DPRK" → KP.
* "Congo" alone → CD (the Democratic Republic, the usual referent); "Republic
  of Congo", "Brazzaville" → CG.
* Historical states keep their historical codes: Soviet Union SU, Yugoslavia YU,
  East Germany DD, Czechoslovakia CS (pycountry.historic_countries).
* Matching is case-sensitive ("turkey" is a bird, "us" a pronoun). An all-caps
  form ("WASHINGTON") counts only where the text around it is in capitals too
  (datelines, headlines) or at the start of a paragraph.
* Aliases marked ``person`` ("Jordan", "Chad", "Georgia", "Washington") are
  dropped next to another capitalised name ("Michael Jordan", "Chad Hurley",
  "George Washington") or after "Mr."; "Georgia" is also dropped in a
  paragraph with U.S.-state cues ("Atlanta", "Gov.").
* Place names inside a treaty name ("Kyoto Protocol", "Treaty of Rome",
  "Geneva Conventions") are not country mentions.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

import pycountry

from transforms.gazetteer import Alias, Gazetteer, Hit
from transforms.model import Mention
from transforms.treaties import treaty_spans

# Historic codes (pycountry.historic_countries) that the alias table uses.
_HISTORIC = {"SU": "SUN", "YU": "YUG", "DD": "DDR", "CS": "CSK"}


def _words(text: str) -> frozenset[str]:
    """A word set written as one string, for readability."""
    return frozenset(text.split())


# A capitalised word before a guarded alias that does not make it a person's
# name: sentence-initial function words, compass qualifiers, titles of states.
_NOT_GIVEN_NAMES = _words(
    """The In At From To And But Of For With By On As Both While When Then If Neighbouring Neighboring
    Unlike Like Including Meanwhile However Also Only Even Since After Before Until Between Against
    Across Inside Outside Within Without Through Under Over About Visiting Leaving Into Onto Via Near
    North South East West Central Northern Southern Eastern Western Upper Lower Greater Official
    Officials Said Says Told Where Whether Although Though Because Once Unlike Than Neither Nor Or
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday"""
)
# A capitalised word after a guarded alias that still leaves it a place.
_PLACE_FOLLOWERS = _words(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December D.C. DC"""
)
# A place name heading a publication's title ("Japan Times", "China Daily",
# "New York Times") names the paper, not the country.
_PUBLICATION = _words(
    "Times Post Herald Tribune Daily Journal Gazette Chronicle Globe Citizen Sun Telegraph Inquirer"
)
_TITLES = frozenset(["Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Miss", "Sen.", "Rep."])
_US_STATE_CUES = re.compile(r"\bAtlanta\b|\bSavannah\b|\bGa\.|\bGov\.|\bstate of Georgia\b|\bGeorgia state\b")
_WORD_BEFORE = re.compile(r"(\S+) $")
_WORD_AFTER = re.compile(r"^ (\S+)")


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str | None  # None: a false friend, matched only to be discarded
    kind: str
    guards: frozenset[str]


@functools.cache
def _rows() -> tuple[tuple[str, str, tuple[str, ...], frozenset[str]], ...]:
    """The alias table: (code, kind, aliases, guards) per row."""
    text = files("transforms").joinpath("data", "country_aliases.csv").read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        guards = frozenset((row.get("guard") or "").split())
        out.append((row["code"].strip(), row["kind"].strip(), aliases, guards))
    return tuple(out)


def _pycountry_names(country: object) -> list[str]:
    names = [getattr(country, a, None) for a in ("name", "common_name", "official_name")]
    out = []
    for name in names:
        if not isinstance(name, str) or "," in name or "(" in name:
            continue
        out.append(name.removeprefix("the "))
    return out


@functools.cache
def _gazetteer() -> Gazetteer[_Entry]:
    """Built once per process: pycountry names first, the alias table on top
    (so the table's guards and false friends override pycountry's "Georgia")."""
    table: dict[str, _Entry] = {}
    for country in pycountry.countries:
        for name in _pycountry_names(country):
            table[name] = _Entry(country.alpha_2, "name", frozenset())
    for code, kind, aliases, guards in _rows():
        for alias in aliases:
            table[alias] = _Entry(None if kind == "block" else code, kind, guards)
    return Gazetteer(Alias(text, entry) for text, entry in table.items())


def _caps_context(text: str, hit: Hit[_Entry]) -> bool:
    """An all-caps alias is trusted at a paragraph's start or among capitals."""
    if not text[: hit.start].strip():
        return True
    before = _WORD_BEFORE.search(text, 0, hit.start)
    after = _WORD_AFTER.search(text[hit.end : hit.end + 40])
    neighbours = [m.group(1).strip(",.:;-") for m in (before, after) if m]
    return any(w.isupper() and len(w) > 1 and w.isalpha() for w in neighbours)


def _looks_like_person(text: str, hit: Hit[_Entry]) -> bool:
    """ "Michael Jordan", "Chad Hurley", "Mr. Washington": a name, not a place."""
    before = _WORD_BEFORE.search(text[max(0, hit.start - 40) : hit.start])
    if before:
        word = before.group(1).strip("\"'“”‘’(")
        if word in _TITLES:
            return True
        if word[:1].isupper() and word.isalpha() and word not in _NOT_GIVEN_NAMES:
            return True
    after = _WORD_AFTER.search(text[hit.end : hit.end + 40])
    if after:
        word = after.group(1)
        if (
            word[:1].isupper()
            and word.rstrip(",.;:") not in _PLACE_FOLLOWERS
            and word.rstrip(",.;:").isalpha()
        ):
            return True
    return False


def _next_word(text: str, end: int) -> str:
    after = _WORD_AFTER.search(text[end : end + 40])
    return after.group(1).rstrip(",.;:'’") if after else ""


def _keep(text: str, hit: Hit[_Entry]) -> bool:
    entry = hit.payload
    if entry.code is None:
        return True  # false friends stay in the contest so they can win it
    if hit.variant == "upper" and not _caps_context(text, hit):
        return False
    if "person" in entry.guards and _looks_like_person(text, hit):
        return False
    if entry.kind != "demonym" and _next_word(text, hit.end) in _PUBLICATION:
        return False
    if entry.kind == "demonym" and text[max(0, hit.start - 7) : hit.start] in ("ethnic ", "Ethnic "):
        return False  # "ethnic Albanians" in Macedonia are not Albania
    return not ("us-state" in entry.guards and _US_STATE_CUES.search(text))


def _country_hits(text: str) -> list[Hit[_Entry]]:
    return [h for h in _gazetteer().find(text, keep=lambda h: _keep(text, h)) if h.payload.code is not None]


def find_countries(paragraphs: Sequence[str]) -> list[Mention]:
    """Every country mention in the body, one pass per paragraph."""
    out: list[Mention] = []
    for index, text in enumerate(paragraphs):
        hits = _country_hits(text)
        if not hits:
            continue
        spans = treaty_spans(text)
        for hit in hits:
            if any(s <= hit.start and hit.end <= e for s, e in spans):
                continue
            code = hit.payload.code
            assert code is not None
            out.append(Mention("country", code, hit.surface, index, hit.start, hit.end))
    return out


@functools.lru_cache(maxsize=16384)
def country_of(phrase: str) -> str | None:
    """The country a name, demonym or title phrase points at: "Russian Defence
    Minister" → "RU", "U.S." → "US", "the Kremlin" → "RU"; None when none."""
    hits = _country_hits(phrase)
    return hits[0].payload.code if hits else None


@functools.cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        names[country.alpha_2] = getattr(country, "common_name", None) or country.name
    for code, kind, aliases, _ in _rows():
        if kind == "common" and aliases:
            names[code] = aliases[0]
    return names


def country_name(code: str) -> str:
    """The common English name of an ISO alpha-2 code ("RU" → "Russia")."""
    return _names().get(code, code)


def country_rows() -> list[tuple[str, str, str]]:
    """The reference table: (code, name, alpha3) for every country, current ones
    from pycountry and the historical codes the alias table uses."""
    rows = [(c.alpha_2, country_name(c.alpha_2), c.alpha_3) for c in pycountry.countries]
    for code, alpha3 in _HISTORIC.items():
        if pycountry.historic_countries.get(alpha_3=alpha3) is not None:
            rows.append((code, country_name(code), alpha3))
    return sorted(rows)

"""Article-wide state for attribution: the persons an article names and where.
Owner: quotes (issue 4).

:class:`ArticleState` holds one canonical :class:`~transforms.model.Speaker` per
person (so "Putin", "Mr. Putin" and "President Vladimir Putin" are one
speaker), every mention of them in reading order (for pronouns), and the
anonymous sources introduced so far. It is built afresh for each call of
:func:`transforms.speakers.attribute` and never outlives it, so the pure
interface of the transforms is kept: mutable state lives only inside one call.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from transforms.countries import country_of, find_countries
from transforms.mentions import NameHit, descriptions
from transforms.model import Speaker
from transforms.names import Gender, is_org, slug
from transforms.tokens import QUOTE, Token, sentences, tokens


@dataclass(slots=True)
class PersonMention:
    """One mention of a known person: where, and whether it is a sentence subject."""

    speaker: Speaker
    paragraph: int
    start: int
    sentence: int  # article-wide sentence number
    subject: bool
    gender: Gender


@dataclass(slots=True)
class ArticleState:
    """Per-call working state: the speakers known so far and where they were mentioned."""

    masked: list[str]
    sents: Sentences
    hits: list[NameHit]  # every capitalised run, from :func:`transforms.mentions.scan`
    persons: dict[str, list[Speaker]] = field(default_factory=dict)  # surname → persons
    genders: dict[str, Gender] = field(default_factory=dict)  # speaker_id → gender
    mentions: list[PersonMention] = field(default_factory=list)
    anonymous: list[tuple[int, int, Speaker]] = field(default_factory=list)  # (paragraph, start, source)
    introduced: set[str] = field(default_factory=set)  # heads searched by _introductions
    _descriptions: dict[str, str] | None = None

    @property
    def descriptions(self) -> dict[str, str]:
        """Description → full name ("new york businessman" → "Donald Trump"), made on
        first use: only a "the ..." source asks, and most articles have none."""
        if self._descriptions is None:
            self._descriptions = descriptions(self.masked, self.hits)
        return self._descriptions

    def person(self, name: str, role: str | None, gender: Gender) -> Speaker:
        """The canonical person for a full name; a longer name, a role or a country
        from any mention upgrades it ("Russian President Vladimir Putin" in one
        paragraph gives "President Vladimir Putin" in another the country RU)."""
        surname = name.split()[-1]
        role, country = role_and_country(role)
        for i, p in enumerate(self.persons.get(surname, [])):
            if same_person(p.name, name):
                better = replace(p, name=name, speaker_id=slug(name)) if len(name) > len(p.name) else p
                if role and not better.role:
                    better = replace(better, role=role)
                if country and not better.country:
                    better = replace(better, country=country)
                self.persons[surname][i] = better
                if gender != "x":
                    self.genders[better.speaker_id] = gender
                return better
        sp = Speaker(slug(name), name, "person", role, country)
        self.persons.setdefault(surname, []).append(sp)
        self.genders[sp.speaker_id] = gender
        return sp

    def by_surname(self, surname: str, paragraph: int, start: int) -> Speaker | None:
        """The person a bare surname points at: the one with that surname mentioned last."""
        cands = self.persons.get(surname)
        if not cands:
            return None
        ids = {p.speaker_id for p in cands}
        for m in reversed(self.mentions):
            if m.speaker.speaker_id in ids and (m.paragraph, m.start) <= (paragraph, start):
                return self.current(m.speaker)
        return cands[0]

    def current(self, sp: Speaker) -> Speaker:
        """The latest form of a person (its name may have grown since)."""
        for p in self.persons.get(sp.name.split()[-1], []):
            if same_person(p.name, sp.name):
                return p
        return sp


@lru_cache(maxsize=1024)
def role_and_country(title: str | None) -> tuple[str | None, str | None]:
    """A title split into the role and the country its adjective names: "Russian
    Defence Minister" → ("Defence Minister", "RU"), "U.S. Defence Secretary" →
    ("Defence Secretary", "US"); a title that names a country elsewhere keeps its
    words ("adviser to Russian President Vladimir Putin" → RU). An organisation
    in front ("White House Press Secretary") stays in the role."""
    if not title:
        return None, None
    lead = next((m for m in find_countries([title]) if m.start == 0), None)
    rest = title[lead.end :].strip() if lead is not None else ""
    if lead is not None and rest and not is_org(lead.surface):
        return rest, lead.entity_id
    return title, country_of(title)


def same_person(a: str, b: str) -> bool:
    """ "Bush" and "George W. Bush" are one person; "Bill Clinton" and "Hillary Clinton" two."""
    ta, tb = a.split(), b.split()
    return ta[-1] == tb[-1] and (len(ta) == 1 or len(tb) == 1 or ta[0] == tb[0])


class Sentences:
    """Token sentences of each masked paragraph, made on first use: only paragraphs
    with quotes, their lead-ins and anonymous introductions are ever tokenised."""

    __slots__ = ("_cache", "_masked", "_quotes")

    def __init__(self, masked: list[str]) -> None:
        self._masked = masked
        self._cache: dict[int, list[list[Token]]] = {}
        self._quotes: dict[int, list[tuple[Token, list[Token], int]]] = {}

    def __getitem__(self, p: int) -> list[list[Token]]:
        got = self._cache.get(p)
        if got is None:
            got = self._cache[p] = sentences(tokens(self._masked[p]))
        return got

    def quote_at(self, p: int, offset: int) -> tuple[list[Token], int] | None:
        """The sentence of paragraph ``p`` holding the QUOTE token that covers
        ``offset``, and the token's index in it."""
        where = self._quotes.get(p)
        if where is None:
            where = self._quotes[p] = [
                (t, sent, q) for sent in self[p] for q, t in enumerate(sent) if t.word == QUOTE
            ]
        return next(((sent, q) for t, sent, q in where if t.start <= offset < t.end), None)

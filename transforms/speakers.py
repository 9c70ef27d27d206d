"""Who said each quote: canonical speakers and the attribution order. Owner: quotes (issue 4).

:func:`attribute` masks the quotes out of each paragraph, finds every person
named in the article (a name with a title or a known first name: "Russian
Defence Minister Sergei Ivanov", "Mr. Putin" once "Vladimir Putin" is known),
then runs the sieves of :mod:`transforms.sieves` on each quote, most certain
first, and turns the source phrase into a canonical speaker:

* a name → the article's person with that surname (one canonical full name per
  person, so "Putin", "President Vladimir Putin" and "Mr. Putin" are one speaker);
* "he"/"she" → the most recent compatible person, preferring sentence subjects;
* "the official" → the last anonymous source; "a senior ... official" → a new one;
* "the Kremlin", "Interfax" → an organisation;
* no cue at all → the speaker of the quote before (continuation paragraphs,
  a quote-only paragraph, the second half of a split quote).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from transforms.countries import country_of, find_countries
from transforms.mentions import NameHit, apposition_roles, descriptions, parse_name, scan
from transforms.model import AttributionMethod, Quote, QuoteSpan, Speaker
from transforms.names import Gender, is_org, org_name, slug, word_set
from transforms.quotes import MARKS
from transforms.sieves import (
    QUOTE,
    Source,
    Token,
    according,
    explicit_after,
    explicit_before,
    in_sentence,
    is_cue,
    sentence_subject,
    sentences,
    subject_before,
    tokens,
)

_PERSON_HEADS = word_set("person_heads")

_Hit = tuple[Speaker, str | None, AttributionMethod]


@dataclass(slots=True)
class _Mention:
    speaker: Speaker
    paragraph: int
    start: int
    sentence: int  # article-wide sentence number
    subject: bool
    gender: Gender


@dataclass(slots=True)
class _Article:
    """Per-call working state: the speakers known so far and where they were mentioned."""

    masked: list[str]
    sents: _Sentences
    descriptions: dict[str, str]  # "new york businessman" → full name
    persons: dict[str, list[Speaker]] = field(default_factory=dict)  # surname → persons
    genders: dict[str, Gender] = field(default_factory=dict)  # speaker_id → gender
    mentions: list[_Mention] = field(default_factory=list)
    anonymous: list[tuple[int, int, Speaker]] = field(default_factory=list)  # (paragraph, start, source)
    introduced: set[str] = field(default_factory=set)  # heads searched by _introductions

    def person(self, name: str, role: str | None, gender: Gender) -> Speaker:
        """The canonical person for a full name; a longer name, a role or a country
        from any mention upgrades it ("Russian President Vladimir Putin" in one
        paragraph gives "President Vladimir Putin" in another the country RU)."""
        surname = name.split()[-1]
        role, country = role_and_country(role)
        for i, p in enumerate(self.persons.get(surname, [])):
            if _same_person(p.name, name):
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
            if _same_person(p.name, sp.name):
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


def _same_person(a: str, b: str) -> bool:
    """ "Bush" and "George W. Bush" are one person; "Bill Clinton" and "Hillary Clinton" two."""
    ta, tb = a.split(), b.split()
    return ta[-1] == tb[-1] and (len(ta) == 1 or len(tb) == 1 or ta[0] == tb[0])


def _mask(text: str, spans: Sequence[QuoteSpan]) -> str:
    """The paragraph with each quote (marks included) replaced by one QUOTE token of
    equal length that keeps the quote's last punctuation (it may end a sentence)."""
    chars = list(text)
    for s in spans:
        a = s.start - 1 if s.start > 0 and text[s.start - 1] in MARKS else s.start
        b = s.end + 1 if s.end < len(text) and text[s.end] in MARKS else s.end
        n = b - a
        if n < 3:
            continue
        tail = text[s.end - 1] if text[s.end - 1] in ".!?,;:" else "\x00"
        fill = QUOTE + "\x00" * (n - 3) + tail
        chars[a:b] = list(fill)
    return "".join(chars)


class _Sentences:
    """Token sentences of each masked paragraph, made on first use: only paragraphs
    with quotes, their lead-ins and anonymous introductions are ever tokenised."""

    __slots__ = ("_cache", "_masked")

    def __init__(self, masked: list[str]) -> None:
        self._masked = masked
        self._cache: dict[int, list[list[Token]]] = {}

    def __getitem__(self, p: int) -> list[list[Token]]:
        got = self._cache.get(p)
        if got is None:
            got = self._cache[p] = sentences(tokens(self._masked[p]))
        return got


def _collect(art: _Article, hits: list[NameHit]) -> None:
    """Register every person named with a title or a known first name, then record
    every mention (full or surname) in reading order for pronoun resolution."""
    names = [parse_name(h.run) for h in hits]
    for pn in names:
        if pn is not None and len(pn.name.split()) > 1:
            art.person(pn.name, pn.role, pn.gender)
    for h, pn in zip(hits, names, strict=True):
        sp = None
        if pn is not None and len(pn.name.split()) > 1:
            sp = art.person(pn.name, pn.role, pn.gender)
        else:
            last = h.run.rsplit(None, 1)[-1]
            if last in art.persons:
                sp = art.by_surname(last, h.paragraph, h.start)
        if sp is not None:
            gender = art.genders.get(sp.speaker_id, "x")
            art.mentions.append(_Mention(sp, h.paragraph, h.start, h.sentence, h.subject, gender))


def _pronoun(art: _Article, word: str, paragraph: int, start: int) -> Speaker | None:
    """Most recent compatible person before the pronoun; within that sentence, the
    subject (a mention not after a preposition) first."""
    want: Gender | None = "m" if word == "he" else "f" if word == "she" else None
    if want is None:
        return None
    before = [
        m for m in art.mentions if (m.paragraph, m.start) < (paragraph, start) and m.gender in (want, "x")
    ]
    if not before:
        return None
    last = before[-1].sentence
    same = [m for m in before if m.sentence == last]
    pick = next((m for m in same if m.subject), same[-1])
    return art.current(pick.speaker)


def _nominal(art: _Article, text: str, paragraph: int, start: int) -> Speaker | None:
    words = text.split()
    det, desc, head = words[0], " ".join(words[1:]), words[-1].lower()
    if det == "the":
        # "the New York businessman" → the person an apposition or descriptor gave it to
        named = art.descriptions.get(desc.lower())
        if named is not None:
            return art.person(named, None, "x")
    if det == "the" and head in _PERSON_HEADS:
        for m in reversed(art.mentions):
            if (m.paragraph, m.start) < (paragraph, start) and head in (m.speaker.role or "").lower():
                return art.current(m.speaker)
    if det == "the" and head in art.descriptions:
        return art.person(art.descriptions[head], None, "x")
    if not desc:
        return None
    org = org_name(desc)
    if org is not None or (desc[:1].isupper() and is_org(desc)):
        name = org or desc
        return Speaker(slug(name), name, "organization", None, country_of(name))
    if det == "the":
        if head not in art.introduced:
            art.introduced.add(head)
            _introductions(art, head, paragraph)
        for p, st, sp in reversed(art.anonymous):
            if (p, st) < (paragraph, start) and sp.name.split()[-1].lower() == head:
                return sp
    for p, st, sp in art.anonymous:
        if (p, st) == (paragraph, start):
            return sp
    country = country_of(desc)
    sp = Speaker(slug(f"{desc} {country or ''}"), desc, "anonymous", desc, country)
    art.anonymous.append((paragraph, start, sp))
    art.anonymous.sort(key=lambda a: (a[0], a[1]))
    return sp


def _introductions(art: _Article, head: str, paragraph: int) -> None:
    """Register the anonymous sources introduced before ``paragraph`` with this head
    ("A senior Foreign Ministry official said ..."), so that "the official" refers
    back to one. Done only when a quote needs it: scanning every paragraph of every
    article for introductions cost more than all the attribution besides."""
    intro = _intro_re(head)
    for p in range(paragraph + 1):
        if intro.search(art.masked[p]) is None:
            continue
        for sent in art.sents[p]:
            for j, t in enumerate(sent):
                src = subject_before(sent, j) if t.cue else None
                if src is not None and src.kind == "nominal" and src.text.split()[0] != "the":
                    _nominal(art, src.text, p, src.start)


@lru_cache(maxsize=256)
def _intro_re(head: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:[Aa]n?|[Aa]nother|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome)\s+(?:\S+\s+){{0,4}}?{re.escape(head)}\b"
    )


def _resolve(art: _Article, src: Source, paragraph: int) -> Speaker | None:
    if src.kind == "pronoun":
        return _pronoun(art, src.text, paragraph, src.start)
    if src.kind == "nominal":
        return _nominal(art, src.text, paragraph, src.start)
    org = org_name(src.text)
    if org is not None or is_org(src.text):
        name = org or src.text
        return Speaker(slug(name), name, "organization", None, country_of(name))
    pn = parse_name(src.text, True)
    if pn is None:
        return None
    if len(pn.name.split()) == 1:
        known = art.by_surname(pn.name, paragraph, src.start)
        if known is not None:
            return known
        country = country_of(pn.name)
        if country is not None:
            return Speaker(slug(pn.name), pn.name, "organization", None, country)
    return art.person(pn.name, pn.role, pn.gender)


def _method(src: Source, sp: Speaker) -> AttributionMethod:
    if src.method == "according":
        return "according"
    if src.kind == "pronoun":
        return "pronoun"
    if sp.kind == "anonymous":
        return "nominal"
    return "title" if src.kind == "name" and sp.role and src.text != sp.name.split()[-1] else "explicit"


def attribute(paragraphs: Sequence[str], spans: Sequence[QuoteSpan]) -> tuple[list[Quote], list[Speaker]]:
    """Attribute each span to a speaker; returns the quotes (in span order) and the
    article's canonical speakers. ``Quote.treaties``/``countries`` stay empty: the
    caller fills them from entity mentions."""
    by_para: dict[int, list[QuoteSpan]] = {}
    for s in spans:
        by_para.setdefault(s.paragraph, []).append(s)
    masked = [_mask(text, by_para[p]) if p in by_para else text for p, text in enumerate(paragraphs)]
    para_sents = _Sentences(masked)
    hits = scan(masked)
    art = _Article(masked, para_sents, descriptions(masked, hits))
    _collect(art, hits)
    for name, role in apposition_roles(masked, hits).items():
        art.person(name, role, "x")

    found: dict[QuoteSpan, _Hit] = {}
    order = sorted(spans, key=lambda s: (s.paragraph, s.start))
    for p in sorted(by_para):
        here = [s for s in order if s.paragraph == p]
        for s in here:
            hit = _sieve(art, s, para_sents[p], masked[p])
            if hit is not None:
                found[s] = hit
                _note(art, hit[0], s)
        _fill_paragraph(art, here, found, order, masked[p], para_sents)
    quotes: list[Quote] = []
    speakers: dict[str, Speaker] = {}
    for s in spans:
        got = found.get(s)
        if got is None:
            quotes.append(Quote(s.text, s.paragraph, s.start, s.end, None, None, partial=s.partial))
            continue
        sp = art.current(got[0]) if got[0].kind == "person" else got[0]
        speakers.setdefault(sp.speaker_id, sp)
        quotes.append(
            Quote(s.text, s.paragraph, s.start, s.end, sp.speaker_id, sp.name, got[1], s.partial, got[2])
        )
    return quotes, list(speakers.values())


def _note(art: _Article, sp: Speaker, s: QuoteSpan) -> None:
    """A quote's speaker counts as a mention at the quote, for later pronouns."""
    if sp.kind == "person":
        g = art.genders.get(sp.speaker_id, "x")
        m = _Mention(sp, s.paragraph, s.start, -1 - len(art.mentions), True, g)
        bisect.insort(art.mentions, m, key=lambda m: (m.paragraph, m.start))


def _sieve(art: _Article, s: QuoteSpan, sents: list[list[Token]], masked: str) -> _Hit | None:
    """The first sieve that finds a resolvable source for one quote."""
    where = next(
        (
            (sent, q)
            for sent in sents
            for q, t in enumerate(sent)
            if t.word == QUOTE and t.start <= s.start < t.end
        ),
        None,
    )
    if where is None:
        return None
    sent, q = where
    if q == 0:
        # 'Sam Lau said in a statement. "There are no..."': the sentence before leads in
        k = next(n for n, st in enumerate(sents) if st is sent)
        if k > 0 and sents[k - 1][-1].ends_with(".:") and any(is_cue(t) for t in sents[k - 1][-7:]):
            sent, q = [*sents[k - 1], *sent], len(sents[k - 1])
    finders: tuple[Callable[[list[Token], int], Source | None], ...] = (
        explicit_after,
        explicit_before,
        lambda st, _q: according(st),
        in_sentence,
        sentence_subject,
    )
    for finder in finders:
        src = finder(sent, q)
        sp = _resolve(art, src, s.paragraph) if src is not None else None
        if src is not None and sp is not None:
            return (sp, src.cue, _method(src, sp))
    return None


def _lead_in(art: _Article, sents: list[list[Token]], paragraph: int, order: list[QuoteSpan]) -> _Hit | None:
    """A paragraph without quotes that reports someone's speech (``Michelle Marks, a
    delegate, said she was tired of the chants.``) introduces the quote-only
    paragraph after it: the last cue's subject."""
    if any(o.paragraph == paragraph for o in order):
        return None
    for sent in reversed(sents):
        for j in range(len(sent) - 1, -1, -1):
            if is_cue(sent[j]):
                src = subject_before(sent, j)
                sp = _resolve(art, src, paragraph) if src is not None else None
                if src is not None and sp is not None:
                    return (sp, src.cue, "continuation")
    return None


def _fill_paragraph(
    art: _Article,
    here: list[QuoteSpan],
    found: dict[QuoteSpan, _Hit],
    order: list[QuoteSpan],
    masked: str,
    para_sents: _Sentences,
) -> None:
    """Quotes no sieve attributed: a quote carried on from the paragraph before takes
    its speaker; so does a quote in a paragraph of nothing but quotes; then a quote
    takes the speaker of another quote in its paragraph (a split quote)."""
    for s in here:
        if s in found:
            continue
        before = [o for o in order if (o.paragraph, o.start) < (s.paragraph, s.start)]
        prev = before[-1] if before else None
        starts_para = not masked[: max(s.start - 1, 0)].strip()
        only_quotes = not any(ch.isalpha() for ch in masked.replace(QUOTE, ""))
        if not starts_para:
            continue
        carried = prev is not None and prev.continues and prev.paragraph == s.paragraph - 1
        if only_quotes and not s.partial and not carried and s.paragraph > 0:
            lead = _lead_in(art, para_sents[s.paragraph - 1], s.paragraph - 1, order)
            if lead is not None:
                found[s] = lead
                _note(art, lead[0], s)
                continue
        recent = prev is not None and prev.paragraph >= s.paragraph - 3
        if prev is not None and prev in found and (carried or (only_quotes and not s.partial and recent)):
            found[s] = (found[prev][0], found[prev][1], "continuation")
            _note(art, found[s][0], s)
    for s in here:
        if s not in found and not s.partial:
            same = [found[o] for o in here if o in found]
            if same:
                found[s] = (same[0][0], same[0][1], "continuation")

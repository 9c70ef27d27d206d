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
* "the Kremlin", "Interfax" → an organisation (both in :mod:`transforms.nominal`);
* no cue at all → the speaker of the quote before (continuation paragraphs,
  a quote-only paragraph, the second half of a split quote).

The article-wide registry of persons is :mod:`transforms.people`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from transforms.countries import country_of
from transforms.mentions import NameHit, apposition_roles, parse_name, scan
from transforms.model import AttributionMethod, Quote, QuoteSpan, Speaker
from transforms.names import Gender, PersonName, is_org, org_name, slug
from transforms.nominal import nominal
from transforms.people import ArticleState, PersonMention, Sentences
from transforms.quotes import MARKS
from transforms.sieves import (
    NOUN_CUES,
    according,
    explicit_after,
    explicit_before,
    in_sentence,
    sentence_subject,
)
from transforms.source_phrases import Source, subject_before
from transforms.tokens import QUOTE, Token, is_cue

_Hit = tuple[Speaker, str | None, AttributionMethod]


_PARTY_TAG_RE = re.compile(r" \((?:[RDI]|[A-Z][a-z]{1,4}\.)(?:-[A-Z][\w.]*)?\)([,:;.]?)")
"""A party and state tag after a name ("Sen. Ron Johnson (R-Wis.),"): not part of
the name, and in the way of the cue or colon after it."""
_SIGNATURE_RE = re.compile(r"\s*[-–—]+\s*([A-Z][\w.’' -]{1,60}?)\.?\s*$")
"""A paragraph that only signs the quote above it ("- Bernie Sanders.")."""


def _untag(text: str) -> str:
    """Party tags blanked out, their punctuation moved up to the name (equal length)."""
    if "(" not in text:
        return text
    return _PARTY_TAG_RE.sub(lambda m: m.group(1) + " " * (len(m.group()) - len(m.group(1))), text)


def _mask(text: str, spans: Sequence[QuoteSpan]) -> str:
    """The paragraph with each quote (marks included) replaced by one QUOTE token of
    equal length that keeps the quote's last punctuation (it may end a sentence),
    and party tags blanked out (:func:`_untag`)."""
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
    return _untag("".join(chars))


def _collect(art: ArticleState, hits: list[NameHit]) -> None:
    """Register every person named with a title or a known first name, then record
    every mention (full or surname) in reading order for pronoun resolution."""
    parsed: dict[str, PersonName | None] = {}  # runs recur: "Trump" thirty times
    names = [parsed[h.run] if h.run in parsed else parsed.setdefault(h.run, parse_name(h.run)) for h in hits]
    for pn in names:
        if _registers(pn):
            art.person(pn.name, pn.role, pn.gender)  # type: ignore[union-attr]
    # every person is registered now, so the same name gives the same speaker
    registered: dict[PersonName, Speaker] = {}
    for h, pn in zip(hits, names, strict=True):
        sp = None
        if pn is not None and _registers(pn):
            sp = registered.get(pn)
            if sp is None:
                sp = registered[pn] = art.person(pn.name, pn.role, pn.gender)
        else:
            last = h.run.rsplit(None, 1)[-1]
            if last in art.persons:
                sp = art.by_surname(last, h.paragraph, h.start)
        if sp is not None:
            gender = art.genders.get(sp.speaker_id, "x")
            art.mentions.append(PersonMention(sp, h.paragraph, h.start, h.sentence, h.subject, gender))


def _registers(pn: PersonName | None) -> bool:
    """Whether a parsed run introduces a person: a full name, or a surname after an
    honorific that gives the gender ("Mrs. Jones", "Mr. Brown"), which pronouns need."""
    return pn is not None and (" " in pn.name or (pn.titled and pn.gender != "x"))


def _pronoun(art: ArticleState, word: str, paragraph: int, start: int) -> Speaker | None:
    """Most recent compatible person before the pronoun; within that sentence, the
    subject (a mention not after a preposition) first."""
    want: Gender | None = "m" if word == "he" else "f" if word == "she" else None
    if want is None:
        return None
    before = [
        m for m in art.mentions if (m.paragraph, m.start) < (paragraph, start) and m.gender in (want, "x")
    ]
    pick = None
    if before:
        last = before[-1].sentence
        same = [m for m in before if m.sentence == last]
        pick = next((m for m in same if m.subject), same[-1])
    anon = _nominal_speaker(art, paragraph, start)
    if anon is not None and (pick is None or (pick.paragraph, pick.start) < (paragraph, anon[0])):
        return anon[1]
    return art.current(pick.speaker) if pick is not None else None


def _nominal_speaker(art: ArticleState, paragraph: int, start: int) -> tuple[int, Speaker] | None:
    """The anonymous source a pronoun can point back to: the nominal subject of the
    last speech verb before it in its paragraph (``An Icelandic official said the
    deal would hold. "We expect it to," he said.``), with its offset. A person
    mentioned after that subject is nearer and wins."""
    for sent in reversed(art.sents[paragraph]):
        for j in range(len(sent) - 1, -1, -1):
            t = sent[j]
            if t.start >= start or not t.cue:
                continue
            src = subject_before(sent, j)
            if src is None or src.kind != "nominal":
                continue
            sp = nominal(art, src.text, paragraph, src.start)
            return (src.start, sp) if sp is not None and sp.kind == "anonymous" else None
    return None


def _resolve(art: ArticleState, src: Source, paragraph: int) -> Speaker | None:
    if src.kind == "pronoun":
        return _pronoun(art, src.text, paragraph, src.start)
    if src.kind == "nominal":
        return nominal(art, src.text, paragraph, src.start)
    org = org_name(src.text)
    if org is not None or is_org(src.text):
        name = org or src.text
        return Speaker(slug(name), name, "organization", None, country_of(name))
    if src.text.isupper() and " " not in src.text and len(src.text) > 2:
        # a transcript turn ("PENCE: ..."): the capitals may name a person the article knows
        known = art.by_surname(src.text.capitalize(), paragraph, src.start)
        if known is not None:
            return known
    pn = parse_name(src.text, True)
    if pn is None:
        # "Read said", "From said": a word that opens sentences, but here a surname
        # the article has given a person
        return art.by_surname(src.text, paragraph, src.start) if " " not in src.text else None
    if len(pn.name.split()) == 1:
        known = art.by_surname(pn.name, paragraph, src.start)
        if known is not None:
            return known
        country = country_of(pn.name)
        if country is not None:
            return Speaker(slug(pn.name), pn.name, "organization", None, country)
    return art.person(pn.name, pn.role, pn.gender)


_LETTER_RE = re.compile(r"[^\W\d_]")


def _has_words(masked: str) -> bool:
    """Whether a masked paragraph holds any letter outside its quotes (the QUOTE
    token's own letter aside)."""
    return _LETTER_RE.search(masked.replace(QUOTE, "")) is not None


def _signature(art: ArticleState, masked: list[str], p: int) -> _Hit | None:
    """The speaker of a paragraph of nothing but quotes that the next paragraph signs
    with a dash and a name (``"..."`` then ``- Clinton.``), the epigraph convention
    of fact checks and quote collections."""
    if p + 1 >= len(masked) or _has_words(masked[p]):
        return None
    m = _SIGNATURE_RE.fullmatch(masked[p + 1])
    if m is None:
        return None
    sp = _resolve(art, Source("name", m.group(1).strip(), None, "explicit", m.start(1)), p + 1)
    return (sp, None, "explicit") if sp is not None else None


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
    if not spans:
        return [], []  # speakers are the sources of quotes: nothing to resolve
    by_para: dict[int, list[QuoteSpan]] = {}
    for s in spans:
        by_para.setdefault(s.paragraph, []).append(s)
    masked = [_mask(text, by_para[p]) if p in by_para else _untag(text) for p, text in enumerate(paragraphs)]
    para_sents = Sentences(masked)
    hits = scan(masked)
    art = ArticleState(masked, para_sents, hits)
    _collect(art, hits)
    for name, role in apposition_roles(masked, hits).items():
        art.person(name, role, "x")

    found: dict[QuoteSpan, _Hit] = {}
    order = sorted(spans, key=lambda s: (s.paragraph, s.start))
    for p in sorted(by_para):
        here = [s for s in order if s.paragraph == p]
        for s in here:
            hit = _sieve(art, s)
            if hit is not None:
                found[s] = hit
                _note(art, hit[0], s)
        signed = _signature(art, masked, p) if any(s not in found for s in here) else None
        for s in here:
            if signed is not None and s not in found and not s.partial:
                found[s] = signed
                _note(art, signed[0], s)
        _fill_paragraph(art, here, found, order, masked[p], para_sents)
    _echoes(paragraphs, spans, found)
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


_FOLD_RE = re.compile(r"[^\w]+")


def _fold(text: str) -> str:
    return _FOLD_RE.sub(" ", text.lower()).strip()


def _echoes(paragraphs: Sequence[str], spans: Sequence[QuoteSpan], found: dict[QuoteSpan, _Hit]) -> None:
    """A fragment whose words a full quote of the article also holds (``called it
    "a disaster"`` beside ``"It is a disaster," Smith said``) repeats that quote:
    its speaker is the full quote's, whoever the fragment's sentence names. A
    one-word fragment that modifies the noun after it (``sceptical of "new"
    threats``) echoes the quote that holds both words (``"Those new threats
    are..."``), when one does."""
    full = [(_fold(s.text), found[s]) for s in spans if not s.partial and s in found]
    if not full:
        return
    for s in spans:
        if not s.partial:
            continue
        words = _fold(s.text)
        if not words:
            continue
        if " " not in words:
            phrase = _modified_noun(paragraphs[s.paragraph], s.end)
            if phrase:
                got = next((hit for text, hit in full if f" {words} {phrase} " in f" {text} "), None)
                if got is not None:
                    found[s] = (got[0], got[1], "continuation")
                    continue
        got = next((hit for text, hit in full if f" {words} " in f" {text} "), None)
        if got is not None:
            found[s] = (got[0], got[1], "continuation")


_NOUN_AFTER_RE = re.compile(r"[\"”»]? ([a-z]+)\b")


def _modified_noun(text: str, end: int) -> str | None:
    """The lower-case word right after a quote's closing mark (``"new" threats``)."""
    m = _NOUN_AFTER_RE.match(text, end)
    return m.group(1) if m is not None else None


def _note(art: ArticleState, sp: Speaker, s: QuoteSpan) -> None:
    """A quote's speaker counts as a mention at the quote, for later pronouns."""
    if sp.kind == "person":
        g = art.genders.get(sp.speaker_id, "x")
        m = PersonMention(sp, s.paragraph, s.start, -1 - len(art.mentions), True, g)
        bisect.insort(art.mentions, m, key=lambda m: (m.paragraph, m.start))


def _sieve(art: ArticleState, s: QuoteSpan) -> _Hit | None:
    """The first sieve that finds a resolvable source for one quote."""
    where = art.sents.quote_at(s.paragraph, s.start)
    if where is None:
        return None
    sents = art.sents[s.paragraph]
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
        if src is not None and src.method == "subject" and not _known_subject(art, src, sent):
            return None
        sp = _resolve(art, src, s.paragraph) if src is not None else None
        if src is None or sp is None:
            continue
        return (sp, src.cue, _method(src, sp))
    return None


def _known_subject(art: ArticleState, src: Source, sent: list[Token]) -> bool:
    """Whether the subject of a sentence with no speech verb may be a quote's
    source. Without a cue nothing vouches for the phrase: a place or its people
    ('Russia is suspicious of ... "rogue states"', "Americans") frames the
    writer's own phrase, and so does a lone capitalised word that opens the
    sentence with a comma ("Moreover, ...", "Adding, ...") unless the article
    names someone by it."""
    if src.kind != "name":
        return True
    if country_of(src.text) is not None:
        return False
    if " " in src.text or src.text in art.persons:
        return True
    tok = next((t for t in sent if t.start == src.start), None)
    return tok is None or not tok.ends_with(",")


def _lead_in(
    art: ArticleState, sents: list[list[Token]], paragraph: int, order: list[QuoteSpan]
) -> _Hit | None:
    """A paragraph without quotes that reports someone's speech (``Michelle Marks, a
    delegate, said she was tired of the chants.``) introduces the quote-only
    paragraph after it: the last cue's subject."""
    if any(o.paragraph == paragraph for o in order):
        return None
    for sent in reversed(sents):
        for j in range(len(sent) - 1, -1, -1):
            # "The New York Times reports:" - a cue word that opens a colon lead-in
            # is the verb, even when it could be a noun ("the reports").
            if is_cue(sent[j]) and (sent[j].word.lower() not in NOUN_CUES or sent[j].ends_with(":")):
                src = subject_before(sent, j)
                sp = _resolve(art, src, paragraph) if src is not None else None
                if src is not None and sp is not None:
                    return (sp, src.cue, "continuation")
    return None


def _fill_paragraph(
    art: ArticleState,
    here: list[QuoteSpan],
    found: dict[QuoteSpan, _Hit],
    order: list[QuoteSpan],
    masked: str,
    para_sents: Sentences,
) -> None:
    """Quotes no sieve attributed: a quote carried on from the paragraph before takes
    its speaker; so does a quote in a paragraph of nothing but quotes; then a quote
    takes the speaker of another quote in its paragraph (a split quote)."""
    only_quotes: bool | None = None
    for s in here:
        if s in found or masked[: max(s.start - 1, 0)].strip():
            continue  # attributed, or not opening its paragraph
        if only_quotes is None:
            only_quotes = not _has_words(masked)
        i = bisect.bisect_left(order, (s.paragraph, s.start), key=lambda o: (o.paragraph, o.start))
        prev = order[i - 1] if i > 0 else None
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

"""Nominal and organisation sources: "the official", "a senior Foreign Ministry
official", "the New York businessman", "the Kremlin". Owner: quotes (issue 4).

A description with "the" refers back: to the person an apposition or a
descriptor gave it to, to a person whose role has that head word, or to the
anonymous source introduced earlier with that head ("A senior official said
..." then "the official added"). A description with "a"/"another" introduces a
new anonymous source. A description that names an organisation becomes one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from transforms.countries import country_of
from transforms.model import Speaker
from transforms.names import is_org, org_name, slug, word_set
from transforms.people import ArticleState
from transforms.source_phrases import subject_before

_PERSON_HEADS = word_set("person_heads")


def nominal(art: ArticleState, text: str, paragraph: int, start: int) -> Speaker | None:
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


def _introductions(art: ArticleState, head: str, paragraph: int) -> None:
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
                    nominal(art, src.text, p, src.start)


@lru_cache(maxsize=256)
def _intro_re(head: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:[Aa]n?|[Aa]nother|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome)\s+(?:\S+\s+){{0,4}}?{re.escape(head)}\b"
    )

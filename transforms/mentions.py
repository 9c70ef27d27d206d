"""Person mentions and descriptions, found with one regex pass per paragraph.
Owner: quotes (issue 4).

Attribution needs every person the article names (to canonicalise "Putin" as
"Vladimir Putin", and for pronouns), but it needs the token-level analysis of
:mod:`transforms.tokens` only in the paragraphs that hold quotes. Tokenising
every paragraph of every article cost most of the attribution time, so the
article-wide facts come from compiled regexes instead:

* :func:`scan` lists capitalised runs (``CAP_RUN_RE``) with whether each is a
  sentence subject (not after a preposition) and an article-wide sentence
  number, for pronoun resolution;
* :func:`descriptions` maps descriptions to the persons they describe, from
  appositions ("Donald Trump, the New York businessman,") and pre-name
  descriptors ("New York businessman Donald Trump"), so that "the New York
  businessman said" resolves to Donald Trump.

:func:`parse_name` caches :func:`transforms.names.person_name`: the same runs
recur across paragraphs and articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from transforms.names import CAP_RUN_RE, PersonName, person_name, word_set

_PREPOSITIONS = word_set("prepositions")
_HEADS = word_set("person_heads") | word_set("nominal_heads")
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“A-Z\x00])")
_NOT_ENDS = frozenset(
    ["Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Jr", "Sr", "U.S", "U.N"]
)
_SENTENCE_FINAL_RE = re.compile(r"(?<![A-Z.])(?<!Jr)(?<!Sr)[a-z]{2,}\.$|[A-Z][a-z]+\.$")
_RUN_SPLIT_RE = re.compile(r"(?<=[a-z]{2}\.)\s+")
_POSSESSIVE_RE = re.compile(r"['’]s\b")
# "Donald Trump, the New York businessman," / "Mike Pence, a former Indiana governor,"
_APPOSITION_RE = re.compile(r",\s+(?:the|a|an)\s+((?:[\w.’'-]+\s+){0,5}?([a-z]+))\s*[,.;]")
# "New York businessman Donald Trump": lower-case head right before the run
_DESCRIPTOR_RE = re.compile(r"((?:[A-Z][\w.’'-]*\s+){0,3}([a-z]+))\s+$")


class NameHit(NamedTuple):
    """One capitalised run: where it is, whether it is a sentence subject, and the
    article-wide number of its sentence. A named tuple, not a frozen dataclass:
    one is built for every capitalised run of every article, and a frozen
    dataclass costs several times as much to build."""

    paragraph: int
    start: int
    end: int
    run: str
    sentence: int
    text: str  # the paragraph, for :attr:`subject`

    @property
    def subject(self) -> bool:
        """Not after a preposition ("met with Donald Rumsfeld" is no subject);
        worked out on demand, since only runs that name persons are asked."""
        before = self.text[max(self.start - 16, 0) : self.start].split()
        return not before or before[-1].strip("\"'“(,").lower() not in _PREPOSITIONS


@lru_cache(maxsize=8192)
def parse_name(run: str, loose: bool = False) -> PersonName | None:
    """:func:`person_name`, cached (pure: the lexicons are package data)."""
    return person_name(run, loose=loose)


def _abbreviation_before(text: str, dot: int) -> bool:
    """Whether the period at ``text[dot]`` ends an abbreviation or an initial
    ("Mr.", "U.S.", "W.") rather than a sentence."""
    word = text[text.rfind(" ", 0, dot) + 1 : dot]
    return word in _NOT_ENDS or (len(word) == 1 and word.isupper())


def _pieces(run: str, start: int) -> list[tuple[str, int]]:
    """A capitalised run cut where a sentence ends inside it ("Rumsfeld. And
    George W. Bush": the regex allows a period after a word, for "W." and "Jr."),
    and at a possessive ("Bush's Facebook post" → "Bush"); a final period that
    ends a sentence is dropped."""
    out: list[tuple[str, int]] = []
    at = 0
    cuts = [m.start() for m in _RUN_SPLIT_RE.finditer(run) if not _abbreviation_before(run, m.start() - 1)]
    for cut in [*cuts, len(run)]:
        piece = run[at:cut]
        poss = _POSSESSIVE_RE.search(piece) if ("'s" in piece or "’s" in piece) else None
        if poss is not None:
            out.append((piece[: poss.start()], start + at))
            break
        if piece.endswith(".") and _SENTENCE_FINAL_RE.search(piece):
            piece = piece[:-1]
        out.append((piece, start + at))
        at = cut + 1
        while at < len(run) and run[at].isspace():
            at += 1
    return out


def scan(paragraphs: Sequence[str]) -> list[NameHit]:
    """Every capitalised run of every paragraph, in reading order. A possessive
    ends a run ("Bush's Facebook post" → "Bush")."""
    hits: list[NameHit] = []
    append = hits.append
    base = 0
    for p, text in enumerate(paragraphs):
        ends = [m.end() for m in _SENTENCE_END_RE.finditer(text) if not _abbreviation_before(text, m.start())]
        n_ends = len(ends)
        k = 0
        for whole in CAP_RUN_RE.finditer(text):
            whole_run = whole.group()
            if "." in whole_run or "'s" in whole_run or "’s" in whole_run:
                pieces = _pieces(whole_run, whole.start())
            else:
                pieces = [(whole_run, whole.start())]  # the common case, without a call
            for run, start in pieces:
                while k < n_ends and ends[k] <= start:
                    k += 1
                append(NameHit(p, start, start + len(run), run, base + k, text))
        base += n_ends + 1
    return hits


def descriptions(paragraphs: Sequence[str], hits: Sequence[NameHit]) -> dict[str, str]:
    """Description → the full name it describes, from appositions and descriptors
    next to a two-word person name: {"new york businessman": "Donald Trump",
    "businessman": "Donald Trump"}. A description that fits two persons is
    dropped, since it no longer picks one out."""
    found: dict[str, str] = {}
    clash: set[str] = set()
    for h in hits:
        pn = parse_name(h.run)
        if pn is None or len(pn.name.split()) < 2:
            continue
        text = paragraphs[h.paragraph]
        cands: list[tuple[str, str]] = []
        app = _APPOSITION_RE.match(text, h.end)
        if app is not None:
            cands.append((app.group(1), app.group(2)))
        if pn.role is None:
            pre = _DESCRIPTOR_RE.search(text, max(h.start - 60, 0), h.start)
            if pre is not None:
                cands.append((pre.group(1), pre.group(2)))
        if pn.role:
            cands.append((pn.role, pn.role.split()[-1]))
        for desc, head in cands:
            if head.lower() not in _HEADS:
                continue
            for key in {" ".join(desc.lower().split()), head.lower()}:
                if found.setdefault(key, pn.name) != pn.name:
                    clash.add(key)
    return {k: v for k, v in found.items() if k not in clash}


# "Igor Sergeyev, an adviser to Russian President Vladimir Putin, said"
_ROLE_APPOSITION_RE = re.compile(r",\s+(?:the|a|an)\s+([a-z][\w-]*(?:\s+[\w.’'-]+){0,7}?)\s*,")


def apposition_roles(paragraphs: Sequence[str], hits: Sequence[NameHit]) -> dict[str, str]:
    """Full name → the role an apposition gives it ("Igor Sergeyev, an adviser to
    Russian President Vladimir Putin," → "adviser to Russian President Vladimir
    Putin"), for persons named without a title; the first apposition wins."""
    roles: dict[str, str] = {}
    for h in hits:
        pn = parse_name(h.run)
        if pn is None or pn.role or len(pn.name.split()) < 2 or pn.name in roles:
            continue
        m = _ROLE_APPOSITION_RE.match(paragraphs[h.paragraph], h.end)
        if m is not None and any(w in _HEADS for w in m.group(1).split()):
            roles[pn.name] = m.group(1)
    return roles

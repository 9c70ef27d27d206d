"""Tokens and sentences of a masked paragraph: what the attribution sieves read.

:func:`transforms.speakers.attribute` masks each quote of a paragraph into one
``QUOTE`` token of equal length; :func:`tokens` splits the paragraph into words
with their surrounding punctuation stripped (offsets kept), marks speech verbs
used as verbs, and :func:`sentences` groups the tokens into sentences, keeping
an attribution with the quote it closes (``"...missing." Trump said.``).
Tokens rather than whole-sentence regexes keep the sieves linear and free of
backtracking. Owner: quotes (issue 4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.names import cue_phrases, cue_words, word_set

QUOTE = "\x00Q"
"""The token a masked quote becomes."""
_TOKEN_RE = re.compile(
    "\x00Q\x00*([^\\s\x00]*)"
    "|[\"'“‘(\\[]*([^\\s\x00](?:[^\\s\x00]*[^\\s\x00\"'”’)\\],.;:!?…])?)([\"'”’)\\],.;:!?…]*)(?=\\s|$|\x00)"
)
"""A masked quote with what is glued to it, or a word: lead punctuation, the word
up to its last character that is no trailing punctuation, then the trailing
punctuation. Greedy, not a lazy word with the possessive in the trail: the lazy
form re-tried the trail at every character and cost twice as much; a
possessive is moved from the word to its trail in :func:`tokens`
(tests/transforms/test_tokens.py checks the two forms agree)."""
_TRAIL_LEAD = "\"'”’)],.;:!?…“‘(["
_INITIALS_RE = re.compile(r"(?:[A-Z]\.)+")
_ABBREVIATIONS = word_set("abbreviations")
POSSESSIVE = ("'s", "’s", "‘s")
_NOUN_MARKERS = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "our", "my", "this", "that", "whose"}
)


@dataclass(slots=True, eq=False)
class Token:
    """A word with its surrounding punctuation stripped; offsets into the paragraph.
    The flags are computed once at tokenisation, since every sieve asks them. Not
    frozen: a frozen dataclass costs ~3x as much to build, and tokens are built for
    every word of every quoted paragraph; nothing mutates them after tokenisation."""

    word: str
    start: int
    end: int
    after: str  # trailing punctuation (",", ":", "." ...)
    is_cap: bool = False
    cue: bool = False  # a speech verb used as a verb (see :func:`tokens`)

    def ends_with(self, chars: str) -> bool:
        """Whether the punctuation after the word opens with one of ``chars``."""
        return bool(self.after) and self.after[0] in chars


def tokens(masked: str) -> list[Token]:
    """Tokens of a masked paragraph. A two-word cue ("shot back", "pointed out")
    becomes one token; a cue word after a possessive or a determiner is a noun
    ("Bush's Facebook post", "the report"), not a cue. One regex splits each word
    into lead punctuation, word and trail (possessive included).

    This runs on every word of every paragraph attribution reads, so the loop is
    kept lean: the sets are bound locally, and a word is joined to the one before
    it only when that one can open a cue phrase."""
    out: list[Token] = []
    append = out.append
    cues, openers, phrases = cue_words(), _phrase_openers(), _phrase_starts()
    abbreviations, noun_markers = _ABBREVIATIONS, _NOUN_MARKERS
    noun_use = False
    prev_low = ""  # lower-case word of out[-1] when it has no trailing punctuation
    for m in _TOKEN_RE.finditer(masked):
        tail, word, after = m.groups()
        if tail is not None:
            append(Token(QUOTE, m.start(), m.end(), tail))
            noun_use, prev_low = False, ""
            continue
        start = m.start(2)
        if word.endswith(POSSESSIVE) and len(word) > 2:
            word, after = word[:-2], word[-2:] + after  # "Bush's": the possessive trails
        if after[:1] == "." and (word + "." in abbreviations or _INITIALS_RE.fullmatch(word + ".")):
            word, after = word + ".", after[1:]  # "Mr." "U.S." "W." keep their period
        if not word.strip(_TRAIL_LEAD):
            continue
        low = word.lower()
        if prev_low in openers and f"{prev_low} {low}" in phrases:
            prev = out[-1]
            out[-1] = Token(f"{prev.word} {word}", prev.start, start + len(word), after, prev.is_cap, True)
            prev_low = f"{prev_low} {low}" if not after else ""
            continue
        cap = word[0].isupper()
        cue = low in cues and (not cap or word in _INVERTED) and not noun_use
        append(Token(word, start, start + len(word), after, cap, cue))
        noun_use = after[:2] in POSSESSIVE or (not after and low in noun_markers)
        prev_low = low if not after else ""
    return out


_INVERTED = frozenset({"Said", "Says"})


@lru_cache(maxsize=1)
def _phrase_starts() -> frozenset[str]:
    return frozenset(cue_phrases())


@lru_cache(maxsize=1)
def _phrase_openers() -> frozenset[str]:
    """Every leading part of a multi-word cue ("pointed" of "pointed out")."""
    return frozenset(p.rsplit(" ", 1)[0] for p in cue_phrases())


def sentences(toks: list[Token]) -> list[list[Token]]:
    """Split tokens at sentence ends (a ``.!?`` after a word that is no abbreviation
    or initial, before a capital or a quote)."""
    out: list[list[Token]] = []
    cur: list[Token] = []
    n = len(toks)
    for i, t in enumerate(toks):
        cur.append(t)
        after = t.after
        if not after or after[0] not in ".!?" or i + 1 >= n:
            continue
        nxt = toks[i + 1]
        if not (nxt.is_cap or nxt.word == QUOTE):
            continue
        if nxt.word == QUOTE and t.cue:
            continue  # 'Ivanov said. "We..."': the cue leads into the quote
        if t.word == QUOTE and (
            (after[0] in "!?" and any(x.cue for x in toks[i + 1 : i + 5])) or _name_then_cue(toks, i + 1)
        ):
            continue  # '"Stop!" Smith said.': a cue right after the quote stays in its sentence
        out.append(cur)
        cur = []
    if cur:
        out.append(cur)
    return out


def _name_then_cue(toks: list[Token], i: int) -> bool:
    """A name run and a cue right after a quote: in '"...missing." Trump said.' the
    full stop inside the quote does not end the sentence that attributes it."""
    k = i
    while k < len(toks) and k < i + 4 and toks[k].is_cap and not toks[k].after and not toks[k].cue:
        k += 1
    if not (i < k < len(toks) and toks[k].cue):
        return False
    # the cue closes the attribution ('Trump said.', 'Trump said in a statement'), where
    # '... liar." Carly Fiorina said Ted Cruz ...' opens a new sentence
    after_cue = toks[k + 1].word if k + 1 < len(toks) else ""
    return bool(toks[k].after) or after_cue in {"", "in", "on", "at", "during", "after", "of", "to"}


def is_cue(t: Token) -> bool:
    """A speech verb; capitalised only as the inverted "Said X, ..." opening."""
    return t.cue

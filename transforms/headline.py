"""Choosing the headline among the title-shaped lines above a body.

Both parsers hand over their candidates nearest-first (for HTML: h1/h2 text,
og:title, the ``<title>`` with its site name cut off) and the body. Each
candidate is scored on evidence that holds on any site: its length, how it
ends, whether it reads like a byline or a credit ("Staff Writer", "Jane Doe"),
a stamp or a menu, how many of its content words the body's opening repeats,
and how far it sits from the body. The best positive score wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from transforms.blocks import Block, CaselessPattern

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ASCII_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")  # _WORD on lower-cased ASCII, with a cheaper class
_CREDIT = CaselessPattern(
    r"\b(?:writer|correspondent|reporter|staff|agencies|editor|contributor|columnist|news service"
    r"|associated press|article from|photo|pic|getty|afp|aap|reuters|file|courtesy|enlarge|larger"
    r"|special to)\b"
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "at",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "after",
        "over",
        "into",
        "about",
        "new",
        "says",
        "said",
        "will",
        "not",
        "but",
        "more",
        "than",
        "out",
        "up",
    ]
)
_LOWER_OK = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "of",
        "the",
        "to",
        "in",
        "on",
        "for",
        "at",
        "by",
        "with",
        "from",
        "de",
        "la",
        "van",
        "von",
    ]
)
# "Tags: ...", "Cast: ...": a field label opening the line marks page metadata.
_LABEL = re.compile(
    r"(?i)^(?:tags?|topics?|keywords?|categor(?:y|ies)|filed under|posted in|cast|starring|directors?"
    r"|artists?|genre|source|related|section|author)\s*:"
)
# Headlinese drops articles and auxiliaries ("Gulf states urge peace"); photo
# captions and standfirsts are ordinary sentences ("X is the first leader to ...").
_FUNCTION = CaselessPattern(r"\b(?:the|a|an|is|are|was|were|been|has|had|have)\b")
_FUNCTION_WORD_COST = 0.75
_ABBREVIATION_END = re.compile(r"\b(?:[A-Za-z]\.){2,}$")  # "7:30 P.m.", "the U.S."
_STEM = 5  # compare words by their first letters: "rais(ed)" ~ "rais(es)"
# Lower-casing a whole text gives other words than lower-casing each word only
# where it holds "İ" (two characters in lower case, the second not a letter) or
# "Σ" (final or medial sigma, chosen by what follows); every other character
# keeps its length and its letter class (tests/transforms/test_blocks.py).
_LOWER_BY_CONTEXT = re.compile("[\u0130\u03a3]")


def content_stems(text: str) -> set[str]:
    """Lower-cased prefixes of the content words of ``text``.

    The text is lower-cased once, not word by word (a tenth of the headline
    search's cost), which yields the same words unless it holds a character
    that :data:`_LOWER_BY_CONTEXT` names.
    """
    if text.isascii():
        words = set(_ASCII_WORD.findall(text.lower()))  # each distinct word is filtered once
    elif not _LOWER_BY_CONTEXT.search(text):
        words = set(_WORD.findall(text.lower()))
    else:
        words = {m.lower() for m in _WORD.findall(text)}
    return {w[:_STEM] for w in words if len(w) > 2 and w not in _STOP}


def headline_score(block: Block, *, rank: int, body_stems: set[str]) -> float:
    """How much ``block`` looks like the headline of a body whose opening words
    are ``body_stems``; ``rank`` counts candidates between it and the body."""
    text = block.text
    words = block.words
    if words < 2 or words > 30 or block.bullet or block.date or block.byline:
        return float("-inf")
    score = 0.0
    if block.footer_strong or block.footer_weak:
        score -= 3.0
    if "|" in text or text.endswith((":", ",", ";")) or text.startswith(("»", "<", "[")):
        score -= 3.0
    if text.endswith(".") and not text.endswith("...") and not _ABBREVIATION_END.search(text):
        score -= 2.0
    score -= _FUNCTION_WORD_COST * max(0, _FUNCTION.count_in(text) - 1)
    if text[:1].islower():
        score -= 2.0  # a sentence fragment cut from a teaser, not a title
    if _LABEL.match(text):
        score -= 3.0
    if _CREDIT.found_in(text):
        score -= 2.5
    if name_like(text):
        score -= 1.5
    if 4 <= words <= 18:
        score += 1.0
    stems = content_stems(text)
    if stems:
        score += 3.0 * len(stems & body_stems) / len(stems)
    return score - 0.3 * rank


def pick_headline(candidates: Sequence[str], body: Sequence[str]) -> int | None:
    """Index of the best candidate (``candidates`` ordered nearest the body first),
    or None when none scores above zero."""
    body_stems = content_stems(" ".join(body[:4])[:2000])
    best, best_i = 0.0, None
    for i, text in enumerate(candidates):
        s = headline_score(Block(text), rank=i, body_stems=body_stems)
        if s > best:
            best, best_i = s, i
    return best_i


def name_like(text: str) -> bool:
    """ "Jane Doe", "Erin Hitchcock, Burnaby Now": a few words, all capitalised."""
    words = text.replace(",", " ").split()
    if len(words) > 5:
        return False
    return all(w[:1].isupper() or w.lower() in _LOWER_OK or w == "&" for w in words) and not any(
        map(str.isdigit, text)
    )

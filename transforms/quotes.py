"""Direct quotes in body paragraphs, before attribution. Owner: quotes (issue 4).

Detection pairs double quote marks (straight, curly, guillemets) per paragraph.
A straight mark has no direction of its own, so each mark is classified from
the characters around it (space before → opening, space or punctuation after →
closing) and paired with a small two-state machine; a curly mark whose glyph
contradicts its context (typesetters get them wrong) also goes by context.

A quote left open at the end of its paragraph runs on when the next paragraph
opens with a quote mark (the news convention for multi-paragraph quotes), and
is flagged ``continues``. A quote embedded in a sentence (``described as a
"cold war relic"``) is flagged ``partial``; a short embedded phrase with no
speech around it (``"rogue states"``, ``"new" threats``) is a scare quote and
is left out, because it is the writer's irony, not anybody's speech.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from transforms.model import QuoteSpan
from transforms.names import cue_words

OPEN_MARKS = "“«„"
CLOSE_MARKS = "”»"
MARKS = frozenset('"' + OPEN_MARKS + CLOSE_MARKS)
_MARK_RE = re.compile('["“”«»„]')
_BEFORE_OPEN = frozenset(" \t\n([{—–-/")
_AFTER_CLOSE = frozenset(" \t\n.,;:!?)]}—–-…'’")
_LOWER_WORD_RE = re.compile(r"\b[a-z]+\b")
_WORD_RE = re.compile(r"[\w’'-]+")
_SENTENCE_END_RE = re.compile(r"[.!?…][\"”’')\]]*\s*$")
_LEAD_IN_RE = re.compile(r"(?:[:,—–]|\.\.\.)\s*$")
# A verb of speech or thought right before the quote makes an embedded quote
# speech ("said it was", "called it"), not irony.
SPEECH_NEAR_RE = re.compile(
    r"(?i)\b(?:said|says|say|saying|told|tells|added|adds|called|calls|described|describes|dubbed|"
    r"termed|labell?ed|branded|warned|insisted|argued|declared|wrote|writes|tweeted|stated|"
    r"promised|vowed|claimed|urged|asked|noted|explained|suggested|according)\b"
)

MAX_SCARE_WORDS = 3
"""An embedded quote of at most this many words, with no speech verb in its
sentence before it, counts as a scare quote."""


def _direction(text: str, i: int) -> str:
    """ "open", "close" or "either" for the mark at ``text[i]``, from its context."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    can_open = (before in _BEFORE_OPEN or before in MARKS) and not after.isspace()
    can_close = not before.isspace() and (after in _AFTER_CLOSE or after in MARKS or after.isspace())
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    mark = text[i]
    if mark in OPEN_MARKS:
        return "open"
    if mark in CLOSE_MARKS:
        return "close"
    return "either"


def _opens_with_mark(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in MARKS


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentence_before(text: str, start: int) -> str:
    """The part of the current sentence that precedes offset ``start``."""
    head = text[: max(start - 1, 0)]
    cut = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
    return head[cut + 1 :] if cut >= 0 else head


def _is_partial(text: str, start: int, end: int) -> bool:
    """An embedded quote: the writer's sentence runs into it without a lead-in
    (paragraph start, sentence end, colon or comma) and does not stop after it
    with a cue."""
    before = text[: max(start - 1, 0)].rstrip()
    if not before or _SENTENCE_END_RE.search(before) or _LEAD_IN_RE.search(before):
        return False
    quoted = text[start:end].rstrip()
    after = text[end + 1 :].lstrip()
    # `told reporters "We will..."` without a comma: an uppercase, sentence-long quote.
    ends_sentence = quoted[-1:] in ".?!,"
    return not (
        ends_sentence
        and quoted[:1].isupper()
        and len(_WORD_RE.findall(quoted)) > 6
        and not after[:1].islower()
    )


def _is_scare(text: str, start: int, end: int) -> bool:
    """A short embedded phrase in a paragraph that reports no speech: irony or a term
    of art (``"rogue states"``), or a quoted word the sentence runs on from (``"new"
    threats``), not speech. Short fragments in a paragraph with a speech verb stay:
    in news they are mostly the words of the person reported (``called the plan
    "reckless"``)."""
    if len(_WORD_RE.findall(text[start:end])) > MAX_SCARE_WORDS:
        return False
    after = text[end + 1 :].lstrip()
    if text[end - 1].isalnum() and after[:1].isalpha() and after[:1].islower():
        return True
    outside = text[: max(start - 1, 0)] + " " + text[end + 1 :]
    cues = cue_words()
    return not any(w in cues for w in _LOWER_WORD_RE.findall(outside))


def _is_markup(text: str, start: int) -> bool:
    """A quoted attribute value of markup left in the text (``<tweet id="77...">``)."""
    return start >= 2 and text[start - 2] == "="


def _spans_in(text: str, paragraph: int, next_opens: bool) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for m in _MARK_RE.finditer(text):
        i = m.start()
        direction = _direction(text, i)
        if open_at is None:
            if direction != "close":
                open_at = i + 1
            continue
        if direction == "open" and i > open_at:
            open_at = i + 1  # the earlier mark was a stray; restart here
            continue
        s, e = _trimmed(text, open_at, i)
        open_at = None
        if e <= s:
            continue
        partial = _is_partial(text, s, e)
        if _is_markup(text, s) or (partial and _is_scare(text, s, e)):
            continue
        spans.append(QuoteSpan(text[s:e], paragraph, s, e, partial=partial))
    if open_at is not None:
        s, e = _trimmed(text, open_at, len(text))
        if e > s:
            partial = _is_partial(text, s, e)
            spans.append(QuoteSpan(text[s:e], paragraph, s, e, partial=partial, continues=next_opens))
    return spans


def find_quotes(paragraphs: Sequence[str]) -> list[QuoteSpan]:
    """Every quoted span, with partial and continuation flags; scare quotes left out."""
    spans: list[QuoteSpan] = []
    for n, text in enumerate(paragraphs):
        next_opens = n + 1 < len(paragraphs) and _opens_with_mark(paragraphs[n + 1])
        spans.extend(_spans_in(text, n, next_opens))
    return spans

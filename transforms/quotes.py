"""Direct quotes in body paragraphs, before attribution. Owner: quotes (issue 4).

Detection pairs double quote marks (straight, curly, guillemets) per paragraph.
A straight mark has no direction of its own, so each mark is classified from
the characters around it (space before → opening, space or punctuation after →
closing) and paired with a small two-state machine; a curly mark whose glyph
contradicts its context (typesetters get them wrong) also goes by context. A
quote of the other family of marks inside a quote nests in it (``"It comes
across as “too loud.”"`` is one quote), and a transcript turn (``"PENCE:
...``) is the rest of its paragraph, the name left outside for attribution.

A quote left open at the end of its paragraph runs on when the next paragraph
opens with a quote mark (the news convention for multi-paragraph quotes), and
is flagged ``continues``. A quote embedded in a sentence (``described as a
"cold war relic"``) is flagged ``partial``. Short embedded phrases are kept as
partial quotes even when they read like scare quotes (``"rogue states"``,
``"new" threats``): measured on PolNeAR, rules that drop them (no speech verb in
the sentence; a quote modifying the next noun) removed far more reported
fragments (``claim that there have been "thousands of shootings" in Chicago``)
than irony, costing 3.4 points of quote F1 (re-measured on this branch: dropping
one-word modifiers alone costs 0.5 points on train, 0.5 on dev). Scare quotes
are dealt with at attribution instead: a place or a sentence opener never
speaks without a cue, and a modifier echoes the quote that holds its noun
(:mod:`transforms.speakers`). Only quoted names of works (by their frame: a
work noun, a possessive, "on") and nicknames are left out.
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
_FORMAT_CHARS = "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
"""Invisible direction and joiner marks that web text leaves in front of a quote."""
_BEFORE_OPEN = frozenset(" \t\n([{—–-/" + _FORMAT_CHARS)
_AFTER_CLOSE = frozenset(" \t\n.,;:!?)]}—–-…'’")
_INNER_SENTENCE_RE = re.compile(r"\w\w[.!?] +[A-Z]")
_TAIL_RE = re.compile(r"[\w’'. -]*")
_WORD_RE = re.compile(r"[\w’'-]+")
_CLOSERS = frozenset("\"”’')]")
_LEAD_INS = (":", ",", "—", "–", "...")

MAX_NAME_WORDS = 6
"""An embedded title-case quote of at most this many words is a name (of a show,
a book, a slogan), not speech."""
_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "vs",
    ]
)
_NAMING_RE = re.compile(
    r"\b(?:as|called|calls|calling|dubbed|named|nicknamed|chanting|chanted|chants)\b[^.!?]*$"
)
_WORD_BEFORE_RE = re.compile(r"(\S+)\s$")
_WORD_AFTER_RE = re.compile(r"\s(\S+)")


def _direction(text: str, i: int) -> str:
    """ "open", "close" or "either" for the mark at ``text[i]``, from its context.
    A mark that opens its paragraph opens a quote, whatever its glyph or the
    space after it (``” … he delivered a mix ...,” Barabak wrote``): there is
    nothing before it to close."""
    if i < 16 and not text[:i].strip(_FORMAT_CHARS + " \t"):
        return "open"
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
    (paragraph start, sentence end, colon or comma), it holds no whole sentence of
    speech, and no cue closes it (``they "appeared to be marks," he wrote``: the
    quote is the speaker's clause, not a fragment of the writer's)."""
    i = max(start - 1, 0)
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == 0 or text.endswith(_LEAD_INS, 0, i):
        return False
    j = i
    while j > 0 and text[j - 1] in _CLOSERS:
        j -= 1
    if j > 0 and text[j - 1] in ".!?…":
        return False  # the sentence before has ended
    quoted = text[start:end].rstrip()
    if _INNER_SENTENCE_RE.search(quoted):
        return False  # `said Carson is "losing strength. Some of his support..."`
    after = text[end + 1 :].lstrip()
    if quoted[-1:] in ",!?" and _cue_follows(after):
        return False
    # `told reporters "We will..."` without a comma: an uppercase, sentence-long quote.
    ends_sentence = quoted[-1:] in ".?!,"
    return not (
        ends_sentence
        and quoted[:1].isupper()
        and len(_WORD_RE.findall(quoted)) > 6
        and not after[:1].islower()
    )


def _cue_follows(after: str) -> bool:
    """A speech cue among the first words after a quote, before any punctuation
    (``, she said``, ``, Mook wrote in a memo``)."""
    m = _TAIL_RE.match(after)
    cues = cue_words()
    return m is not None and any(w.strip(".") in cues for w in m.group().split()[:4])


def _is_nickname(text: str, start: int, end: int) -> bool:
    """One quoted word between a first name and a surname (``C.L. "Butch" Otter``)."""
    if " " in text[start:end]:
        return False
    before = _WORD_BEFORE_RE.search(text, 0, max(start - 1, 0))
    after = _WORD_AFTER_RE.match(text, min(end + 1, len(text)))
    return (
        before is not None
        and after is not None
        and before.group(1)[:1].isupper()
        and after.group(1)[:1].isupper()
    )


def _is_name(text: str, start: int, end: int) -> bool:
    """A quoted name rather than quoted words: a title-case name of a show, book or
    slogan embedded in the writer's sentence (``on CNN's "State of the Union"``).

    Short embedded quotes are otherwise kept (flagged partial): in news almost
    every one of them, irony included, is somebody's word the article reports, and
    attribution corpora annotate them as such."""
    quoted = text[start:end].rstrip(",.")
    words = quoted.split()
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    if _NAMING_RE.search(text, max(start - 40, 0), max(start - 1, 0)):
        return False  # `called Rubio "Little Marco"`: a name somebody used is their word
    caps = [w for w in words if w[:1].isalpha() and w.lower() not in _MINOR_WORDS]
    return bool(caps) and all(w[:1].isupper() for w in caps) and not quoted.endswith(("!", "?"))


_WORK_NOUN_RE = re.compile(
    r"\b(?:show|program|programme|film|movie|book|memoir|series|documentary|ad|spot|play|drama"
    r"|thriller|sitcom|comedy|column|article|op-ed|editorial|song|album|segment|podcast|novel|musical"
    r"|video|episode|broadcast|edition|installment|magazine|blog|website|poster|slogan|logo|hashtag|titled"
    r"|entitled)s?(?: of)?[,:]?\s*$",
    re.IGNORECASE,
)
_WORK_PLACE_RE = re.compile(r"(?:['’]s|\b[Oo]n|\b[Ii]n)\s*$")
_WORK_AFTER_RE = re.compile(
    r"[,.]?[\"”»]?\s*(?:star|host|actor|actress|creator|producer|author|show|series|movie|film|sketch"
    r"|podcast|broadcast|documentary|episode|album|song|sitcom|program)s?\b"
)


def _is_work(text: str, start: int, end: int, *, partial: bool) -> bool:
    """The title of a work: a name-like quote (:func:`_is_name`) that a work noun,
    a possessive or "on"/"in" introduces (``his memoir, "Gifted Hands,"``, ``on
    CNN's "State of the Union"``) or that a role noun follows (``"Broad City"
    star``). Name-like quotes in other frames are kept: ``proclaimed a goal of
    "Peace Through Strength"`` reports a slogan somebody said, and PolNeAR counts
    it; dropping every name-like fragment measured no better than keeping them.
    A quote that is no fragment (a cue closes it: ``on "Women in Power,"
    answering``) needs a work noun."""
    if not _is_name(text, start, end):
        return False
    before = text[max(start - 41, 0) : max(start - 1, 0)]
    if _WORK_NOUN_RE.search(before) or _WORK_AFTER_RE.match(text, end):
        return True
    return partial and _WORK_PLACE_RE.search(before) is not None


def _is_markup(text: str, start: int) -> bool:
    """A quoted attribute value of markup left in the text (``<tweet id="77...">``)."""
    return start >= 2 and text[start - 2] == "="


def _nests(outer: str, mark: str) -> bool:
    """Whether an opening ``mark`` inside a quote opened by ``outer`` starts a quote
    within the quote: the other family of marks (straight inside curly, curly
    inside straight), as in ``"It comes across as “too loud.”"``."""
    return (outer == '"') != (mark == '"')


def _pairs(text: str, *, nest: bool) -> tuple[list[tuple[int, int, bool]], int | None, bool]:
    """Paired marks as (start, end, nested) of the quoted text; the offset of a
    quote left open at the paragraph end, if any; and whether that open quote has
    a nested quote in it. A straight mark has no direction, so marks pair by
    context."""
    pairs: list[tuple[int, int, bool]] = []
    inner_at = 0
    open_at: int | None = None
    outer = inner = ""
    nested = False
    for m in _MARK_RE.finditer(text):
        i = m.start()
        mark = m.group()
        direction = _direction(text, i)
        if open_at is None:
            if direction != "close":
                open_at, outer, nested = i + 1, mark, False
            continue
        if inner:
            inner = ""
            if direction != "open" and _nests(outer, mark):
                pairs.append((inner_at, i, True))
                continue  # the nested quote closes; the outer one goes on
            if direction == "open":  # an unclosed nested mark: the outer was a stray
                open_at, outer, nested = i + 1, mark, False
                continue
        if direction == "open" and i > open_at:
            if nest and _nests(outer, mark):
                inner, nested, inner_at = mark, True, i + 1
            else:
                open_at, outer, nested = i + 1, mark, False  # the earlier mark was a stray
            continue
        pairs.append((open_at, i, False))
        open_at = None
    return pairs, open_at, open_at is not None and nested


_TURN_RE = re.compile(r"\s*[\"“]([A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+){0,2}): +(?=\S)")
"""A transcript turn: a paragraph that opens with a quote mark and a speaker's name
in capitals (``"PENCE: Well, look, ...``). The whole rest of the paragraph is the
speaker's words, quotes inside it included; the name stays outside the quote,
where the colon makes it the source."""


def _spans_in(text: str, paragraph: int, next_opens: bool) -> list[QuoteSpan]:
    """The quotes of one paragraph. A fragment nested in a quote of the other
    family of marks (``"It comes across as “too loud.”"``) is part of the outer
    quote's words, not a quote of its own, when the outer quote closes in the
    paragraph; a full quote nested in it (``I'm going to read you the question:
    “Do you think ...?”``) is quoted speech of its own and stays. A straight mark
    left open around curly quotes is more often a stray or a block-quote opener
    than a quote, so then the inner quotes stand alone."""
    turn = _TURN_RE.match(text)
    if turn is not None:
        s, e = _trimmed(text, turn.end(), len(text))
        e -= text[e - 1] in MARKS and e - 1 > s
        return [QuoteSpan(text[s:e], paragraph, s, e, continues=next_opens)] if e > s else []
    pairs, tail, nested_tail = _pairs(text, nest=True)
    if nested_tail:
        pairs, tail, _ = _pairs(text, nest=False)
    spans: list[QuoteSpan] = []
    for a, b, nested in sorted(pairs):
        s, e = _trimmed(text, a, b)
        if e <= s:
            continue
        partial = _is_partial(text, s, e)
        if nested and partial:
            continue
        if _is_markup(text, s) or _is_nickname(text, s, e) or _is_work(text, s, e, partial=partial):
            continue
        spans.append(QuoteSpan(text[s:e], paragraph, s, e, partial=partial))
    if tail is not None:
        s, e = _trimmed(text, tail, len(text))
        if e > s:
            partial = _is_partial(text, s, e)
            spans.append(QuoteSpan(text[s:e], paragraph, s, e, partial=partial, continues=next_opens))
    return spans


def find_quotes(paragraphs: Sequence[str]) -> list[QuoteSpan]:
    """Every quoted span, with partial and continuation flags; quoted names of works,
    nicknames and markup attribute values left out (scare quotes are kept, see above)."""
    spans: list[QuoteSpan] = []
    for n, text in enumerate(paragraphs):
        if _MARK_RE.search(text) is None:
            continue  # most paragraphs quote nobody
        next_opens = n + 1 < len(paragraphs) and _opens_with_mark(paragraphs[n + 1])
        spans.extend(_spans_in(text, n, next_opens))
    return spans

"""Text renderings (Common Crawl style main-content text) → :class:`Article`.

A rendering is lines; blank lines separate groups. Every non-blank line is a
:class:`~transforms.blocks.Block`; the body is the densest prose region of
their weights, with furniture dropped line by line inside it. The headline is
the nearest title-shaped line above the body; captions are the two-line
groups (image alt text, then the caption) that renderings produce for photos.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from transforms.blocks import (
    Block,
    cut_at_terminator,
    densest_region,
    furniture_rule,
    is_prose,
    prose_weights,
)
from transforms.dateline import dateline_start, parse_dateline
from transforms.dates import parse_date
from transforms.errors import NotAnArticle
from transforms.headline import content_stems, headline_score, name_like
from transforms.model import Article
from transforms.publisher import publisher_from_furniture

# A rendering whose body is one line this short holds a contact notice or an
# error message that survived an otherwise empty page, not an article. (HTML
# pages keep such a line: their metadata still names the page.)
MIN_LONE_PARAGRAPH_WORDS = 20
_DATE_REACH = 4  # lines around the headline and body start searched for a date stamp
_HEADLINE_LOOKBACK = 25  # lines above the body searched for the headline
_ANCHOR_REACH = 20  # lines into the region searched for where the article proper starts
_WORD = re.compile(r"\w+")
_DROP_CHARS = " .,;:!?'\"()[]-–—|•·»«*/"  # left out of the keys that find repeated lines
_DROP_ASCII = "".join(c for c in _DROP_CHARS if c.isascii()).encode("ascii")
_DROP_NON_ASCII = [c for c in _DROP_CHARS if not c.isascii()]
_ABBREVIATION_END = re.compile(r"\b(?:[A-Za-z]\.){2,}$")


def parse_text(text: str) -> Article:
    """Parse one text rendering; raises :class:`NotAnArticle` when no body survives."""
    blocks = _blocks(text.split("\n"))
    if not blocks:
        raise NotAnArticle("no text lines")
    captions_at = _caption_lines(blocks)
    weights = prose_weights(blocks)
    for i in captions_at:
        weights[i] = -5.0
    start, end = densest_region(weights)
    if end <= start:
        raise NotAnArticle("no prose paragraphs")
    end = cut_at_terminator(blocks, start, end)
    head_idx = _headline_index(blocks, start, end, captions_at)
    first = head_idx + 1 if head_idx is not None and head_idx >= start else start
    body_idx = [i for i in range(first, end) if i not in captions_at and _keep(blocks, i)]
    body_idx = body_idx[dateline_start([blocks[i].text for i in body_idx[:4]]) :]
    body = tuple(blocks[i].text for i in body_idx)
    if not body:
        raise NotAnArticle("no body paragraphs survive furniture removal")
    if len(body) == 1 and len(body[0].split()) < MIN_LONE_PARAGRAPH_WORDS:
        raise NotAnArticle("a single short line (a notice, not an article)")
    dateline = parse_dateline(body[0])
    captions = tuple(dict.fromkeys(blocks[i].text for i in sorted(captions_at) if i < end and captions_at[i]))
    publisher = (dateline.agency if dateline else None) or publisher_from_furniture(
        b.text for i, b in enumerate(blocks) if i < start or i >= end
    )
    return Article(
        headline=blocks[head_idx].text if head_idx is not None else None,
        body=body,
        captions=captions,
        publisher=publisher,
        dateline=dateline,
        published=_published(blocks, head_idx if head_idx is not None else start, body_idx),
    )


def _published(blocks: list[Block], head: int, body_idx: list[int]) -> str | None:
    """The date of a stamp line near the headline or the body's start
    ("Last Updated: Thursday, December 27, 2007", "2008-01-05", "05.01.2008 14:22")."""
    first = body_idx[0] if body_idx else head
    for i in range(max(0, min(head, first) - _DATE_REACH), min(len(blocks), max(head, first) + _DATE_REACH)):
        if blocks[i].date:
            found = parse_date(blocks[i].text)
            if found:
                return found
    return None


def _blocks(lines: list[str]) -> list[Block]:
    """One block per non-blank line; ``group`` counts blank-line-separated runs."""
    group = 0
    texts: list[tuple[str, int]] = []
    blank = True
    for line in lines:
        s = " ".join(line.split())
        if not s:
            if not blank:
                group += 1
            blank = True
            continue
        blank = False
        texts.append((s, group))
    keys = _keys([s for s, _ in texts])
    counts = Counter(keys)
    blocks = [Block(text=s, group=g, repeated=counts[k] > 1) for (s, g), k in zip(texts, keys, strict=True)]
    return _mark_teasers(_mark_line_lists(blocks))


def _mark_line_lists(blocks: list[Block]) -> list[Block]:
    """Three or more consecutive non-prose lines (no blank line between) are a
    menu or link list.

    Renderings put a blank line between paragraphs, so runs of short lines come
    from ``<ul>``/``<td>`` furniture even when they carry no bullet glyph.
    Prose lines are never marked: some renderings drop every blank line.
    """
    out = list(blocks)
    run: list[int] = []
    for k in range(len(out) + 1):
        prose = k < len(out) and out[k].prose
        if k < len(out) and not prose and (not run or out[run[-1]].group == out[k].group):
            run.append(k)
            continue
        if len(run) >= 3:
            for i in run:
                out[i] = out[i].marked(list_item=True)
        run = [k] if k < len(out) and not prose else []
    return out


def _mark_teasers(blocks: list[Block]) -> list[Block]:
    """A group of lines that alternates title, one-sentence summary, title,
    summary ... is a list of links to other stories ("More headlines", "World
    »"), however much prose its summaries hold.

    An article's paragraphs are separated by blank lines, and where a rendering
    drops them, subheadings are followed by several paragraphs, not one: so
    three strict title-summary pairs covering most of the group are asked for.
    """
    out = list(blocks)
    n = len(out)
    i = 0
    while i < n:
        j = i
        while j + 1 < n and out[j + 1].group == out[i].group:
            j += 1
        pairs = 0
        k = i
        while k < j:
            title, summary = out[k], out[k + 1]
            if not title.prose and not title.sentence and title.words >= 2 and summary.prose:
                pairs += 1
                k += 2
            else:
                k += 1
        if pairs >= 3 and 2 * pairs >= 0.7 * (j - i + 1):
            for m in range(i, j + 1):
                out[m] = out[m].marked(list_item=True)
        i = j + 1
    return out


def _keys(lines: list[str]) -> list[str]:
    """Each line's letters and digits, lower-cased: repeats differ in punctuation
    and spacing.

    All lines are folded at once (joined by newlines, which no line holds and no
    step removes): lower-casing a joined text lower-cases each line as alone,
    and the punctuation is deleted from the UTF-8 bytes in one table pass, then
    the few non-ASCII marks by ``replace``. One pass over the page costs a
    fifth of one ``translate`` per line.
    """
    joined = "\n".join(lines).lower().encode("utf-8").translate(None, _DROP_ASCII).decode("utf-8")
    for mark in _DROP_NON_ASCII:
        joined = joined.replace(mark, "")
    return joined.split("\n")


def _caption_lines(blocks: list[Block]) -> dict[int, bool]:
    """Indexes of caption lines, and of the alt-text lines that precede them.

    A photo renders as a two-line group: its alt text, then its caption (often
    the same words again). The caption is the second line; the alt text line is
    returned too (mapped to False) so the body drops both, but only the caption
    (mapped to True) is reported.
    """
    out: dict[int, bool] = {}
    i = 0
    n = len(blocks)
    while i < n:
        j = i
        while j + 1 < n and blocks[j + 1].group == blocks[i].group:
            j += 1
        if j == i + 1 and _is_caption_pair(blocks[i], blocks[j]):
            out[i], out[j] = False, True
        i = j + 1
    # A photo may also render as the same words twice, one line after the other
    # (alt text, then caption), in one group or across a blank line; a title
    # repeated so is a headline (no sentence punctuation), not a caption.
    for k in range(n - 1):
        if (
            k not in out
            and blocks[k].sentence
            and blocks[k].text == blocks[k + 1].text
            and blocks[k].words <= 60
        ):
            out[k], out[k + 1] = False, True
    return out


def _is_caption_pair(alt_block: Block, cap_block: Block) -> bool:
    if alt_block.bullet or cap_block.bullet or cap_block.words > 40 or alt_block.words > 25:
        return False
    alt, caption = alt_block.text, cap_block.text
    alt_words = set(_WORD.findall(alt.lower()))
    cap_words = set(_WORD.findall(caption.lower()))
    if not alt_words or not cap_words:
        return False
    if alt_block.sentence and alt_block.words >= 8 and alt != caption:
        return False
    return len(alt_words & cap_words) >= 0.5 * len(alt_words)


def _keep(blocks: list[Block], i: int) -> bool:
    """Furniture rules, except that a short line between two prose lines is a
    subheading and stays."""
    rule = furniture_rule(blocks[i])
    if rule == "short line without sentence punctuation" and 0 < i < len(blocks) - 1:
        return is_prose(blocks[i - 1]) and is_prose(blocks[i + 1])
    return rule is None


def _anchor(blocks: list[Block], start: int, end: int) -> int:
    """Where the article text proper begins: the first prose line of the region
    that another prose line follows closely.

    A region may open on stray prose above the headline (a paywall notice, a
    site blurb) that a menu did not separate; the headline search looks above
    this anchor, so it can find a headline inside the region.
    """
    for i in range(start, min(end, start + _ANCHOR_REACH)):
        if blocks[i].prose and any(blocks[j].prose for j in range(i + 1, min(end, i + 3))):
            return i
    return start


def _headline_index(blocks: list[Block], start: int, end: int, captions_at: dict[int, bool]) -> int | None:
    """The best-scoring title-shaped line above the article text. The body's
    opening words are only gathered once a line is scored: in four articles in
    ten none is (nothing title-shaped, or the body opens the page)."""
    anchor = _anchor(blocks, start, end)
    body_stems: set[str] | None = None
    best, best_i = 0.0, None
    rank = 0
    for i in range(anchor - 1, max(-1, anchor - 1 - _HEADLINE_LOOKBACK), -1):
        block = blocks[i]
        if i in captions_at or not _is_title_shaped(block):
            continue
        if _score_ceiling(block, rank) <= best:
            rank += 1
            continue  # cannot win: skip the costly scoring
        if body_stems is None:
            lead = islice((blocks[j].text for j in range(anchor, end) if blocks[j].prose), 4)
            body_stems = content_stems(" ".join(lead)[:2000])
        score = headline_score(block, rank=rank, body_stems=body_stems) + _layout_evidence(blocks, i)
        rank += 1
        if score > best:
            best, best_i = score, i
    return best_i


def _score_ceiling(block: Block, rank: int) -> float:
    """The most a title-shaped line can score, from its length alone.

    :func:`headline_score` adds at most 1.0 (length) and 3.0 (every content
    word in the body's opening), all else subtracts; :func:`_layout_evidence`
    adds at most 1.0 and subtracts for repeats and length. A margin covers
    rounding, so a line whose ceiling does not beat the best is never one that
    would have.
    """
    words = block.words
    ceiling = (1.0 if 4 <= words <= 18 else 0.0) + 3.0 - 0.3 * rank + 1.0
    if block.repeated:
        ceiling -= 1.5
    if words > 14:
        ceiling -= 0.15 * (words - 14)
    return ceiling + 1e-9


def _layout_evidence(blocks: list[Block], i: int) -> float:
    """What the lines around a candidate say: a byline or date stamp just below
    (or just above) it marks a headline; a line the page repeats elsewhere is a
    label or a teaser; a long unpunctuated sentence is a standfirst or caption."""
    score = 0.0
    near = blocks[i + 1 : i + 3]
    if any(b.byline or b.date or (b.words <= 4 and name_like(b.text)) for b in near):
        score += 1.0
    elif i > 0 and (blocks[i - 1].date or blocks[i - 1].byline):
        score += 0.5
    block = blocks[i]
    if block.repeated:
        score -= 1.5
    if block.words > 14:
        score -= 0.15 * (block.words - 14)
    return score


def _abbreviation_end(text: str) -> bool:
    return bool(_ABBREVIATION_END.search(text))


def _is_title_shaped(block: Block) -> bool:
    text = block.text
    if block.words < 2 or block.words > 30 or block.bullet:
        return False
    if text.endswith((":", ",")) or (
        text.endswith(".") and not text.endswith("...") and not _abbreviation_end(text)
    ):
        return False
    return not (block.date or block.byline or block.footer_strong or block.footer_weak)

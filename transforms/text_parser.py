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
from dataclasses import replace

from transforms.blocks import (
    Block,
    densest_region,
    ends_sentence,
    furniture_rule,
    is_bullet,
    is_byline,
    is_date_line,
    is_footer_phrase,
    is_prose,
    is_terminator,
    prose_weights,
    word_count,
)
from transforms.dateline import parse_dateline
from transforms.errors import NotAnArticle
from transforms.headline import pick_headline
from transforms.model import Article
from transforms.publisher import publisher_from_furniture

_HEADLINE_LOOKBACK = 25  # lines above the body searched for the headline
_WORD = re.compile(r"\w+")


def parse_text(text: str) -> Article:
    """Parse one text rendering; raises :class:`NotAnArticle` when no body survives."""
    lines = text.split("\n")
    blocks = _blocks(lines)
    if not blocks:
        raise NotAnArticle("no text lines")
    captions_at = _caption_lines(blocks)
    weights = prose_weights(blocks)
    for i in captions_at:
        weights[i] = -5.0
    start, end = densest_region(weights)
    if end <= start:
        raise NotAnArticle("no prose paragraphs")
    end = _cut_at_terminator(blocks, start, end)
    body_idx = [i for i in range(start, end) if i not in captions_at and _keep(blocks, i)]
    body_idx = _from_dateline(blocks, body_idx)
    body = tuple(blocks[i].text for i in body_idx)
    if not body:
        raise NotAnArticle("no body paragraphs survive furniture removal")
    dateline = parse_dateline(body[0])
    head_idx = _headline_index(blocks, start, captions_at, body)
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
    )


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
    counts = Counter(_key(s) for s, _ in texts)
    blocks = [Block(text=s, group=g, repeated=counts[_key(s)] > 1) for s, g in texts]
    return _mark_line_lists(blocks)


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
        if k < len(out) and not is_prose(out[k]) and (not run or out[run[-1]].group == out[k].group):
            run.append(k)
            continue
        if len(run) >= 3:
            for i in run:
                out[i] = replace(out[i], list_item=True)
        run = [k] if k < len(out) and not is_prose(out[k]) else []
    return out


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


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
        if j == i + 1 and _is_caption_pair(blocks[i].text, blocks[j].text):
            out[i], out[j] = False, True
        i = j + 1
    return out


def _is_caption_pair(alt: str, caption: str) -> bool:
    if is_bullet(alt) or is_bullet(caption) or word_count(caption) > 40 or word_count(alt) > 25:
        return False
    alt_words = set(_WORD.findall(alt.lower()))
    cap_words = set(_WORD.findall(caption.lower()))
    if not alt_words or not cap_words:
        return False
    if ends_sentence(alt) and word_count(alt) >= 8 and alt != caption:
        return False
    return len(alt_words & cap_words) >= 0.5 * len(alt_words)


def _keep(blocks: list[Block], i: int) -> bool:
    """Furniture rules, except that a short line between two prose lines is a
    subheading and stays."""
    rule = furniture_rule(blocks[i])
    if rule == "short line without sentence punctuation" and 0 < i < len(blocks) - 1:
        return is_prose(blocks[i - 1]) and is_prose(blocks[i + 1])
    return rule is None


def _cut_at_terminator(blocks: list[Block], start: int, end: int) -> int:
    """The region ends at a comments/related-links marker met after three prose lines."""
    prose = 0
    for i in range(start, end):
        if prose >= 3 and is_terminator(blocks[i].text):
            return i
        prose += is_prose(blocks[i])
    return end


def _from_dateline(blocks: list[Block], body_idx: list[int]) -> list[int]:
    """Start the body at a dateline paragraph found among its first few lines."""
    for k, i in enumerate(body_idx[:4]):
        if parse_dateline(blocks[i].text) is not None:
            return body_idx[k:]
    return body_idx


def _headline_index(
    blocks: list[Block], start: int, captions_at: dict[int, bool], body: tuple[str, ...]
) -> int | None:
    """The best-scoring title-shaped line above the body start."""
    lines = [
        i
        for i in range(start - 1, max(-1, start - 1 - _HEADLINE_LOOKBACK), -1)
        if i not in captions_at and _is_title_shaped(blocks[i])
    ]
    k = pick_headline([blocks[i].text for i in lines], body)
    return lines[k] if k is not None else None


def _is_title_shaped(block: Block) -> bool:
    text = block.text
    words = word_count(text)
    if words < 2 or words > 30 or is_bullet(text):
        return False
    if text.endswith((".", ":", ",")) and not text.endswith("..."):
        return False
    return not (is_date_line(text) or is_byline(text) or is_footer_phrase(text))

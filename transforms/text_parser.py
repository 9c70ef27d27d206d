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
    prose_weight,
    word_count,
)
from transforms.dateline import parse_dateline
from transforms.errors import NotAnArticle
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
    weights = [prose_weight(b) if i not in captions_at else -5.0 for i, b in enumerate(blocks)]
    start, end = densest_region(weights)
    if end <= start:
        raise NotAnArticle("no prose paragraphs")
    body_idx = [i for i in range(start, end) if i not in captions_at and furniture_rule(blocks[i]) is None]
    body_idx = _from_dateline(blocks, body_idx)
    body = tuple(blocks[i].text for i in body_idx)
    if not body:
        raise NotAnArticle("no body paragraphs survive furniture removal")
    dateline = parse_dateline(body[0])
    head_idx = _headline_index(blocks, start, captions_at)
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
    """Lines of a run of three or more mostly non-prose lines are a menu or link list.

    Renderings put a blank line between paragraphs, so consecutive short lines
    come from ``<ul>``/``<td>`` furniture even when they carry no bullet glyph.
    """
    out = list(blocks)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j + 1].group == out[i].group:
            j += 1
        run = out[i : j + 1]
        if len(run) >= 3 and sum(is_prose(b) for b in run) * 2 < len(run):
            for k in range(i, j + 1):
                if word_count(out[k].text) < 30:
                    out[k] = replace(out[k], list_item=True)
        i = j + 1
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


def _from_dateline(blocks: list[Block], body_idx: list[int]) -> list[int]:
    """Start the body at a dateline paragraph found among its first few lines."""
    for k, i in enumerate(body_idx[:4]):
        if parse_dateline(blocks[i].text) is not None:
            return body_idx[k:]
    return body_idx


def _headline_index(blocks: list[Block], start: int, captions_at: dict[int, bool]) -> int | None:
    """The nearest title-shaped line above the body start."""
    for i in range(start - 1, max(-1, start - 1 - _HEADLINE_LOOKBACK), -1):
        if i in captions_at:
            continue
        if _is_title_shaped(blocks[i]):
            return i
    return None


def _is_title_shaped(block: Block) -> bool:
    text = block.text
    words = word_count(text)
    if words < 2 or words > 30 or is_bullet(text):
        return False
    if text.endswith((".", ":", ",")) and not text.endswith("..."):
        return False
    return not (is_date_line(text) or is_byline(text) or is_footer_phrase(text))

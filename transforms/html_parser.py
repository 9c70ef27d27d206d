"""Raw HTML → :class:`Article`, on one BeautifulSoup tree (:mod:`transforms.html_tree`).

The body is chosen exactly as for text renderings (:mod:`transforms.blocks`:
densest prose region, then furniture rules per block), with the evidence only
HTML has: link density, list items, headings, and template class/id names
(``nav``, ``footer``, ``comments``) that weigh a block down. The headline is
chosen among the headings and lines above the body, the ``og:title`` and the
``<title>`` split at its site-name separator, by agreement between them and
with the body; a bare ``<title>`` with the site name glued on is never used as is.
"""

from __future__ import annotations

import re
from collections import Counter

from transforms.blocks import (
    Block,
    cut_at_terminator,
    densest_region,
    furniture_rule,
    is_prose,
    prose_weights,
)
from transforms.dateline import dateline_start, parse_dateline
from transforms.dates import date_from_url, parse_date
from transforms.errors import NotAnArticle
from transforms.headline import content_stems, headline_score
from transforms.html_tree import HtmlBlock, PageMeta, build
from transforms.model import Article
from transforms.publisher import publisher_from_furniture

_HEADLINE_LOOKBACK = 30
_HINT_PENALTY = 80.0  # a block under a furniture-named container: needs real prose to count
_TITLE_SPLIT = re.compile(r"\s+(?:[|»·:~•]|::|--|-|–|—)\s+")
_KEY = re.compile(r"[^0-9a-z]+")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})


def parse_html(html: str) -> Article:
    """Parse one HTML page; raises :class:`NotAnArticle` when no body survives."""
    meta, hblocks = build(html)
    blocks = _mark_repeats([h.block for h in hblocks])
    if not blocks:
        raise NotAnArticle("no text in the page")
    weights = prose_weights(blocks)
    for i, h in enumerate(hblocks):
        if h.furniture_hint:
            weights[i] -= _HINT_PENALTY if weights[i] > 0 else 10.0
        if h.caption:
            weights[i] = min(weights[i], -5.0)
    start, end = densest_region(weights)
    if end <= start:
        raise NotAnArticle("no prose paragraphs")
    end = cut_at_terminator(blocks, start, end)
    keep = [i for i in range(start, end) if _keep(hblocks, blocks, i)]
    keep = keep[dateline_start([blocks[i].text for i in keep[:4]]) :]
    body = tuple(blocks[i].text for i in keep)
    if not body:
        raise NotAnArticle("no body paragraphs survive furniture removal")
    dateline = parse_dateline(body[0])
    headline = _headline(meta, hblocks, blocks, start, body)
    captions = tuple(dict.fromkeys(h.block.text for h in hblocks if h.caption and len(h.block.text) < 400))
    publisher = (
        meta.site_name
        or (dateline.agency if dateline else None)
        or publisher_from_furniture(b.text for i, b in enumerate(blocks) if i < start or i >= end)
    )
    return Article(
        headline=headline,
        body=body,
        captions=captions[:20],
        publisher=publisher,
        dateline=dateline,
        published=parse_date(meta.published) or date_from_url(meta.url),
        url=meta.url,
    )


def _mark_repeats(blocks: list[Block]) -> list[Block]:
    keys = [_key(b.text) for b in blocks]  # once per block: folding is most of the cost
    counts = Counter(keys)
    return [b.marked(repeated=True) if counts[k] > 1 else b for b, k in zip(blocks, keys, strict=True)]


def _key(text: str) -> str:
    return _KEY.sub("", text.lower())


def _keep(hblocks: list[HtmlBlock], blocks: list[Block], i: int) -> bool:
    """Furniture rules; headings and short lines between prose are subheadings."""
    h = hblocks[i]
    if h.caption or (h.furniture_hint and not is_prose(blocks[i])):
        return False
    rule = furniture_rule(blocks[i])
    if rule in ("short line without sentence punctuation", "repeated line") and 0 < i < len(blocks) - 1:
        return (
            rule != "repeated line"
            and (blocks[i].tag in _HEADINGS or blocks[i].tag in ("p", "div", "b", "strong"))
            and is_prose(blocks[i - 1])
            and is_prose(blocks[i + 1])
        )
    return rule is None


def _headline(
    meta: PageMeta, hblocks: list[HtmlBlock], blocks: list[Block], start: int, body: tuple[str, ...]
) -> str | None:
    """Headings and lines above the body, scored, with a bonus for agreeing with
    the page's own title metadata; the metadata alone as the fallback."""
    titles = _title_parts(meta)
    title_keys = {_key(t) for t in titles}
    full_keys = {_key(t) for t in (meta.title, meta.og_title) if t}
    body_stems = content_stems(" ".join(body[:4])[:2000])
    best, best_text = 0.0, None
    seen = 0
    for i in range(start - 1, max(-1, start - 1 - _HEADLINE_LOOKBACK), -1):
        h = hblocks[i]
        text = blocks[i].text
        if h.caption or (blocks[i].list_item and blocks[i].tag not in _HEADINGS):
            continue
        score = headline_score(blocks[i], rank=seen, body_stems=body_stems)
        if score == float("-inf"):
            continue
        seen += 1
        key = _key(text)
        if key in title_keys or key in full_keys:
            score += 3.0
        elif any(key and key in k for k in full_keys):
            score += 1.5
        if blocks[i].tag in _HEADINGS:
            score += 1.5 if blocks[i].tag in ("h1", "h2") else 0.5
        if h.furniture_hint:
            score -= 1.0
        if score > best:
            best, best_text = score, text
    if best_text is not None and best >= 2.0:
        return best_text
    fallback = max(
        titles, key=lambda t: headline_score(Block(t), rank=0, body_stems=body_stems), default=None
    )
    return fallback or best_text


def _title_parts(meta: PageMeta) -> list[str]:
    """``og:title`` and the ``<title>`` segments that are not the site name."""
    out: list[str] = []
    site = _key(meta.site_name or "")
    for raw in (meta.og_title, meta.title):
        if not raw:
            continue
        parts = [p.strip() for p in _TITLE_SPLIT.split(raw) if p.strip()]
        if len(parts) > 1:
            parts = [p for p in parts if _key(p) != site] or parts
            parts.sort(key=len, reverse=True)
            out.append(parts[0])
        out.append(raw.strip())
    return list(dict.fromkeys(out))

"""The whole transform for one file: bytes → :class:`Extraction`.

This is the one function the flows and the CLI call; it composes decode, parse
and the entity passes, and links quotes to the entities mentioned inside them.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TypeVar

from transforms.countries import find_countries
from transforms.decode import DEFAULT_MAX_BYTES, decode
from transforms.model import Extraction, Mention, Quote
from transforms.parse import parse
from transforms.quotes import find_quotes
from transforms.speakers import attribute
from transforms.treaties import find_treaties


def article_id(raw: bytes) -> str:
    """The content hash that keys a file in the warehouse."""
    return hashlib.sha256(raw).hexdigest()


def extract(
    raw: bytes, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES, digest: str | None = None
) -> Extraction:
    """Decode, parse and extract one file. Raises :class:`~transforms.errors.InputError`
    (never anything else on purpose) for a file that cannot become an article.
    ``digest`` saves re-hashing when the caller already has the sha256."""
    decoded = decode(raw, name=name, max_bytes=max_bytes)
    article = parse(decoded)
    paragraphs = article.body
    spans = find_quotes(paragraphs)
    quotes, speakers = attribute(paragraphs, spans)
    country_mentions = find_countries(paragraphs)
    treaty_mentions, treaties = find_treaties(paragraphs)
    mentions = _mark_in_quote([*country_mentions, *treaty_mentions], quotes)
    mentions_at = _by_paragraph(mentions)
    return Extraction(
        article_id=digest or article_id(raw),
        format=decoded.format,
        article=article,
        quotes=tuple(_with_entities(q, mentions_at.get(q.paragraph, [])) for q in quotes),
        speakers=tuple(speakers),
        mentions=tuple(sorted(mentions, key=lambda m: (m.paragraph, m.start, m.kind))),
        treaties=tuple(treaties),
    )


_Located = TypeVar("_Located", Mention, Quote)


def _by_paragraph(items: list[_Located]) -> dict[int, list[_Located]]:
    """Items per paragraph, in their order: a mention can only sit inside a
    quote of its own paragraph, so each is compared with those alone."""
    out: dict[int, list[_Located]] = {}
    for item in items:
        out.setdefault(item.paragraph, []).append(item)
    return out


def _inside(m: Mention, q: Quote) -> bool:
    return m.paragraph == q.paragraph and q.start <= m.start and m.end <= q.end


def _mark_in_quote(mentions: list[Mention], quotes: list[Quote]) -> list[Mention]:
    """Each mention with ``in_quote`` set; one already right is kept as it is
    (``replace`` re-runs the dataclass initialiser, and most mentions sit
    outside every quote, as the passes make them)."""
    quotes_at = _by_paragraph(quotes)
    out: list[Mention] = []
    for m in mentions:
        inside = any(_inside(m, q) for q in quotes_at.get(m.paragraph, ()))
        out.append(m if m.in_quote == inside else replace(m, in_quote=inside))
    return out


def _with_entities(q: Quote, mentions: list[Mention]) -> Quote:
    """``q`` with the treaties and countries mentioned inside it; ``mentions``
    are its paragraph's (or more), in extraction order. A quote that holds none
    is kept as it is (attribution leaves both empty, and ``replace`` re-runs the
    dataclass initialiser)."""
    inside = [m for m in mentions if _inside(m, q)]
    if not inside and not q.treaties and not q.countries:
        return q
    treaties = tuple(dict.fromkeys(m.entity_id for m in inside if m.kind == "treaty"))
    countries = tuple(dict.fromkeys(m.entity_id for m in inside if m.kind == "country"))
    return replace(q, treaties=treaties, countries=countries)

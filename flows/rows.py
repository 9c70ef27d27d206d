"""Flatten an :class:`~transforms.model.Extraction` into rows of the warehouse tables."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from transforms.model import Extraction

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Lineage:
    """Columns every data row carries, so a newer parser can re-derive the warehouse."""

    parser_version: str
    run_id: str
    ingested_at: dt.datetime

    def columns(self) -> Row:
        return {
            "parser_version": self.parser_version,
            "run_id": self.run_id,
            "ingest_date": self.ingested_at.date(),
        }


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def extraction_rows(x: Extraction, *, path: str, lineage: Lineage) -> dict[str, list[Row]]:
    """Rows per data table (keys of :data:`flows.schemas.DATA_TABLES`) for one article."""
    a, lin, aid = x.article, lineage.columns(), x.article_id
    article = {
        "article_id": aid,
        "path": path,
        "format": x.format,
        "headline": a.headline,
        "publisher": a.publisher,
        "dateline_place": a.dateline.place if a.dateline else None,
        "dateline_country": a.dateline.country if a.dateline else None,
        "dateline_agency": a.dateline.agency if a.dateline else None,
        "published_on": _date(a.published),
        "url": a.url,
        "body": list(a.body),
        "captions": list(a.captions),
        "count_paragraphs": len(a.body),
        "count_words": sum(_words(p) for p in a.body),
        "ingested_at": lineage.ingested_at,
        **lin,
    }
    quotes = [
        {
            "article_id": aid,
            "quote_index": i,
            "paragraph": q.paragraph,
            "start_char": q.start,
            "end_char": q.end,
            "text": q.text,
            "speaker_id": q.speaker_id,
            "speaker_name": q.speaker,
            "cue": q.cue,
            "is_partial": q.partial,
            "method": q.method,
            "treaty_ids": list(q.treaties),
            "country_codes": list(q.countries),
            "count_words": _words(q.text),
            **lin,
        }
        for i, q in enumerate(x.quotes)
    ]
    mentions = [
        {
            "article_id": aid,
            "mention_index": i,
            "kind": m.kind,
            "entity_id": m.entity_id,
            "surface": m.surface,
            "paragraph": m.paragraph,
            "start_char": m.start,
            "end_char": m.end,
            "is_in_quote": m.in_quote,
            **lin,
        }
        for i, m in enumerate(x.mentions)
    ]
    speakers = [
        {
            "article_id": aid,
            "speaker_id": s.speaker_id,
            "name": s.name,
            "kind": s.kind,
            "role": s.role,
            "country_code": s.country,
            **lin,
        }
        for s in {s.speaker_id: s for s in x.speakers}.values()
    ]
    treaty_counts = Counter(m.entity_id for m in x.mentions if m.kind == "treaty")
    treaties = [
        {
            "article_id": aid,
            "treaty_id": t.treaty_id,
            "name": t.name,
            "short_name": t.short_name,
            "category": t.category,
            "year": t.year,
            "is_catalogued": t.catalogued,
            "count_mentions": treaty_counts.get(t.treaty_id, 0),
            **lin,
        }
        for t in {t.treaty_id: t for t in x.treaties}.values()
    ]
    return {
        "articles": [article],
        "quotes": quotes,
        "mentions": mentions,
        "speakers": speakers,
        "article_treaties": treaties,
    }

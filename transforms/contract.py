"""The ``wirehouse extract --json`` contract (shared/DESIGN.md): one JSON object per
file. Evaluation scripts read exactly this; add fields, never rename."""

from __future__ import annotations

from collections import Counter
from typing import Any

from transforms import PARSER_VERSION
from transforms.countries import country_name
from transforms.model import Extraction


def to_contract(x: Extraction, *, path: str) -> dict[str, Any]:
    """The contract object of one extracted file."""
    a = x.article
    counts = Counter(m.entity_id for m in x.mentions if m.kind == "country")
    treaty_counts = Counter(m.entity_id for m in x.mentions if m.kind == "treaty")
    return {
        "path": path,
        "article_id": x.article_id,
        "format": x.format,
        "parser_version": PARSER_VERSION,
        "headline": a.headline,
        "publisher": a.publisher,
        "dateline": (
            {"place": a.dateline.place, "country": a.dateline.country, "agency": a.dateline.agency}
            if a.dateline
            else None
        ),
        "published": a.published,
        "url": a.url,
        "body": list(a.body),
        "captions": list(a.captions),
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "speaker_id": q.speaker_id,
                "cue": q.cue,
                "paragraph": q.paragraph,
                "start": q.start,
                "end": q.end,
                "partial": q.partial,
                "method": q.method,
                "treaties": list(q.treaties),
                "countries": list(q.countries),
            }
            for q in x.quotes
        ],
        "speakers": [
            {"speaker_id": s.speaker_id, "name": s.name, "role": s.role, "country": s.country, "kind": s.kind}
            for s in x.speakers
        ],
        "countries": [
            {"code": code, "name": country_name(code), "mentions": n} for code, n in counts.most_common()
        ],
        "treaties": [
            {
                "treaty_id": t.treaty_id,
                "name": t.name,
                "short_name": t.short_name,
                "year": t.year,
                "category": t.category,
                "mentions": treaty_counts.get(t.treaty_id, 0),
                "catalogued": t.catalogued,
            }
            for t in sorted(x.treaties, key=lambda t: -treaty_counts.get(t.treaty_id, 0))
        ],
        "error": None,
    }


def rejected_contract(*, path: str, reason: str, article_id: str | None = None) -> dict[str, Any]:
    """The contract object of a rejected file."""
    return {"path": path, "article_id": article_id, "error": reason}

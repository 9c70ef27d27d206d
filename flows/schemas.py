"""Arrow schemas of every table a batch produces, defined once.

The Parquet files use them, the DuckDB load inserts by name from them, and
``tests/flows/test_schemas.py`` checks they agree with ``sql/10_raw``.
"""

from __future__ import annotations

import pyarrow as pa

_STR = pa.string()
_INT = pa.int32()
_STRS = pa.list_(pa.string())
_TS = pa.timestamp("us", tz="UTC")

_LINEAGE = [
    pa.field("parser_version", _STR, nullable=False),
    pa.field("run_id", _STR, nullable=False),
    pa.field("ingest_date", pa.date32(), nullable=False),
]

ARTICLES = pa.schema(
    [
        pa.field("article_id", _STR, nullable=False),
        pa.field("path", _STR, nullable=False),
        pa.field("format", _STR, nullable=False),
        pa.field("headline", _STR),
        pa.field("publisher", _STR),
        pa.field("dateline_place", _STR),
        pa.field("dateline_country", _STR),
        pa.field("dateline_agency", _STR),
        pa.field("published_on", pa.date32()),
        pa.field("url", _STR),
        pa.field("body", _STRS),
        pa.field("captions", _STRS),
        pa.field("count_paragraphs", _INT),
        pa.field("count_words", _INT),
        pa.field("ingested_at", _TS),
        *_LINEAGE,
    ]
)

QUOTES = pa.schema(
    [
        pa.field("article_id", _STR, nullable=False),
        pa.field("quote_index", _INT, nullable=False),
        pa.field("paragraph", _INT),
        pa.field("start_char", _INT),
        pa.field("end_char", _INT),
        pa.field("text", _STR),
        pa.field("speaker_id", _STR),
        pa.field("speaker_name", _STR),
        pa.field("cue", _STR),
        pa.field("is_partial", pa.bool_()),
        pa.field("method", _STR),
        pa.field("treaty_ids", _STRS),
        pa.field("country_codes", _STRS),
        pa.field("count_words", _INT),
        *_LINEAGE,
    ]
)

MENTIONS = pa.schema(
    [
        pa.field("article_id", _STR, nullable=False),
        pa.field("mention_index", _INT, nullable=False),
        pa.field("kind", _STR, nullable=False),
        pa.field("entity_id", _STR, nullable=False),
        pa.field("surface", _STR),
        pa.field("paragraph", _INT),
        pa.field("start_char", _INT),
        pa.field("end_char", _INT),
        pa.field("is_in_quote", pa.bool_()),
        *_LINEAGE,
    ]
)

SPEAKERS = pa.schema(
    [
        pa.field("article_id", _STR, nullable=False),
        pa.field("speaker_id", _STR, nullable=False),
        pa.field("name", _STR),
        pa.field("kind", _STR),
        pa.field("role", _STR),
        pa.field("country_code", _STR),
        *_LINEAGE,
    ]
)

ARTICLE_TREATIES = pa.schema(
    [
        pa.field("article_id", _STR, nullable=False),
        pa.field("treaty_id", _STR, nullable=False),
        pa.field("name", _STR),
        pa.field("short_name", _STR),
        pa.field("category", _STR),
        pa.field("year", _INT),
        pa.field("is_catalogued", pa.bool_()),
        pa.field("count_mentions", _INT),
        *_LINEAGE,
    ]
)

DATA_TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "quotes": QUOTES,
    "mentions": MENTIONS,
    "speakers": SPEAKERS,
    "article_treaties": ARTICLE_TREATIES,
}
"""Tables written to Parquet and loaded into ``raw.<name>``, in load order."""

FILES = pa.schema(
    [
        pa.field("sha256", _STR, nullable=False),
        pa.field("path", _STR, nullable=False),
        pa.field("size_bytes", pa.int64()),
        pa.field("mtime_ns", pa.int64()),
        pa.field("status", _STR, nullable=False),
        pa.field("stage", _STR),
        pa.field("reason", _STR),
    ]
)
"""One row per file the batch read: the manifest rows (``raw.files``, ``raw.file_paths``, ``raw.rejects``)."""

UNREAD = pa.schema(
    [
        pa.field("path", _STR, nullable=False),
        pa.field("stage", _STR),
        pa.field("reason", _STR),
    ]
)
"""Files rejected before their bytes were read (no content hash)."""

REFUSED = pa.schema(
    [
        pa.field("path", _STR, nullable=False),
        pa.field("stage", _STR),
        pa.field("reason", _STR),
        pa.field("size_bytes", pa.int64()),
        pa.field("mtime_ns", pa.int64()),
    ]
)
"""Paths refused at discovery, with the ``lstat`` size and mtime they had (null when
even ``lstat`` failed): a later run knows an unchanged refusal and does not count it
again."""

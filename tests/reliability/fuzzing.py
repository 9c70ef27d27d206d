"""Inputs for fuzzing the transforms, shared by the property test and the long campaign.

A mutation is a plain function of a seed page and a ``random.Random``, so the
hypothesis test (which draws the ``Random``) and the hand-run campaign (which
loops over seeds) exercise the same generators. The property that both check is
:func:`check_one`: ``extract`` returns rows that fit the warehouse schemas, or
raises the project's own :class:`InputError`; nothing else may escape.
"""

from __future__ import annotations

import datetime as dt
import gzip
import random
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from flows import schemas
from flows.rows import Lineage, extraction_rows
from transforms.errors import InputError
from transforms.extract import extract

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "l3s-dev"
NAMES = ("a.txt", "a.html", "a.htm", "a.txt.gz", "a.html.gz", "A.HTML", "b.htm.gz")
MAX_BYTES = 1 << 20

HOSTILE = (
    b"<div>" * 3000,
    b"<!--",
    b"<![CDATA[",
    b"&#0;&#x0;&#xD800;&#1114112;&#99999999999;",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"<meta charset=utf-16>",
    b'<meta http-equiv="Content-Type" content="text/html; charset=x-unknown">',
    b'<?xml version="1.0" encoding="ebcdic-cp-us"?>',
    b"<script>",
    b"</body></html>",
    b"<table><tr><td>" * 500,
    b"\xe2\x80\x9c",
    b"\xe2\x80\x9d",
    b'"',
    b"said",
    b"MOSCOW, Russia -- ",
    b"\n\n",
    b"\r",
    b"\xa0 \xa0 \xe2\x80\xa2\xa0",
    b"Treaty",
    b"\x1f\x8b",
)


def seed_pages(*, limit_corpus: int | None = None) -> list[tuple[str, bytes]]:
    """Real pages to mutate: the sample inbox, plus the l3s-dev corpus when it sits beside the repo."""
    seeds = [(p.name, p.read_bytes()) for p in sorted((ROOT / "examples" / "inbox").glob("*.txt"))]
    if CORPUS.is_dir():
        for sub in ("html", "text"):
            pages = sorted((CORPUS / sub).iterdir())[:limit_corpus]
            seeds += [(p.name, p.read_bytes()) for p in pages if p.is_file()]
    return seeds


def _flip(raw: bytes, rng: random.Random) -> bytes:
    b = bytearray(raw)
    for _ in range(rng.randint(1, 16)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def _insert(raw: bytes, rng: random.Random) -> bytes:
    at = rng.randint(0, len(raw))
    piece = rng.choice(HOSTILE) * rng.choice((1, 1, 2, 50))
    return raw[:at] + piece + raw[at:]


def _truncate(raw: bytes, rng: random.Random) -> bytes:
    return raw[: rng.randint(0, len(raw))]


def _splice(raw: bytes, rng: random.Random) -> bytes:
    if len(raw) < 2:
        return raw
    i, j = sorted(rng.randrange(len(raw)) for _ in range(2))
    if rng.random() < 0.5:
        return raw[:i] + raw[j:] + raw[i:j]
    return raw[:i] + raw[i:j] * rng.randint(2, 5) + raw[j:]


ENCODINGS = ("utf-16", "utf-16-be", "utf-32", "cp1252", "latin-1", "shift_jis", "koi8-r", "utf-8-sig")


def _recode(raw: bytes, rng: random.Random) -> bytes:
    text = raw.decode("utf-8", errors="replace")
    enc = rng.choice(ENCODINGS)
    return text.encode(enc, errors="replace")


def _gzip(raw: bytes, rng: random.Random) -> bytes:
    z = gzip.compress(raw, compresslevel=1)
    return z if rng.random() < 0.5 else _flip(z, rng) if rng.random() < 0.5 else z[: rng.randint(0, len(z))]


def _noise(raw: bytes, rng: random.Random) -> bytes:
    return rng.randbytes(rng.choice((0, 1, 7, 64, 512, 4096)))


MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    _flip,
    _insert,
    _insert,
    _truncate,
    _splice,
    _recode,
    _gzip,
    _noise,
)


def mutate(raw: bytes, rng: random.Random) -> bytes:
    """One to three random mutations of a real page."""
    for _ in range(rng.randint(1, 3)):
        raw = rng.choice(MUTATIONS)(raw, rng)
    return raw


_LINEAGE = Lineage(parser_version="fuzz", run_id="fuzz", ingested_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def check_one(raw: bytes, name: str) -> str:
    """``extract`` the input; its rows must fit the warehouse schemas. Returns
    ``"loaded"`` or ``"rejected"``; any other exception propagates: that is a finding."""
    try:
        x = extract(raw, name=name, max_bytes=MAX_BYTES)
    except InputError as exc:
        assert exc.reason and isinstance(exc.reason, str), "an InputError must say why"
        return "rejected"
    for table, rows in extraction_rows(x, path=name, lineage=_LINEAGE).items():
        pa.Table.from_pylist(rows, schema=schemas.DATA_TABLES[table])
        for m in rows if table == "mentions" else ():
            assert 0 <= m["start_char"] < m["end_char"], f"mention offsets out of order: {m}"
    return "loaded"

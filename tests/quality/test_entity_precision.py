"""Entity precision on world-press articles: a hand-checked sample of country and
treaty mentions from ``../shared/corpus/mpqa-2001``.

Each sample line holds a mention the extractor produced (file, paragraph,
surface, entity id, a context snippet of at most 200 characters to judge it by)
and the verdict of a person who read the context. The test re-runs the extractor
so the sample cannot rot: every sampled mention must still come out with the same
entity, and the sample precision per kind must stay at or above the floor.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from transforms.errors import InputError
from transforms.extract import extract
from transforms.model import Extraction

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "mpqa-2001"
SAMPLE = Path(__file__).with_name("samples") / "entity_precision_sample.jsonl"
FLOOR = 0.97

pytestmark = pytest.mark.gate


def load_sample() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def extracted(name: str) -> Extraction | None:
    try:
        return extract((CORPUS / name).read_bytes(), name=name)
    except InputError:
        return None


@pytest.fixture(scope="module")
def sample() -> list[dict[str, Any]]:
    if not CORPUS.is_dir():
        pytest.skip(f"entity precision skipped: {CORPUS} (the shared MPQA corpus) is absent")
    return load_sample()


def test_sample_is_large_enough_and_well_formed() -> None:
    """At least 100 hand-checked mentions, 50 of each kind, each with a short context and a verdict."""
    rows = load_sample()
    kinds = Counter(r["kind"] for r in rows)
    assert len(rows) >= 100
    assert kinds["country"] >= 50 and kinds["treaty"] >= 50
    for r in rows:
        assert isinstance(r["correct"], bool)
        assert r["surface"] in r["context"] and len(r["context"]) <= 200


def test_every_sampled_mention_is_still_produced(sample: list[dict[str, Any]]) -> None:
    """The extractor still yields each sampled mention with the same entity id."""
    missing = []
    for r in sample:
        x = extracted(r["file"])
        body = x.article.body if x else ()
        found = any(
            m.kind == r["kind"]
            and m.surface == r["surface"]
            and m.entity_id == r["entity_id"]
            and r["context"] in body[m.paragraph]
            and body[m.paragraph].find(r["context"]) <= m.start < body[m.paragraph].find(r["context"]) + 200
            for m in (x.mentions if x else ())
        )
        if not found:
            missing.append(f"{r['file']}: {r['surface']!r} → {r['entity_id']} ({r['context'][:60]!r}...)")
    assert not missing, "sampled mentions no longer produced:\n" + "\n".join(missing)


def test_precision_per_kind(sample: list[dict[str, Any]]) -> None:
    """Hand-checked precision is at least 0.97 for countries and for treaties."""
    for kind in ("country", "treaty"):
        rows = [r for r in sample if r["kind"] == kind]
        precision = sum(r["correct"] for r in rows) / len(rows)
        assert precision >= FLOOR, f"{kind}: precision {precision:.3f} < {FLOOR}"

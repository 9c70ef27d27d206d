"""Quality gate: the seed articles through ``wirehouse extract --json``, scored by
``../shared/eval/score.py seeds`` (headline, furniture, quotes and speakers,
treaties, countries). Floors in ``floors/seeds.json``; they only move up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.quality.scoring import assert_floors, extract_jsonl, require_shared, score


@pytest.mark.gate
def test_seeds_gate(tmp_path: Path) -> None:
    """Every seed quote is found and attributed, and the whole seeds score holds its floor.

    score.py prints the quote figures as ``passed/total``; the scoring helper reads the
    last number, so those floors are counts (23 of 23 seed quotes)."""
    shared = require_shared()
    pred = extract_jsonl(sorted((shared / "corpus" / "seeds").glob("*.txt")), tmp_path / "seeds.jsonl")
    figures = score("seeds", "--gold", str(shared / "gold" / "seeds.json"), "--pred", str(pred), "-v")
    assert_floors("seeds", figures)

"""Quality gate: main text and headline on L3S dev (315 news pages from ~200
sites), as crawl text renderings and as raw HTML, through ``wirehouse extract
--json`` and ``../shared/eval/score.py body``. Floors only move up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.quality.scoring import assert_floors, extract_jsonl, require_shared, score


def _gate(fmt: str, suffix: str, tmp_path: Path) -> None:
    shared = require_shared()
    pages = sorted((shared / "corpus" / "l3s-dev" / fmt).glob(f"*.{suffix}"))
    pred = extract_jsonl(pages, tmp_path / f"l3s_{fmt}.jsonl")
    gold = shared / "gold" / "l3s-dev.jsonl"
    assert_floors(f"body_{fmt}", score("body", "--gold", str(gold), "--pred", str(pred)))


@pytest.mark.gate
def test_l3s_text_body_gate(tmp_path: Path) -> None:
    """Body F1 and headline exact-match on the text renderings hold their floors."""
    _gate("text", "txt", tmp_path)


@pytest.mark.gate
def test_l3s_html_body_gate(tmp_path: Path) -> None:
    """Body F1 and headline exact-match on the raw HTML pages hold their floors."""
    _gate("html", "html", tmp_path)

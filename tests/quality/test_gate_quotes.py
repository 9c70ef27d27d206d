"""Quality gate: direct quotes and their speakers on PolNeAR dev (84 political news
articles), through ``wirehouse extract --json`` and ``../shared/eval/score.py quotes``.

score.py ignores quotes flagged ``partial``, while PolNeAR's gold counts every
attributed span with quote marks, fragments embedded in reported speech
included (``said she was "a little surprised"``). So the gate scores twice:
the output as it is (``floors/quotes_polnear.json``), and the same output with
the partial flags cleared (``floors/quotes_polnear_all.json``), which measures
detection and attribution on every quote, fragments included.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.quality.scoring import assert_floors, extract_jsonl, require_shared, score


def _without_partial_flags(pred: Path, out: Path) -> Path:
    """A copy of the prediction with every quote counted as a full quote."""
    with pred.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            obj = json.loads(line)
            for q in obj.get("quotes") or []:
                q["partial"] = False
            dst.write(json.dumps(obj) + "\n")
    return out


@pytest.mark.gate
def test_polnear_quotes_gate(tmp_path: Path) -> None:
    """Quote F1 and speaker accuracy on named sources hold their floors, scored as
    the output stands and with fragments counted."""
    shared = require_shared()
    dev = shared / "corpus" / "polnear" / "dev"
    pred = extract_jsonl(sorted((dev / "text").glob("*.txt")), tmp_path / "polnear.jsonl")
    assert_floors("quotes_polnear", score("quotes", "--polnear", str(dev), "--pred", str(pred)))
    every = _without_partial_flags(pred, tmp_path / "polnear-all.jsonl")
    assert_floors("quotes_polnear_all", score("quotes", "--polnear", str(dev), "--pred", str(every)))

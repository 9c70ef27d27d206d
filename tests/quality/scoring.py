"""Run ``wirehouse extract --json`` and ``../shared/eval/score.py`` as a user would,
and read the figures back. Gates compare them with committed floors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FLOORS = Path(__file__).with_name("floors")
WIREHOUSE = Path(sys.executable).with_name("wirehouse")


def require_shared() -> Path:
    """The shared corpora, or a skip that says why."""
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip(f"quality gate skipped: {SHARED} (shared corpora and eval/score.py) is absent")
    return SHARED


def extract_jsonl(paths: list[Path], out: Path) -> Path:
    """Write ``wirehouse extract --json`` output for ``paths`` to ``out``."""
    with out.open("w", encoding="utf-8") as fh:
        proc = subprocess.run(
            [str(WIREHOUSE), "extract", "--json", *map(str, paths)],
            stdout=fh,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out


def score(command: str, *args: str) -> dict[str, float]:
    """Run score.py and parse every ``name: value`` figure it prints (``a/b = x`` → x)."""
    proc = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), command, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"^([\w .-]+?): .*?([0-9.]+)$", line)
        if m:
            figures[m.group(1).strip()] = float(m.group(2))
    figures["_stdout"] = proc.stdout  # type: ignore[assignment]
    return figures


def floors(name: str) -> dict[str, float]:
    """The committed floors of one gate (``floors/<name>.json``); they only move up."""
    return json.loads((FLOORS / f"{name}.json").read_text())


def assert_floors(name: str, figures: dict[str, float]) -> None:
    """Every floored figure must reach its floor; the message shows all of them."""
    want = floors(name)
    low = {k: (figures.get(k), v) for k, v in want.items() if figures.get(k, -1.0) + 1e-9 < v}
    assert not low, f"{name} gate below floor (got, floor): {low}\n{figures.get('_stdout')}"

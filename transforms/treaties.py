"""Treaty mentions: a catalogue shipped as package data, matched in one pass, plus
discovery of uncatalogued "Treaty of X" / "X Accord" names. Owner: entities (issue 5)."""

from __future__ import annotations

from collections.abc import Sequence

from transforms.model import Mention, Treaty


def catalogue() -> tuple[Treaty, ...]:
    """Every catalogued treaty."""
    return ()


def find_treaties(paragraphs: Sequence[str]) -> tuple[list[Mention], list[Treaty]]:
    """Treaty mentions, and the treaties they name (catalogued or discovered)."""
    return [], []

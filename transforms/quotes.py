"""Direct quotes in body paragraphs, before attribution. Owner: quotes (issue 4)."""

from __future__ import annotations

from collections.abc import Sequence

from transforms.model import QuoteSpan


def find_quotes(paragraphs: Sequence[str]) -> list[QuoteSpan]:
    """Every quoted span, with partial and continuation flags; scare quotes left out."""
    return []

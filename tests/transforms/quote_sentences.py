"""Test helpers shared by the attribution tests: a sentence with its quote masked,
written as ``Q`` in plain text, and a source phrase as a comparable tuple."""

from __future__ import annotations

from transforms.source_phrases import Source
from transforms.tokens import QUOTE, Token, sentences, tokens


def sentence_with_quote(text: str) -> tuple[list[Token], int]:
    """Tokens of the sentence holding the quote, written as Q in ``text``."""
    masked = text.replace("Q", QUOTE)
    for sent in sentences(tokens(masked)):
        for i, t in enumerate(sent):
            if t.word == QUOTE:
                return sent, i
    raise AssertionError("no quote")


def phrase(src: Source | None) -> tuple[str, str] | None:
    return (src.kind, src.text) if src else None

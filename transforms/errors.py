"""The project's exception tree. Callers catch :class:`WirehouseError`; the flow
turns an :class:`InputError` into a ``raw.rejects`` row and goes on.

    WirehouseError
    └── InputError(reason, stage)          a file that cannot become an article
        ├── UnreadableFile                 empty, binary, undecodable, too large, bad gzip
        └── NotAnArticle                   decodes, but holds no article text
"""

from __future__ import annotations


class WirehouseError(Exception):
    """Base of every error wirehouse raises on purpose."""


class InputError(WirehouseError):
    """A file that cannot become an article; ``reason`` is written for a person."""

    stage = "parse"

    def __init__(self, reason: str, *, stage: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        if stage is not None:
            self.stage = stage


class UnreadableFile(InputError):
    """The bytes cannot be turned into text: empty, binary, undecodable, oversized, broken gzip."""

    stage = "decode"


class NotAnArticle(InputError):
    """The text decodes but carries no article (no body paragraphs survive parsing)."""

    stage = "parse"

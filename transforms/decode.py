"""bytes → text: gzip, BOM, declared charset, detection; NFC; no-break spaces folded.

Owner: parsing (issue 3). Contract: :func:`decode` raises :class:`UnreadableFile`
for anything that is not article text, never another exception.
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.model import Format

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    format: Format


def decode(raw: bytes, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode one file's bytes; ``name`` (the file name) tells text from HTML."""
    raise NotImplementedError

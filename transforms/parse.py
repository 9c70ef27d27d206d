"""Text or HTML → :class:`Article`. Dispatches on the decoded format."""

from __future__ import annotations

from transforms.decode import Decoded
from transforms.model import Article


def parse(decoded: Decoded) -> Article:
    """Parse decoded text; raises :class:`NotAnArticle` when no body survives."""
    raise NotImplementedError

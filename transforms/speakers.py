"""Attribution sieves: who said each quote. Owner: quotes (issue 4)."""

from __future__ import annotations

from collections.abc import Sequence

from transforms.model import Quote, QuoteSpan, Speaker


def attribute(paragraphs: Sequence[str], spans: Sequence[QuoteSpan]) -> tuple[list[Quote], list[Speaker]]:
    """Attribute each span to a speaker; returns the quotes (in span order) and the
    article's canonical speakers. ``Quote.treaties``/``countries`` stay empty: the
    caller fills them from entity mentions."""
    return [Quote(s.text, s.paragraph, s.start, s.end, None, None, partial=s.partial) for s in spans], []

"""Frozen records that the transforms return. Defined once; the Arrow schemas in
``flows/schemas.py`` and the JSON contract in :mod:`transforms.contract` follow them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal["text", "html"]
MentionKind = Literal["country", "treaty"]
SpeakerKind = Literal["person", "anonymous", "organization"]
AttributionMethod = Literal["explicit", "pronoun", "continuation", "title", "according", "nominal", "none"]


@dataclass(frozen=True, slots=True)
class Dateline:
    """``MOSCOW, Russia --`` → place "Moscow", country "RU"; agency from ``(Reuters)``."""

    place: str
    country: str | None = None
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """What parsing a page yields: the article a person sees, without site furniture.

    ``body`` holds the paragraphs in reading order (the dateline paragraph first,
    dateline kept in its text); every paragraph index in quotes and mentions
    points into it.
    """

    headline: str | None
    body: tuple[str, ...]
    captions: tuple[str, ...] = ()
    publisher: str | None = None
    dateline: Dateline | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity in the body: ``start``/``end`` are character offsets
    into ``Article.body[paragraph]``."""

    kind: MentionKind
    entity_id: str  # ISO alpha-2 for countries, treaty_id for treaties
    surface: str
    paragraph: int
    start: int
    end: int
    in_quote: bool = False


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A stretch of quoted text found in the body, before attribution.

    ``start``/``end`` are offsets of the quoted text (marks excluded) in
    ``body[paragraph]``. ``partial`` marks a short quote embedded in a sentence
    ("described as a "cold war relic""); ``continues`` marks a quote left open at
    the end of its paragraph that the next paragraph carries on.
    """

    text: str
    paragraph: int
    start: int
    end: int
    partial: bool = False
    continues: bool = False


@dataclass(frozen=True, slots=True)
class Speaker:
    """A source of quotes, canonical within an article; ``speaker_id`` is a slug of
    the canonical name (persons, organisations) or of description + country
    (anonymous), so the same person links across articles."""

    speaker_id: str
    name: str
    kind: SpeakerKind = "person"
    role: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote with its attribution."""

    text: str
    paragraph: int
    start: int
    end: int
    speaker_id: str | None
    speaker: str | None
    cue: str | None = None
    partial: bool = False
    method: AttributionMethod = "none"
    treaties: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Treaty:
    """A catalogue entry (or a discovered, ``catalogued=False`` one)."""

    treaty_id: str
    name: str
    short_name: str | None = None
    aliases: tuple[str, ...] = ()
    year: int | None = None
    category: str | None = None
    catalogued: bool = True


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the transforms derive from one file's bytes."""

    article_id: str  # sha256 of the raw bytes
    format: Format
    article: Article
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    mentions: tuple[Mention, ...] = ()
    treaties: tuple[Treaty, ...] = field(default=())  # every treaty mentioned, catalogued or discovered

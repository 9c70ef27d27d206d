"""Block features: the cheap gates in front of the per-line patterns must never
change an answer, so each gate is checked against the pattern it guards, and the
lower-casing shortcuts against every Unicode code point."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms import blocks, headline
from transforms.blocks import (
    _SENTENCE_END,
    _TEASER_END,
    Block,
    _ends_sentence_tail,
    _footer_phrases,
    _is_teaser,
)

_CODE_POINTS = [chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp < 0xE000]
_ALL = "".join(_CODE_POINTS)

TAILS = [
    "",
    " ",
    "x",
    "He said so.",
    "He said so. ",
    "He said so.  \n",
    "Did he?",
    "Wow!",
    "Wait…",
    'He said "no."',
    "He said “no.”",
    "He said ‘no.’",
    "(See below.)",
    "[sic.]",
    "« Non. »",
    'Quote "',
    "Quote ”",
    "More »",
    "read more",
    "Read More...",
    "Read more…",
    "More Details",
    "more info",
    "More information >>",
    "Continue reading ›",
    "Full story »",
    "Click HERE",
    "Full ſtory",
    "Sports >",
    "Sports >>",
    "A title " + " " * 30,
    "ends in a digit 2008",
    "no more.",
    "and so on...",
    "something " + "." * 30,
]


class TestGatesMatchPatterns:
    @pytest.mark.parametrize("text", TAILS)
    def test_sentence_end(self, text: str) -> None:
        """The last-character shortcut answers as the sentence-end pattern does."""
        assert _ends_sentence_tail(text) == bool(_SENTENCE_END.search(text[-12:]))

    @pytest.mark.parametrize("text", TAILS)
    def test_teaser(self, text: str) -> None:
        """The last-character gate never hides a teaser ending."""
        assert _is_teaser(text) == bool(_TEASER_END.any_case.search(text[-24:]))

    @pytest.mark.parametrize(
        "text",
        [
            "Copyright 2008 Example Daily. All rights reserved.",
            "Reader comments (12)",
            "Sign up for our newsletter",
            "Subscribe | © 2008 Example",
            "Privacy Policy",
            "PRİVACY POLİCY",
            "Coſt of a newsletter",
            "Newsletter: ſign up",
            "The council met on Tuesday",
            "",
        ],
    )
    def test_footer_phrases(self, text: str) -> None:
        """The lower-cased search finds what the case-insensitive patterns find."""
        strong = bool(blocks._FOOTER_STRONG.search(text))
        weak = bool(blocks._FOOTER_WEAK.search(text))
        assert _footer_phrases(text) == (strong, weak)

    @pytest.mark.parametrize("phrase", blocks._STRONG_PHRASES + blocks._WEAK_PHRASES)
    def test_every_footer_phrase_holds_a_footer_word(self, phrase: str) -> None:
        """Whatever its optional parts match, a phrase holds one of the words that
        let a line through to the phrase search (a line with none is settled)."""

        @settings(max_examples=200, deadline=None)
        @given(st.from_regex(re.compile(phrase), fullmatch=True))
        def holds_a_word(match: str) -> None:
            assert any(word in match for word in blocks._FOOTER_WORDS), match

        holds_a_word()

    def test_bullet_openers(self) -> None:
        """Every character a bullet can open on passes the first-character gate."""
        first = re.compile(r"\s|[•·▪►▸»◦‣∙■□–*+>|]|-|\d")
        missed = [c for c in _CODE_POINTS if first.match(c) and not blocks._opens_like_bullet(c)]
        assert missed == []
        assert not blocks._opens_like_bullet("")

    @pytest.mark.parametrize(
        "text", ["", "a = b; f(x) { return [y] }", "x_y <z> | \\ (w)", "ünïcode (a) = {b}", "plain words"]
    )
    def test_code_chars_counted_on_bytes(self, text: str) -> None:
        """Counting on the bytes of ASCII text counts what the pattern finds."""
        assert blocks._count_code_chars(text) == len(blocks._CODE_CHARS.findall(text))
        ascii_code = [chr(b) for b in range(128) if blocks._CODE_CHARS.match(chr(b))]
        assert sorted(blocks._CODE_BYTES.decode("ascii")) == sorted(ascii_code)


class TestLowerCasingShortcuts:
    def test_folds_unlike_lower_is_complete(self) -> None:
        """Outside :data:`_FOLDS_UNLIKE_LOWER`, ``str.lower`` keeps each character
        one character long, in the same ``\\w``/``\\d``/``\\s`` class, and
        equal to an ASCII letter, a digit or another character of the caseless
        patterns exactly when ``(?i)`` matching says so."""
        literals = "abcdefghijklmnopqrstuvwxyz0123456789©&()-'»›>.…:,/"
        members = [set(re.findall(p, _ALL)) for p in (r"\w", r"\d", r"\s")]
        folds_to_literal = set(re.findall("(?i)[" + re.escape(literals) + "]", _ALL))
        found = set()
        for c in _CODE_POINTS:
            low = c.lower()
            if (
                len(low) != 1
                or any((c in m) != (low in m) for m in members)
                or (c in folds_to_literal) != (low in literals)
            ):
                found.add(c)
        assert found == set(blocks._FOLDS_UNLIKE_LOWER.findall(_ALL))

    def test_lower_by_context_is_complete(self) -> None:
        """Outside :data:`_LOWER_BY_CONTEXT`, ``str.lower`` keeps each character
        one character long and in its letter class, and needs no context."""
        letters = set(re.findall(r"[^\W\d_]", _ALL))
        changed = {c for c in _CODE_POINTS if len(c.lower()) != 1 or (c in letters) != (c.lower() in letters)}
        final_sigma = {"\u03a3"}
        assert changed | final_sigma == set(headline._LOWER_BY_CONTEXT.findall(_ALL))

    def test_content_stems_with_special_letters(self) -> None:
        """Word-by-word lower-casing where the whole text would split or re-case words."""
        assert headline.content_stems("İstanbul ΟΔΟΣ.Α protests") == {"i\u0307sta", "οδος", "prote"}


def test_block_features() -> None:
    """A block derives its features once, from its text."""
    b = Block("The council approved the budget on Tuesday after a long debate.")
    assert (b.words, b.sentence, b.prose, b.teaser, b.footer_strong, b.date) == (
        11,
        True,
        True,
        False,
        False,
        False,
    )


def test_content_stems_ascii_shortcut() -> None:
    """The ASCII word pattern finds the words the general one finds."""
    text = "Don't STOP: O'Brien's rock-n-roll_band won 2008 awards' 'quoted' x1y2 said"
    reference = {
        w[: headline._STEM]
        for w in (m.lower() for m in headline._WORD.findall(text))
        if len(w) > 2 and w not in headline._STOP
    }
    assert headline.content_stems(text) == reference

"""Tokens and sentences of a masked paragraph."""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.transforms.quote_sentences import phrase, sentence_with_quote
from transforms import tokens as tokens_module
from transforms.sieves import explicit_after
from transforms.tokens import QUOTE, Token, sentences, tokens

_LAZY_TOKEN_RE = re.compile(
    "\x00Q\x00*([^\\s\x00]*)|[\"'“‘(\\[]*([^\\s\x00]+?)((?:['’‘]s)?[\"'”’)\\],.;:!?…]*)(?=\\s|$|\x00)"
)
"""The token pattern as first written, the specification of the greedy one: the
shortest word whose rest is a possessive and trailing punctuation."""


def _split(toks: list[Token]) -> list[tuple[str, int, int, str]]:
    return [(t.word, t.start, t.end, t.after) for t in toks]


class TestTokens:
    def test_two_word_cue_is_one_token(self) -> None:
        """tokens: "shot back" is one cue, so explicit_after finds the name before it."""
        got = explicit_after(*sentence_with_quote("Q, Bennett shot back with a laugh."))
        assert phrase(got) == ("name", "Bennett")

    def test_cue_word_as_noun(self) -> None:
        """tokens: after a possessive or determiner a cue word is a noun ("Bush's post")."""
        words = [t for t in tokens("From Bush's post and the report, he said") if t.cue]
        assert [t.word for t in words] == ["said"]

    def test_abbreviation_keeps_its_period(self) -> None:
        """tokens: "Mr." and "U.S." keep their period; it ends no sentence."""
        toks = tokens("Mr. Putin met U.S. envoys.")
        assert [t.word for t in toks] == ["Mr.", "Putin", "met", "U.S.", "envoys"]

    @settings(max_examples=3000, deadline=None)
    @given(st.text(alphabet="aS s'’‘\"“”()[],.;:!?…\x00Q-", max_size=30))
    @example("Bush's Facebook post, the U.S.' view ’s ‘s x’s’ (‘s) \"'s\" said’s.")
    @example(f"{QUOTE}\x00\x00, he's {QUOTE}\x00's")
    def test_greedy_pattern_splits_words_as_the_lazy_one(self, text: str) -> None:
        """tokens: the greedy word pattern plus the possessive move splits any mix
        of words, punctuation and masked quotes as the lazy pattern alone does."""
        with (
            mock.patch.object(tokens_module, "_TOKEN_RE", _LAZY_TOKEN_RE),
            mock.patch.object(tokens_module, "POSSESSIVE", ()),  # no possessive move
        ):
            want = _split(tokens(text))
        assert _split(tokens(text)) == want


class TestSentences:
    def test_split_at_full_stop_before_capital(self) -> None:
        """sentences: a full stop before a capital ends a sentence."""
        sents = sentences(tokens("Ivanov spoke. Rumsfeld listened."))
        assert [[t.word for t in s] for s in sents] == [["Ivanov", "spoke"], ["Rumsfeld", "listened"]]

    def test_cue_before_quote_keeps_the_quote(self) -> None:
        """sentences: 'Ivanov said. "We..."': the cue leads into the quote after it."""
        sents = sentences(tokens(f"Ivanov said. {QUOTE}\x00. Then he left."))
        assert [t.word for t in sents[0]] == ["Ivanov", "said", QUOTE]

    def test_name_and_cue_after_quote_stay(self) -> None:
        """sentences: '"...missing." Trump said.' is one sentence."""
        sents = sentences(tokens(f"{QUOTE}\x00. Trump said."))
        assert len(sents) == 1

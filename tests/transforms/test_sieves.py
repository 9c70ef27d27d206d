"""Attribution sieves: the source phrase each one finds next to a quote."""

from __future__ import annotations

from transforms.sieves import (
    QUOTE,
    Source,
    Token,
    according,
    explicit_after,
    explicit_before,
    in_sentence,
    sentence_subject,
    sentences,
    subject,
    tokens,
)


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


class TestExplicitAfter:
    def test_name_then_cue(self) -> None:
        """`"...," Lavrov told reporters` names the speaker before the cue."""
        assert phrase(explicit_after(*sentence_with_quote("Q, Lavrov told reporters."))) == ("name", "Lavrov")

    def test_inverted_cue(self) -> None:
        """`"...," said Rumsfeld` names the speaker after the cue."""
        assert phrase(explicit_after(*sentence_with_quote("Q, said Rumsfeld."))) == ("name", "Rumsfeld")

    def test_pronoun(self) -> None:
        """`"...," he said` gives a pronoun to resolve."""
        assert phrase(explicit_after(*sentence_with_quote("Q, he said."))) == ("pronoun", "he")

    def test_nominal_inverted(self) -> None:
        """`said another Foreign Ministry official` is a nominal source."""
        got = explicit_after(*sentence_with_quote("Q, said another Foreign Ministry official."))
        assert phrase(got) == ("nominal", "another Foreign Ministry official")

    def test_quoted_as_saying(self) -> None:
        """`X was quoted by an agency as saying` names X, not the agency."""
        got = explicit_after(*sentence_with_quote("Q, Sergeyev was quoted by Tass as saying."))
        assert phrase(got) == ("name", "Sergeyev")

    def test_title_and_name(self) -> None:
        """A title stays with the name run: the speaker layer splits it."""
        got = explicit_after(*sentence_with_quote("Q, Defence Minister Sergei Ivanov said."))
        assert phrase(got) == ("name", "Defence Minister Sergei Ivanov")


class TestExplicitBefore:
    def test_cue_with_colon(self) -> None:
        """`Bush added: "..."`."""
        assert phrase(explicit_before(*sentence_with_quote("Bush added: Q"))) == ("name", "Bush")

    def test_cue_then_full_stop(self) -> None:
        """`Ivanov said. "..."` (a typo for a colon) still attributes."""
        assert phrase(explicit_before(*sentence_with_quote("Ivanov said. Q"))) == ("name", "Ivanov")

    def test_apposition_skipped(self) -> None:
        """`Igor Petrov, an aide to the president, said: "..."` names Igor Petrov."""
        got = explicit_before(*sentence_with_quote("Igor Petrov, an aide to the president, said: Q"))
        assert phrase(got) == ("name", "Igor Petrov")

    def test_elided_subject(self) -> None:
        """`Ivanov met Rumsfeld and afterwards said: "..."` falls back to the sentence subject."""
        got = explicit_before(
            *sentence_with_quote("Ivanov met Rumsfeld for two hours, and afterwards said: Q")
        )
        assert phrase(got) == ("name", "Ivanov")


class TestOtherSieves:
    def test_according_to(self) -> None:
        """`according to X` anywhere in the sentence."""
        got = according(sentence_with_quote("The plan is Q, according to Senator Jane Miller.")[0])
        assert phrase(got) == ("name", "Senator Jane Miller")

    def test_cue_away_from_partial_quote(self) -> None:
        """`which Bush described on Tuesday as a "..."`: the nearest cue before the quote."""
        sent, q = sentence_with_quote(
            "Sergeyev said Moscow keeps the treaty, which Bush described on Tuesday as a Q."
        )
        assert phrase(in_sentence(sent, q)) == ("name", "Bush")

    def test_subject_of_sentence(self) -> None:
        """The first phrase before a verb is the sentence subject."""
        sent, _ = sentence_with_quote("Ivanov met Rumsfeld and said: Q")
        assert phrase(subject(sent, 4)) == ("name", "Ivanov")


class TestSentenceSubject:
    def test_subject_without_cue(self) -> None:
        """sentence_subject: no cue in the sentence, so its subject speaks."""
        sent, q = sentence_with_quote("Trump identified the judge as Q, and left.")
        assert phrase(sentence_subject(sent, q)) == ("name", "Trump")

    def test_quote_opening_the_sentence(self) -> None:
        """sentence_subject: a quote that opens its sentence has no subject before it."""
        assert sentence_subject(*sentence_with_quote("Q Then it ended.")) is None


class TestTokens:
    def test_two_word_cue_is_one_token(self) -> None:
        """tokens: "shot back" is one cue, so explicit_after finds the name before it."""
        got = explicit_after(*sentence_with_quote("Q, Bennett shot back with a laugh."))
        assert phrase(got) == ("name", "Bennett")

    def test_cue_word_as_noun(self) -> None:
        """tokens: after a possessive or determiner a cue word is a noun ("Bush's post")."""
        words = [t for t in tokens("From Bush's post and the report, he said") if t.cue]
        assert [t.word for t in words] == ["said"]

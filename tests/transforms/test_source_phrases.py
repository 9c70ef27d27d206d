"""Source phrases: the subject a cue or a sentence gives a quote."""

from __future__ import annotations

from tests.transforms.quote_sentences import phrase, sentence_with_quote
from transforms.source_phrases import noun_phrase_after, subject, subject_before
from transforms.tokens import Token


def cue_at(sent: list[Token], word: str) -> int:
    return next(i for i, t in enumerate(sent) if t.word == word)


class TestSubjectBefore:
    def test_name_right_before_cue(self) -> None:
        """subject_before: the name run that ends at the cue, title included."""
        sent, _ = sentence_with_quote("Defence Minister Sergei Ivanov said Q.")
        assert phrase(subject_before(sent, cue_at(sent, "said"))) == (
            "name",
            "Defence Minister Sergei Ivanov",
        )

    def test_apposition_between_commas(self) -> None:
        """subject_before: "Igor Sergeyev, an adviser to the president, said"."""
        sent, _ = sentence_with_quote("Igor Sergeyev, an adviser to the president, said Q.")
        assert phrase(subject_before(sent, cue_at(sent, "said"))) == ("name", "Igor Sergeyev")

    def test_owner_of_a_medium(self) -> None:
        """subject_before: "Clinton's statement said" quotes Clinton."""
        sent, _ = sentence_with_quote("Clinton's statement said Q.")
        assert phrase(subject_before(sent, cue_at(sent, "said"))) == ("name", "Clinton")


class TestSentenceSubject:
    def test_subject_of_sentence(self) -> None:
        """subject: the first phrase before a verb is the sentence subject."""
        sent, _ = sentence_with_quote("Ivanov met Rumsfeld and said: Q")
        assert phrase(subject(sent, 4)) == ("name", "Ivanov")

    def test_possessor_is_not_the_subject(self) -> None:
        """subject: "Germany's Chancellor Angela Merkel hailed" is Merkel's sentence."""
        sent, q = sentence_with_quote("Germany's Chancellor Angela Merkel hailed the deal as a Q.")
        assert phrase(subject(sent, q)) == ("name", "Chancellor Angela Merkel")

    def test_state_after_town_is_no_subject(self) -> None:
        """subject: in "in Salem, New Hampshire, Trump went", the state completes a place."""
        sent, q = sentence_with_quote(
            "Speaking in Salem, New Hampshire, Trump went after Bush, calling him Q."
        )
        assert phrase(subject(sent, q)) == ("name", "Trump")

    def test_opening_place_is_no_subject(self) -> None:
        """subject: "In Washington, President Obama condemned" is Obama's sentence."""
        sent, q = sentence_with_quote("In Washington, President Obama condemned what appears to be a Q.")
        assert phrase(subject(sent, q)) == ("name", "President Obama")


class TestNounPhraseAfter:
    def test_inverted_name(self) -> None:
        """noun_phrase_after: "said Sen. Jeff Merkley" names the speaker after the cue."""
        sent, _ = sentence_with_quote("Q, said Sen. Jeff Merkley.")
        assert phrase(noun_phrase_after(sent, cue_at(sent, "said"))) == ("name", "Sen. Jeff Merkley")

    def test_possessor_before_the_name(self) -> None:
        """noun_phrase_after: in "said Florida's Rick Wilson" the state is no speaker."""
        sent, _ = sentence_with_quote("Q, said Florida's Rick Wilson, a strategist.")
        assert phrase(noun_phrase_after(sent, cue_at(sent, "said"))) == ("name", "Rick Wilson")

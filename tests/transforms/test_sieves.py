"""Attribution sieves: the source phrase each one finds next to a quote."""

from __future__ import annotations

from tests.transforms.quote_sentences import phrase, sentence_with_quote
from transforms.sieves import (
    according,
    explicit_after,
    explicit_before,
    in_sentence,
    sentence_subject,
)
from transforms.tokens import QUOTE, sentences, tokens


class TestExplicitAfter:
    def test_name_then_cue(self) -> None:
        """`"...," Lavrov told reporters` names the speaker before the cue."""
        assert phrase(explicit_after(*sentence_with_quote("Q, Lavrov told reporters."))) == ("name", "Lavrov")

    def test_dash_signature(self) -> None:
        """`"..." ― Sonya Herridge "..."`: a dash and a name closing the clause sign the quote."""
        sent, q = sentence_with_quote("Q. ― Sonya Herridge Q")
        assert phrase(explicit_after(sent, q)) == ("name", "Sonya Herridge")

    def test_dash_then_clause_is_no_signature(self) -> None:
        """`"..." — Trump won the state`: a name that goes on into a clause is no signature."""
        sent, q = sentence_with_quote("Q — Trump won the state.")
        assert explicit_after(sent, q) is None

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


class TestColonLeadIn:
    def test_language_before_colon_is_no_speaker(self) -> None:
        """explicit_before: "quoting da Vinci in Italian: Q": a language after "in"
        is no speaker; the quoting clause's subject is."""
        sent, q = sentence_with_quote("She ended her speech by quoting Leonardo da Vinci in Italian: Q")
        got = explicit_before(sent, q)
        assert got is None or got.text != "Italian"


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


class TestSentenceSubject:
    def test_subject_without_cue(self) -> None:
        """sentence_subject: no cue in the sentence, so its subject speaks."""
        sent, q = sentence_with_quote("Trump identified the judge as Q, and left.")
        assert phrase(sentence_subject(sent, q)) == ("name", "Trump")

    def test_quote_opening_the_sentence(self) -> None:
        """sentence_subject: a quote that opens its sentence has no subject before it."""
        assert sentence_subject(*sentence_with_quote("Q Then it ended.")) is None


class TestRound3Sieves:
    """Rules from the third round of issue 4, each on a sentence written for it."""

    def test_participle_opener_is_not_subject(self) -> None:
        """subject: "Early in ..." and "Acknowledging that ..." open a clause; the
        subject is the name after the comma."""
        sent, q = sentence_with_quote("Early in the race, Lopez attacked Grant, calling him Q.")
        assert phrase(explicit_before(sent, q)) == ("name", "Lopez")

    def test_clause_after_cue_is_not_inverted(self) -> None:
        """explicit_before: in "saying Democrats will vote" the phrase after the cue
        is a clause subject, so the sentence subject speaks."""
        sent, q = sentence_with_quote("Moreno said the post saying Democrats will vote meant that Q.")
        assert phrase(explicit_before(sent, q)) == ("name", "Moreno")

    def test_object_of_cue_is_not_speaker(self) -> None:
        """explicit_before: "called voters from Ohio Q": the object of "called" and a
        place after a preposition never speak."""
        sent, q = sentence_with_quote("Lopez in his speech called voters from Ohio Q and left.")
        got = explicit_before(sent, q)
        assert got is None or got.text != "Ohio"

    def test_inverted_name_with_lowercase_title_word(self) -> None:
        """explicit_after: "said ACLU executive Director Ann Fox" keeps the name."""
        got = explicit_after(*sentence_with_quote("Q, said ACLU executive Director Ann Fox in a statement."))
        assert got is not None and got.text.endswith("Ann Fox")

    def test_title_linked_by_and(self) -> None:
        """explicit_after: "former Ohio Gov. and party Chairman Ed Ruiz" is Ed Ruiz."""
        got = explicit_after(*sentence_with_quote("Q, said former Ohio Gov. and Party Chairman Ed Ruiz."))
        assert got is not None and got.text.endswith("Ed Ruiz")

    def test_description_then_named_apposition(self) -> None:
        """explicit_after: "Q, Lopez's campaign manager, Jeff Dunn, said" names Jeff Dunn."""
        got = explicit_after(*sentence_with_quote("Q, Lopez's campaign manager, Jeff Dunn, said."))
        assert phrase(got) == ("name", "Jeff Dunn")

    def test_home_town_in_apposition(self) -> None:
        """explicit_before: "Cory Dunn, 22, of Flint, Mich., said" names Cory Dunn, not Flint."""
        sent, q = sentence_with_quote("Cory Dunn, 22, of Flint, Mich., said Q.")
        assert phrase(explicit_before(sent, q)) == ("name", "Cory Dunn")

    def test_subject_phrase_before_name(self) -> None:
        """explicit_after: "Q, Lopez press secretary Ann Fox said" (the name is not the
        first word after the quote)."""
        got = explicit_after(*sentence_with_quote("Q, Lopez press secretary Ann Fox said."))
        assert phrase(got) == ("name", "Ann Fox")

    def test_medium_of_possessive_name(self) -> None:
        """explicit_before: "From Bush's Facebook post: Q" quotes Bush."""
        sent, q = sentence_with_quote("From Bush's Facebook post: Q")
        got = explicit_before(sent, q)  # "From" goes when the name is parsed
        assert got is not None and got.kind == "name" and got.text.endswith("Bush")

    def test_according_to_document_filed_by(self) -> None:
        """according: "according to a court document filed by Ann Fox" gives Ann Fox."""
        got = according(sentence_with_quote("It was Q, according to a court document filed by Ann Fox.")[0])
        assert phrase(got) == ("name", "Ann Fox")

    def test_passive_agent_of_cue(self) -> None:
        """in_sentence: "as described by Director Ann Fox" gives the agent."""
        sent, q = sentence_with_quote("The handling was Q as described by Director Ann Fox.")
        got = in_sentence(sent, q)
        assert got is not None and got.text.endswith("Ann Fox")

    def test_unlisted_verb_before_name(self) -> None:
        """explicit_after: 'Q! beamed Donald Hart.' — a verb-like word and a name
        closing the clause attribute without the verb in the cue list."""
        got = explicit_after(*sentence_with_quote("Q! beamed Donald Hart, a delegate."))
        assert phrase(got) == ("name", "Donald Hart")

    def test_unlisted_verb_after_name(self) -> None:
        """explicit_after: 'Q, Trump reacted on Twitter.'"""
        got = explicit_after(*sentence_with_quote("Q, Trump reacted on Twitter."))
        assert phrase(got) == ("name", "Trump")

    def test_full_stop_inside_quote_then_name_and_cue(self) -> None:
        """sentences: 'Q. Trump said.' stays one sentence (the stop is the quote's)."""
        toks = tokens(QUOTE + "\x00\x00. Trump said.")
        assert len(sentences(toks)) == 1

    def test_name_and_cue_opening_new_sentence(self) -> None:
        """sentences: 'Q. Carly Ng said Ted Cruz ...' opens a new sentence."""
        toks = tokens(QUOTE + "\x00\x00. Carly Ng said Ted Cruz lies.")
        assert len(sentences(toks)) == 2

    def test_colon_without_space(self) -> None:
        """tokens: 'Lopez:' right before a masked quote is a token of its own."""
        words = [t.word for t in tokens("Lopez:" + QUOTE + "\x00\x00\x00")]
        assert words == ["Lopez", QUOTE]

    def test_noun_use_of_cue_away_from_quote(self) -> None:
        """explicit_before: "many Asian states," is not a cue for a later quote."""
        sent, q = sentence_with_quote("It worried many Asian states, and it has used Q since.")
        got = explicit_before(sent, q)
        assert got is None or got.text != "Asian"

"""Quote detection: marks, partial and scare quotes, multi-paragraph quotes, offsets."""

from __future__ import annotations

from transforms.quotes import find_quotes


def texts(paragraphs: list[str]) -> list[str]:
    return [q.text for q in find_quotes(paragraphs)]


class TestMarks:
    def test_straight_marks(self) -> None:
        """A straight-quoted sentence is found without its marks."""
        assert texts(['"We will not move," the minister said.']) == ["We will not move,"]

    def test_curly_marks(self) -> None:
        """Curly marks pair the same way."""
        assert texts(["“We will not move,” the minister said."]) == ["We will not move,"]

    def test_split_around_cue(self) -> None:
        """A quote split around its cue gives two spans."""
        got = texts(['"The talks went well," he said. "We meet again in May."'])
        assert got == ["The talks went well,", "We meet again in May."]

    def test_offsets_are_exact(self) -> None:
        """start/end index the paragraph so that body[p][start:end] == text."""
        paras = ["Intro line.", "The envoy said: “Nothing has changed.” Then she left."]
        for q in find_quotes(paras):
            assert paras[q.paragraph][q.start : q.end] == q.text

    def test_wrong_way_curly_mark_goes_by_context(self) -> None:
        """A closing glyph used to open a quote still opens it."""
        assert texts(["”Enough talk,” the mayor said."]) == ["Enough talk,"]


class TestParagraphStart:
    def test_wrong_way_mark_opening_the_paragraph(self) -> None:
        """A closing glyph and a space at the paragraph start still open the quote."""
        assert texts(["” … he delivered a mix of orthodoxy,” Barabak wrote."]) == [
            "… he delivered a mix of orthodoxy,"
        ]

    def test_direction_mark_before_the_quote(self) -> None:
        """An invisible direction mark (U+202A) before a quote mark is no word."""
        assert texts(["\u202a”Sorry Sarah, you should have said it!!” posted Sharon Geyer."]) == [
            "Sorry Sarah, you should have said it!!"
        ]


class TestParagraphs:
    def test_unclosed_quote_continues(self) -> None:
        """A quote left open runs on when the next paragraph opens with a mark."""
        spans = find_quotes(['He added: "The plan is sound.', '"It protects everyone."'])
        assert [s.continues for s in spans] == [True, False]
        assert spans[1].paragraph == 1

    def test_unclosed_quote_without_follow_up(self) -> None:
        """An unclosed quote before a plain paragraph does not continue."""
        spans = find_quotes(['He said: "We are ready.', "The meeting ended."])
        assert [s.continues for s in spans] == [False]


class TestNestedQuotes:
    def test_fragment_inside_a_quote_is_part_of_it(self) -> None:
        """Curly fragments inside a closed straight quote are the outer quote's words."""
        spans = find_quotes(['"I can\'t yell. It comes across as “too loud” or “too shrill.”"'])
        assert [s.text for s in spans] == ["I can't yell. It comes across as “too loud” or “too shrill.”"]

    def test_full_quote_inside_a_quote_stays(self) -> None:
        """A full quote read out inside a quote is speech of its own: both are kept."""
        spans = find_quotes(
            ['"I will read the question: “Do you think she is fit to serve?” Most said yes."']
        )
        assert [s.text[:12] for s in spans] == ["I will read ", "Do you think"]

    def test_open_straight_mark_around_curly_quotes(self) -> None:
        """A straight mark never closed in its paragraph does not swallow the curly
        quotes after it (a block-quote opener or a stray)."""
        spans = find_quotes(['"Trump laughed it off, saying “Only Rosie.” Kelly went on.'])
        assert "Only Rosie." in [s.text for s in spans]


class TestTranscripts:
    def test_turn_is_one_quote_without_the_name(self) -> None:
        """`"PENCE: ...`: the rest of the paragraph is the quote, inner quotes included."""
        spans = find_quotes(['"PENCE: She thinks this is “Shark Tank.” But this is serious.'])
        assert [s.text for s in spans] == ["She thinks this is “Shark Tank.” But this is serious."]


class TestPartialAndNames:
    def test_partial_quote_inside_sentence(self) -> None:
        """A fragment the sentence runs into is partial, and kept."""
        spans = find_quotes(['The treaty, which the president described as a "cold war relic," stays.'])
        assert [(s.text, s.partial) for s in spans] == [("cold war relic,", True)]

    def test_partial_after_said(self) -> None:
        """`said X was "..."` is a partial quote."""
        spans = find_quotes(['The adviser said the stance was "firm and unchanged."'])
        assert [s.partial for s in spans] == [True]

    def test_short_fragments_kept_as_partial(self) -> None:
        """A short quoted phrase is somebody's word the article reports: kept, partial."""
        spans = find_quotes(['Plans to guard against "rogue states" worry the capital.'])
        assert [(s.text, s.partial) for s in spans] == [("rogue states", True)]

    def test_quoted_modifier_kept_as_partial(self) -> None:
        """A quoted word the sentence goes on from ("new" threats) is a fragment too."""
        spans = find_quotes(['But he said the country was wary of "new" threats.'])
        assert [(s.text, s.partial) for s in spans] == [("new", True)]

    def test_title_of_a_show_left_out(self) -> None:
        """A title-case name of a show or book in the writer's sentence is no speech."""
        assert texts(['She said so on CNN\'s "State of the Union" on Sunday.']) == []

    def test_title_after_a_work_noun_left_out(self) -> None:
        """`his memoir, "Gifted Hands,"`: a work noun introduces a title, even after a comma."""
        assert texts(['Congregants pass around his memoir, "Gifted Hands," and pray.']) == []

    def test_title_before_a_role_noun_left_out(self) -> None:
        """`"Broad City" star Arturo Castro`: the show's name, opening the paragraph."""
        assert texts(['"Broad City" star Arturo Castro spoke up.']) == []

    def test_title_before_a_work_noun_left_out(self) -> None:
        """`the "Off Message" podcast`, `broadcast of "Fox News Sunday,"`: titles of works."""
        assert texts(['She spoke to me for the "Off Message" podcast in May.']) == []
        assert texts(['On the broadcast of "Fox News Sunday," Pence spoke.']) == []

    def test_slogan_somebody_proclaimed_kept(self) -> None:
        """`proclaimed a goal of "Peace Through Strength."`: a slogan somebody said is
        their words; only a work noun, a possessive or "on" makes a title."""
        assert texts(['Trump proclaimed a goal of "Peace Through Strength."']) == ["Peace Through Strength."]

    def test_nickname_left_out(self) -> None:
        """A quoted nickname between first name and surname is part of the name."""
        assert texts(['Gov. C.J. "Butch" Otter spoke first.']) == []

    def test_name_somebody_used_kept(self) -> None:
        """`called him "Little Marco"`: a name used by the speaker is their word."""
        assert texts(['He called his rival "Little Marco" twice.']) == ["Little Marco"]

    def test_quote_closed_by_cue_is_not_partial(self) -> None:
        """`they "appeared to be marks," he wrote`: the cue after it makes it a full quote."""
        spans = find_quotes(['They "appeared to be finger marks," he wrote.'])
        assert [s.partial for s in spans] == [False]

    def test_quote_holding_a_sentence_is_not_partial(self) -> None:
        """`said Jones is "losing ground. Some support is moving."`: a whole sentence of speech."""
        spans = find_quotes(['Smith said Jones is "losing ground. Some support is moving."'])
        assert [s.partial for s in spans] == [False]

    def test_full_quote_after_colon_is_not_partial(self) -> None:
        """A quote introduced by a colon is a full quote."""
        spans = find_quotes(['She told reporters: "We will sign it next week."'])
        assert [s.partial for s in spans] == [False]

"""Text renderings: block-scoring rules (each test names the rule it pins),
region choice, headline, captions, dateline and publisher."""

from __future__ import annotations

import pytest

from transforms.blocks import Block, densest_region, furniture_rule, prose_weights
from transforms.errors import NotAnArticle
from transforms.headline import pick_headline
from transforms.publisher import publisher_from_furniture
from transforms.text_parser import parse_text

P1 = "The city council approved the new budget on Tuesday after a debate that lasted most of the night."
P2 = "Opponents said the plan would raise local taxes, while supporters pointed to the new bus routes."
P3 = "The mayor is expected to sign the measure later this week, her office said in a short statement."


class TestFurnitureRules:
    """``furniture_rule`` names why a block inside the region is dropped."""

    @pytest.mark.parametrize(
        ("block", "rule"),
        [
            (Block("• Related: council votes"), "bullet list"),
            (Block("Sports", list_item=True), "bullet list"),
            (Block("Home News Sports Weather", link_chars=24), "link density"),
            (Block("Most popular", repeated=True), "repeated line"),
            (Block("function f(x){return x;} var a=[1,2];"), "script code"),
            (Block("Copyright 2008 Example Daily. All rights reserved."), "footer phrase"),
            (Block("By Jane Doe"), "byline or date stamp"),
            (Block("Mon Jan 14, 2008 11:16am EST"), "byline or date stamp"),
            (Block("Weather and traffic"), "short line without sentence punctuation"),
            (
                Block("Are you tired of your job? Find out how to get the one you want. More Details"),
                "teaser link",
            ),
            (Block("Top | Back | E-mail to a friend | Printable version"), "pipe-separated menu"),
            (Block("Please read our Terms and Conditions before using this site."), "footer phrase"),
            (Block('"Follow Pam Key on Twitter @pamkeyNEN."'), "footer phrase"),
        ],
    )
    def test_rule(self, block: Block, rule: str) -> None:
        assert furniture_rule(block) == rule

    def test_prose_is_kept(self) -> None:
        """A sentence paragraph matches no rule."""
        assert furniture_rule(Block(P1)) is None

    def test_weak_footer_words_spare_prose(self) -> None:
        """'comments' in reporting is not furniture; on a short label it is."""
        assert (
            furniture_rule(Block("He declined to make any further comments on the case, his lawyer said."))
            is None
        )
        assert furniture_rule(Block("Reader comments (12)")) == "footer phrase"

    def test_follow_on_twitter_only_opening_a_line(self) -> None:
        """An author's "Follow X on Twitter" line is furniture; reporting about
        followers is not."""
        assert furniture_rule(Block("Follow Jane Doe on Twitter @janedoe")) == "footer phrase"
        reporting = "Millions of voters follow the candidate on Twitter, where he posts most nights."
        assert furniture_rule(Block(reporting)) is None


class TestRegion:
    def test_densest_region(self) -> None:
        """The maximum-sum run: negatives at either end stay out."""
        assert densest_region([-5, 10, -2, 10, -30, 3]) == (1, 4)

    def test_menu_run_costs_more_than_a_subheading(self) -> None:
        """Run-length cost: the third menu line in a row weighs more than the first."""
        w = prose_weights([Block(P1), Block("Weather"), Block("Traffic"), Block("Jobs")])
        assert w[3] < w[2] < w[1] < 0 < w[0]

    def test_menu_separates_regions(self) -> None:
        """A long menu between two prose stretches keeps the larger one only."""
        menu = "\n".join(f"Section {i}" for i in range(12))
        text = f"A short teaser sentence about something else entirely.\n\n{menu}\n\n{P1}\n\n{P2}\n\n{P3}\n"
        assert parse_text(text).body == (P1, P2, P3)


class TestParseText:
    def test_headline_dateline_caption_publisher(self) -> None:
        """The seed shape: furniture, headline, alt/caption pair, dateline body, footer."""
        text = (
            "Skip to main content\n\n"
            "Council passes budget\n\n"
            "Mayor and aides\nMayor Jane Roe (left) with aides on Tuesday \n\n"
            f"SPRINGFIELD, Illinois -- {P1}\n\n{P2}\n\n"
            "Budget document\nInteractive: Where the money goes\nMessage Board: Taxes\n\n"
            f"{P3}\n\n"
            "Note: Pages will open in a new browser window\n"
            "External sites are not endorsed by Example Interactive.\n\n"
            "Example Mobile\n\nExample International\n\nBack to the top\n"
        )
        a = parse_text(text)
        assert a.headline == "Council passes budget"
        assert a.body == (f"SPRINGFIELD, Illinois -- {P1}", P2, P3)
        assert a.captions == ("Mayor Jane Roe (left) with aides on Tuesday",)
        assert a.dateline is not None and a.dateline.place == "Springfield"
        assert a.publisher == "Example"

    def test_subheading_between_paragraphs_is_kept(self) -> None:
        """A short line between two prose lines is a subheading."""
        assert parse_text(f"{P1}\n\nNew routes\n\n{P2}\n\n{P3}\n").body == (P1, "New routes", P2, P3)

    def test_body_ends_at_comments(self) -> None:
        """The comments section after the article is cut off."""
        comment = "I think this is the worst decision the council has made in years, honestly."
        text = f"{P1}\n\n{P2}\n\n{P3}\n\nReader comments\n\n{comment}\n\n{comment} Really.\n"
        assert parse_text(text).body == (P1, P2, P3)

    def test_no_prose_is_not_an_article(self) -> None:
        """A page of menus raises NotAnArticle."""
        with pytest.raises(NotAnArticle):
            parse_text("Home\nNews\nSports\n\nContact us\n")


class TestHeadline:
    def test_byline_and_credit_lose_to_the_title(self) -> None:
        """Credits ("Staff Writer") and names sit nearer the body but score lower."""
        cands = ["Associated Press Writer", "Jane Doe", "Council passes budget after long debate"]
        assert pick_headline(cands, [P1]) == 2

    def test_body_overlap_decides(self) -> None:
        """Between two title-shaped lines, the one the body repeats wins."""
        assert pick_headline(["Weekend weather outlook", "City council approves budget"], [P1]) == 1


def test_publisher_brand_from_furniture() -> None:
    """The brand after "© 2008" loses generic tails ("Inc.")."""
    assert publisher_from_furniture(["© 2008 Example News Inc. All rights reserved."]) == "Example News"


class TestRound2:
    """Headline inside the region, teaser lists, comments, dates, lone notices."""

    def test_headline_after_a_paywall_notice(self) -> None:
        """Prose notices above the headline open the region; the headline is found
        above the anchor (two prose lines close together) and the body starts after it."""
        notice = "To read this article in full you must be registered with the site."
        text = (
            f"Premium Article !\n\n{notice}\n\nSubscribe\n\nCouncil passes budget\n\n{P1}\n\n{P2}\n\n{P3}\n"
        )
        a = parse_text(text)
        assert a.headline == "Council passes budget"
        assert a.body == (P1, P2, P3)

    def test_byline_below_marks_the_headline(self) -> None:
        """A short title with an author name below it wins over no headline."""
        a = parse_text(f"Budget fight\n\nJANE ROE\n\n{P1}\n\n{P2}\n")
        assert a.headline == "Budget fight"

    def test_caption_sentence_loses_to_headlinese(self) -> None:
        """A caption is an ordinary sentence (articles, auxiliaries); a headline is not."""
        cands = ["The mayor is seen at the meeting of the council on Tuesday", "Council approves budget"]
        assert pick_headline(cands, [P1]) == 1

    def test_teaser_list_after_article(self) -> None:
        """Title / one-sentence summary pairs in one group are links to other stories."""
        teasers = "\n".join(
            f"Other story {k} headline here\nA summary sentence about another story number {k} goes here."
            for k in range(4)
        )
        text = f"{P1}\n\n{P2}\n\n{P3}\n\n{teasers}\n"
        assert parse_text(text).body == (P1, P2, P3)

    def test_comment_byline_cuts_the_body(self) -> None:
        """'Posted by: X on 4:05pm ...' after the article opens the comments."""
        text = f"{P1}\n\n{P2}\n\n{P3}\n\nPosted by: A Reader, Leeds on 4:05pm Tue 1 Jan 08\n{P1}\n"
        assert parse_text(text).body == (P1, P2, P3)

    def test_published_from_a_stamp_line(self) -> None:
        """A date line next to the headline gives ``published``."""
        text = f"Council passes budget\n\nLast Updated: Thursday, December 27, 2007\n\n{P1}\n\n{P2}\n"
        assert parse_text(text).published == "2007-12-27"

    def test_lone_short_line_is_not_an_article(self) -> None:
        """A body of one line under 20 words is a notice: NotAnArticle."""
        with pytest.raises(NotAnArticle):
            parse_text("Menu\n\nTo get in touch with us, call or fax us at the numbers below, any day.\n")


def test_repeat_keys_fold_lines_as_alone() -> None:
    """Keys folded over the joined page equal each line folded on its own,
    sigma and dotted capital I included."""
    from transforms.text_parser import _DROP_CHARS, _keys

    lines = ["ΟΔΟΣ", "Σ and İstanbul – «Home»", "Home | News", "home news", "• Sports: 2008/01/14"]
    table = str.maketrans("", "", _DROP_CHARS)
    assert _keys(lines) == [line.lower().translate(table) for line in lines]

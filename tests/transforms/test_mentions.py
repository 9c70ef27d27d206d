"""Person mentions and descriptions from one regex pass per paragraph."""

from __future__ import annotations

from transforms.mentions import apposition_roles, descriptions, scan


class TestScan:
    def test_runs_in_reading_order_with_subject_flag(self) -> None:
        """Each capitalised run is listed; one after a preposition is not a subject."""
        hits = scan(["Ivanov met with Donald Rumsfeld.", "Later Putin spoke."])
        assert [(h.run, h.subject) for h in hits] == [
            ("Ivanov", True),
            ("Donald Rumsfeld", False),
            ("Later Putin", True),
        ]

    def test_possessive_ends_a_run(self) -> None:
        """ "Bush's Facebook post" is a mention of Bush."""
        assert [h.run for h in scan(["They read Bush's Facebook post."])][-1] == "Bush"

    def test_sentence_numbers_skip_abbreviations(self) -> None:
        """ "Mr. Putin" does not start a sentence; a full stop before a capital does."""
        hits = scan(["Mr. Putin came. Then Ivanov left."])
        assert [h.sentence for h in hits] == [0, 1]


class TestDescriptions:
    def test_apposition_and_descriptor(self) -> None:
        """Appositions and pre-name descriptors map descriptions to the person."""
        paras = ["Donald Trump, the New York businessman, spoke.", "Former governor Mike Pence agreed."]
        got = descriptions(paras, scan(paras))
        assert got["new york businessman"] == "Donald Trump"
        assert got["governor"] == "Mike Pence"

    def test_ambiguous_description_dropped(self) -> None:
        """A description that fits two persons picks out neither."""
        paras = ["Senator John Smith and Senator Jane Doe voted."]
        assert "senator" not in descriptions(paras, scan(paras))

    def test_apposition_role(self) -> None:
        """An apposition gives a person named without a title a role."""
        paras = ["Igor Sergeyev, an adviser to the president, said so."]
        assert apposition_roles(paras, scan(paras)) == {"Igor Sergeyev": "adviser to the president"}

"""Treaty catalogue, treaty mentions and discovery (transforms/treaties.py)."""

from __future__ import annotations

import re
from collections import Counter

from transforms.treaties import catalogue, find_treaties


def ids(*paragraphs: str) -> list[str]:
    return [m.entity_id for m in find_treaties(paragraphs)[0]]


def surfaces(*paragraphs: str) -> list[str]:
    return [m.surface for m in find_treaties(paragraphs)[0]]


class TestCatalogue:
    def test_size_and_required_entries(self) -> None:
        """At least 80 treaties, with the arms-control, climate and peace classics."""
        cat = {t.treaty_id: t for t in catalogue()}
        assert len(cat) >= 80
        for tid in (
            "abm-1972",
            "start-1",
            "start-2",
            "new-start-2010",
            "npt-1968",
            "kyoto-1997",
            "dayton-1995",
        ):
            assert tid in cat
        assert cat["abm-1972"].name == "Anti-Ballistic Missile Treaty"
        assert (cat["abm-1972"].short_name, cat["abm-1972"].year) == ("ABM", 1972)

    def test_ids_unique_and_fields_filled(self) -> None:
        """Every entry has a unique id, a name, a year and a category."""
        cat = catalogue()
        assert len({t.treaty_id for t in cat}) == len(cat)
        assert all(t.name and t.year and t.category and t.catalogued for t in cat)

    def test_start_labels_do_not_cross_match(self) -> None:
        """The scorer matches "START I" with word boundaries: it must hit START I's names only."""
        for label, wanted in (("START I", "start-1"), ("START II", "start-2"), ("ABM", "abm-1972")):
            pattern = re.compile(rf"(^|\W){re.escape(label.lower())}($|\W)")
            hits = {
                t.treaty_id
                for t in catalogue()
                for x in (t.name, t.short_name or "")
                if x and pattern.search(x.lower())
            }
            assert hits == {wanted}, label


class TestMentions:
    def test_abm_forms(self) -> None:
        """ "the 1972 Anti-Ballistic Missile (ABM) treaty" and "the ABM treaty of 1972"."""
        text = "It left the 1972 Anti-Ballistic Missile (ABM) treaty and the ABM treaty of 1972."
        assert ids(text) == ["abm-1972", "abm-1972"]
        assert surfaces(text) == ["Anti-Ballistic Missile (ABM) treaty", "ABM treaty"]

    def test_two_treaties_in_one_phrase(self) -> None:
        """ "the START II and START I treaties" names two treaties."""
        mentions, treaties = find_treaties(["It is linked with both the START II and START I treaties."])
        assert [m.entity_id for m in mentions] == ["start-2", "start-1"]
        assert {t.short_name for t in treaties} == {"START II", "START I"}

    def test_coordinated_heads(self) -> None:
        """ "the ABM and START treaties": a head that needs a noun can share a plural one."""
        assert ids("Both the ABM and START treaties.") == ["abm-1972", "start-1"]

    def test_head_without_treaty_noun_is_not_a_treaty(self) -> None:
        """ "an ABM system" or "Kyoto" the city are not treaty mentions."""
        assert ids("An ABM system was built near Kyoto.") == []

    def test_case_rules(self) -> None:
        """Acronyms are case-sensitive ("start" is a verb); long names are not."""
        assert ids("They start talks.") == []
        assert ids("the kyoto protocol and the Kyoto Protocol") == ["kyoto-1997", "kyoto-1997"]

    def test_offsets(self) -> None:
        """Offsets point into the paragraph."""
        text = "Japan ratified the Kyoto Protocol."
        (m,) = find_treaties([text])[0]
        assert text[m.start : m.end] == m.surface == "Kyoto Protocol"
        assert (m.kind, m.paragraph) == ("treaty", 0)

    def test_noun_restricted_heads(self) -> None:
        """ "Lomé Convention" and "Lomé peace accord" are different treaties."""
        assert ids("the Lome Convention and the Lome peace accord") == [
            "lome-convention-1975",
            "lome-peace-1999",
        ]

    def test_one_pass_counts(self) -> None:
        """Several treaties in one paragraph, counted per id."""
        text = "The NPT, the CTBT, the Chemical Weapons Convention and the Geneva Conventions."
        assert Counter(ids(text)) == Counter(["npt-1968", "ctbt-1996", "cwc-1993", "geneva-conventions-1949"])


class TestAnaphora:
    def test_the_treaty_with_one_treaty_in_focus(self) -> None:
        """ "the treaty" after the first mention counts when the article names one treaty."""
        paragraphs = ["Russia backs the ABM treaty.", "Washington wants to leave the treaty."]
        mentions, _ = find_treaties(paragraphs)
        assert [(m.entity_id, m.paragraph, m.surface) for m in mentions] == [
            ("abm-1972", 0, "ABM treaty"),
            ("abm-1972", 1, "the treaty"),
        ]

    def test_not_with_two_treaties(self) -> None:
        """With two treaties in the article "the treaty" is ambiguous and left alone."""
        paragraphs = ["The ABM treaty and START II.", "He defended the treaty."]
        assert ids(*paragraphs) == ["abm-1972", "start-2"]

    def test_not_before_the_first_mention(self) -> None:
        """ "the treaty" before any named treaty has no antecedent."""
        assert ids("The treaty is old.", "The ABM treaty dates from 1972.") == ["abm-1972"]

    def test_noun_must_fit(self) -> None:
        """ "the protocol" refers back to the Kyoto Protocol, "the convention" does not."""
        assert ids("The Kyoto Protocol.", "The protocol and the convention.") == ["kyoto-1997", "kyoto-1997"]


class TestDiscovery:
    def test_treaty_of_x(self) -> None:
        """An uncatalogued "Treaty of X" becomes a catalogued=False treaty with a slug id."""
        mentions, treaties = find_treaties(["Spain and Portugal signed the Treaty of Tordesillas."])
        assert [m.entity_id for m in mentions] == ["treaty-of-tordesillas"]
        assert [(t.treaty_id, t.name, t.catalogued) for t in treaties] == [
            ("treaty-of-tordesillas", "Treaty of Tordesillas", False)
        ]

    def test_x_accord(self) -> None:
        """ "the Stockholm Accord" and "the USSR-Iraq Friendship and Cooperation Treaty"."""
        assert ids("the Stockholm Accord") == ["stockholm-accord"]
        assert ids("the USSR-Iraq Friendship and Cooperation Treaty") == [
            "ussr-iraq-friendship-and-cooperation-treaty"
        ]

    def test_generic_names_are_not_discovered(self) -> None:
        """ "the UN Convention", "International Convention", "Internet Protocol" name nothing."""
        assert ids("The UN Convention, an International Convention and the Internet Protocol.") == []

    def test_catalogued_names_are_not_rediscovered(self) -> None:
        """A catalogued name is reported once, as catalogued."""
        _, treaties = find_treaties(["The Treaty of Rome and the Kyoto Protocol."])
        assert {(t.treaty_id, t.catalogued) for t in treaties} == {("rome-1957", True), ("kyoto-1997", True)}

    def test_headlines_in_capitals_are_skipped(self) -> None:
        """All-caps lines are headlines or slugs: "REPORT CITES PACT" names nothing."""
        assert ids("REPORT CITES NEW PACT WITH TREATY PARTNERS") == []

"""Country mentions, country_of and the reference table (transforms/countries.py)."""

from __future__ import annotations

import time

import pytest

from transforms.countries import country_name, country_of, country_rows, find_countries


def codes(*paragraphs: str) -> list[str]:
    return [m.entity_id for m in find_countries(paragraphs)]


class TestFindCountries:
    def test_names_demonyms_capitals_and_metonyms(self) -> None:
        """Short names, demonyms, capitals and seats of power all map to their country."""
        text = (
            "Russian officials in Moscow said the Kremlin would answer Washington, "
            "while the White House and the Pentagon stayed silent."
        )
        assert codes(text) == ["RU", "RU", "RU", "US", "US", "US"]

    def test_capitals_and_cities_in_running_text(self) -> None:
        """ "in Italy", "in China", "in Brussels", "in Madrid": places map to their country."""
        assert codes("They met in Italy, will meet in China, then in Brussels and Madrid.") == [
            "IT",
            "CN",
            "BE",
            "ES",
        ]

    def test_offsets_surface_and_paragraph(self) -> None:
        """A mention records its paragraph and character offsets into that paragraph."""
        paragraphs = ("No country here.", "Talks with U.S. envoys.")
        (m,) = find_countries(paragraphs)
        assert (m.kind, m.entity_id, m.surface, m.paragraph) == ("country", "US", "U.S.", 1)
        assert paragraphs[1][m.start : m.end] == "U.S."
        assert m.in_quote is False

    def test_historic_states_keep_historic_codes(self) -> None:
        """The Soviet Union is SU and Yugoslavia YU, not their successors."""
        assert codes("The Soviet Union and the USSR, Soviet troops, Yugoslavia.") == ["SU", "SU", "SU", "YU"]

    def test_longest_match_wins(self) -> None:
        """ "Papua New Guinea" and "Equatorial Guinea" are not Guinea; "Nigeria" is not Niger."""
        assert codes("Papua New Guinea, Equatorial Guinea, Guinea, Nigeria, Niger.") == [
            "PG",
            "GQ",
            "GN",
            "NG",
            "NE",
        ]

    def test_case_sensitivity(self) -> None:
        """ "turkey" is a bird and "us" a pronoun; "Turkey" and "US" are countries."""
        assert codes("Give us the turkey.") == []
        assert codes("The US and Turkey agreed.") == ["US", "TR"]

    def test_capitals_only_where_the_text_is_in_capitals(self) -> None:
        """A dateline "MOSCOW, Russia --" counts; a stray "CHINA" mid-sentence does not."""
        assert codes("MOSCOW, Russia -- Officials said.") == ["RU", "RU"]
        assert codes("He wrote CHINA on the board.") == []

    def test_person_names_are_not_countries(self) -> None:
        """ "Michael Jordan", "Chad Hurley", "George Washington", "Mr. Jordan" name people."""
        assert codes("Michael Jordan met Chad Hurley and Mr. Jordan near George Washington's statue.") == []

    def test_place_names_next_to_weekdays_stay_places(self) -> None:
        """AP style "in Washington Tuesday" and sentence-initial "In Jordan" are places."""
        assert codes("He spoke in Washington Tuesday. In Jordan, talks went on.") == ["US", "JO"]

    def test_georgia_the_state(self) -> None:
        """ "Georgia" with U.S.-state cues in the paragraph is not the Caucasus republic."""
        assert codes("Atlanta, Georgia, hosted the event.") == ["US"]
        assert codes("Georgia and Armenia signed a pipeline deal in Tbilisi.") == ["GE", "AM", "GE"]

    def test_false_friends(self) -> None:
        """New Mexico, the Washington Post, Congo fever and the Indian Ocean are not countries."""
        text = "New Mexico, the Washington Post, New Jersey, Congo fever, the Indian Ocean, Latin America."
        assert codes(text) == []

    def test_publication_titles_are_not_countries(self) -> None:
        """ "The New York Times", "China Daily", "the Japan Times" name newspapers."""
        assert codes("The New York Times, China Daily and the Japan Times reported it.") == []
        assert codes("The British Daily Telegraph reported it.") == ["GB"]

    def test_ethnic_groups_across_borders(self) -> None:
        """ "ethnic Albanians" in Macedonia and "Bosnian Serbs" are not Albania or Serbia."""
        assert codes("Ethnic Albanian rebels and Bosnian Serbs fought in Macedonia.") == ["MK"]

    def test_china_sea_is_still_china(self) -> None:
        """ "the South China Sea" mentions China."""
        assert codes("Ships in the South China Sea.") == ["CN"]

    def test_korea_alone_is_south_korea(self) -> None:
        """Unqualified "Korea" is the South; "North Korea" and "Pyongyang" the North."""
        assert codes("Korea, North Korea, Pyongyang, Seoul.") == ["KR", "KP", "KP", "KR"]

    def test_place_in_a_treaty_name_is_not_a_country(self) -> None:
        """ "Kyoto" in "Kyoto Protocol", "Rome" in "Treaty of Rome", "Geneva" in "Geneva Conventions"."""
        assert codes("The Treaty of Rome, the Geneva Conventions and the Ottawa treaty.") == []

    def test_fast_enough(self) -> None:
        """A 5 kB article costs well under a millisecond once the automaton exists."""
        paragraph = "Russian and U.S. officials met in Moscow and Washington on the ABM treaty. " * 4
        find_countries([paragraph])
        article = [paragraph + str(i) for i in range(17)]  # ~5 kB, distinct paragraphs
        t = time.perf_counter()
        for _ in range(20):
            find_countries(article)
        assert (time.perf_counter() - t) / 20 < 0.005


class TestCountryOf:
    @pytest.mark.parametrize(
        ("phrase", "code"),
        [
            ("Russia", "RU"),
            ("Moscow", "RU"),
            ("WASHINGTON", "US"),
            ("Russian Defence Minister", "RU"),
            ("U.S. Defence Secretary", "US"),
            ("the Kremlin", "RU"),
            ("Downing Street", "GB"),
            ("Beijing", "CN"),
            ("Foreign Ministry official", None),
            ("a senior official", None),
            ("Michael Jordan", None),
        ],
    )
    def test_phrases(self, phrase: str, code: str | None) -> None:
        """Dateline places and speaker titles resolve to the country they name."""
        assert country_of(phrase) == code


class TestReferenceTable:
    def test_common_names(self) -> None:
        """Names are the ones news uses, not the formal ISO names."""
        assert country_name("RU") == "Russia"
        assert country_name("US") == "United States"
        assert country_name("KR") == "South Korea"
        assert country_name("SU") == "Soviet Union"

    def test_rows_cover_current_and_historic_codes(self) -> None:
        """Every ISO code plus SU and YU, each once, with its alpha-3."""
        rows = country_rows()
        codes_ = [r[0] for r in rows]
        assert len(codes_) == len(set(codes_)) > 240
        assert ("SU", "Soviet Union", "SUN") in rows
        assert ("YU", "Yugoslavia", "YUG") in rows
        assert ("RU", "Russia", "RUS") in rows

"""Speakers: canonical names, pronouns, continuation, anonymous and organisation sources."""

from __future__ import annotations

from transforms.model import Quote, Speaker
from transforms.quotes import find_quotes
from transforms.speakers import attribute


def run(paragraphs: list[str]) -> tuple[list[Quote], list[Speaker]]:
    return attribute(paragraphs, find_quotes(paragraphs))


def who(paragraphs: list[str]) -> list[tuple[str | None, str]]:
    quotes, _ = run(paragraphs)
    return [(q.speaker, q.method) for q in quotes]


class TestCanonicalNames:
    def test_one_person_per_article(self) -> None:
        """ "President Vladimir Putin", "Putin" and "Mr. Putin" are one speaker."""
        quotes, speakers = run(
            [
                "President Vladimir Putin met the envoy on Monday.",
                '"We are ready," Putin told reporters.',
                '"We are patient," Mr. Putin said.',
            ]
        )
        assert {q.speaker_id for q in quotes} == {"vladimir-putin"}
        assert [(s.name, s.role) for s in speakers] == [("Vladimir Putin", "President")]

    def test_title_gives_role(self) -> None:
        """A title in front of the name becomes the role."""
        _, speakers = run(['"The treaty stands," said Defence Minister Sergei Ivanov.'])
        assert (speakers[0].name, speakers[0].role) == ("Sergei Ivanov", "Defence Minister")

    def test_same_surname_different_people(self) -> None:
        """Bill and Hillary Clinton stay two speakers."""
        quotes, _ = run(['"Yes," Bill Clinton said.', '"No," Hillary Clinton said.'])
        assert [q.speaker for q in quotes] == ["Bill Clinton", "Hillary Clinton"]

    def test_ly_surname_next_to_cue(self) -> None:
        """A surname ending in -ly right before a cue is a name, not an adverb."""
        assert who(['"Elections matter," Kelly said.']) == [("Kelly", "explicit")]

    def test_home_state_not_in_name(self) -> None:
        """ "Sen. Jeff Merkley of Oregon" is Jeff Merkley."""
        assert who(['"Enough," said Sen. Jeff Merkley of Oregon.'])[0][0] == "Jeff Merkley"

    def test_title_word_as_surname(self) -> None:
        """After a known first name a title word ("Pope") is a surname."""
        assert who(['"We act," Amy Pope, a deputy adviser, said.'])[0][0] == "Amy Pope"

    def test_stable_speaker_id(self) -> None:
        """The id is a slug of the canonical full name, the same in every article."""
        quotes, _ = run(['"Fine," said Donald Rumsfeld.'])
        assert quotes[0].speaker_id == "donald-rumsfeld"


class TestRolesAndCountries:
    def test_country_adjective_goes_to_country(self) -> None:
        """ "Russian Defence Minister" → role "Defence Minister", country RU."""
        _, speakers = run(['"Fine," said Russian Defence Minister Sergei Ivanov.'])
        assert (speakers[0].role, speakers[0].country) == ("Defence Minister", "RU")

    def test_country_from_another_mention(self) -> None:
        """A country-bearing title anywhere in the article gives the person a country."""
        _, speakers = run(
            ['"Yes," said President Vladimir Putin.', "Russian President Vladimir Putin left for Paris."]
        )
        assert (speakers[0].role, speakers[0].country) == ("President", "RU")

    def test_apposition_gives_role(self) -> None:
        """ "Igor Sergeyev, an adviser to Russian President Vladimir Putin," has that role."""
        _, speakers = run(['Igor Sergeyev, an adviser to Russian President Vladimir Putin, said: "No."'])
        sergeyev = next(s for s in speakers if s.name == "Igor Sergeyev")
        assert (sergeyev.role, sergeyev.country) == ("adviser to Russian President Vladimir Putin", "RU")

    def test_description_refers_back(self) -> None:
        """ "the New York businessman said" is the person an apposition described so."""
        got = who(
            ["Donald Trump, the New York businessman, arrived.", '"Great," the New York businessman said.']
        )
        assert got == [("Donald Trump", "explicit")]


class TestPronounsAndContinuation:
    def test_pronoun_most_recent_person(self) -> None:
        """ "he said" goes to the most recent male person, the subject first."""
        got = who(
            [
                "Later, at a news conference with Rumsfeld, Defence Minister Sergei Ivanov spoke.",
                '"We feel no need to leave," he said.',
            ]
        )
        assert got == [("Sergei Ivanov", "pronoun")]

    def test_pronoun_gender(self) -> None:
        """ "she said" skips a more recent man."""
        got = who(["Hillary Clinton spoke after Bernie Sanders left.", '"It went well," she said.'])
        assert got == [("Hillary Clinton", "pronoun")]

    def test_quote_only_paragraph(self) -> None:
        """A paragraph that is only a quote continues the previous speaker."""
        got = who(['"We arrived today," Rumsfeld told reporters.', '"I am a simple man."'])
        assert got == [("Rumsfeld", "explicit"), ("Rumsfeld", "continuation")]

    def test_multi_paragraph_quote(self) -> None:
        """A quote carried into the next paragraph keeps its speaker."""
        got = who(['Bush added: "I look forward to it.', '"It starts with talking."', "The talks end today."])
        assert got[1] == ("Bush", "continuation")

    def test_split_quote(self) -> None:
        """The second half of a split quote has the first half's speaker."""
        got = who(['"We will talk," Trump told ABC. "We will not wait."'])
        assert [speaker for speaker, _ in got] == ["Trump", "Trump"]

    def test_split_quote_without_cue_between(self) -> None:
        """A quote after a quote in the same paragraph, with no cue of its own, continues."""
        got = who(['"We will talk." "We will not wait," the senator Jane Roe said.'])
        assert got[0] == ("Jane Roe", "continuation")

    def test_lead_in_paragraph(self) -> None:
        """A paragraph reporting someone's speech introduces the quote-only paragraph after it."""
        got = who(["Maria Lopez, a delegate from Ohio, said she was tired.", '"We need a change now."'])
        assert got == [("Maria Lopez", "continuation")]

    def test_lead_in_colon_makes_noun_cue_a_verb(self) -> None:
        """ "The Daily Planet reports:" introduces the quote paragraph after it: a cue
        word before a colon is the verb even when it could be a noun."""
        quotes, _ = run(
            ["The Daily Planet reports:", '"The mayor has resigned after a long dispute over taxes."']
        )
        assert quotes[0].speaker is not None and "Daily Planet" in quotes[0].speaker


class TestNominalAndOrganisations:
    def test_anonymous_official(self) -> None:
        """A nominal source is an anonymous speaker named by its description."""
        quotes, speakers = run(['"No surprises," said another Foreign Ministry official.'])
        assert speakers[0].kind == "anonymous"
        assert speakers[0].name == "Foreign Ministry official"
        assert quotes[0].method == "nominal"

    def test_the_official_refers_back(self) -> None:
        """ "the official" is the last anonymous source introduced."""
        quotes, speakers = run(
            [
                "A senior Foreign Ministry official said talks would go on.",
                '"There is no hurry," the official said.',
            ]
        )
        assert quotes[0].speaker == "senior Foreign Ministry official"
        assert [s.kind for s in speakers] == ["anonymous"]

    def test_organisation_speaker(self) -> None:
        """ "the Kremlin said" is an organisation speaker."""
        _, speakers = run(['"The offer stands," the Kremlin said.'])
        assert (speakers[0].name, speakers[0].kind) == ("Kremlin", "organization")


def test_according_to() -> None:
    """`according to X` attributes a quote in its sentence."""
    assert (
        who(['The deal is "a disaster for everyone," according to Senator Jane Miller.'])[0][1] == "according"
    )


class TestRound3Speakers:
    """Article-level rules from the third round of issue 4."""

    def test_party_tag_then_colon(self) -> None:
        """A party tag between name and colon is blanked: "Rep. Ann Fox (R-Ohio):" speaks."""
        assert who(['Rep. Ann Fox (R-Ohio):"We will not wait."'])[0][0] == "Ann Fox"

    def test_dash_signature(self) -> None:
        """A quote-only paragraph signed "- Name." by the next paragraph is that person's."""
        got = who(['"I went to Wall Street before the crash."', "- Hillary Clinton.", "That is wrong."])
        assert got[0][0] == "Hillary Clinton"

    def test_stop_word_surname_known_in_article(self) -> None:
        """ "Read said" is Ian Read once the article has named him."""
        got = who(["Chief executive Ian Read spoke on Monday.", '"The deal is good," Read said.'])
        assert got[0][0] == "Ian Read"

    def test_lead_in_skips_noun_cue(self) -> None:
        """A lead-in paragraph's "a Democratic state" does not make "Democratic" the
        speaker of the quote-only paragraph after it."""
        got = who(["Buddy Vale praised her work in a heavily Democratic state.", '"She gets it done."'])
        assert got[0][0] != "Democratic"


def test_pronoun_refers_to_anonymous_subject_of_speech_verb() -> None:
    """ "he" after "An Icelandic official said ..." is that official, not a minister
    named in an earlier paragraph."""
    paras = [
        'Foreign Minister Gunnar Sveinsson said the treaty was vital. "It protects us," he said.',
        'An Icelandic official said the deal would be reviewed. "We expect it to hold," he said.',
    ]
    quotes, _ = attribute(paras, find_quotes(paras))
    assert [q.speaker for q in quotes] == ["Gunnar Sveinsson", "Icelandic official"]


def test_honorific_surname_gives_pronoun_gender() -> None:
    """ "Mrs. Jones" is a person of known gender, so "she" finds her."""
    paras = ['Mrs. Jones met Mr. Brown on Monday. "It was good," she said.']
    quotes, _ = attribute(paras, find_quotes(paras))
    assert quotes[0].speaker == "Jones"


def test_fragment_echoing_full_quote_takes_its_speaker() -> None:
    """A fragment repeating words of a full quote is that quote's speaker's."""
    paras = [
        '"The plan is a disaster for farmers," Smith said.',
        'Jones said the bill was "a disaster for farmers" and would fail.',
    ]
    quotes, _ = attribute(paras, find_quotes(paras))
    assert [q.speaker for q in quotes] == ["Smith", "Smith"]


class TestPlacesAndScareQuotes:
    """Issue 4: places, peoples and scare quotes are not sources."""

    def test_place_subject_without_cue_is_no_speaker(self) -> None:
        """A country as the subject of a sentence with no speech verb frames the
        writer's phrase: "rogue states" gets no speaker."""
        quotes, _ = run(['Russia is suspicious of U.S. plans against attacks by "rogue states" and more.'])
        assert quotes[0].speaker is None

    def test_opener_with_comma_is_no_subject(self) -> None:
        """ "Moreover, ..." opens the clause: a lone capitalised word and a comma name
        no one the article knows."""
        quotes, _ = run(['Moreover, the report found "less than one percent" of the mail was sent.'])
        assert quotes[0].speaker is None

    def test_person_subject_without_cue_still_speaks(self) -> None:
        """The same frame with a person as subject keeps attributing the fragment."""
        quotes, _ = run(['Donald Trump identified the judge as "a hater" on Friday.'])
        assert quotes[0].speaker == "Donald Trump"

    def test_state_after_town_is_no_subject(self) -> None:
        """ "in Salem, New Hampshire, Trump ...": the state completes the place."""
        quotes, _ = run(
            ['Speaking in Salem, New Hampshire, Donald Trump went after Bush, calling him "a stiff."']
        )
        assert quotes[0].speaker == "Donald Trump"

    def test_possessor_is_not_the_subject(self) -> None:
        """ "Germany's Chancellor Angela Merkel heralded ..." is Merkel's sentence."""
        quotes, _ = run(
            ['Germany\'s Chancellor Angela Merkel heralded the deal as a "breakthrough." It was.']
        )
        assert quotes[0].speaker == "Angela Merkel"

    def test_transcript_turn_names_a_known_person(self) -> None:
        """ "PENCE: ..." is Mike Pence's turn once the article names him."""
        quotes, _ = run(["Mike Pence spoke to Chris Wallace.", '"PENCE: We will win this.'])
        assert (quotes[0].speaker, quotes[0].method) == ("Mike Pence", "explicit")

    def test_modifier_echoes_the_quote_with_its_noun(self) -> None:
        """A one-word fragment before a noun ("new" threats) echoes the quote that
        holds both words, not the first quote that holds the word."""
        quotes, _ = run(
            [
                '"We are not new to this," Igor Sergeyev said.',
                '"Those new threats are real," George Bush said.',
                'But Sergeyev said Russia was sceptical of "new" threats.',
            ]
        )
        assert (quotes[2].speaker, quotes[2].method) == ("George Bush", "continuation")

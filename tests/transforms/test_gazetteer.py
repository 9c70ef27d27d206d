"""The phrase matcher: one pass over the folded text finds what a pass over the
text as it is and a pass over the folded text find."""

from __future__ import annotations

from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from transforms import gazetteer
from transforms.gazetteer import Alias, Gazetteer, Hit

ALIASES = [
    Alias("START II", "start-2"),
    Alias("START", "start-1"),
    Alias("Start", "start-x"),
    Alias("ABM", "abm-head"),
    Alias("abm treaty", "abm", "fold"),
    Alias("Kyoto", "kyoto-head"),
    Alias("kyoto protocol", "kyoto", "fold"),
    Alias("Başel", "basel"),
    Alias("İzmir pact", "izmir", "fold"),
]

PIECES = [
    "START",
    "Start",
    "start",
    "II",
    "ii",
    "ABM",
    "abm",
    "ABMs",
    "Treaty",
    "treaty",
    "Kyoto",
    "KYOTO",
    "Protocol",
    "protocol",
    "Başel",
    "BAŞEL",
    "İzmir",
    "İZMİR",
    "Pact",
    "pact",
    "Σ",
    "x",
    " ",
    "-",
    ".",
]


def _two_passes() -> Gazetteer[str]:
    """The same aliases matched in two passes, as when a form cannot fold alone."""
    with mock.patch.object(gazetteer, "_folds_alone", lambda form: False):
        return Gazetteer(ALIASES)


def _hits(g: Gazetteer[str], text: str) -> list[Hit[str]]:
    return g.candidates(text)


class TestOnePass:
    def test_the_folded_pass_is_the_only_one(self) -> None:
        g = Gazetteer(ALIASES)
        assert g._as_written is None and g._as_folded is not None

    def test_a_form_that_cannot_fold_alone_keeps_its_pass(self) -> None:
        g = Gazetteer([*ALIASES, Alias("ΣALT", "salt")])
        assert g._as_written is not None
        assert [h.payload for h in g.candidates("the ΣALT talks")] == ["salt"]

    @settings(max_examples=3000, deadline=None)
    @given(
        st.lists(
            st.sampled_from(PIECES),
            max_size=12,
        ).map("".join)
    )
    @example("START II and START, the ABM Treaty and the Kyoto protocol; KYOTO PROTOCOL")
    @example("İzmir pact, İZMİR PACT, BAŞEL, Başel")
    def test_one_pass_finds_what_two_find(self, text: str) -> None:
        assert _hits(Gazetteer(ALIASES), text) == _hits(_two_passes(), text)

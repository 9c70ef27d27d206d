"""Property-based fuzzing of the transforms (hypothesis): whatever bytes arrive, the
only exception that may escape ``extract`` is the project's :class:`InputError`,
and what it returns fits the warehouse. The long campaign (``fuzz_campaign.py``)
runs the same generators by hand at 100,000+ inputs."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.fuzzing import HOSTILE, NAMES, check_one, mutate, seed_pages

SEEDS = seed_pages(limit_corpus=15)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

names = st.sampled_from(NAMES)


@FUZZ
@given(raw=st.binary(max_size=2048), name=names)
def test_arbitrary_bytes_yield_an_article_or_an_input_error(raw: bytes, name: str) -> None:
    """Random bytes under any supported name are rejected with a reason or parsed."""
    assert check_one(raw, name) in {"loaded", "rejected"}


@FUZZ
@given(
    parts=st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40).map(str.encode)), max_size=40),
    name=names,
)
def test_hostile_markup_and_text_fragments_never_escape(parts: list[bytes], name: str) -> None:
    """Tag soup, unterminated comments, bad charset declarations, stray BOMs and
    gzip magic in any order: an article or an InputError, nothing else."""
    assert check_one(b"".join(parts), name) in {"loaded", "rejected"}


@FUZZ
@given(seed=st.sampled_from(SEEDS), rng=st.randoms(use_true_random=False), name=names)
def test_mutated_real_pages_yield_an_article_or_an_input_error(
    seed: tuple[str, bytes], rng: random.Random, name: str
) -> None:
    """Real pages with flipped bytes, hostile insertions, truncation, splices,
    re-encoding and (broken) gzip wrapping."""
    assert check_one(mutate(seed[1], rng), name) in {"loaded", "rejected"}


@pytest.mark.parametrize("name, seed", SEEDS[:4])
def test_unmutated_seeds_load(name: str, seed: bytes) -> None:
    """The property is not vacuous: real pages do load (a check that rejects
    everything would pass the tests above)."""
    suffix = ".html" if name.endswith(".html") else ".txt"
    assert check_one(seed, "page" + suffix) == "loaded"

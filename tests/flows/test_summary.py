"""The run summary: its one-line account, its bounded list of rejects, its artifact."""

from __future__ import annotations

from flows.summary import LISTED_REJECTS, RunSummary


def summary(**counts: int) -> RunSummary:
    return RunSummary(run_id="r", warehouse="w", inbox="i", **counts)


def test_rejects_are_listed_up_to_the_limit_across_calls() -> None:
    """Batches add their rejects in turn; the list stops at the limit, the first kept."""
    s = summary()
    s.add_rejects({"path": f"a{i}", "stage": "read", "reason": "x"} for i in range(LISTED_REJECTS - 3))
    s.add_rejects({"path": f"b{i}", "stage": "read", "reason": "x"} for i in range(10))
    assert len(s.rejects) == LISTED_REJECTS and s.rejects_room == 0
    assert s.rejects[-1]["path"] == "b2"
    s.add_rejects([{"path": "c", "stage": "read", "reason": "x"}])
    assert len(s.rejects) == LISTED_REJECTS


def test_the_artifact_says_how_many_rejects_it_leaves_out() -> None:
    """When more files were rejected than listed, the artifact says so and where the rest are."""
    s = summary(rejected=120)
    s.add_rejects({"path": f"f{i}", "stage": "read", "reason": "x"} for i in range(120))
    text = s.markdown()
    assert f"The first {LISTED_REJECTS} of 120 rejected files; raw.rejects holds all." in text
    assert sum(line.startswith("| f") and "| read |" in line for line in text.splitlines()) == LISTED_REJECTS


def test_the_account_names_refusals_already_known() -> None:
    """Refusals an earlier run recorded are reported apart from new rejections, and
    the account keeps its fixed head when there are none."""
    assert summary(seen=5, already_rejected=3).one_line() == (
        "seen 5, new 0, loaded 0, duplicate 0, rejected 0, already rejected 3 (nothing new to load)"
    )
    assert summary(seen=2, new=2).one_line() == "seen 2, new 2, loaded 2, duplicate 0, rejected 0"


def test_a_run_that_rebuilt_nothing_says_whose_build_stands() -> None:
    """The artifact of a no-op run names the run whose views, marts and checks hold."""
    s = summary(seen=2, unchanged=2)
    s.views_kept_from = "20260102T000000-abc"
    text = s.markdown()
    assert "Nothing changed since run 20260102T000000-abc" in text and "Checks:" not in text

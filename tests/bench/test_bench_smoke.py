"""The benchmark's machinery at a tiny N, so ``make bench`` never rots between uses.

No timing is asserted: the figures depend on the machine and its load. What is
asserted is that the bench builds the inbox it claims, runs the real flow, and
produces every figure of the table and the JSON.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from bench.inbox import SHARED_CORPUS, find_sources, mark, write_inbox
from bench.measure import trafilatura_reference
from bench.run import main
from transforms.errors import InputError
from transforms.extract import extract


@pytest.fixture(scope="module")
def sources():  # type: ignore[no-untyped-def]
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"bench smoke test skipped: {SHARED_CORPUS} (shared corpora) is absent")
    return find_sources()


def _article(raw: bytes, name: str) -> object:
    try:
        x = extract(raw, name=name)
    except InputError as exc:
        return ("rejected", exc.reason)
    return (x.format, x.article, x.quotes, x.speakers, x.mentions, x.treaties)


def test_the_marker_changes_the_bytes_but_not_the_article(sources) -> None:  # type: ignore[no-untyped-def]
    """A marked copy hashes differently and extracts to the same article as its source."""
    for kind in ("text", "html"):
        for path in sources.of(kind)[:: max(1, len(sources.of(kind)) // 6)]:
            raw = path.read_bytes()
            copy = mark(raw, kind=kind, index=12345)
            assert hashlib.sha256(copy).digest() != hashlib.sha256(raw).digest()
            assert _article(copy, path.name) == _article(raw, path.name), path


def test_the_inbox_holds_n_unique_files_in_the_corpus_proportion(sources, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Cycling past the end of the corpus still yields files with distinct bytes."""
    n = len(sources.text) + 7
    files = write_inbox(tmp_path, sources, kind="text", count=n)
    assert len(files) == n == len({hashlib.sha256(p.read_bytes()).hexdigest() for p in files})
    split = sources.split(1000)
    assert split["text"] + split["html"] == 1000 and 0 < split["html"] < split["text"]


def test_the_reference_counts_pages_and_failures(tmp_path: Path) -> None:
    """The reference times every page and counts the ones the extractor gives up on."""
    pages = []
    for i in range(3):
        pages.append(tmp_path / f"{i}.html")
        pages[-1].write_bytes(b"<p>x</p>" if i else b"")
    ref = trafilatura_reference(pages, extractor=lambda raw: raw or None)
    assert ref is not None and ref.pages == 3 and ref.failed == 1 and ref.seconds >= 0


@pytest.mark.usefixtures("prefect_harness")
def test_a_tiny_bench_prints_the_table_and_saves_the_json(
    sources, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    """N=20 through the real flow on a two-process pool: three runs, views, JSON, table."""
    for k, v in {
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }.items():
        monkeypatch.setenv(k, v)  # main() only sets defaults; keep them from leaking past this test
    results = tmp_path / "results"
    args = ["--sizes", "20", "--work", str(tmp_path / "work"), "--results", str(results)]
    assert main([*args, "--workers", "2", "--batch-size", "4", "--view-repeats", "1"]) == 0

    [saved] = results.glob("*-20.json")
    r = json.loads(saved.read_text())
    assert r["n"] == 20 and r["files"]["text"] + r["files"]["html"] == 20
    assert r["runs"]["noop"]["loaded"] == 0 and r["runs"]["noop"]["unchanged"] == 20
    assert r["runs"]["html"]["views_kept_from"] is None  # it loaded files: rebuilt
    assert r["runs"]["noop"]["views_kept_from"]  # nothing new: the marts of the HTML run stand
    assert r["runs"]["text"]["loaded"] + r["runs"]["text"]["rejected"] == r["files"]["text"]
    assert {v["view"] for v in r["views"]} >= {"treaty_summary", "country_summary", "speaker_summary"}
    assert set(r["derived"]["stage_seconds"]) == {
        "open",
        "discover",
        "parse",
        "parquet",
        "load",
        "views",
        "checks",
    }
    assert {t["target"] for t in r["targets"]} >= {"text renderings, files/s", "no-op re-run, s"}
    # the steady-state rate leaves out only Prefect's fixed cost of a flow run, measured apart
    overhead = r["prefect_startup"]["flow_run_overhead"]
    steady, end_to_end = r["derived"]["text_files_per_s_steady"], r["derived"]["text_files_per_s"]
    assert overhead > 0 and steady > end_to_end
    assert steady == pytest.approx(r["files"]["text"] / (r["runs"]["text"]["wall"] - overhead))
    assert not (tmp_path / "work" / "n20").exists()
    out = capsys.readouterr().out
    assert "files/s end to end" in out and "analytics.treaty_summary" in out

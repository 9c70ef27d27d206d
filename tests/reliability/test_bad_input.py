"""Bad input is rejected with a reason, never lost, and never sinks its batch.

Plain functions (scan, read, parse, load) on a real DuckDB file for each kind of
bad file, then one ``wirehouse run`` over an inbox holding all of them at once.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import time
from pathlib import Path

import duckdb
import pytest

from flows import warehouse as wh
from flows.batch import BatchRows, parse_batch
from flows.files import read_bounded
from flows.inbox import scan_inbox
from flows.settings import Settings
from tests.reliability.conftest import wirehouse_run
from tests.reliability.hostile import (
    BAD_FILES,
    GOOD,
    as_unprivileged,
    inbox_state,
    nested_article,
    unique_good,
    write_all,
)
from transforms import PARSER_VERSION
from transforms.errors import UnreadableFile

MAX = Settings().max_bytes
NOW = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)


def parse(inbox: Path, *, max_bytes: int = MAX) -> BatchRows:
    scan = scan_inbox(inbox)
    return parse_batch(
        scan.candidates, run_id="r", parser_version=PARSER_VERSION, max_bytes=max_bytes, ingested_at=NOW
    )


def outcomes(rows: BatchRows) -> dict[str, dict[str, str | None]]:
    """path → status, stage, reason, sha256 for every file of a parsed batch."""
    out = {
        r["path"]: {"status": r["status"], "stage": r["stage"], "reason": r["reason"], "sha256": r["sha256"]}
        for r in rows.files.to_pylist()
    }
    out.update(
        {
            r["path"]: {"status": "unread", "stage": r["stage"], "reason": r["reason"], "sha256": None}
            for r in rows.unread.to_pylist()
        }
    )
    return out


def test_the_default_size_limit_is_20_mb() -> None:
    """Oversize means over 20 MB unless configured."""
    assert MAX == 20 * 1024 * 1024


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_rejected_with_its_hash_stage_and_reason_and_the_batch_goes_on(
    tmp_path: Path, name: str
) -> None:
    """Empty, blank, binary (NUL bytes, an image renamed .txt), undecodable, truncated
    or corrupt gzip, a gzip bomb, HTML without article text, thousands of nested
    empty elements: a rejected manifest row with the content hash, the stage and a
    reason; the good file next to it in the same batch loads."""
    raw, stage, words = BAD_FILES[name]
    write_all(tmp_path, {name: raw, "good.txt": GOOD})
    got = outcomes(parse(tmp_path))
    assert got["good.txt"]["status"] == "loaded"
    bad = got[name]
    assert bad["status"] == "rejected", bad
    assert bad["stage"] == stage and bad["sha256"] and len(bad["sha256"]) == 64
    assert bad["reason"] and words in str(bad["reason"]), bad["reason"]


def test_an_image_renamed_txt_names_the_format(tmp_path: Path) -> None:
    """The reason names the format a person would recognise ("PNG image")."""
    write_all(tmp_path, {"photo.txt": BAD_FILES["photo.txt"][0]})
    assert "PNG" in str(outcomes(parse(tmp_path))["photo.txt"]["reason"])


def test_deeply_nested_html_is_parsed_in_bounded_time(tmp_path: Path) -> None:
    """An article inside 3,000 levels of markup loads (or is rejected) within
    seconds, with no RecursionError escaping."""
    write_all(tmp_path, {"deep.html": nested_article(3000)})
    t0 = time.perf_counter()
    got = outcomes(parse(tmp_path))["deep.html"]
    assert time.perf_counter() - t0 < 20
    assert got["status"] in {"loaded", "rejected"} and got["stage"] != "internal", got


def test_hostile_html_never_fetches_or_reads_anything(tmp_path: Path) -> None:
    """External entities, XInclude, stylesheets, images and meta refresh pointing at
    a local file and a local listening port are inert text: nothing connects to the
    port and the file's content never reaches the article."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-42")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/x"
        body = b"".join(b"<p>" + line + b"</p>" for line in GOOD.split(b"\n") if line.strip())
        page = (
            (
                f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
                f'<!ENTITY net SYSTEM "{url}">]><html xmlns:xi="http://www.w3.org/2001/XInclude"><head>'
                f'<link rel="stylesheet" href="{url}"><meta http-equiv="refresh" content="0;url={url}">'
                f'<base href="{url}"></head><body><xi:include href="file://{secret}" parse="text"/>'
                f'<img src="{url}"><iframe src="{url}"></iframe><p>&xxe; &net;</p>'
            ).encode()
            + body
            + b"</body></html>"
        )
        write_all(tmp_path / "inbox", {"page.html": page})
        rows = parse(tmp_path / "inbox")
        listener.setblocking(False)
        with pytest.raises(BlockingIOError):
            listener.accept()
    assert outcomes(rows)["page.html"]["status"] == "loaded"
    assert "TOPSECRET" not in str(rows.data["articles"].to_pylist())


def test_the_size_limit_is_configurable_and_refuses_before_reading(tmp_path: Path) -> None:
    """A file over ``max_bytes`` is refused at the read stage with its size and the limit."""
    write_all(tmp_path, {"big.txt": unique_good(1), "small.txt": b"Hello. " * 10})
    got = outcomes(parse(tmp_path, max_bytes=1000))
    assert got["big.txt"]["status"] == "unread" and got["big.txt"]["stage"] == "read"
    assert re.search(r"\d+ bytes, over the 1000-byte limit", str(got["big.txt"]["reason"]))


def test_symlinks_out_of_the_inbox_are_refused_and_never_read(tmp_path: Path) -> None:
    """A file or folder symlink that leads outside the inbox is refused at discovery."""
    outside = tmp_path / "outside"
    write_all(outside, {"secret.txt": GOOD})
    inbox = tmp_path / "inbox"
    write_all(inbox, {"good.txt": GOOD})
    (inbox / "link.txt").symlink_to(outside / "secret.txt")
    (inbox / "linked-dir").symlink_to(outside)
    scan = scan_inbox(inbox)
    assert [c.rel for c in scan.candidates] == ["good.txt"]
    refused = {r["path"]: r["reason"] for r in scan.refused}
    assert refused == {
        "link.txt": "symlink points outside the inbox",
        "linked-dir": "symlink points outside the inbox",
    }


def test_a_named_pipe_is_refused_and_never_blocks(tmp_path: Path) -> None:
    """A FIFO named like an article is refused at discovery; reading one directly
    fails at once instead of waiting for a writer forever."""
    os.mkfifo(tmp_path / "pipe.txt")
    scan = scan_inbox(tmp_path)
    assert not scan.candidates and "not a regular file" in scan.refused[0]["reason"]
    with pytest.raises(UnreadableFile, match="named pipe"):
        read_bounded(tmp_path / "pipe.txt", max_bytes=MAX)


def test_an_unreadable_file_is_rejected_for_permissions(tmp_path: Path) -> None:
    """Mode 000 (read by a process that cannot bypass permissions): rejected at the
    read stage with "permission denied"; the other file of the batch loads."""
    write_all(tmp_path, {"locked.txt": unique_good(2), "good.txt": GOOD})
    (tmp_path / "locked.txt").chmod(0)
    got = as_unprivileged(lambda: outcomes(parse(tmp_path)))
    assert got["locked.txt"] == {
        "status": "unread",
        "stage": "read",
        "reason": "permission denied",
        "sha256": None,
    }
    assert got["good.txt"]["status"] == "loaded"


def test_a_file_that_vanishes_or_changes_after_discovery_is_refused_this_run(tmp_path: Path) -> None:
    """Deleted, or appended to, between discovery and the end of its read: refused
    with a reason (no half-written file is loaded)."""
    write_all(tmp_path, {"gone.txt": unique_good(3), "growing.txt": unique_good(4), "good.txt": GOOD})
    scan = scan_inbox(tmp_path)
    (tmp_path / "gone.txt").unlink()
    with open(tmp_path / "growing.txt", "ab") as fh:
        fh.write(b"\nA paragraph still being written")
    rows = parse_batch(
        scan.candidates, run_id="r", parser_version=PARSER_VERSION, max_bytes=MAX, ingested_at=NOW
    )
    got = outcomes(rows)
    assert got["gone.txt"]["reason"] == "file vanished before it could be read"
    assert "changed while being read" in str(got["growing.txt"]["reason"])
    assert got["good.txt"]["status"] == "loaded"


def test_a_refused_changing_file_loads_next_run_and_leaves_no_stale_reject(tmp_path: Path) -> None:
    """The transient reject is recorded, then cleared when the settled file loads."""
    inbox = tmp_path / "inbox"
    write_all(inbox, {"growing.txt": unique_good(5)})
    con = wh.connect(tmp_path / "w.duckdb")
    wh.apply_structure(con)
    scan = scan_inbox(inbox)
    (inbox / "growing.txt").write_bytes(unique_good(6))
    os.utime(inbox / "growing.txt", ns=(1, 1))
    for run in ("r1", "r2"):
        rows = parse_batch(
            scan.candidates, run_id=run, parser_version=PARSER_VERSION, max_bytes=MAX, ingested_at=NOW
        )
        wh.load_batch(con, rows, parquet={}, run_id=run, parser_version=PARSER_VERSION, now=NOW)
        if run == "r1":
            assert con.execute("select stage from raw.rejects where path = 'growing.txt'").fetchall() == [
                ("read",)
            ]
        scan = scan_inbox(inbox)
    assert con.execute("select count(*) from raw.rejects").fetchone() == (0,)
    assert con.execute("select status from raw.files").fetchall() == [("loaded",)]


@pytest.mark.integration
def test_a_run_over_an_inbox_of_bad_files_rejects_each_and_loads_the_rest(
    prefect_api: str, tmp_path: Path
) -> None:
    """``wirehouse run`` over every kind of bad file plus good ones, in one batch:
    exit 0, one ``raw.rejects`` row per bad file (path, hash where read, stage,
    reason), good files loaded, checks pass, the inbox byte-for-byte untouched, and
    a closing one-line account."""
    inbox = tmp_path / "inbox"
    write_all(inbox, {name: raw for name, (raw, _, _) in BAD_FILES.items()})
    write_all(
        inbox, {"good-1.txt": unique_good(1), "good-2.txt": unique_good(2), "zz-copy.txt": unique_good(1)}
    )
    write_all(
        inbox, {"huge.txt": GOOD + b"x" * 100_000, "notes.pdf": b"%PDF-1.4", "locked.txt": unique_good(7)}
    )
    write_all(tmp_path / "outside", {"secret.txt": GOOD})
    (inbox / "link.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "locked.txt").chmod(0)  # root still reads it: loaded here, refused in the test above
    before = inbox_state(inbox)
    done = wirehouse_run(
        prefect_api, inbox, tmp_path / "w", "--batch-size", "50", "--workers", "1", "--max-bytes", "100000"
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert inbox_state(inbox) == before
    with duckdb.connect(str(tmp_path / "w" / "wirehouse.duckdb"), read_only=True) as con:
        rejects = {
            r[0]: r[1:] for r in con.execute("select path, sha256, stage, reason from raw.rejects").fetchall()
        }
        loaded = {r[0] for r in con.execute("select path from raw.articles").fetchall()}
        failed = {k: v for k, v in wh.run_checks(con).items() if v}
    expected_loaded = {"good-1.txt", "good-2.txt"} | ({"locked.txt"} if os.geteuid() == 0 else set())
    assert loaded == expected_loaded and not failed
    assert set(rejects) == set(BAD_FILES) | {"huge.txt", "notes.pdf", "link.txt", "pipe.txt"} | (
        set() if os.geteuid() == 0 else {"locked.txt"}
    )
    for name, (_, stage, words) in BAD_FILES.items():
        sha, got_stage, reason = rejects[name]
        assert sha and got_stage == stage and words in reason, (name, rejects[name])
    assert rejects["huge.txt"][1:] == (
        "read",
        f"file is {len(GOOD) + 100_000} bytes, over the 100000-byte limit",
    )
    assert rejects["link.txt"][1] == "discover" and rejects["pipe.txt"][1] == "discover"
    n_bad = len(rejects)
    last = done.stdout.strip().splitlines()[-1]
    assert (
        last == f"seen {len(before)}, new {len(before)}, loaded {len(loaded)}, duplicate 1, rejected {n_bad}"
    )

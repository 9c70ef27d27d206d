"""``wirehouse run --reparse``: rows an older parser version derived are re-derived
from the inbox in place, one transaction per batch, with no duplicates in the
tables or the Parquet dataset, even when the run is killed half-way."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from flows import warehouse as wh
from flows.batch import BatchRows, only, parse_batch, without_known
from flows.inbox import scan_inbox
from flows.parquet import parquet_path, write_atomic
from flows.parsing import chunks
from tests.reliability.conftest import spawn_run, wirehouse_run
from tests.reliability.state import Snapshot, assert_same_data, snapshot
from transforms import PARSER_VERSION

pytestmark = pytest.mark.integration  # starts a real Prefect server and wirehouse subprocesses

OLD = "0.0.1-old"
THEN = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
ARGS = ("--batch-size", "3", "--workers", "1", "--reparse")


def _as_old_parser_would(rows: BatchRows, *, reject: str) -> BatchRows:
    """What an older parser got wrong: other headlines, no quotes, and one article
    (``reject``) it could not parse at all."""
    files = rows.files
    hit = pc.equal(files.column("path"), reject)
    files = files.set_column(
        files.schema.get_field_index("status"), "status", pc.if_else(hit, "rejected", files.column("status"))
    )
    files = files.set_column(
        files.schema.get_field_index("stage"), "stage", pc.if_else(hit, "parse", files.column("stage"))
    )
    files = files.set_column(
        files.schema.get_field_index("reason"),
        "reason",
        pc.if_else(hit, "no prose paragraphs", files.column("reason")),
    )
    gone = files.filter(hit).column("sha256")
    data = {
        n: t.filter(pc.invert(pc.is_in(t.column("article_id"), value_set=gone))) for n, t in rows.data.items()
    }
    arts = data["articles"]
    data["articles"] = arts.set_column(
        arts.schema.get_field_index("headline"),
        "headline",
        pc.binary_join_element_wise("old ", arts.column("headline"), ""),
    )
    data["quotes"] = data["quotes"].slice(0, 0)
    return BatchRows(files=files, unread=rows.unread, data=data)


def load_with_old_parser(inbox: Path, warehouse: Path) -> None:
    """Build the warehouse an older parser version would have left, through the
    flow's own plain functions (parse, Parquet, load transaction), batch size 3."""
    root = warehouse / "parquet"
    con = wh.connect(warehouse / "wirehouse.duckdb")
    try:
        wh.apply_structure(con)
        wh.load_reference(con)
        wh.start_run(con, run_id="old", inbox=str(inbox), parser_version=OLD, now=THEN)
        candidates = scan_inbox(inbox).candidates
        for number, chunk in enumerate(chunks(candidates, 3)):
            rows = parse_batch(chunk, run_id="old", parser_version=OLD, max_bytes=1 << 24, ingested_at=THEN)
            rows = _as_old_parser_would(rows, reject=candidates[4].rel)
            rows = without_known(rows, wh.known_hashes(con, rows.files.column("sha256").to_pylist()))
            stored = {}
            for name, table in rows.data.items():
                if table.num_rows:
                    path = parquet_path(root, table=name, ingest_date=THEN.date(), run_id="old", batch=number)
                    stored[name] = (write_atomic(table, path).relative_to(root), table.num_rows)
            wh.load_batch(con, rows, parquet=stored, run_id="old", parser_version=OLD, now=THEN)
        wh.finish_run(con, run_id="old", status="completed", counts={}, now=THEN)
        wh.apply_derived(con)
    finally:
        con.close()


def test_the_old_warehouse_really_differs(reference: tuple[Path, Snapshot, str], tmp_path: Path) -> None:
    """The starting point is stale: other headlines, no quotes, one article rejected."""
    inbox, clean, _ = reference
    load_with_old_parser(inbox, tmp_path / "w")
    old = snapshot(tmp_path / "w")
    assert not old.failed_checks
    assert old.counts()["quotes"] == 0 < clean.counts()["quotes"]
    assert old.counts()["articles"] == clean.counts()["articles"] - 1


def test_reparse_rederives_every_stale_row_in_place(
    prefect_api: str, reference: tuple[Path, Snapshot, str], tmp_path: Path
) -> None:
    """After ``--reparse`` the warehouse equals a clean run of the current parser:
    same rows (a formerly rejected file now loaded), Parquet equal to the tables,
    the old Parquet files gone, nothing left stale; a second ``--reparse`` is a no-op."""
    inbox, clean, _ = reference
    load_with_old_parser(inbox, tmp_path / "w")
    old_files = snapshot(tmp_path / "w").on_disk
    done = wirehouse_run(prefect_api, inbox, tmp_path / "w", *ARGS)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1].endswith(", reparsed 42")
    after = snapshot(tmp_path / "w")
    assert_same_data(after, clean)
    assert not (old_files & after.on_disk), "a Parquet file of the old parser survived"
    again = wirehouse_run(prefect_api, inbox, tmp_path / "w", *ARGS)
    assert again.returncode == 0 and "reparsed" not in again.stdout.strip().splitlines()[-1]
    assert snapshot(tmp_path / "w").on_disk == after.on_disk


def test_without_reparse_stale_rows_stay_and_the_run_says_so(
    prefect_api: str, reference: tuple[Path, Snapshot, str], tmp_path: Path
) -> None:
    """A plain run leaves older rows alone and reports how many files are stale."""
    inbox, _, _ = reference
    load_with_old_parser(inbox, tmp_path / "w")
    before = snapshot(tmp_path / "w")
    done = wirehouse_run(prefect_api, inbox, tmp_path / "w", "--workers", "1")
    assert done.returncode == 0, done.stderr[-3000:]
    assert (
        done.stdout.strip()
        .splitlines()[-1]
        .endswith("reparsed 0, 42 from an older parser left (nothing new to load)")
    )
    assert snapshot(tmp_path / "w").tables == before.tables


def test_a_failed_replace_transaction_changes_nothing(
    reference: tuple[Path, Snapshot, str], tmp_path: Path
) -> None:
    """A re-derived batch that cannot be inserted rolls back whole: old rows,
    manifest and Parquet records all as they were."""
    inbox, _, _ = reference
    load_with_old_parser(inbox, tmp_path / "w")
    before = snapshot(tmp_path / "w")
    con = wh.connect(tmp_path / "w" / "wirehouse.duckdb")
    stale = wh.stale_files(con, parser_version=PARSER_VERSION)[:3]
    rows = parse_batch(
        [c for c in scan_inbox(inbox).candidates if c.rel in {s.paths[0] for s in stale}],
        run_id="new",
        parser_version=PARSER_VERSION,
        max_bytes=1 << 24,
        ingested_at=THEN,
    )
    rows = only(rows, {s.sha256 for s in stale})
    arts = rows.data["articles"]
    rows.data["articles"] = arts.set_column(
        arts.schema.get_field_index("path"),
        pa.field("path", pa.string()),
        pa.nulls(arts.num_rows, pa.string()),
    )
    retired = wh.parquet_holding(con, rows.files.column("sha256").to_pylist())
    with pytest.raises(Exception, match=r"(?i)not null"):
        wh.replace_batch(
            con,
            rows,
            written=[],
            retired=retired,
            batch_id="new-00000",
            run_id="new",
            parser_version=PARSER_VERSION,
        )
    con.close()
    after = snapshot(tmp_path / "w")
    assert after.tables == before.tables and after.registered == before.registered


def test_a_reparse_killed_half_way_completes_on_the_next_run(
    prefect_api: str, reference: tuple[Path, Snapshot, str], tmp_path: Path
) -> None:
    """SIGKILL during re-derivation (after its first new Parquet file, and later),
    then ``--reparse`` again: the same warehouse as a clean run."""
    inbox, clean, _ = reference
    warehouse = tmp_path / "w"
    load_with_old_parser(inbox, warehouse)
    killed = 0
    for wait_files, then in ((1, 0.0), (6, 0.3)):
        before = set(map(str, (warehouse / "parquet").rglob("*")))
        proc = spawn_run(prefect_api, inbox, warehouse, *ARGS)
        while proc.poll() is None:
            if len(set(map(str, (warehouse / "parquet").rglob("*"))) - before) >= wait_files:
                time.sleep(then)
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                killed += 1
                break
            time.sleep(0.003)
    assert killed == 2
    done = wirehouse_run(prefect_api, inbox, warehouse, *ARGS)
    assert done.returncode == 0, done.stderr[-3000:]
    assert_same_data(snapshot(warehouse), clean)


def test_reparse_parses_on_the_dask_cluster_new_files_would_use(
    prefect_api: str, reference: tuple[Path, Snapshot, str], tmp_path: Path
) -> None:
    """With a scheduler address, re-derived batches are parsed by the cluster's
    workers (``--reparse`` used the local pool even then), one Dask task per
    batch, and the warehouse equals a clean run."""
    import distributed

    from flows import cluster as local_cluster

    inbox, clean, _ = reference
    load_with_old_parser(inbox, tmp_path / "w")
    with (tmp_path / "cluster.log").open("wb") as log:
        cluster = local_cluster.start(port=0, workers=1, workdir=tmp_path / "dask", log=log.fileno())
        try:
            done = wirehouse_run(
                prefect_api,
                inbox,
                tmp_path / "w",
                "--batch-size",
                "3",
                "--reparse",
                "--dask",
                cluster.address,
            )
            with distributed.Client(cluster.address, set_as_default=False) as client:
                finished = client.run_on_scheduler(
                    lambda dask_scheduler: {
                        k: v.state_counts["memory"] for k, v in dask_scheduler.task_prefixes.items()
                    }
                )
        finally:
            cluster.stop()
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1].endswith(", reparsed 42")
    assert finished.get("parse_batch") == 14, finished  # 42 stale files in batches of 3
    assert_same_data(snapshot(tmp_path / "w"), clean)

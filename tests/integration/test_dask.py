"""The ingest flow on a real Dask cluster: a ``dask scheduler`` and two ``dask worker``
processes on 127.0.0.1 (free ports), started by :mod:`flows.cluster`.

The flow itself runs in this process under the session's Prefect test harness; the
workers get no Prefect server at all, which is the point: they run plain functions.
Every process the module starts is stopped by its PID's process group in the
fixture's teardown, also when a test fails, and the teardown checks none survived.
About 20 s on 2 cores; run alone with ``pytest tests/integration/test_dask.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import distributed
import duckdb
import pytest

from flows import cluster as local_cluster
from flows.distributed import ClusterUnavailable, cluster_pool
from flows.ingest import ingest_articles

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600), pytest.mark.usefixtures("prefect_harness")]

DATA_TABLES = ("articles", "quotes", "mentions", "speakers", "article_treaties")
# Columns that name the run, its time or its batch files: equal content differs only there.
RUN_SPECIFIC = re.compile(r"(^|_)run_id$|_at$|^batch_id$|^parquet_path$")
# Bookkeeping of runs and files rather than content.
SKIPPED = {("raw", "runs"), ("raw", "parquet_files"), ("raw", "article_batches")}


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[local_cluster.LocalCluster]:
    """One scheduler and two single-threaded workers for the module; stopped by PID."""
    workdir = tmp_path_factory.mktemp("dask")
    with (workdir / "cluster.log").open("wb") as log:
        started = local_cluster.start(port=0, workers=2, workdir=workdir, log=log.fileno())
        try:
            yield started
        finally:
            started.stop()
    survivors = [pid for pid in started.pids if _group_alive(pid)]
    assert not survivors, f"Dask processes outlived the teardown: {survivors}"


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    os.killpg(pgid, signal.SIGKILL)  # never leave one behind, even when the assertion fails
    return True


def snapshot(warehouse: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every raw table, mart and analytics view, sorted, without run-specific columns."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with duckdb.connect(str(warehouse / "wirehouse.duckdb"), read_only=True) as con:
        objects = con.execute(
            """
            select schema_name, table_name from duckdb_tables()
            where database_name = current_database()
            union all
            select schema_name, view_name from duckdb_views()
            where not internal and database_name = current_database()
            """
        ).fetchall()
        for schema, name in sorted(objects):
            if (schema, name) in SKIPPED or schema in ("main", "information_schema", "pg_catalog"):
                continue
            columns = [
                c
                for (c,) in con.execute(
                    "select column_name from duckdb_columns()"
                    " where schema_name = ? and table_name = ? order by column_index",
                    [schema, name],
                ).fetchall()
                if not RUN_SPECIFIC.search(c)
            ]
            select = ", ".join(f'"{c}"' for c in columns)
            out[f"{schema}.{name}"] = con.execute(
                f"select {select} from {schema}.{name} order by all"
            ).fetchall()
    return out


def parquet_rows(warehouse: Path) -> dict[str, int]:
    """Rows per table in the Parquet dataset on disk."""
    with duckdb.connect() as con:
        out = {}
        for t in DATA_TABLES:
            files = sorted(str(p) for p in (warehouse / "parquet" / t).rglob("*.parquet"))
            out[t] = (
                con.execute("select count(*) from read_parquet(?)", [files]).fetchone()[0] if files else 0
            )
        return out


def worker_state(address: str) -> dict[str, Any]:
    """What the workers did: batches they ran, and whether any imported Prefect."""
    with distributed.Client(address, set_as_default=False) as client:
        prefect_loaded = client.run(lambda: "prefect" in __import__("sys").modules)
        # state_counts counts transitions into each state: "memory" once per finished task
        done = client.run_on_scheduler(
            lambda dask_scheduler: {
                k: v.state_counts["memory"] for k, v in dask_scheduler.task_prefixes.items()
            }
        )
    batches = done.get("parse_and_write_batch", 0)
    return {"prefect_loaded": prefect_loaded, "batches": batches}


@pytest.fixture
def local_warehouse(inbox: Path, tmp_path: Path) -> Path:
    """The sample inbox ingested by the default runner (local, inline): the reference."""
    warehouse = tmp_path / "local"
    summary = ingest_articles(inbox=str(inbox), warehouse=str(warehouse), workers=1, batch_size=1)
    assert summary["new"] == 2 and not any(summary["checks_failed"].values())
    return warehouse


def test_a_cluster_run_builds_the_same_warehouse_as_a_local_run(
    dask_cluster: local_cluster.LocalCluster, inbox: Path, tmp_path: Path, local_warehouse: Path
) -> None:
    """With a scheduler address, batches are parsed and written to Parquet by the Dask
    workers (which never load Prefect), and every table, mart and view equals the
    local run's; the Parquet dataset holds exactly the loaded rows."""
    before = worker_state(dask_cluster.address)["batches"]
    warehouse = tmp_path / "cluster"
    summary = ingest_articles(
        inbox=str(inbox), warehouse=str(warehouse), batch_size=1, dask_address=dask_cluster.address
    )
    assert summary["new"] == 2 and not any(summary["checks_failed"].values())
    reference = snapshot(local_warehouse)
    assert reference["raw.files"] and reference["raw.quotes"]
    assert any(k.startswith("analytics.") for k in reference)
    assert snapshot(warehouse) == reference
    assert parquet_rows(warehouse) == parquet_rows(local_warehouse)
    assert parquet_rows(warehouse)["articles"] == 2
    state = worker_state(dask_cluster.address)
    assert state["batches"] - before == 2, "each batch was one Dask task on the workers"
    assert not any(state["prefect_loaded"].values()), "workers run plain functions, no Prefect"


def test_a_flow_under_prefect_dask_task_runner_parses_on_its_cluster(
    dask_cluster: local_cluster.LocalCluster, inbox: Path, tmp_path: Path, local_warehouse: Path
) -> None:
    """Run under prefect-dask's ``DaskTaskRunner`` (no address setting), the flow
    borrows the runner's client and builds the same warehouse on its cluster."""
    from prefect_dask import DaskTaskRunner

    before = worker_state(dask_cluster.address)["batches"]
    warehouse = tmp_path / "runner"
    flow = ingest_articles.with_options(task_runner=DaskTaskRunner(address=dask_cluster.address))
    summary = flow(inbox=str(inbox), warehouse=str(warehouse), batch_size=2)
    assert summary["new"] == 2 and not any(summary["checks_failed"].values())
    assert snapshot(warehouse) == snapshot(local_warehouse)
    assert worker_state(dask_cluster.address)["batches"] - before == 1


def test_articles_already_loaded_are_dropped_from_worker_written_parquet(
    dask_cluster: local_cluster.LocalCluster, inbox: Path, tmp_path: Path
) -> None:
    """A batch that mixes a new article with a renamed copy of a loaded one: the workers
    wrote both, the flow rewrites the files without the copy, so the Parquet dataset
    still equals the tables and every check passes; a re-run loads nothing."""
    warehouse = tmp_path / "warehouse"
    first = ingest_articles(inbox=str(inbox), warehouse=str(warehouse), dask_address=dask_cluster.address)
    assert first["new"] == 2
    seed = sorted(inbox.glob("*.txt"))[0]
    shutil.copy(seed, inbox / "copy-of-seed.txt")
    (inbox / "new.txt").write_text(
        seed.read_text(encoding="utf-8") + "\nA closing paragraph that makes this file new.\n"
    )
    second = ingest_articles(
        inbox=str(inbox), warehouse=str(warehouse), batch_size=10, dask_address=dask_cluster.address
    )
    assert second["new"] == 1 and second["duplicate"] == 1
    assert not any(second["checks_failed"].values())
    with duckdb.connect(str(warehouse / "wirehouse.duckdb"), read_only=True) as con:
        tables = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in DATA_TABLES}
    assert parquet_rows(warehouse) == tables
    assert not list((warehouse / "parquet").rglob("*.tmp"))
    third = ingest_articles(inbox=str(inbox), warehouse=str(warehouse), dask_address=dask_cluster.address)
    assert third["new"] == 0 and third["unchanged"] == 4


def test_an_unreachable_scheduler_fails_fast_with_a_clear_error() -> None:
    """No scheduler at the address: a ``ClusterUnavailable`` naming it, within the timeout."""
    address = f"tcp://127.0.0.1:{_free_port()}"
    with pytest.raises(ClusterUnavailable, match=re.escape(address)), cluster_pool(address, timeout=2):
        pass


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])

"""Scheduled runs as a data engineer deploys them: a real ``prefect server`` and a real
``process`` worker on 127.0.0.1, the deployment from ``deployments/prefect.yaml``,
runs triggered with ``prefect deployment run``.

Everything runs in a temporary ``PREFECT_HOME`` on a free port. Every process the
module starts is recorded by PID and stopped in the fixture's teardown (SIGINT, a
second SIGINT, SIGKILL of its group), also when a test fails. About a minute on
2 cores; run alone with ``pytest -m integration``.

The stack is brought up by ``python -m flows.serve``, the command ``make serve``
runs, so the supervisor's start-up and its Ctrl-C handling are under test too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows import serve

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_INBOX = ROOT / "examples" / "inbox"
DEPLOYMENT = serve.DEPLOYMENT
POOL = "wirehouse-test"


@dataclass
class Stack:
    """A running server + worker, and what a test needs to talk to them."""

    api_url: str
    env: dict[str, str]
    logs: Path
    processes: dict[str, subprocess.Popen[str]] = field(default_factory=dict)
    children: dict[str, int] = field(default_factory=dict)
    scheduled: list[dt.datetime] = field(default_factory=list)
    deployment: dict[str, Any] = field(default_factory=dict)

    def log_tail(self, lines: int = 40) -> str:
        """The end of every child's log, for failure messages."""
        out = []
        for path in sorted(self.logs.glob("*.log")):
            text = path.read_text(errors="replace").splitlines()[-lines:]
            out.append(f"--- {path.name} ---\n" + "\n".join(text))
        return "\n".join(out)

    def run_deployment(self, params: dict[str, Any], *, timeout: int = 240) -> dict[str, Any]:
        """``prefect deployment run NAME --params ... --watch``; the finished flow run (API JSON)."""
        done = subprocess.run(
            [str(serve.prefect_bin()), "--no-prompt", "deployment", "run", DEPLOYMENT,
             "--params", json.dumps(params), "--watch", "--watch-timeout", str(timeout)],
            env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=timeout + 60,
        )  # fmt: skip
        found = re.search(r"UUID: ([0-9a-f-]{36})", done.stdout)
        assert found, f"no flow run created:\n{done.stdout}\n{done.stderr}"
        run = self.api("GET", f"/flow_runs/{found.group(1)}")
        assert run["state"]["type"] == "COMPLETED", (
            f"flow run ended {run['state']['type']}: {run['state'].get('message')}\n"
            f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}\n{self.log_tail()}"
        )
        return run

    def create_run(self, params: dict[str, Any]) -> str:
        """A flow run of the deployment through the API (no CLI start-up cost); its id."""
        dep = self.api("GET", f"/deployments/name/{DEPLOYMENT}")
        run = self.api("POST", f"/deployments/{dep['id']}/create_flow_run", {"parameters": params})
        return str(run["id"])

    def api(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return serve.api_call(self.api_url, method, path, body)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """``python -m flows.serve`` (what ``make serve`` runs) in a temporary PREFECT_HOME
    on a free port: server, work pool, deployment, worker. Every PID it reports is
    recorded; teardown stops them all, also when a test failed or serve hung."""
    home = tmp_path_factory.mktemp("prefect-home")
    logs = tmp_path_factory.mktemp("logs")
    port = serve.free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    # A quick worker poll (default 10 s); a patient client for a loaded 2-core box.
    env = serve.prefect_env(
        api_url, PREFECT_HOME=str(home), PREFECT_WORKER_QUERY_SECONDS="2", PREFECT_API_REQUEST_TIMEOUT="120"
    )
    st = Stack(api_url=api_url, env=env, logs=logs)
    serve_env = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}  # start our own server
    try:
        with (logs / "serve.log").open("w") as log:
            st.processes["serve"] = serve.start(
                [sys.executable, "-m", "flows.serve", "--port", str(port), "--pool", POOL],
                env=serve_env, cwd=ROOT, log=log,
            )  # fmt: skip
        running = _wait_for_line(logs / "serve.log", st.processes["serve"], RUNNING, timeout=300)
        st.children = {"server": int(running.group(1)), "worker": int(running.group(2))}
        st.scheduled = _wait_scheduled_runs(st, at_least=2, timeout=120)
        st.deployment = st.api("GET", f"/deployments/name/{DEPLOYMENT}")  # as deployed
        _pause_schedules(st)
        yield st
    finally:
        _stop_all(st)


def _wait_scheduled_runs(st: Stack, *, at_least: int, timeout: float) -> list[dt.datetime]:
    """Start times of the runs the server's scheduler created from the cron schedule."""
    dep = st.api("GET", f"/deployments/name/{DEPLOYMENT}")
    query = {
        "deployments": {"id": {"any_": [dep["id"]]}},
        "flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}}},
    }
    deadline = time.monotonic() + timeout
    while True:
        runs = st.api("POST", "/flow_runs/filter", query)
        if len(runs) >= at_least or time.monotonic() > deadline:
            return sorted(dt.datetime.fromisoformat(r["expected_start_time"]) for r in runs)
        time.sleep(1)


def _pause_schedules(st: Stack) -> None:
    """Deactivate the cron schedule (the server then drops its future runs), so no
    scheduled run with the default parameters fires into a test: it would write the
    checkout's own ``warehouse/`` and collide with the concurrency test."""
    dep = st.api("GET", f"/deployments/name/{DEPLOYMENT}")
    for schedule in dep["schedules"]:
        st.api("PATCH", f"/deployments/{dep['id']}/schedules/{schedule['id']}", {"active": False})


RUNNING = re.compile(r"running \(server (\d+), worker (\d+)\)")


def _stop_all(st: Stack) -> None:
    """Serve first (it stops its children in order), then any recorded PID still alive."""
    for proc in st.processes.values():
        try:
            serve.stop(proc, grace=30)
        finally:
            _kill_if_alive(proc.pid)
    for pid in st.children.values():
        _kill_if_alive(pid)


def _kill_if_alive(pid: int) -> None:
    """SIGKILL a process group we started, and its leader, if anything is left."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_for_line(
    path: Path, proc: subprocess.Popen[str], pattern: re.Pattern[str], *, timeout: float
) -> re.Match[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = pattern.search(path.read_text(errors="replace"))
        if found:
            return found
        assert proc.poll() is None, f"serve exited early ({proc.returncode}):\n{path.read_text()}"
        time.sleep(0.5)
    raise AssertionError(f"serve not running after {timeout}s:\n{path.read_text()}")


def _counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse / "wirehouse.duckdb"), read_only=True) as con:
        return {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in ("files", "articles")}


def _runs(warehouse: Path) -> list[dict[str, Any]]:
    """raw.runs, oldest first: the flow's own account of what each run loaded."""
    with duckdb.connect(str(warehouse / "wirehouse.duckdb"), read_only=True) as con:
        result = con.execute("select * from raw.runs order by started_at")
        names = [d[0] for d in result.description]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def _new_article(inbox: Path) -> Path:
    """A file whose bytes no sample has: a seed with one more paragraph."""
    seed = sorted(SAMPLE_INBOX.glob("*.txt"))[0]
    path = inbox / "later" / "new-article.txt"
    path.parent.mkdir()
    path.write_text(seed.read_text(encoding="utf-8") + "\nA closing paragraph that makes this file new.\n")
    return path


def test_the_deployment_is_stored_as_prefect_yaml_describes_it(stack: Stack) -> None:
    """Cron every 15 minutes (and the server schedules runs from it), concurrency 1
    (cancel new), the process pool, tags, the sample parameters, and a pull step that
    works from this checkout's root."""
    flow = stack.api("GET", "/flows/name/ingest_articles")
    dep = stack.deployment
    assert dep["flow_id"] == flow["id"]
    assert dep["work_pool_name"] == POOL
    assert dep["entrypoint"] == "flows/ingest.py:ingest_articles"
    assert dep["parameters"] == {"inbox": "examples/inbox", "warehouse": "warehouse"}
    assert {"wirehouse", "ingest"} <= set(dep["tags"]) and dep["description"]
    [schedule] = dep["schedules"]
    assert schedule["schedule"]["cron"] == "*/15 * * * *" and schedule["active"]
    assert dep["global_concurrency_limit"]["limit"] == 1
    assert dep["concurrency_options"]["collision_strategy"] == "CANCEL_NEW"
    times = stack.scheduled
    assert len(times) >= 2, "the scheduler created runs from the cron schedule"
    assert all(t.minute % 15 == 0 and t.second == 0 for t in times)
    assert {b - a for a, b in itertools.pairwise(times)} == {dt.timedelta(minutes=15)}
    [pull] = dep["pull_steps"]
    assert pull == {"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}


def test_a_run_loads_the_sample_inbox_and_the_next_only_a_new_file(stack: Stack, tmp_path: Path) -> None:
    """A triggered run loads both sample articles; after a file is dropped into the
    inbox, the next run loads that file alone."""
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    warehouse = tmp_path / "warehouse"
    params = {"inbox": str(inbox), "warehouse": str(warehouse)}

    stack.run_deployment(params)
    assert _counts(warehouse) == {"files": 2, "articles": 2}
    [first] = _runs(warehouse)
    assert first["status"] == "completed" and first["count_files_loaded"] == 2

    _new_article(inbox)
    stack.run_deployment(params)
    assert _counts(warehouse) == {"files": 3, "articles": 3}
    second = _runs(warehouse)[-1]
    assert second["status"] == "completed"
    assert second["count_files_loaded"] == 1 and second["count_files_unchanged"] == 2


def test_relative_parameters_resolve_against_the_repository_root(stack: Stack, tmp_path: Path) -> None:
    """The deployment's default inbox (``examples/inbox``, relative) is found, and a
    relative warehouse lands where it names from the repository root: the worker
    runs the flow from the root whatever its own working directory."""
    warehouse = tmp_path / "warehouse"
    run_id = stack.create_run({"warehouse": os.path.relpath(warehouse, ROOT)})
    assert _wait_terminal(stack, [run_id], timeout=240) == ["COMPLETED"], stack.log_tail()
    assert _counts(warehouse) == {"files": 2, "articles": 2}


def test_a_run_started_while_one_is_running_is_cancelled(stack: Stack, tmp_path: Path) -> None:
    """Concurrency limit 1 with CANCEL_NEW: of two runs started together one completes,
    the other is cancelled without touching the warehouse."""
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    warehouse = tmp_path / "warehouse"
    params = {"inbox": str(inbox), "warehouse": str(warehouse)}
    ids = [stack.create_run(params) for _ in range(2)]
    states = _wait_terminal(stack, ids, timeout=240)
    assert sorted(states) == ["CANCELLED", "COMPLETED"], f"{states}\n{stack.log_tail()}"
    assert _counts(warehouse) == {"files": 2, "articles": 2}
    assert len(_runs(warehouse)) == 1


def _wait_terminal(stack: Stack, ids: list[str], *, timeout: float) -> list[str]:
    terminal = {"COMPLETED", "FAILED", "CANCELLED", "CRASHED"}
    deadline = time.monotonic() + timeout
    while True:
        states = [stack.api("GET", f"/flow_runs/{i}")["state"]["type"] for i in ids]
        if all(s in terminal for s in states) or time.monotonic() > deadline:
            return states
        time.sleep(1)


def test_one_sigint_stops_serve_and_everything_it_started(stack: Stack) -> None:
    """One SIGINT to serve, as Ctrl-C in a terminal sends, stops the worker, then the
    server, and serve exits 0. (Last in the module: it ends the shared stack.)"""
    proc = stack.processes["serve"]
    assert all(_alive(p) for p in stack.children.values())
    assert serve.ensure_pool(POOL, env=stack.env, cwd=ROOT) is False, "an existing pool is left alone"
    os.kill(proc.pid, signal.SIGINT)
    assert proc.wait(timeout=90) == 0, stack.log_tail()
    time.sleep(0.5)
    assert not [p for p in stack.children.values() if _alive(p)], stack.log_tail()
    text = (stack.logs / "serve.log").read_text()
    worker_stopped = text.index(f"worker (pid {stack.children['worker']}) stopped")
    assert worker_stopped < text.index(f"server (pid {stack.children['server']}) stopped"), "worker first"

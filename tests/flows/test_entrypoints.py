"""``deployments/prefect.yaml`` without a server: every entrypoint imports and names a
flow, and what the file configures is what a deployment of it will get.

The integration test proves the same end to end, but takes a minute and a server;
these fail in a second on a renamed flow, a typo'd parameter or an absolute path.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from prefect.flows import Flow, load_flow_from_entrypoint

ROOT = Path(__file__).resolve().parents[2]
PREFECT_YAML = ROOT / "deployments" / "prefect.yaml"


def _config() -> dict[str, Any]:
    return yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))


DEPLOYMENTS = _config()["deployments"]


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """``prefect deploy`` runs from the repository root; entrypoints are relative to it."""
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("dep", DEPLOYMENTS, ids=lambda d: d["name"])
@pytest.mark.usefixtures("at_root")
def test_every_entrypoint_imports_and_names_a_flow(dep: dict[str, Any]) -> None:
    """Each entrypoint is ``path/relative/to/root.py:function`` and loads a Prefect flow."""
    path, _, func = dep["entrypoint"].partition(":")
    assert func and not Path(path).is_absolute() and (ROOT / path).is_file()
    flow = load_flow_from_entrypoint(dep["entrypoint"])
    assert isinstance(flow, Flow)
    assert flow.name == "ingest_articles" == func


@pytest.mark.parametrize("dep", DEPLOYMENTS, ids=lambda d: d["name"])
@pytest.mark.usefixtures("at_root")
def test_parameters_are_ones_the_flow_takes_and_json(dep: dict[str, Any]) -> None:
    """A misspelt parameter would be rejected at run time; catch it here instead."""
    flow = load_flow_from_entrypoint(dep["entrypoint"])
    accepted = set(inspect.signature(flow.fn).parameters)
    assert set(dep.get("parameters") or {}) <= accepted
    for value in (dep.get("parameters") or {}).values():
        assert value is None or isinstance(value, str | int | float | bool)


@pytest.mark.parametrize("dep", DEPLOYMENTS, ids=lambda d: d["name"])
def test_a_deployment_never_overlaps_itself_and_runs_on_a_process_pool(dep: dict[str, Any]) -> None:
    """Concurrency 1 (one DuckDB writer), a cron schedule, tags and a description for the UI."""
    assert dep["concurrency_limit"] == {"limit": 1, "collision_strategy": "CANCEL_NEW"}
    assert dep["work_pool"]["name"]
    assert all(s.get("cron") for s in dep["schedules"])
    assert dep["tags"] and dep["description"]


def test_the_default_schedule_is_every_15_minutes_utc() -> None:
    """The issue's default: every 15 minutes, in UTC so it does not move with DST."""
    [dep] = DEPLOYMENTS
    assert dep["schedules"] == [{"cron": "*/15 * * * *", "timezone": "UTC", "active": True}]


def test_no_absolute_paths_so_a_clone_anywhere_deploys() -> None:
    """CI deploys from a fresh clone at another path: nothing may name this checkout."""
    text = PREFECT_YAML.read_text(encoding="utf-8")
    assert not re.search(r"(?m)^[^#]*(/work/|/home/|/tmp/|/Users/)", text)
    [pull] = _config()["pull"]
    assert pull["prefect.deployments.steps.set_working_directory"] == {"directory": "{{ repo-root.stdout }}"}
    [build] = _config()["build"]
    assert build["prefect.deployments.steps.run_shell_script"]["id"] == "repo-root"

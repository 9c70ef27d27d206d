"""Fixtures for the reliability tests: one real Prefect server for every
``wirehouse run`` subprocess of the session, and a larger inbox.

Each subprocess that starts its own ephemeral Prefect API pays 10-20 s (NOTES);
against one started server a ``wirehouse run`` costs about 3 s, which is what
makes many SIGKILLed runs affordable.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_INBOX
from tests.reliability.state import Snapshot, snapshot

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``prefect server start`` on a free local port, stopped by PID at the end."""
    home = tmp_path_factory.mktemp("prefect-server-home")
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    log = open(home / "server.log", "wb")  # noqa: SIM115 - closed in the teardown below
    proc = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"prefect server did not start: {(home / 'server.log').read_text()[-2000:]}"
                )
            time.sleep(0.3)
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def run_env(api: str, **extra: str) -> dict[str, str]:
    """The environment of a ``wirehouse run`` subprocess against the session server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
    env.update(PREFECT_API_URL=api, DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false", **extra)
    return env


def wirehouse_run(
    api: str, inbox: Path, warehouse: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """``wirehouse run`` to completion; output captured."""
    return subprocess.run(
        [str(BIN / "wirehouse"), "run", "--inbox", str(inbox), "--warehouse", str(warehouse), *args],
        env=run_env(api, **env),
        capture_output=True,
        text=True,
        timeout=300,
    )


def spawn_run(api: str, inbox: Path, warehouse: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    """``wirehouse run`` in the background, in its own process group (so a SIGKILL
    reaches the flow process and anything it started)."""
    return subprocess.Popen(
        [str(BIN / "wirehouse"), "run", "--inbox", str(inbox), "--warehouse", str(warehouse), *args],
        env=run_env(api, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def build_inbox(dest: Path, *, copies: int) -> Path:
    """``copies`` unique variants of each sample page (a distinct closing line), one
    exact duplicate, and two files that are rejected: a realistic mixed inbox."""
    dest.mkdir(parents=True)
    seeds = sorted(SAMPLE_INBOX.glob("*.txt"))
    for i in range(copies):
        for seed in seeds:
            text = seed.read_text(encoding="utf-8") + f"\nEditor's note: copy {i} of this report.\n"
            (dest / f"{i:03d}-{seed.name}").write_text(text, encoding="utf-8")
    shutil.copy(dest / f"000-{seeds[0].name}", dest / "zz-duplicate.txt")
    (dest / "empty.txt").write_bytes(b"")
    (dest / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return dest


@pytest.fixture(scope="session")
def reference(prefect_api: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot, str]:
    """A 43-file inbox and the state one uninterrupted ``wirehouse run`` makes of it
    (batch size 3, so 15 load transactions): what every crashed or concurrent
    warehouse must equal."""
    base = tmp_path_factory.mktemp("reference")
    inbox = build_inbox(base / "inbox", copies=20)
    done = wirehouse_run(prefect_api, inbox, base / "warehouse", "--batch-size", "3", "--workers", "1")
    assert done.returncode == 0, done.stderr[-3000:]
    return inbox, snapshot(base / "warehouse"), done.stdout

"""End-to-end fixtures: the real reference backend over real HTTP, the agent in-process or as a subprocess."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from collections.abc import Callable

import httpx
import pytest

from desktop_agent.config import DataPaths, Settings
from desktop_agent.devserver import DevServer
from desktop_agent.engine.loop import Agent
from desktop_agent.paths import sample_job_dir

OWNER = "owner@example.com"
SAMPLE = sample_job_dir()


def sample_code(seconds: float = 1.0) -> bytes:
    """The sample job, taking `seconds` (the job's environment is minimal: no env var gets through)."""
    code = (SAMPLE / "train.py").read_bytes()
    patched = code.replace(
        b'"SAMPLE_JOB_SECONDS", "1.0"', f'"SAMPLE_JOB_SECONDS", "{seconds}"'.encode()
    )
    assert patched != code or seconds == 1.0
    return patched


def wait_until(
    predicate: Callable[[], object], timeout: float = 30.0, interval: float = 0.05
) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")


def expected_result(srv: DevServer, task_id: int) -> dict:
    """What the sample job must have written for this task's chunk."""
    sub = srv.subtask(task_id)
    data = httpx.get(f"{srv.url}/files/jobs/{sub['job_id']}/chunk_{sub['chunk_index']}.csv").content
    return {"sha256_of_data": hashlib.sha256(data).hexdigest()}


def uploaded_result(srv: DevServer, task_id: int) -> dict:
    url = srv.subtask(task_id)["result_url"]
    assert url, f"task {task_id} has no result"
    return json.loads(httpx.get(url).content)


def assert_job_done_once(srv: DevServer, job_id: int) -> None:
    job = srv.job(job_id)
    assert str(job["status"]).upper() == "COMPLETED", job
    for sub in srv.subtasks(job_id):
        assert srv.credits(sub["id"]) == 1, (
            f"task {sub['id']} credited {srv.credits(sub['id'])} times"
        )
        got = uploaded_result(srv, sub["id"])
        assert got["sha256_of_data"] == expected_result(srv, sub["id"])["sha256_of_data"]


@pytest.fixture
def srv(tmp_path):
    server = DevServer(
        data_dir=tmp_path / "server", faults_enabled=True, requeue_after=600, sweep_interval=0.2
    )
    with server:
        server.add_owner(OWNER)
        yield server


def settings_for(srv: DevServer, **overrides) -> Settings:
    base = dict(
        server=srv.url, email=OWNER, heartbeat_interval=0.5, poll_interval=0.2, min_free_disk_mb=1
    )
    base.update(overrides)
    return Settings(**base)


class AgentThread:
    """The real engine on its own thread (as the GUI runs it), with every event kept."""

    def __init__(self, settings: Settings, data_dir: Path, *, on_event=None, **kwargs):
        self.events: list = []
        self.error: BaseException | None = None
        self.on_event = on_event  # called on the engine thread with every event, after keeping it
        self.agent = Agent(settings, DataPaths(data_dir), emit=self._keep, **kwargs)
        self.thread = threading.Thread(target=self._main, daemon=True)

    def _keep(self, event) -> None:
        self.events.append(event)
        if self.on_event is not None:
            self.on_event(event)

    def _main(self) -> None:
        try:
            asyncio.run(self.agent.run())
        except BaseException as exc:  # surfaced by join()
            self.error = exc

    def __enter__(self) -> AgentThread:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.agent.stop()
        self.join()

    def join(self, timeout: float = 20.0) -> None:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "agent did not stop in time"
        if self.error is not None:
            raise self.error

    def of(self, kind: type) -> list:
        return [e for e in self.events if isinstance(e, kind)]


SPAWNED: list[
    subprocess.Popen
] = []  # killed after each test by tests/conftest.py, should a test fail midway


def spawn_agent(
    srv_url: str, data_dir: Path, *args: str, env: dict | None = None, log: Path | None = None
):
    """`desktop-agent run` as a real subprocess."""
    cmd = [
        sys.executable,
        "-m",
        "desktop_agent",
        "run",
        "--server",
        srv_url,
        "--email",
        OWNER,
        "--data-dir",
        str(data_dir),
        "--heartbeat-interval",
        "0.5",
        "--poll-interval",
        "0.2",
        *args,
    ]
    full_env = {**os.environ, **(env or {})}
    log = log or data_dir.with_suffix(".stderr.log")
    handle = open(log, "ab")  # noqa: SIM115  (the child writes to it for as long as it runs)
    proc = subprocess.Popen(
        cmd, stdout=handle, stderr=subprocess.STDOUT, env=full_env, stdin=subprocess.DEVNULL
    )
    proc.log_path = log  # type: ignore[attr-defined]
    SPAWNED.append(proc)
    return proc


def agent_output(proc) -> str:
    return Path(proc.log_path).read_text(errors="replace")

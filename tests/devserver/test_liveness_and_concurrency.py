"""The sweeper's requeue rule, and atomic assignment under concurrent requests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop_agent.devserver import DevServer

from .helpers import OWNER, SAMPLE_JOB, complete, register, request_task, wait_until

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def fast(tmp_path: Path) -> Iterator[DevServer]:
    """A server that forgets a silent agent after one second, checking five times a second."""
    server = DevServer(data_dir=tmp_path, requeue_after=1.0, sweep_interval=0.2)
    with server:
        server.add_owner(OWNER)
        server.submit_job(SAMPLE_JOB)
        yield server
    server.close()


@pytest.fixture
def fast_client(fast: DevServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fast.url, timeout=10.0) as http:
        yield http


def test_silent_agent_loses_its_task_and_goes_offline(
    fast: DevServer, fast_client: httpx.Client
) -> None:
    register(fast_client, "silent")
    task_id = request_task(fast_client, "silent")["task_id"]
    assert wait_until(lambda: fast.subtask(task_id)["status"] == "PENDING")
    assert fast.subtask(task_id)["assigned_agent_id"] is None
    agent = fast.agent("silent")
    assert agent is not None and agent["status"] == "OFFLINE"
    # Its late completion is refused, and the task goes to the next agent that asks.
    assert complete(fast_client, "silent", task_id).status_code == 400
    register(fast_client, "other")
    assert request_task(fast_client, "other")["task_id"] == task_id


def test_heartbeating_agent_keeps_its_task(fast: DevServer, fast_client: httpx.Client) -> None:
    register(fast_client, "alive")
    task_id = request_task(fast_client, "alive")["task_id"]
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline:
        assert (
            fast_client.post("/agent/heartbeat", json={"id": "alive", "status": "BUSY"}).status_code
            == 200
        )
        assert fast.subtask(task_id)["status"] == "RUNNING"
        time.sleep(0.2)
    assert complete(fast_client, "alive", task_id).status_code == 200


def test_task_of_unregistered_agent_is_requeued(fast: DevServer, fast_client: httpx.Client) -> None:
    task_id = request_task(fast_client, "ghost")["task_id"]
    assert wait_until(lambda: fast.subtask(task_id)["status"] == "PENDING")


def test_register_alone_starts_the_clock(fast: DevServer, fast_client: httpx.Client) -> None:
    register(fast_client, "quiet")
    assert wait_until(lambda: (fast.agent("quiet") or {}).get("status") == "OFFLINE")
    # A later heartbeat brings it back with whatever status it reports.
    fast_client.post("/agent/heartbeat", json={"id": "quiet", "status": "IDLE"})
    agent = fast.agent("quiet")
    assert agent is not None and agent["status"] == "IDLE"


def test_concurrent_requests_never_share_a_subtask(srv: DevServer) -> None:
    srv.submit_job(SAMPLE_JOB)
    barrier = threading.Barrier(20)
    results: dict[str, int | None] = {}

    def ask(agent_id: str) -> None:
        with httpx.Client(base_url=srv.url, timeout=10.0) as http:
            barrier.wait()
            results[agent_id] = request_task(http, agent_id)["task_id"]

    threads = [threading.Thread(target=ask, args=(f"agent-{i}",)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    winners = [task for task in results.values() if task is not None]
    assert len(results) == 20
    assert len(winners) == 5 and len(set(winners)) == 5
    assert sum(task is None for task in results.values()) == 15
    for agent_id, task_id in results.items():
        if task_id is not None:
            assert srv.subtask(task_id)["assigned_agent_id"] == agent_id

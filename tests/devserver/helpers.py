"""Small helpers shared by the devserver tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
SAMPLE_JOB = REPO / "resources" / "sample_job"
OWNER = "owner@example.com"


def register(
    client: httpx.Client, agent_id: str, email: str = OWNER, **extra: str
) -> httpx.Response:
    return client.post("/agent/register", json={"id": agent_id, "email": email, **extra})


def request_task(client: httpx.Client, agent_id: str) -> dict[str, Any]:
    response = client.post("/agent/request_task", json={"agent_id": agent_id})
    assert response.status_code == 200
    task: dict[str, Any] = response.json()
    return task


def complete(
    client: httpx.Client, agent_id: str, task_id: int, result_url: str = ""
) -> httpx.Response:
    return client.post(
        "/agent/complete_task",
        json={"agent_id": agent_id, "task_id": task_id, "result_url": result_url},
    )


def wait_until(predicate: Callable[[], bool], timeout: float = 5.0, interval: float = 0.05) -> bool:
    """Poll instead of sleeping a fixed time, so slow machines do not fail the liveness tests."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()

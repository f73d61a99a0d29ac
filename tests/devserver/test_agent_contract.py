"""Every row of the agent endpoint table in shared/backend-facts.md, over real HTTP."""

from __future__ import annotations

import re
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop_agent.devserver import DevServer

from .helpers import OWNER, complete, register, request_task

pytestmark = pytest.mark.timeout(30)
TASK_KEYS = {"task_id", "job_id", "code_url", "requirements_url", "chunk_data_url"}


def test_health_document(client: httpx.Client) -> None:
    body = client.get("/").json()
    assert body["service"] == "desktop-agent devserver"
    assert body["status"] == "ok"
    assert isinstance(body["version"], str)


# register -----------------------------------------------------------------------------------


def test_register_new_then_known(client: httpx.Client, owner_id: int) -> None:
    first = register(client, "agent-1")
    assert first.status_code == 200
    assert first.json() == {"message": "New Agent agent-1 registered!", "status": "created"}
    again = register(client, "agent-1")
    assert again.status_code == 200
    assert again.json() == {"message": "Welcome back, Agent agent-1", "status": "linked"}


def test_register_unknown_owner_is_404(client: httpx.Client, owner_id: int) -> None:
    response = register(client, "agent-1", email="nobody@example.com")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Owner email not found. Please register on the website first."
    }


@pytest.mark.parametrize(
    "typed",
    [
        "  Owner@Example.COM ",
        '"owner@example.com"',
        "'OWNER@example.com'",
        ' " owner@example.com " ',
    ],
)
def test_register_normalises_email(
    client: httpx.Client, srv: DevServer, owner_id: int, typed: str
) -> None:
    assert register(client, "agent-1", email=typed).status_code == 200
    agent = srv.agent("agent-1")
    assert agent is not None and agent["owner_id"] == owner_id


def test_reregister_overwrites_hardware_and_sets_idle(
    client: httpx.Client, srv: DevServer, owner_id: int
) -> None:
    register(client, "agent-1", gpu_model="RTX 4090", ram_total="64GB")
    client.post("/agent/heartbeat", json={"id": "agent-1", "status": "BUSY"})
    agent = srv.agent("agent-1")
    assert agent is not None and (agent["gpu_model"], agent["ram_total"], agent["status"]) == (
        "RTX 4090",
        "64GB",
        "BUSY",
    )
    register(client, "agent-1")
    agent = srv.agent("agent-1")
    assert agent is not None and (agent["gpu_model"], agent["ram_total"], agent["status"]) == (
        "Unknown",
        "Unknown",
        "IDLE",
    )


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"id": "a"},
        {"email": OWNER},
        {"id": 1, "email": OWNER},
        {"id": "a", "email": OWNER, "gpu_model": 3},
    ],
)
def test_register_validation_is_422(
    client: httpx.Client, owner_id: int, body: dict[str, Any]
) -> None:
    response = client.post("/agent/register", json=body)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


# heartbeat ----------------------------------------------------------------------------------


def test_heartbeat_stores_any_status_and_returns_naive_iso_time(
    client: httpx.Client, srv: DevServer, owner_id: int
) -> None:
    register(client, "agent-1")
    response = client.post("/agent/heartbeat", json={"id": "agent-1", "status": "Training 42%"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"message", "server_time"} and body["message"] == "Heartbeat received"
    parsed = datetime.fromisoformat(body["server_time"])
    assert parsed.tzinfo is None and not re.search(r"(Z|[+-]\d\d:\d\d)$", body["server_time"])
    agent = srv.agent("agent-1")
    assert agent is not None and agent["status"] == "Training 42%"


def test_heartbeat_unknown_agent_is_404(client: httpx.Client) -> None:
    response = client.post("/agent/heartbeat", json={"id": "ghost", "status": "IDLE"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Agent not registered"}


@pytest.mark.parametrize("body", [{}, {"id": "a"}, {"status": "IDLE"}, {"id": "a", "status": None}])
def test_heartbeat_validation_is_422(client: httpx.Client, body: dict[str, Any]) -> None:
    assert client.post("/agent/heartbeat", json=body).status_code == 422


# request_task -------------------------------------------------------------------------------


def test_request_task_without_work_returns_five_nulls(client: httpx.Client) -> None:
    response = client.post("/agent/request_task", json={"agent_id": "anyone"})
    assert response.status_code == 200
    assert response.json() == dict.fromkeys(TASK_KEYS)


def test_request_task_assigns_first_pending_and_marks_busy(
    client: httpx.Client, srv: DevServer, owner_id: int, job_id: int
) -> None:
    register(client, "agent-1")
    task = request_task(client, "agent-1")
    assert set(task) == TASK_KEYS
    first = srv.subtasks(job_id)[0]
    assert task["task_id"] == first["id"] and task["job_id"] == job_id
    for key in ("code_url", "requirements_url", "chunk_data_url"):
        assert task[key].startswith(srv.url + "/files/")
    assert task["code_url"].endswith(f"/jobs/{job_id}/train.py")
    assert task["requirements_url"].endswith(f"/jobs/{job_id}/requirements.txt")
    assert task["chunk_data_url"].endswith(f"/jobs/{job_id}/chunk_0.csv")
    subtask = srv.subtask(task["task_id"])
    assert (subtask["status"], subtask["assigned_agent_id"]) == ("RUNNING", "agent-1")
    agent = srv.agent("agent-1")
    assert agent is not None and agent["status"] == "BUSY"
    assert request_task(client, "agent-1")["task_id"] == srv.subtasks(job_id)[1]["id"]


def test_request_task_does_not_check_the_agent_exists(
    client: httpx.Client, srv: DevServer, job_id: int
) -> None:
    task = request_task(client, "never-registered")
    assert task["task_id"] is not None
    assert srv.subtask(task["task_id"])["assigned_agent_id"] == "never-registered"
    assert srv.agent("never-registered") is None


@pytest.mark.parametrize("body", [{}, {"id": "a"}, {"agent_id": None}])
def test_request_task_validation_is_422(client: httpx.Client, body: dict[str, Any]) -> None:
    assert client.post("/agent/request_task", json=body).status_code == 422


# upload_result ------------------------------------------------------------------------------


def test_upload_result_stores_file_and_returns_its_url(
    client: httpx.Client, srv: DevServer, job_id: int
) -> None:
    task = request_task(client, "agent-1")
    response = client.post(
        "/agent/upload_result",
        data={"agent_id": "agent-1", "task_id": str(task["task_id"])},
        files={"file": ("model.pth", b"weights")},
    )
    assert response.status_code == 200
    url = response.json()["url"]
    assert set(response.json()) == {"url"}
    assert url == f"{srv.url}/files/jobs/{job_id}/results/{task['task_id']}_model.pth"
    stored = (
        srv.data_dir / "files" / "jobs" / str(job_id) / "results" / f"{task['task_id']}_model.pth"
    )
    assert stored.read_bytes() == b"weights"
    assert client.get(url).content == b"weights"


def test_upload_result_unknown_subtask_is_404(client: httpx.Client) -> None:
    response = client.post(
        "/agent/upload_result",
        data={"agent_id": "a", "task_id": "999"},
        files={"file": ("model.pth", b"x")},
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Subtask not found"}


@pytest.mark.parametrize(
    ("data", "with_file"),
    [
        ({"agent_id": "a", "task_id": "1"}, False),
        ({"agent_id": "a"}, True),
        ({"task_id": "1"}, True),
        ({"agent_id": "a", "task_id": "one"}, True),
    ],
)
def test_upload_result_validation_is_422(
    client: httpx.Client, job_id: int, data: dict[str, str], with_file: bool
) -> None:
    files = {"file": ("model.pth", b"x")} if with_file else None
    assert client.post("/agent/upload_result", data=data, files=files).status_code == 422


# complete_task ------------------------------------------------------------------------------


def test_complete_task_marks_completed_and_agent_idle(
    client: httpx.Client, srv: DevServer, owner_id: int, job_id: int
) -> None:
    register(client, "agent-1")
    task = request_task(client, "agent-1")
    response = complete(client, "agent-1", task["task_id"], "http://x/result")
    assert response.status_code == 200
    assert response.json() == {"message": "Task marked as completed. Good job!"}
    subtask = srv.subtask(task["task_id"])
    assert (subtask["status"], subtask["result_url"]) == ("COMPLETED", "http://x/result")
    agent = srv.agent("agent-1")
    assert agent is not None and agent["status"] == "IDLE"
    assert srv.credits(task["task_id"]) == 1


def test_complete_task_unknown_subtask_is_404(client: httpx.Client) -> None:
    response = complete(client, "agent-1", 12345)
    assert response.status_code == 404
    assert response.json() == {"detail": "Subtask not found"}


def test_complete_task_by_another_agent_is_400(
    client: httpx.Client, srv: DevServer, job_id: int
) -> None:
    task = request_task(client, "agent-1")
    response = complete(client, "agent-2", task["task_id"])
    assert response.status_code == 400
    assert response.json() == {"detail": "This task was not assigned to you"}
    assert srv.subtask(task["task_id"])["status"] == "RUNNING"
    assert srv.credits(task["task_id"]) == 0


def test_complete_task_of_unassigned_pending_subtask_is_400(
    client: httpx.Client, srv: DevServer, job_id: int
) -> None:
    pending = srv.subtasks(job_id)[0]["id"]
    assert complete(client, "agent-1", pending).status_code == 400


def test_complete_task_is_not_idempotent(
    client: httpx.Client, srv: DevServer, owner_id: int, job_id: int
) -> None:
    register(client, "agent-1")
    task = request_task(client, "agent-1")
    assert complete(client, "agent-1", task["task_id"], "u").status_code == 200
    assert complete(client, "agent-1", task["task_id"], "u").status_code == 200
    assert srv.credits(task["task_id"]) == 2
    assert len([c for c in srv.calls("/agent/complete_task") if c.status == 200]) == 2


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"agent_id": "a", "task_id": 1},
        {"agent_id": "a", "result_url": ""},
        {"task_id": 1, "result_url": ""},
        {"agent_id": "a", "task_id": "x", "result_url": ""},
        {"agent_id": "a", "task_id": 1, "result_url": None},
    ],
)
def test_complete_task_validation_is_422(client: httpx.Client, body: dict[str, Any]) -> None:
    response = client.post("/agent/complete_task", json=body)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


def test_last_completion_merges_the_job(
    client: httpx.Client, srv: DevServer, owner_id: int, job_id: int
) -> None:
    register(client, "agent-1")
    task_ids = []
    while (task := request_task(client, "agent-1"))["task_id"] is not None:
        task_ids.append(task["task_id"])
    assert len(task_ids) == 5 and srv.job(job_id)["status"] == "RUNNING"
    for index, task_id in enumerate(task_ids):
        assert (
            complete(client, "agent-1", task_id, "" if index == 0 else f"url-{index}").status_code
            == 200
        )
    job = srv.job(job_id)
    assert (job["status"], job["completed"], job["merges"], job["merged_results"]) == (
        "COMPLETED",
        5,
        1,
        4,
    )


def test_merge_delay_makes_the_last_completion_slow(tmp_path: Path) -> None:
    with (
        DevServer(data_dir=tmp_path, merge_delay=0.5) as server,
        httpx.Client(base_url=server.url) as http,
    ):
        job = server.submit_job(None, code=b"", requirements=b"", data=b"x\n1\n", chunks=1)
        task = request_task(http, "agent-1")
        started = time.monotonic()
        assert complete(http, "agent-1", task["task_id"]).status_code == 200
        assert time.monotonic() - started >= 0.5
        assert server.job(job)["status"] == "COMPLETED"
    server.close()


def test_calls_are_recorded_with_bodies_and_agent_ids(
    client: httpx.Client, srv: DevServer, owner_id: int, job_id: int
) -> None:
    register(client, "agent-1")
    task = request_task(client, "agent-1")
    client.post(
        "/agent/upload_result",
        data={"agent_id": "agent-1", "task_id": str(task["task_id"])},
        files={"file": ("model.pth", b"abc")},
    )
    client.post("/agent/complete_task", json={"agent_id": "agent-1"})
    calls = srv.calls("/agent/")
    assert [c.path for c in calls] == [
        "/agent/register",
        "/agent/request_task",
        "/agent/upload_result",
        "/agent/complete_task",
    ]
    assert all(c.agent_id == "agent-1" for c in calls)
    assert calls[0].body == {"id": "agent-1", "email": OWNER}
    assert calls[2].body == {
        "agent_id": "agent-1",
        "task_id": str(task["task_id"]),
        "file": {"filename": "model.pth", "size": 3},
    }
    assert [c.status for c in calls] == [200, 200, 200, 422]
    assert calls[0].monotonic <= calls[1].monotonic and calls[0].wall > 0
    assert srv.calls("/agent/register") == calls[:1]

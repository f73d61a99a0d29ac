"""Every route of backend-facts.md answers with exactly the keys and types the real server does.

The table below is written from `shared/backend-facts.md`, not from the devserver's code: a key
the real server does not send (like the per-subtask list the job page once had here) fails the
test, so no agent code can come to lean on it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest

from desktop_agent.devserver import DevServer

from .helpers import SAMPLE_JOB, complete, register, request_task

STR, INT, FLOAT, NULL = str, int, float, type(None)
ISO = "iso-datetime"  # a string datetime.fromisoformat reads, with no timezone
OPT_STR, OPT_FLOAT, OPT_ISO = (STR, NULL), (FLOAT, NULL), (ISO, NULL)

AGENT_ROW = {"id": STR, "status": STR, "gpu_model": STR, "ram_total": STR, "last_heartbeat": ISO}
USER = {"id": INT, "email": STR, "role": STR, "credits": FLOAT}
DETAIL = {"detail": STR}
VALIDATION = {"detail": list}

# name → (method, path, body kind, body, expected status, expected shape)
# A shape is a dict (exact keys → type), ("list", shape) for a JSON list of such objects, or a type.
SHAPES: dict[str, tuple[str, str, str, Any, int, Any]] = {
    "register created": (
        "POST",
        "/agent/register",
        "json",
        {"id": "fresh", "email": "owner@example.com"},
        200,
        {"message": STR, "status": STR},
    ),
    "register linked": (
        "POST",
        "/agent/register",
        "json",
        {"id": "a1", "email": "owner@example.com"},
        200,
        {"message": STR, "status": STR},
    ),
    "register unknown email": (
        "POST",
        "/agent/register",
        "json",
        {"id": "x", "email": "nobody@example.com"},
        404,
        DETAIL,
    ),
    "register invalid": ("POST", "/agent/register", "json", {"id": "x"}, 422, VALIDATION),
    "heartbeat": (
        "POST",
        "/agent/heartbeat",
        "json",
        {"id": "a1", "status": "BUSY"},
        200,
        {"message": STR, "server_time": ISO},
    ),
    "heartbeat unknown": (
        "POST",
        "/agent/heartbeat",
        "json",
        {"id": "ghost", "status": "IDLE"},
        404,
        DETAIL,
    ),
    "request_task work": (
        "POST",
        "/agent/request_task",
        "json",
        {"agent_id": "a2"},
        200,
        {
            "task_id": INT,
            "job_id": INT,
            "code_url": STR,
            "requirements_url": STR,
            "chunk_data_url": STR,
        },
    ),
    "upload_result": (
        "POST",
        "/agent/upload_result",
        "form",
        {"agent_id": "a1", "task_id": "{task}"},
        200,
        {"url": STR},
    ),
    "upload_result unknown": (
        "POST",
        "/agent/upload_result",
        "form",
        {"agent_id": "a1", "task_id": "999"},
        404,
        DETAIL,
    ),
    "complete_task": (
        "POST",
        "/agent/complete_task",
        "json",
        {"agent_id": "a1", "task_id": "{task}", "result_url": ""},
        200,
        {"message": STR},
    ),
    "complete_task not yours": (
        "POST",
        "/agent/complete_task",
        "json",
        {"agent_id": "a1", "task_id": "{other_task}", "result_url": ""},
        400,
        DETAIL,
    ),
    "complete_task unknown": (
        "POST",
        "/agent/complete_task",
        "json",
        {"agent_id": "a1", "task_id": 999, "result_url": ""},
        404,
        DETAIL,
    ),
    "complete_task invalid": (
        "POST",
        "/agent/complete_task",
        "json",
        {"agent_id": "a1", "task_id": 1},
        422,
        VALIDATION,
    ),
    "auth register": (
        "POST",
        "/auth/register",
        "json",
        {"email": "New.Buyer@Example.com", "password": "pw"},
        200,
        USER,
    ),
    "auth register duplicate": (
        "POST",
        "/auth/register",
        "json",
        {"email": "owner@example.com", "password": "pw", "role": "seller"},
        400,
        DETAIL,
    ),
    "auth register bad email": (
        "POST",
        "/auth/register",
        "json",
        {"email": "not an address", "password": "pw"},
        422,
        VALIDATION,
    ),
    "auth login": (
        "POST",
        "/auth/login",
        "json",
        {"email": "owner@example.com", "password": "devserver"},
        200,
        {"access_token": STR, "token_type": STR, "user": USER},
    ),
    "auth login wrong": (
        "POST",
        "/auth/login",
        "json",
        {"email": "owner@example.com", "password": "nope"},
        401,
        DETAIL,
    ),
    "wallet": (
        "GET",
        "/auth/wallet/{owner}",
        "",
        None,
        200,
        {"user_id": INT, "credits": FLOAT, "role": STR},
    ),
    "wallet unknown": ("GET", "/auth/wallet/999", "", None, 404, DETAIL),
    "job page": (
        "GET",
        "/jobs/{job}",
        "",
        None,
        200,
        {
            "id": INT,
            "title": STR,
            "status": STR,
            "created_at": ISO,
            "final_result_url": OPT_STR,
            "convergence_delta": OPT_FLOAT,
            "total_subtasks": INT,
            "completed_subtasks": INT,
        },
    ),
    "job page unknown": ("GET", "/jobs/999", "", None, 404, DETAIL),
    "job list": (
        "GET",
        "/jobs/list/{buyer}",
        "",
        None,
        200,
        (
            "list",
            {
                "id": INT,
                "title": STR,
                "status": STR,
                "created_at": ISO,
                "original_code_url": STR,
                "original_data_url": STR,
                "final_result_url": OPT_STR,
                "convergence_delta": OPT_FLOAT,
            },
        ),
    ),
    "agents online": ("GET", "/stats/agents/online", "", None, 200, ("list", AGENT_ROW)),
    "seller tasks": (
        "GET",
        "/stats/seller-tasks/{owner}",
        "",
        None,
        200,
        {
            "user_id": INT,
            "total_completed": INT,
            "tasks": (
                "list",
                {
                    "id": INT,
                    "job_id": INT,
                    "assigned_to": STR,
                    "status": STR,
                    "result_file_url": OPT_STR,
                    "completed_at": OPT_ISO,
                },
            ),
        },
    ),
    "my agents": (
        "GET",
        "/stats/my-agents/{owner}",
        "",
        None,
        200,
        {"user_id": INT, "agents": ("list", AGENT_ROW)},
    ),
}

NO_WORK = {
    key: NULL for key in ("task_id", "job_id", "code_url", "requirements_url", "chunk_data_url")
}


def _type_ok(value: Any, expected: Any) -> bool:
    if isinstance(expected, tuple) and expected and expected[0] == "list":
        return (
            isinstance(value, list)
            and bool(value)
            and all(_shape_errors(item, expected[1]) == [] for item in value)
        )
    if isinstance(expected, tuple):
        return any(_type_ok(value, option) for option in expected)
    if expected == ISO:
        if not isinstance(value, str):
            return False
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return False
        return parsed.tzinfo is None
    if isinstance(expected, dict):
        return _shape_errors(value, expected) == []
    if expected is FLOAT:
        return isinstance(value, float)
    if expected is INT:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _shape_errors(body: Any, shape: Any) -> list[str]:
    if not isinstance(shape, dict):
        return [] if _type_ok(body, shape) else [f"{body!r} is not {shape}"]
    if not isinstance(body, dict):
        return [f"expected an object, got {body!r}"]
    errors = []
    if set(body) != set(shape):
        errors.append(
            f"keys differ: extra {sorted(set(body) - set(shape))}, missing {sorted(set(shape) - set(body))}"
        )
    for key, expected in shape.items():
        if key in body and not _type_ok(body[key], expected):
            errors.append(f"{key}={body[key]!r} is not {expected}")
    return errors


@pytest.fixture
def world(srv: DevServer, client: httpx.Client) -> dict[str, Any]:
    """One owner with two agents, a job with one completed (merged later) and one held subtask."""
    owner = srv.add_owner("owner@example.com")
    job = srv.submit_job(SAMPLE_JOB, chunks=3)
    assert register(client, "a1", gpu_model="gpu", ram_total="8GB").status_code == 200
    assert register(client, "a2").status_code == 200
    task = request_task(client, "a1")["task_id"]
    other = request_task(client, "a1")["task_id"]
    assert complete(client, "a1", other).status_code == 200
    # a2's task is handed out by the "request_task work" row; "other_task" then belongs to a2.
    buyer = srv.job(job)["user_id"]
    return {"owner": owner, "job": job, "buyer": buyer, "task": task, "other_task": None}


def _fill(value: Any, names: dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return names[value[1:-1]]
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, dict):
        return {key: _fill(item, names) for key, item in value.items()}
    return value


def _call(client: httpx.Client, method: str, path: str, kind: str, body: Any) -> httpx.Response:
    if kind == "json":
        return client.request(method, path, json=body)
    if kind == "form":
        return client.request(method, path, data=body, files={"file": ("model.pth", b"m")})
    return client.request(method, path)


def test_every_route_matches_the_facts(srv: DevServer, client: httpx.Client, world: dict) -> None:
    problems = []
    for name, (method, path, kind, body, status, shape) in SHAPES.items():
        if name == "complete_task not yours":
            world["other_task"] = srv.subtasks(world["job"])[2]["id"]
        response = _call(client, method, _fill(path, world), kind, _fill(body, world))
        if response.status_code != status:
            problems.append(f"{name}: HTTP {response.status_code}, expected {status}")
            continue
        errors = _shape_errors(response.json(), shape)
        problems += [f"{name}: {error}" for error in errors]
    assert problems == []


def test_no_work_is_the_same_five_keys_all_null(client: httpx.Client) -> None:
    body = client.post("/agent/request_task", json={"agent_id": "idle"}).json()
    assert body == {key: None for key in NO_WORK}


def test_the_job_page_counts_and_has_no_subtask_list(
    srv: DevServer, client: httpx.Client, world: dict
) -> None:
    page = client.get(f"/jobs/{world['job']}").json()
    assert (page["status"], page["total_subtasks"], page["completed_subtasks"]) == ("RUNNING", 3, 1)
    assert "subtasks" not in page
    assert page["final_result_url"] is None and page["convergence_delta"] is None


def test_the_shape_check_catches_an_extra_key() -> None:
    """The comparison itself must fail on a key the real server does not send."""
    shape = SHAPES["job page"][5]
    good = {
        "id": 1,
        "title": "t",
        "status": "RUNNING",
        "created_at": "2026-01-01T00:00:00",
        "final_result_url": None,
        "convergence_delta": None,
        "total_subtasks": 5,
        "completed_subtasks": 5,
    }
    assert _shape_errors(good, shape) == []
    assert _shape_errors({**good, "subtasks": []}, shape)
    assert _shape_errors({**good, "created_at": "2026-01-01T00:00:00+00:00"}, shape)
    assert _shape_errors({**good, "total_subtasks": "5"}, shape)

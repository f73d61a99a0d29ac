"""The protocol client's error mapping: each status and body shape → the error class and words.

httpx's `MockTransport` stands in for the server (tests/engine/mock_server.py), so every status
and body the real server (shared/backend-facts.md) sends, or a wrong address or a broken server
could, is tried, and the exact class and message our code raises is checked: the class decides
whether the engine retries, registers again, ends the task or stops, and the message is what a
person reads. Transport failures and refused bodies are test_protocol_transport.py's.
"""

from __future__ import annotations

from typing import Any

import pytest

from desktop_agent.engine import errors
from desktop_agent.engine.answers import Answer, classify, words
from tests.engine.mock_server import SERVER, answer, make_caller, raised


@pytest.fixture
def call(tmp_path):
    return make_caller(tmp_path)


# --- what the real server sends -------------------------------------------------------------


def test_the_real_servers_success_answers_are_read(call):
    assert (
        call(answer(200, {"message": "New Agent a1 registered!", "status": "created"}), "register")
        == "created"
    )
    assert (
        call(answer(200, {"message": "Welcome back, Agent a1", "status": "linked"}), "register")
        == "linked"
    )
    beat = {"message": "Heartbeat received", "server_time": "2026-12-03T09:00:00.123456"}
    assert call(answer(200, beat), "heartbeat") == "2026-12-03T09:00:00.123456"
    none = dict.fromkeys(("task_id", "job_id", "code_url", "requirements_url", "chunk_data_url"))
    assert call(answer(200, none), "request_task") is None
    url = f"{SERVER}/storage/jobs/3/results/7_model.pth"
    assert call(answer(200, {"url": url}), "upload_result") == url
    assert (
        call(answer(200, {"message": "Task marked as completed. Good job!"}), "complete_task")
        is None
    )


def test_unknown_owner_email_on_register(call):
    detail = "Owner email not found. Please register on the website first."
    exc = raised(call, answer(404, {"detail": detail}), "register")
    assert type(exc) is errors.EmailNotFound
    assert str(exc) == errors.EMAIL_UNKNOWN_MESSAGE
    assert (exc.status, exc.detail) == (404, detail)


def test_a_forgotten_agent_on_heartbeat(call):
    exc = raised(call, answer(404, {"detail": "Agent not registered"}), "heartbeat")
    assert type(exc) is errors.AgentNotRegistered
    assert str(exc) == "The server does not know this machine"
    assert (exc.status, exc.detail) == (404, "Agent not registered")


@pytest.mark.parametrize(
    ("name", "status", "detail", "message"),
    [
        (
            "complete_task",
            400,
            "This task was not assigned to you",
            "The server refused the completion for good — refused as a bad request (HTTP 400): "
            "This task was not assigned to you",
        ),
        (
            "complete_task",
            404,
            "Subtask not found",
            "The server refused the completion for good — not found (HTTP 404): Subtask not found",
        ),
        (
            "upload_result",
            404,
            "Subtask not found",
            "The server refused the upload of the result for good — not found (HTTP 404): "
            "Subtask not found",
        ),
        (
            "complete_task",
            409,
            "already completed",
            "The server refused the completion for good — refused: it conflicts with the "
            "server's state (HTTP 409): already completed",
        ),
        (
            "upload_result",
            413,
            "",
            "The server refused the upload of the result for good — refused as too large (HTTP 413)",
        ),
    ],
)
def test_a_refused_task_call_ends_the_task_in_words(call, name, status, detail, message):
    body = {"detail": detail} if detail else None
    exc = raised(call, answer(status, body), name)
    assert type(exc) is errors.TaskRejected
    assert str(exc) == message
    assert exc.status == status and exc.detail == detail


def test_a_forbidden_task_call_without_a_body_says_so_without_a_colon(call):
    exc = raised(call, answer(403), "complete_task")
    assert type(exc) is errors.TaskRejected
    assert str(exc) == "The server refused the completion for good — refused: forbidden (HTTP 403)"


def test_fastapi_validation_errors_are_protocol_violations_with_their_detail(call):
    detail = [{"loc": ["body", "task_id"], "msg": "field required", "type": "value_error.missing"}]
    exc = raised(call, answer(422, {"detail": detail}), "heartbeat")
    assert type(exc) is errors.ProtocolViolation
    assert str(exc) == f"/agent/heartbeat: HTTP 422: {str(detail)[:300]}"
    # On a task call a 422 is a refusal of that task, not of the protocol.
    exc = raised(call, answer(422, {"detail": detail}), "complete_task")
    assert type(exc) is errors.TaskRejected


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (400, "/agent/heartbeat: HTTP 400: nope"),
        (403, "/agent/heartbeat: HTTP 403: nope"),
        (404, "/agent/heartbeat: HTTP 404: nope"),  # a 404 that is not "Agent not registered"
        (409, "/agent/heartbeat: HTTP 409: nope"),
        (302, "/agent/heartbeat: HTTP 302: nope"),  # redirects are never followed
        (101, "/agent/heartbeat: HTTP 101: nope"),
    ],
)
def test_other_refusals_outside_task_calls_are_protocol_violations(call, status, message):
    exc = raised(call, answer(status, {"detail": "nope"}), "heartbeat")
    assert type(exc) is errors.ProtocolViolation
    assert (str(exc), exc.status, exc.detail) == (message, status, "nope")


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (500, "/agent/complete_task: server error 500"),
        (502, "/agent/complete_task: server error 502"),
        (503, "/agent/complete_task: server error 503"),
        (408, "/agent/complete_task: server busy 408"),
        (425, "/agent/complete_task: server busy 425"),
        (429, "/agent/complete_task: server busy 429"),
    ],
)
def test_busy_and_broken_servers_are_retried(call, status, message):
    exc = raised(call, answer(status, {"detail": "later"}), "complete_task")
    assert type(exc) is errors.RetryableError  # certainly not acted on: safe to send again
    assert (str(exc), exc.status, exc.detail) == (message, status, "later")


# --- an address that is not this API --------------------------------------------------------


@pytest.mark.parametrize(
    ("handler", "what"),
    [
        (answer(404, {"detail": "Not Found"}), "HTTP 404 on /agent/register"),
        (answer(405, {"detail": "Method Not Allowed"}), "HTTP 405 on /agent/register"),
        (answer(501, b"not implemented"), "HTTP 501 on /agent/register"),
        (
            answer(
                200, b"<html>hello</html>", headers={"content-type": "text/html; charset=utf-8"}
            ),
            "a web page instead of JSON on /agent/register",
        ),
    ],
)
def test_register_on_something_else_says_the_address_is_wrong(call, handler, what):
    exc = raised(call, handler, "register")
    assert type(exc) is errors.NotThisServer
    assert str(exc) == errors.not_this_server_words(SERVER, what)
    assert str(exc) == (
        f"The server at {SERVER} answered, but it does not look like a Grid-X server ({what}) "
        "— check the server address"
    )


# --- malformed bodies -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("heartbeat", b"OK", "/agent/heartbeat: the server's answer is not JSON"),
        ("heartbeat", b"", "/agent/heartbeat: the server's answer is not JSON"),
        ("heartbeat", b"[" * 100_000, "/agent/heartbeat: the server's answer is not JSON"),
        ("heartbeat", b"[]", "/agent/heartbeat: expected a JSON object, got list"),
        ("register", b'"created"', "/agent/register: expected a JSON object, got str"),
        ("upload_result", b"{}", "/agent/upload_result: no result URL in the answer"),
        (
            "upload_result",
            b'{"url": "file:///etc/passwd"}',
            "/agent/upload_result: the result URL is not an http(s) address ('file:///etc/passwd')",
        ),
        ("complete_task", b"null", None),  # any JSON is accepted: nothing is read from it
    ],
)
def test_malformed_success_bodies(call, name, body, message):
    handler = answer(200, body, headers={"content-type": "application/json"})
    if message is None:
        assert call(handler, name) is None
        return
    exc = raised(call, handler, name)
    assert type(exc) is errors.ProtocolViolation
    assert str(exc) == message


def _task(**changes: Any) -> dict[str, Any]:
    task = {
        "task_id": 7,
        "job_id": 3,
        "code_url": f"{SERVER}/c.py",
        "requirements_url": f"{SERVER}/r.txt",
        "chunk_data_url": f"{SERVER}/d.csv",
    }
    task.update(changes)
    return task


@pytest.mark.parametrize(
    ("task", "message"),
    [
        (_task(task_id=0), "task_id must be an integer from 1 to 2**63-1, got 0"),
        (_task(task_id=True), "task_id must be an integer from 1 to 2**63-1, got True"),
        (_task(task_id="7"), "task_id must be an integer from 1 to 2**63-1, got '7'"),
        (_task(task_id=2**63), f"task_id must be an integer from 1 to 2**63-1, got {2**63}"),
        (_task(job_id=-1), "job_id must be an integer from 1 to 2**63-1, got -1"),
        (_task(code_url=None), "task 7 has no usable code_url (None)"),
        (_task(chunk_data_url=""), "task 7 has no usable chunk_data_url ('')"),
        (_task(requirements_url=5), "task 7 has no usable requirements_url (5)"),
    ],
)
def test_a_task_assignment_that_does_not_fit(call, task, message):
    exc = raised(call, answer(200, task), "request_task")
    assert type(exc) is errors.ProtocolViolation
    assert str(exc) == f"/agent/request_task: {message}"


def test_a_good_task_assignment_and_one_without_a_job(call):
    got = call(answer(200, _task()), "request_task")
    assert (got.task_id, got.job_id, got.code_url) == (7, 3, f"{SERVER}/c.py")
    assert call(answer(200, _task(job_id=None)), "request_task").job_id is None


# --- the status table itself ----------------------------------------------------------------


def test_the_status_table():
    assert [classify(s) for s in (200, 204)] == [Answer.OK, Answer.OK]
    assert {classify(s) for s in (408, 425, 429, 500, 503, 599)} == {Answer.RETRY}
    assert {classify(s) for s in (400, 401, 403, 404, 409, 410, 413, 422, 499)} == {
        Answer.ENDS_TASK
    }
    assert {classify(s) for s in (101, 301, 302, 304, 600)} == {Answer.UNEXPECTED}
    assert words(413) == "refused as too large (HTTP 413)"
    assert words(502) == "failed with a server error (HTTP 502)"
    assert words(418) == "refused (HTTP 418)"

"""The protocol client's error mapping: each answer or failure → the error class and the words.

httpx's `MockTransport` stands in for the server, so every status, body shape and transport
failure the real server (shared/backend-facts.md) or a network can produce is tried, and the
exact class and message our code raises is checked: which class decides whether the engine
retries, re-registers, ends the task or stops, and the message is what a person reads.
"""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop_agent.engine import bounded, errors, protocol
from desktop_agent.engine.answers import Answer, classify, words
from desktop_agent.engine.protocol import ApiClient

SERVER = "http://grid.test"
Handler = Callable[[httpx.Request], httpx.Response]


def _calls(model: Path) -> dict[str, Callable[[ApiClient], Any]]:
    return {
        "register": lambda api: api.register("a1", "vol@example.com", "none", "8 GB"),
        "heartbeat": lambda api: api.heartbeat("a1", "IDLE"),
        "request_task": lambda api: api.request_task("a1"),
        "upload_result": lambda api: api.upload_result("a1", 7, model),
        "complete_task": lambda api: api.complete_task("a1", 7, f"{SERVER}/r/7_model.pth"),
        "job_page": lambda api: api.job_page(3),
        "agents_online": lambda api: api.agents_online(),
    }


@pytest.fixture
def call(tmp_path: Path) -> Callable[[Handler, str], Any]:
    model = tmp_path / "model.pth"
    model.write_bytes(b"weights")
    calls = _calls(model)

    def run(handler: Handler, name: str) -> Any:
        async def main() -> Any:
            async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
                return await calls[name](ApiClient(SERVER, http))

        return asyncio.run(main())

    return run


class _Body(httpx.AsyncByteStream):
    """A body the client streams, as it does from a socket (a `content=` body counts as read)."""

    def __init__(self, data: bytes):
        self.data = data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.data


def respond(
    status: int, body: bytes = b"", headers: dict[str, str] | None = None
) -> httpx.Response:
    """An answer with `body` streamed and its length announced, as a real server sends it."""
    head = {"content-length": str(len(body)), **(headers or {})}
    return httpx.Response(status, headers=head, stream=_Body(body))


def answer(status: int, body: Any = None, headers: dict[str, str] | None = None) -> Handler:
    """A server that answers every request with `status` and `body` (JSON unless bytes)."""
    if body is None:
        data, kind = b"", {}
    elif isinstance(body, bytes):
        data, kind = body, {}
    else:
        data, kind = json.dumps(body).encode(), {"content-type": "application/json"}
    return lambda _request: respond(status, data, {**kind, **(headers or {})})


def fails_with(exc_type: type[httpx.TransportError]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc_type("simulated", request=request)

    return handler


def raised(call: Callable[[Handler, str], Any], handler: Handler, name: str) -> errors.ApiError:
    with pytest.raises(errors.ApiError) as info:
        call(handler, name)
    return info.value


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


# --- oversized and encoded bodies -----------------------------------------------------------

CAP = bounded.API_MAX_BYTES


async def _chunks(total: int, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    sent = 0
    while sent < total:
        yield b" " * min(size, total - sent)
        sent += size


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (
            lambda: respond(200, b" " * (CAP + 1)),
            f"the answer announces {CAP + 1:,} bytes (the cap is {CAP:,})",
        ),
        (
            lambda: httpx.Response(200, content=_chunks(CAP + 1)),  # no length announced
            f"the answer is larger than {CAP:,} bytes",
        ),
        (
            lambda: respond(200, gzip.compress(b" " * (CAP + 1)), {"content-encoding": "gzip"}),
            f"the answer is larger than {CAP:,} bytes once decoded",
        ),
        (
            lambda: respond(
                200, gzip.compress(gzip.compress(b"{}")), {"content-encoding": "gzip, gzip"}
            ),
            "the answer is encoded several times (gzip, gzip)",
        ),
        (
            lambda: respond(200, b"{}", {"content-encoding": "br"}),
            "the answer is encoded as 'br', which was not asked for",
        ),
        (
            lambda: respond(200, gzip.compress(b"{}")[:-4], {"content-encoding": "gzip"}),
            "the answer's gzip data ends early",
        ),
    ],
)
def test_a_success_body_that_is_refused_is_a_protocol_violation(call, response, reason):
    exc = raised(call, lambda _request: response(), "heartbeat")
    assert type(exc) is errors.ProtocolViolation
    assert str(exc) == f"/agent/heartbeat: the server's answer was refused: {reason}"
    assert exc.status == 200


def test_a_gzip_answer_is_read(call):
    body = gzip.compress(json.dumps({"server_time": "t"}).encode())
    handler = answer(200, body, headers={"content-encoding": "gzip"})
    assert call(handler, "heartbeat") == "t"


def test_an_error_with_a_refused_body_is_judged_by_its_status_alone(call):
    huge = b" " * (CAP + 1)
    exc = raised(call, answer(503, huge), "complete_task")
    assert type(exc) is errors.RetryableError and exc.detail == ""
    # Without its body a 404 cannot say "Agent not registered": it is not taken for one.
    exc = raised(call, answer(404, huge), "heartbeat")
    assert type(exc) is errors.ProtocolViolation
    assert str(exc) == "/agent/heartbeat: HTTP 404: "
    exc = raised(call, answer(400, huge), "complete_task")
    assert (
        str(exc)
        == "The server refused the completion for good — refused as a bad request (HTTP 400)"
    )


def test_a_long_detail_is_cut_for_the_message(call):
    exc = raised(call, answer(400, {"detail": "x" * 5000}), "complete_task")
    assert exc.detail == "x" * 300
    exc = raised(call, answer(400, b"y" * 5000), "complete_task")
    assert exc.detail == "y" * 200


# --- transport failures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "failure",
    [httpx.ConnectError, httpx.ConnectTimeout, httpx.UnsupportedProtocol, httpx.PoolTimeout],
)
def test_a_request_that_never_left_is_server_unreachable(call, failure):
    exc = raised(call, fails_with(failure), "complete_task")
    assert type(exc) is errors.ServerUnreachable
    assert isinstance(exc, errors.RetryableError)  # certainly not delivered: sent again
    assert str(exc) == (
        f"Can't reach the server at {SERVER} ({failure.__name__}) — check the address and your "
        "connection"
    )


@pytest.mark.parametrize("failure", [httpx.WriteError, httpx.WriteTimeout])
def test_a_body_that_did_not_fully_leave_is_retryable(call, failure):
    exc = raised(call, fails_with(failure), "complete_task")
    assert type(exc) is errors.RetryableError
    assert str(exc) == f"/agent/complete_task: connection broke while sending ({failure.__name__})"


@pytest.mark.parametrize("failure", [httpx.ReadTimeout, httpx.ReadError, httpx.RemoteProtocolError])
def test_no_answer_after_sending_is_maybe_delivered(call, failure):
    exc = raised(call, fails_with(failure), "complete_task")
    assert type(exc) is errors.MaybeDelivered
    assert not isinstance(exc, errors.RetryableError)  # complete_task is not sent blindly again
    assert str(exc) == (
        f"/agent/complete_task: sent, but no answer arrived ({failure.__name__}); the server may "
        "have acted on it"
    )


def test_any_other_transport_failure_is_maybe_delivered(call):
    exc = raised(call, fails_with(httpx.ProxyError), "complete_task")
    assert type(exc) is errors.MaybeDelivered
    assert str(exc) == "/agent/complete_task: ProxyError: simulated"


def test_an_answer_cut_off_midway_is_maybe_delivered(call):
    async def cut() -> AsyncIterator[bytes]:
        yield b'{"message": '
        raise httpx.ReadError("connection reset")

    exc = raised(call, lambda _request: httpx.Response(200, content=cut()), "complete_task")
    assert type(exc) is errors.MaybeDelivered
    assert str(exc) == (
        "/agent/complete_task: sent, but the answer did not arrive in full (ReadError); the "
        "server may have acted on it"
    )


def test_an_answer_that_trickles_past_the_deadline_is_maybe_delivered(call, monkeypatch):
    monkeypatch.setattr(protocol, "ANSWER_DEADLINE_S", 0.2)

    async def trickle() -> AsyncIterator[bytes]:
        yield b"{"
        await asyncio.sleep(5)
        yield b"}"

    exc = raised(call, lambda _request: httpx.Response(200, content=trickle()), "complete_task")
    assert type(exc) is errors.MaybeDelivered
    assert str(exc) == (
        "/agent/complete_task: sent, but the answer did not arrive in full (TimeoutError); the "
        "server may have acted on it"
    )


# --- the read-only pages: no answer is None, only no connection raises ---------------------


@pytest.mark.parametrize(
    "handler",
    [
        answer(404, {"detail": "Job not found"}),
        answer(503),
        answer(200, b"not json"),
        answer(200, b" " * (CAP + 1)),
        answer(200, [1, 2]),
    ],
)
def test_an_unusable_job_page_is_none(call, handler):
    assert call(handler, "job_page") is None


def test_the_read_only_pages_raise_only_when_no_answer_came(call):
    exc = raised(call, fails_with(httpx.ConnectError), "job_page")
    assert type(exc) is errors.ServerUnreachable
    exc = raised(call, fails_with(httpx.WriteError), "agents_online")
    assert type(exc) is errors.MaybeDelivered  # a GET changes nothing: "no answer" either way
    assert str(exc) == "/stats/agents/online: connection broke while sending (WriteError)"
    online = [{"id": "a1", "status": "IDLE"}, "junk", 3]
    assert call(answer(200, online), "agents_online") == [{"id": "a1", "status": "IDLE"}]
    assert call(answer(200, {"agents": []}), "agents_online") is None


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

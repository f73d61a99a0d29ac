"""The protocol client when the answer does not arrive whole: transport failures and refused bodies.

Each failure is mapped to the class that decides what happens next: `ServerUnreachable` or
`RetryableError` (certainly not delivered: sent again), `MaybeDelivered` (sent, answer lost:
`complete_task` is then judged from what the server shows, never sent blindly again), or
`ProtocolViolation` (an answer the client will not read). httpx's `MockTransport` stands in for
the server (tests/engine/mock_server.py).
"""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import AsyncIterator

import httpx
import pytest

from desktop_agent.engine import bounded, errors, protocol
from tests.engine.mock_server import SERVER, answer, fails_with, make_caller, raised, respond


@pytest.fixture
def call(tmp_path):
    return make_caller(tmp_path)


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


# --- the read-only pages: an unusable answer is None; no answer or a server fault raises ---


@pytest.mark.parametrize(
    "handler",
    [
        answer(404, {"detail": "Job not found"}),
        answer(200, b"not json"),
        answer(200, b" " * (CAP + 1)),
        answer(200, [1, 2]),
    ],
)
def test_an_unusable_job_page_is_none(call, handler):
    assert call(handler, "job_page") is None


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_server_fault_on_a_read_only_page_is_read_again_later(call, status):
    """A passing 5xx says nothing about the job: judging a send on it would give a result up."""
    for page in ("job_page", "agents_online"):
        exc = raised(call, answer(status), page)
        assert type(exc) is errors.MaybeDelivered and str(status) in str(exc)


def test_the_read_only_pages_raise_only_when_no_answer_came(call):
    exc = raised(call, fails_with(httpx.ConnectError), "job_page")
    assert type(exc) is errors.ServerUnreachable
    exc = raised(call, fails_with(httpx.WriteError), "agents_online")
    assert type(exc) is errors.MaybeDelivered  # a GET changes nothing: "no answer" either way
    assert str(exc) == "/stats/agents/online: connection broke while sending (WriteError)"
    online = [{"id": "a1", "status": "IDLE"}, "junk", 3]
    assert call(answer(200, online), "agents_online") == [{"id": "a1", "status": "IDLE"}]
    assert call(answer(200, {"agents": []}), "agents_online") is None

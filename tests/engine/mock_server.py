"""A server made of one function, for unit tests of the protocol client's own error mapping.

httpx's `MockTransport` hands each request to a handler; the answers are streamed (and their
length announced) as from a socket, so the client's capped reading runs as it does for real.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop_agent.engine import errors
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


def make_caller(tmp_path: Path) -> Callable[[Handler, str], Any]:
    """`call(handler, name)`: run one ApiClient call against a server made of `handler`."""
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

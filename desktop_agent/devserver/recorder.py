"""A log of every agent and file request, so tests can assert what an agent actually sent.

It is ASGI middleware rather than code in the routes so that requests the routes never see
(422s, injected faults, dropped connections) are recorded too.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

RECORDED_PREFIXES = ("/agent/", "/files/")

# Keys the fault middleware leaves in the ASGI scope for the recorder to pick up.
FAULT_KEY = "devserver.fault"
STATUS_KEY = "devserver.status"
# ...and the callback a fault calls to log the request before it breaks the connection.
RECORD_KEY = "devserver.record"


@dataclass(frozen=True)
class Call:
    """One request as the server saw it.

    `body` is the parsed JSON body, or the form fields (an uploaded file appears as
    `{"filename": ..., "size": ...}`), or the raw text when it was neither; None when empty.
    `status` is what the application answered, even when a fault then dropped the connection;
    None when no response was produced at all. `fault` names the injected fault, if any:
    "fail", "hang", "drop_before", "drop_after", "truncate" or "corrupt".
    """

    method: str
    path: str
    body: Any
    status: int | None
    agent_id: str | None
    range: str | None
    monotonic: float
    wall: float
    fault: str | None


def path_matches(path: str, pattern: str) -> bool:
    """True for the exact path, or for anything below it when `pattern` names a folder."""
    return path == pattern or path.startswith(pattern.rstrip("/") + "/")


class Recorder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: list[Call] = []

    def add(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)

    def calls(self, path: str | None = None) -> list[Call]:
        with self._lock:
            return [call for call in self._calls if path is None or path_matches(call.path, path)]


async def _parse_body(scope: Scope, raw: bytes) -> Any:
    if not raw:
        return None
    content_type = dict(scope["headers"]).get(b"content-type", b"").decode("latin-1")
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):

        async def replay() -> Message:
            return {"type": "http.request", "body": raw, "more_body": False}

        try:
            form = await Request(scope, replay).form()
        except (
            HTTPException,
            MultiPartException,
            ValueError,
        ):  # a malformed form is still worth recording, as text
            return raw.decode("utf-8", "replace")
        fields: dict[str, Any] = {}
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                fields[key] = {"filename": value.filename, "size": value.size}
            else:
                fields[key] = value
        await form.close()
        return fields
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


def _agent_id(path: str, body: Any) -> str | None:
    if not isinstance(body, dict):
        return None
    key = "id" if path in ("/agent/register", "/agent/heartbeat") else "agent_id"
    value = body.get(key)
    return value if isinstance(value, str) else None


class RecordingMiddleware:
    def __init__(self, app: ASGIApp, recorder: Recorder) -> None:
        self.app = app
        self.recorder = recorder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(RECORDED_PREFIXES):
            await self.app(scope, receive, send)
            return
        monotonic, wall = time.monotonic(), time.time()
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        raw = b"".join(chunks)
        replayed = False

        async def replay_receive() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": raw, "more_body": False}
            return await receive()

        body = await _parse_body(scope, raw)
        range_header = dict(scope["headers"]).get(b"range")
        status: int | None = None
        recorded = False

        def record() -> None:
            nonlocal recorded
            if recorded:
                return
            recorded = True
            self.recorder.add(
                Call(
                    method=scope["method"],
                    path=scope["path"],
                    body=body,
                    status=status if status is not None else scope.get(STATUS_KEY),
                    agent_id=_agent_id(scope["path"], body),
                    range=None if range_header is None else range_header.decode("latin-1"),
                    monotonic=monotonic,
                    wall=wall,
                    fault=scope.get(FAULT_KEY),
                )
            )

        scope[RECORD_KEY] = record

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif not message.get("more_body", False):
                # Record before the client can see the end of the response, so that a test that
                # has its answer always finds the call already in the log.
                record()
            await send(message)

        try:
            await self.app(scope, replay_receive, recording_send)
        finally:
            record()

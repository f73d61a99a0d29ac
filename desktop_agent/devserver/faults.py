"""Fault injection: the failures an agent meets in the field, on demand and only when asked for.

Everything here is off unless a DevServer is built with `faults_enabled=True`; there are no HTTP
admin routes, so a demo server cannot be made to misbehave from outside.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .connections import ConnectionRegistry
from .recorder import FAULT_KEY, RECORD_KEY, STATUS_KEY, path_matches
from .storage import Storage

_Kind = Literal["fail", "hang", "drop", "truncate", "corrupt", "kill"]
FILES_PREFIX = "/files/"
COMPLETE_TASK = "/agent/complete_task"
# The points of complete_task at which the real server can die, in the order it passes them:
# before its first commit; after the first commit (subtask, agent row, credit) and before the
# merge; in the middle of the merge; after the second commit (job status, merged model).
COMPLETE_POINTS = ("before_commit", "after_commit", "during_merge", "after_merge")
KILL_KEY = "devserver.kill"


class ServerKilled(Exception):
    """Raised inside a request at its kill point: everything after it never happens."""


@dataclass
class _Rule:
    kind: _Kind
    path: str
    remaining: int
    status: int = 500
    seconds: float = 0.0
    after_commit: bool = False
    keep_bytes: int | None = None
    point: str = ""
    down_for: float | None = None


class Faults:
    """Switches for tests. Each `*_next` call arms a fault for the next `n` matching requests.

    `path` is a URL path ("/agent/complete_task") or a folder prefix ("/files/"). Rules armed for
    the same request kind are consumed in the order they were armed.
    """

    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._lock = threading.Lock()
        self._rules: list[_Rule] = []
        self.racy = False
        """When True, request_task may hand a RUNNING subtask to a second agent, as the real server can."""
        self.on_kill: Callable[[float], None] | None = None
        """Set by DevServer: stop serving now and come back after the given seconds."""
        self.killed = threading.Event()
        """Set each time a `kill_complete_task` fault fires (tests wait on it)."""

    def _arm(self, rule: _Rule) -> None:
        if rule.remaining < 1:
            raise ValueError("n must be at least 1")
        with self._lock:
            self._rules.append(rule)

    def fail_next(self, path: str, n: int = 1, status: int = 500) -> None:
        """Answer `status` with `{"detail": "Injected fault"}` without handling the request."""
        self._arm(_Rule("fail", path, n, status=status))

    def hang_next(self, path: str, n: int = 1, seconds: float = 5.0) -> None:
        """Wait `seconds` before handling the request (a slow or stuck server)."""
        self._arm(_Rule("hang", path, n, seconds=seconds))

    def drop_next(self, path: str, n: int = 1, after_commit: bool = False) -> None:
        """Close the TCP connection without any response.

        With `after_commit` the request is fully processed first, so its effects are stored while
        the client sees only a broken connection: the "maybe delivered" case.
        """
        self._arm(_Rule("drop", path, n, after_commit=after_commit))

    def kill_complete_task(self, point: str, n: int = 1, down_for: float | None = None) -> None:
        """Let the next complete_task die at `point` (one of COMPLETE_POINTS) as a crashed server would.

        What the request did before the point is stored, nothing after it happens, and the client
        sees its connection close with no answer. A point the request never reaches (a merge
        point on a subtask that is not its job's last, or a rejected call) falls back to the end
        of the request. With `down_for`, the whole server also stops at that moment and starts
        again, same port and data, `down_for` seconds later.
        """
        if point not in COMPLETE_POINTS:
            raise ValueError(f"point must be one of {COMPLETE_POINTS}")
        self._arm(_Rule("kill", COMPLETE_TASK, n, point=point, down_for=down_for))

    def truncate_next_file(self, n: int = 1, keep_bytes: int | None = None) -> None:
        """Serve a download that announces its full Content-Length but stops after `keep_bytes`
        bytes (half of the body when None) and closes the connection."""
        self._arm(_Rule("truncate", FILES_PREFIX, n, keep_bytes=keep_bytes))

    def corrupt_next_file(self, n: int = 1) -> None:
        """Serve a download of the right length whose bytes are flipped in the middle."""
        self._arm(_Rule("corrupt", FILES_PREFIX, n))

    def forget_agents(self) -> None:
        """Delete every agent, as a wiped server database would; next heartbeat gets 404."""
        self._storage.forget_agents()

    def armed(self) -> int:
        """How many injections are still waiting for a request: lets a test see one was triggered."""
        with self._lock:
            return sum(rule.remaining for rule in self._rules)

    def reset(self) -> None:
        """Disarm every pending fault and switch `racy` off."""
        with self._lock:
            self._rules.clear()
        self.racy = False

    def take(self, method: str, path: str) -> _Rule | None:
        """Consume and return the first armed rule for this request, if any."""
        with self._lock:
            for rule in self._rules:
                if rule.kind in ("truncate", "corrupt") and method != "GET":
                    continue
                if path_matches(path, rule.path):
                    rule.remaining -= 1
                    if rule.remaining == 0:
                        self._rules.remove(rule)
                    return rule
        return None


async def _drain_until_disconnect(receive: Receive) -> None:
    """Consume whatever is left of the request and wait for uvicorn to notice the closed socket,
    so that it does not try to answer the request itself (it would send a 500)."""
    while (await receive())["type"] != "http.disconnect":
        pass


def _flip_middle(body: bytes) -> bytes:
    if not body:
        return body
    middle = len(body) // 2
    return body[:middle] + bytes([body[middle] ^ 0xFF]) + body[middle + 1 :]


class FaultMiddleware:
    def __init__(self, app: ASGIApp, faults: Faults, connections: ConnectionRegistry) -> None:
        self.app = app
        self.faults = faults
        self.connections = connections

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        rule = self.faults.take(scope["method"], scope["path"]) if scope["type"] == "http" else None
        if rule is None:
            await self.app(scope, receive, send)
            return
        if rule.kind == "fail":
            scope[FAULT_KEY] = "fail"
            await self._send_json(send, rule.status, b'{"detail":"Injected fault"}')
        elif rule.kind == "hang":
            scope[FAULT_KEY] = "hang"
            try:
                await asyncio.sleep(rule.seconds)
            except asyncio.CancelledError:
                # The server is stopping: vanish like a dead server instead of letting uvicorn
                # answer 500, and end quietly, since the cancellation only asked this task to end.
                self._drop(scope)
                await _drain_until_disconnect(receive)
                return
            await self.app(scope, receive, send)
        elif rule.kind == "drop" and not rule.after_commit:
            scope[FAULT_KEY] = "drop_before"
            self._drop(scope)
            await _drain_until_disconnect(receive)
        elif rule.kind == "drop":
            scope[FAULT_KEY] = "drop_after"
            await self.app(scope, receive, self._swallowing_send(scope))
            self._drop(scope)
            await _drain_until_disconnect(receive)
        elif rule.kind == "kill":
            await self._killed(scope, receive, rule)
        elif rule.kind == "truncate":
            scope[FAULT_KEY] = "truncate"
            await self._truncated(scope, receive, send, rule.keep_bytes)
        else:
            scope[FAULT_KEY] = "corrupt"
            await self.app(scope, receive, self._corrupting_send(send))

    async def _killed(self, scope: Scope, receive: Receive, rule: _Rule) -> None:
        """Run the request up to its kill point (the route calls `scope[KILL_KEY]` at each point)."""
        scope[FAULT_KEY] = f"kill_{rule.point}"

        def point(name: str) -> None:
            if name == rule.point:
                raise ServerKilled(name)

        scope[KILL_KEY] = point
        try:
            await self.app(scope, receive, self._swallowing_send(scope))
        except ServerKilled:
            scope[STATUS_KEY] = None
        self.faults.killed.set()
        self._drop(scope)
        if rule.down_for is not None and self.faults.on_kill is not None:
            self.faults.on_kill(rule.down_for)
        await _drain_until_disconnect(receive)

    def _drop(self, scope: Scope) -> None:
        """Log the request first (a test that saw the error must find it), then cut the connection."""
        record = scope.get(RECORD_KEY)
        if record is not None:
            record()
        self.connections.drop(scope.get("client"))

    @staticmethod
    async def _send_json(send: Send, status: int, body: bytes) -> None:
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _swallowing_send(scope: Scope) -> Send:
        async def swallow(message: Message) -> None:
            if message["type"] == "http.response.start":
                scope[STATUS_KEY] = message["status"]

        return swallow

    @staticmethod
    def _corrupting_send(send: Send) -> Send:
        async def corrupt(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": _flip_middle(message.get("body", b""))}
            await send(message)

        return corrupt

    async def _truncated(
        self, scope: Scope, receive: Receive, send: Send, keep_bytes: int | None
    ) -> None:
        cut = False

        async def truncating(message: Message) -> None:
            nonlocal cut
            if cut:
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body = message.get("body", b"")
            keep = len(body) // 2 if keep_bytes is None else min(keep_bytes, len(body))
            await send({"type": "http.response.body", "body": body[:keep], "more_body": True})
            cut = True

        await self.app(scope, receive, truncating)
        if cut:
            self._drop(scope)
            await _drain_until_disconnect(receive)

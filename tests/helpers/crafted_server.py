"""A crafted server in front of the reference backend: it answers what the backend never would."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from pathlib import Path
from collections.abc import Awaitable, Callable

import httpx
import uvicorn


Handler = Callable[[dict, bytes], Awaitable[tuple[int, dict[str, str], object]]]


class CraftedServer:
    """A tiny ASGI server on loopback: `routes[path]` answers; anything else is proxied to `upstream`.

    A handler gets (scope, body) and returns (status, headers, body) where body is bytes, or an async
    iterator of bytes for a streamed answer (which may never end, or stall).
    """

    def __init__(
        self,
        upstream: str | None = None,
        *,
        certfile: str | None = None,
        keyfile: str | None = None,
    ):
        self.upstream = upstream
        self.routes: dict[str, Handler] = {}
        self.hits: list[tuple[str, str]] = []
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self._sock = sock
        self.url = f"{'https' if certfile else 'http'}://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            self._app,
            log_level="error",
            lifespan="off",
            interface="asgi3",
            timeout_graceful_shutdown=1,
            ssl_certfile=certfile,
            ssl_keyfile=keyfile,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True
        )

    async def _app(self, scope, receive, send):
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        path = scope["path"]
        self.hits.append((scope["method"], path))
        handler = self.routes.get(path)
        if handler is not None:
            status, headers, payload = await handler(scope, body)
        else:
            status, headers, payload = await self._proxy(scope, body)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
            }
        )
        if isinstance(payload, (bytes, bytearray)):
            await send({"type": "http.response.body", "body": bytes(payload)})
            return
        async for part in payload:
            await send({"type": "http.response.body", "body": part, "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    async def _proxy(self, scope, body: bytes):
        assert self.upstream, f"no route for {scope['path']}"
        headers = {
            k.decode(): v.decode()
            for k, v in scope["headers"]
            if k.lower() not in (b"host", b"content-length")
        }
        url = (
            self.upstream
            + scope["path"]
            + ("?" + scope["query_string"].decode() if scope["query_string"] else "")
        )
        async with httpx.AsyncClient() as client:
            r = await client.request(scope["method"], url, content=body, headers=headers)
        keep = {
            k: v
            for k, v in r.headers.items()
            if k.lower() in ("content-type", "location", "accept-ranges")
        }
        return r.status_code, keep, r.content

    def upstream_json(self, path: str, body: bytes) -> dict:
        return httpx.post(
            self.upstream + path, content=body, headers={"content-type": "application/json"}
        ).json()

    def __enter__(self) -> CraftedServer:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self._server.should_exit = True
        self._server.force_exit = True
        self._thread.join(5)
        self._sock.close()


def json_answer(obj: object, status: int = 200):
    import json

    return status, {"content-type": "application/json"}, json.dumps(obj).encode()


def write_job(tmp: Path, code: str) -> Path:
    folder = tmp / "job"
    folder.mkdir(exist_ok=True)
    (folder / "train.py").write_text(code)
    (folder / "requirements.txt").write_text("")
    (folder / "data.csv").write_text("x,y\n1,2\n")
    return folder


async def never(_scope=None, _body=None):
    await asyncio.sleep(3600)

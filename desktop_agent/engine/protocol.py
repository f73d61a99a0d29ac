"""Typed client for the backend's `/agent/*` endpoints.

Written from `shared/backend-facts.md`, not from the devserver's code, so a
misreading of the protocol cannot hide in both. No retries here: each call
either returns a value or raises one of `errors.py`'s types, and the caller
picks a retry policy. The split that matters most is between
`RetryableError` (the request certainly did not take effect: refused
connection, DNS failure, 5xx) and `MaybeDelivered` (it was sent, then the
connection broke or timed out: the server may have acted on it), because
`complete_task` credits the owner again on every accepted call.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import ssl
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from desktop_agent.engine import bounded, errors
from desktop_agent.engine.answers import Answer, classify, words

if TYPE_CHECKING:
    from desktop_agent.config import Settings

# httpcore runs `import sniffio` on every lock it takes, several times per request; with the
# package absent each of those searches the whole import path again (~0.3 ms each: most of
# an idle agent's CPU). Marked absent once, the same ImportError comes at once.
if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]

EMAIL_NOT_FOUND = "Owner email not found"
AGENT_NOT_REGISTERED = "Agent not registered"
MAX_ID = 2**63
"""Ids at or above this do not fit SQLite's INTEGER; the server never makes them."""
ANSWER_DEADLINE_S = 60.0
"""Once the headers are in, the whole body must arrive within this (a 1 KB answer takes ms)."""
TASK_CALLS = {
    "/agent/upload_result": "the upload of the result",
    "/agent/complete_task": "the completion",
}


@dataclass(frozen=True)
class TaskAssignment:
    task_id: int
    job_id: int | None
    code_url: str
    requirements_url: str
    chunk_data_url: str


def tls_context(ca_bundle: str = "") -> ssl.SSLContext:
    """Certificate checks always on: the OS trust store (truststore, so corporate CAs work) plus `ca_bundle`.

    `ca_bundle` is a PEM file of extra CAs for a private server (the `ca_bundle` setting).
    Without truststore (it should always be installed) the certifi/OpenSSL defaults are used.
    """
    try:
        import truststore

        ctx: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except ImportError:  # pragma: no cover - a dependency; kept so a broken install still verifies
        ctx = ssl.create_default_context()
    if ca_bundle:
        path = Path(ca_bundle).expanduser()
        if not path.is_file():
            raise errors.AgentError(f"The CA bundle {path} (setting ca_bundle) does not exist")
        ctx.load_verify_locations(cafile=str(path))
    return ctx


def make_http_client(
    *,
    proxy: str = "system",
    timeout: httpx.Timeout | float = 30.0,
    base_url: str = "",
    ca_bundle: str = "",
) -> httpx.AsyncClient:
    """An AsyncClient that honours the proxy setting ("system", "none", or a URL) and verifies TLS (tls_context)."""
    kwargs: dict[str, Any] = {
        "timeout": timeout,
        "follow_redirects": False,
        "verify": tls_context(ca_bundle),
    }
    if base_url:
        kwargs["base_url"] = base_url
    if proxy == "none":
        kwargs["trust_env"] = False
    elif proxy not in ("", "system"):
        kwargs["proxy"] = proxy
        kwargs["trust_env"] = False
    return httpx.AsyncClient(**kwargs)


def client_for(settings: Settings, *, timeout: httpx.Timeout | float) -> httpx.AsyncClient:
    """The one way to reach the server under the settings: their proxy and their extra CAs.

    Every caller uses it (the engine, first-run registration from the setup dialog), so a
    volunteer behind a company proxy or CA gets through setup exactly when the engine would.
    """
    return make_http_client(proxy=settings.proxy, timeout=timeout, ca_bundle=settings.ca_bundle)


def _detail(body: bytes) -> str:
    """The server's `detail` text, for messages; never more than a few hundred characters."""
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):
        return body[:200].decode("utf-8", "replace")
    if isinstance(parsed, dict):
        detail = parsed.get("detail")
        if isinstance(detail, str):
            return detail[:300]
        if detail is not None:
            return str(detail)[:300]
    return str(parsed)[:200]


def _valid_id(value: Any) -> bool:
    """An id SQLite can store and the server could have made: a positive 64-bit integer."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < MAX_ID


def is_web_url(url: str) -> bool:
    """http(s) with a host: the only result URLs the agent stores, shows or opens."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.host)


class ApiClient:
    """One server, one agent; `client` is shared by the caller (and closed by it)."""

    def __init__(self, server: str, client: httpx.AsyncClient):
        self.server = server.rstrip("/")
        self._http = client

    async def _post(self, path: str, *, timeout: float | None = None, **kwargs: Any) -> Any:
        url = f"{self.server}{path}"
        extra: dict[str, Any] = {}
        if timeout is not None:
            extra["timeout"] = httpx.Timeout(timeout, connect=min(timeout, 15.0))
        request = self._http.build_request(
            "POST", url, headers={"Accept-Encoding": bounded.API_ACCEPT_ENCODING}, **kwargs, **extra
        )
        status, body, kind = await self._send(path, request)
        if path == "/agent/register":
            self._check_is_this_api(path, status, body, kind)
        return self._parse(path, status, body)

    async def _send(self, path: str, request: httpx.Request) -> tuple[int, bytes | None, str]:
        """Send `request`; its status, capped body (None when the body was refused) and media type."""
        try:
            response = await self._http.send(request, stream=True)
        except (
            httpx.ConnectError,
            httpx.ConnectTimeout,
            httpx.UnsupportedProtocol,
            httpx.PoolTimeout,
        ) as exc:
            raise errors.ServerUnreachable(
                f"Can't reach the server at {self.server} ({type(exc).__name__}) — check the address and your connection"
            ) from exc
        except (httpx.WriteError, httpx.WriteTimeout) as exc:
            # The body never fully left: the server cannot have acted on it.
            raise errors.RetryableError(
                f"{path}: connection broke while sending ({type(exc).__name__})"
            ) from exc
        except (httpx.ReadTimeout, httpx.ReadError, httpx.RemoteProtocolError) as exc:
            raise errors.MaybeDelivered(
                f"{path}: sent, but no answer arrived ({type(exc).__name__}); the server may have acted on it"
            ) from exc
        except httpx.TransportError as exc:
            raise errors.MaybeDelivered(f"{path}: {type(exc).__name__}: {exc}") from exc
        try:
            async with asyncio.timeout(ANSWER_DEADLINE_S):
                body: bytes | None = await bounded.read_capped(response, bounded.API_MAX_BYTES)
        except bounded.BodyRefused as exc:
            if classify(response.status_code) is Answer.OK:
                raise errors.ProtocolViolation(
                    f"{path}: the server's answer was refused: {exc}", status=response.status_code
                ) from exc
            body = None  # an error's status says enough; its body is only detail
        except (TimeoutError, httpx.TransportError) as exc:
            raise errors.MaybeDelivered(
                f"{path}: sent, but the answer did not arrive in full ({type(exc).__name__}); the server may have acted on it"
            ) from exc
        finally:
            await response.aclose()
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return response.status_code, body, kind

    def _check_is_this_api(self, path: str, status: int, body: bytes | None, kind: str) -> None:
        """Register is the first call: an answer no Grid-X server gives means a wrong address.

        A missing route (404 without the server's own "Owner email not found"), a method or
        feature it does not have (405, 501), or a web page instead of JSON.
        """
        detail = _detail(body) if body is not None else ""
        what = None
        if status in (405, 501) or (status == 404 and not detail.startswith(EMAIL_NOT_FOUND)):
            what = f"HTTP {status} on {path}"
        elif kind in ("text/html", "application/xhtml+xml"):
            what = f"a web page instead of JSON on {path}"
        if what is not None:
            raise errors.NotThisServer(
                errors.not_this_server_words(self.server, what), status=status
            )

    def _parse(self, path: str, status: int, body: bytes | None) -> Any:
        answer = classify(status)
        detail = _detail(body) if body is not None else ""
        if answer is Answer.RETRY:
            busy = "server busy" if status < 500 else "server error"
            raise errors.RetryableError(f"{path}: {busy} {status}", status=status, detail=detail)
        if answer is Answer.ENDS_TASK:
            if status == 404 and detail.startswith(EMAIL_NOT_FOUND):
                raise errors.EmailNotFound(
                    errors.EMAIL_UNKNOWN_MESSAGE,
                    status=status,
                    detail=detail,
                )
            if status == 404 and detail.startswith(AGENT_NOT_REGISTERED):
                raise errors.AgentNotRegistered(
                    "The server does not know this machine", status=status, detail=detail
                )
            if path in TASK_CALLS:
                said = f": {detail}" if detail else ""
                raise errors.TaskRejected(
                    f"The server refused {TASK_CALLS[path]} for good — {words(status)}{said}",
                    status=status,
                    detail=detail,
                )
        if answer is not Answer.OK:
            raise errors.ProtocolViolation(
                f"{path}: HTTP {status}: {detail}", status=status, detail=detail
            )
        try:
            return json.loads(body or b"")
        except (ValueError, RecursionError) as exc:
            raise errors.ProtocolViolation(f"{path}: the server's answer is not JSON") from exc

    @staticmethod
    def _object(path: str, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise errors.ProtocolViolation(
                f"{path}: expected a JSON object, got {type(body).__name__}"
            )
        return body

    async def register(self, agent_id: str, email: str, gpu_model: str, ram_total: str) -> str:
        path = "/agent/register"
        body = self._object(
            path,
            await self._post(
                path,
                json={
                    "id": agent_id,
                    "email": email,
                    "gpu_model": gpu_model,
                    "ram_total": ram_total,
                },
            ),
        )
        status = body.get("status")
        return status if isinstance(status, str) else "ok"

    async def heartbeat(
        self, agent_id: str, status: str, *, timeout: float | None = None
    ) -> str | None:
        path = "/agent/heartbeat"
        body = self._object(
            path, await self._post(path, json={"id": agent_id, "status": status}, timeout=timeout)
        )
        server_time = body.get("server_time")
        return server_time if isinstance(server_time, str) else None

    async def request_task(self, agent_id: str) -> TaskAssignment | None:
        path = "/agent/request_task"
        body = self._object(path, await self._post(path, json={"agent_id": agent_id}))
        task_id = body.get("task_id")
        if task_id is None:
            return None
        if not _valid_id(task_id):
            raise errors.ProtocolViolation(
                f"{path}: task_id must be an integer from 1 to 2**63-1, got {task_id!r:.40}"
            )
        job_id = body.get("job_id")
        if job_id is not None and not _valid_id(job_id):
            raise errors.ProtocolViolation(
                f"{path}: job_id must be an integer from 1 to 2**63-1, got {job_id!r:.40}"
            )
        urls = {}
        for key in ("code_url", "requirements_url", "chunk_data_url"):
            value = body.get(key)
            if not isinstance(value, str) or not value:
                raise errors.ProtocolViolation(
                    f"{path}: task {task_id} has no usable {key} ({value!r})"
                )
            urls[key] = value
        return TaskAssignment(task_id=task_id, job_id=job_id, **urls)

    async def upload_result(
        self, agent_id: str, task_id: int, file: Path, *, max_kib_s: int = 0
    ) -> str:
        """Send the result file; `max_kib_s` (the `max_upload_kib_s` setting) caps its rate.

        Under a cap the multipart body is handed to the connection only as fast as the cap
        allows (pacing.RateLimiter, fresh for each try), so TCP's own flow control paces it.
        """
        path = "/agent/upload_result"
        from desktop_agent.engine.pacing import PacedBody, RateLimiter  # only an upload needs them

        pace = RateLimiter.kib_s(max_kib_s)
        with file.open("rb") as fh:
            request = self._http.build_request(
                "POST",
                f"{self.server}{path}",
                headers={"Accept-Encoding": bounded.API_ACCEPT_ENCODING},
                data={"agent_id": agent_id, "task_id": str(task_id)},
                files={"file": ("model.pth", fh, "application/octet-stream")},
                timeout=httpx.Timeout(300.0, connect=15.0),
            )
            if pace is not None:
                request.stream = PacedBody(request.stream, pace)
            status, raw, _kind = await self._send(path, request)
        body = self._object(path, self._parse(path, status, raw))
        url = body.get("url")
        if not isinstance(url, str) or not url:
            raise errors.ProtocolViolation(f"{path}: no result URL in the answer")
        if not is_web_url(url):
            raise errors.ProtocolViolation(
                f"{path}: the result URL is not an http(s) address ({url!r:.80})"
            )
        return url

    async def complete_task(
        self, agent_id: str, task_id: int, result_url: str, *, timeout: float = 600.0
    ) -> None:
        """Not idempotent on the server: a long timeout keeps "maybe delivered" rare."""
        path = "/agent/complete_task"
        await self._post(
            path,
            json={"agent_id": agent_id, "task_id": task_id, "result_url": result_url},
            timeout=timeout,
        )

    async def _get_json(self, path: str) -> Any:
        """A read-only GET: raises ServerUnreachable/MaybeDelivered when no answer came or the
        server failed for now (5xx: read again later), returns None when it answered something
        unusable (another non-200, refused, not JSON)."""
        request = self._http.build_request(
            "GET",
            f"{self.server}{path}",
            headers={"Accept-Encoding": bounded.API_ACCEPT_ENCODING},
            timeout=15.0,
        )
        try:
            status, body, _kind = await self._send(path, request)
        except errors.ProtocolViolation:
            return None
        except errors.ServerUnreachable:
            raise
        except errors.RetryableError as exc:  # a GET changes nothing: "no answer" either way
            raise errors.MaybeDelivered(str(exc)) from exc
        if 500 <= status < 600:  # a passing server fault says nothing about the page
            raise errors.MaybeDelivered(f"the server answered {status} to {path}")
        if status != 200 or body is None:
            return None
        try:
            return json.loads(body)
        except (ValueError, RecursionError):
            return None

    async def job_page(self, job_id: int) -> dict[str, Any] | None:
        """`GET /jobs/{id}`: the job's status and counts (`total_subtasks`, `completed_subtasks`)."""
        body = await self._get_json(f"/jobs/{job_id}")
        return body if isinstance(body, dict) else None

    async def agents_online(self) -> list[dict[str, Any]] | None:
        """`GET /stats/agents/online`: every agent heard from in the last five minutes."""
        body = await self._get_json("/stats/agents/online")
        if not isinstance(body, list):
            return None
        return [item for item in body if isinstance(item, dict)]

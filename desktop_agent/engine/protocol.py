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

import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from desktop_agent.engine import errors

if TYPE_CHECKING:
    from desktop_agent.config import Settings

EMAIL_NOT_FOUND = "Owner email not found"
AGENT_NOT_REGISTERED = "Agent not registered"


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


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(body, dict):
        detail = body.get("detail")
        if isinstance(detail, str):
            return detail
        if detail is not None:
            return str(detail)[:300]
    return str(body)[:200]


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
        try:
            response = await self._http.post(url, **kwargs, **extra)
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
        return self._parse(path, response)

    def _parse(self, path: str, response: httpx.Response) -> Any:
        status = response.status_code
        if path == "/agent/register":
            self._check_is_this_api(path, response)
        if status >= 500:
            raise errors.RetryableError(
                f"{path}: server error {status}", status=status, detail=_detail(response)
            )
        if status in (408, 429):
            raise errors.RetryableError(f"{path}: server busy ({status})", status=status)
        if status >= 400:
            detail = _detail(response)
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
            if status in (400, 404) and path in ("/agent/complete_task", "/agent/upload_result"):
                raise errors.TaskRejected(f"{path}: {detail}", status=status, detail=detail)
            raise errors.ProtocolViolation(
                f"{path}: HTTP {status}: {detail}", status=status, detail=detail
            )
        try:
            return response.json()
        except ValueError as exc:
            raise errors.ProtocolViolation(f"{path}: the server's answer is not JSON") from exc

    def _check_is_this_api(self, path: str, response: httpx.Response) -> None:
        """Register is the first call: an answer no Grid-X server gives means a wrong address.

        A missing route (404 without the server's own "Owner email not found"), a method or
        feature it does not have (405, 501), or a web page instead of JSON.
        """
        status = response.status_code
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        what = None
        if status in (405, 501) or (
            status == 404 and not _detail(response).startswith(EMAIL_NOT_FOUND)
        ):
            what = f"HTTP {status} on {path}"
        elif kind in ("text/html", "application/xhtml+xml"):
            what = f"a web page instead of JSON on {path}"
        if what is not None:
            raise errors.NotThisServer(
                errors.not_this_server_words(self.server, what), status=status
            )

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
        if not isinstance(task_id, int) or isinstance(task_id, bool):
            raise errors.ProtocolViolation(f"{path}: task_id must be an integer, got {task_id!r}")
        job_id = body.get("job_id")
        if job_id is not None and (not isinstance(job_id, int) or isinstance(job_id, bool)):
            raise errors.ProtocolViolation(f"{path}: job_id must be an integer, got {job_id!r}")
        urls = {}
        for key in ("code_url", "requirements_url", "chunk_data_url"):
            value = body.get(key)
            if not isinstance(value, str) or not value:
                raise errors.ProtocolViolation(
                    f"{path}: task {task_id} has no usable {key} ({value!r})"
                )
            urls[key] = value
        return TaskAssignment(task_id=task_id, job_id=job_id, **urls)

    async def upload_result(self, agent_id: str, task_id: int, file: Path) -> str:
        path = "/agent/upload_result"
        with file.open("rb") as fh:
            body = self._object(
                path,
                await self._post(
                    path,
                    data={"agent_id": agent_id, "task_id": str(task_id)},
                    files={"file": ("model.pth", fh, "application/octet-stream")},
                    timeout=300.0,
                ),
            )
        url = body.get("url")
        if not isinstance(url, str) or not url:
            raise errors.ProtocolViolation(f"{path}: no result URL in the answer")
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
        """A read-only GET: raises ServerUnreachable/MaybeDelivered when no answer came, returns
        None when the server answered something unusable (not 200, not JSON)."""
        try:
            response = await self._http.get(f"{self.server}{path}", timeout=15.0)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise errors.ServerUnreachable(
                f"Can't reach the server at {self.server} ({type(exc).__name__})"
            ) from exc
        except httpx.HTTPError as exc:
            raise errors.MaybeDelivered(f"{path}: no answer ({type(exc).__name__})") from exc
        if response.status_code != 200:
            return None
        try:
            return response.json()
        except ValueError:
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

"""Streamed, size-capped downloads of a job's files.

A job's data chunk can be gigabytes from a server we do not control, so the
body goes to disk in chunks (constant memory) and is capped both by the
announced length and by what actually arrives. Redirects are followed here,
not by httpx, so every hop can be checked: a job must not make the agent read
`file://` or any other non-HTTP scheme. A broken connection resumes from the
bytes already on disk when the server supports ranges, because restarting a
large download over a flaky link may never finish.

What a hostile server can make a download cost is bounded: the body is asked
for and accepted only unencoded (`bounded.check_file_encoding`), so the bytes
counted against the cap are the bytes written; every hop's address is checked
(`addresses.AddressGuard`); and the whole download, retries included, has a
deadline (`deadline_for`), so a server trickling a byte every few seconds
cannot hold a task forever.

A volunteer may cap the download rate (`RateLimiter`, a token bucket shared by a task's
parallel downloads): the body is then read only as fast as the cap allows, so TCP's own flow
control slows the sender, and the deadline follows the cap rather than `MIN_RATE_BYTES_S`.
The same limiter caps the result's upload (`PacedBody`, used by protocol.upload_result).
`on_bytes` hears every chunk as it arrives (the monthly transfer count, engine/transfer.py).

Failures are split the engine's way: the file being gone or too big is the
job's fault (`JobFault`); a network or server hiccup that outlasts the retry
policy is the host's (`HostFault`).
"""

from __future__ import annotations

import asyncio
import errno
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

import httpx

from desktop_agent.engine import bounded, retry
from desktop_agent.engine.addresses import AddressGuard
from desktop_agent.engine.answers import Answer, classify, meaning
from desktop_agent.engine.errors import DiskFull, HostFault, JobFault
from desktop_agent.engine.pacing import RateLimiter
from desktop_agent.engine.retry import RetryPolicy

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=10.0)
"""`read` is per socket read, so a server that stops mid-body is noticed in 30 s."""

MAX_REDIRECTS = 5
PROGRESS_INTERVAL_S = 0.1
_MB = 1024 * 1024
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEADLINE_BASE_S = 120.0
MIN_RATE_BYTES_S = 128 * 1024
"""A download must average at least this (1 Mbit/s) over its expected size, plus DEADLINE_BASE_S."""
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)", re.IGNORECASE)

ProgressCallback = Callable[[int, int | None], None]
ByteCounter = Callable[[int], None]
"""Told the size of every chunk as it arrives (a retried download's bytes count again)."""


def _read_bigger_blocks() -> None:
    """httpcore reads the socket 64 KiB at a time; 1 MiB reads make a multi-GB chunk ~1.5x faster
    on a busy CPU (fewer event-loop turns per byte; see benchmarks/download.py). Memory stays constant."""
    try:
        from httpcore._async.http11 import AsyncHTTP11Connection

        AsyncHTTP11Connection.READ_NUM_BYTES = max(AsyncHTTP11Connection.READ_NUM_BYTES, 1 << 20)
    except (ImportError, AttributeError):  # a different httpcore: keep its default
        pass


_read_bigger_blocks()


@dataclass(frozen=True)
class DownloadResult:
    bytes: int
    url: str  # where the body finally came from, after redirects
    resumed: bool  # some attempt continued a partial body with a Range request
    attempts: int


class _Transient(Exception):
    """A failure worth another attempt (network, 5xx, truncated body)."""


class _Download:
    """State shared by the attempts of one download."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        url: str,
        part: Path,
        *,
        max_bytes: int,
        what: str,
        timeout: httpx.Timeout,
        on_progress: ProgressCallback | None,
        guard: AddressGuard | None,
        deadline: asyncio.Timeout | None,
        limiter: RateLimiter | None = None,
        on_bytes: ByteCounter | None = None,
    ):
        self.client = client
        self.url = url
        self.part = part
        self.max_bytes = max_bytes
        self.what = what
        self.timeout = timeout
        self.on_progress = on_progress
        self.guard = guard
        self.deadline = deadline
        self.limiter = limiter
        self.on_bytes = on_bytes
        self.started = asyncio.get_running_loop().time()  # the clock asyncio.timeout uses
        self.attempts = 0
        self.resumed = False
        self.ranges_ok = False  # the last response said `Accept-Ranges: bytes`
        self.final_url = url
        self._last_report = 0.0

    def too_big(self) -> JobFault:
        return JobFault(
            f"The {self.what} is larger than the {self.max_bytes / _MB:g} MB cap ({self.url})."
        )

    def report(self, done: int, total: int | None, *, force: bool = False) -> None:
        if self.on_progress is None:
            return
        now = time.monotonic()
        if force or now - self._last_report >= PROGRESS_INTERVAL_S:
            self._last_report = now
            self.on_progress(done, total)

    async def attempt(self) -> int:
        self.attempts += 1
        offset = self.part.stat().st_size if self.ranges_ok and self.part.exists() else 0
        headers = {"Accept-Encoding": bounded.FILE_ACCEPT_ENCODING}
        if offset:
            headers["Range"] = f"bytes={offset}-"
        response = await self._open(headers)
        try:
            return await self._receive(response, offset)
        finally:
            await response.aclose()

    async def _open(self, headers: dict[str, str]) -> httpx.Response:
        """GET the URL, following at most MAX_REDIRECTS redirects to http(s) URLs only."""
        url = self.url
        seen = {url}
        for _hop in range(MAX_REDIRECTS + 1):
            if self.guard is not None:
                await self.guard.check_url(url)
            request = self.client.build_request("GET", url, headers=headers, timeout=self.timeout)
            try:
                response = await self.client.send(request, stream=True, follow_redirects=False)
            except httpx.TransportError as exc:
                raise _Transient(f"{type(exc).__name__}: {exc}") from exc
            if self.guard is not None:
                try:
                    await self.guard.check_peer(url, response)
                except JobFault:
                    await response.aclose()
                    raise
            location = response.headers.get("location")
            if response.status_code not in _REDIRECT_STATUSES or not location:
                self.final_url = url
                return response
            await response.aclose()
            url = str(response.url.join(location))
            check_scheme(url)
            if url in seen:
                raise JobFault(f"The download of {self.url} redirects in a loop (back to {url}).")
            seen.add(url)
        raise JobFault(f"The download of {self.url} redirects more than {MAX_REDIRECTS} times.")

    async def _receive(self, response: httpx.Response, offset: int) -> int:
        status = response.status_code
        answer = classify(status)
        if answer is Answer.RETRY:
            raise _Transient(f"the server answered {status}")
        if status == 416 and offset:
            self.ranges_ok = False  # our partial file does not fit the server's: start over
            raise _Transient("the server refused to resume (416)")
        if answer is Answer.ENDS_TASK:
            raise JobFault(
                f"The job's file could not be downloaded: {self.final_url} answered {status} ({meaning(status)})."
            )
        if status not in (200, 206):
            raise JobFault(f"Unexpected answer {status} when downloading {self.final_url}.")
        try:
            bounded.check_file_encoding(response)
        except bounded.BadEncoding as exc:
            raise JobFault(f"Refusing the {self.what} from {self.final_url}: {exc}.") from exc

        self.ranges_ok = response.headers.get("accept-ranges", "").strip().lower() == "bytes"
        total = _announced_total(response)
        if status == 206:
            start = _range_start(response)
            if start != offset:
                self.ranges_ok = (
                    False  # the server cannot be trusted to resume: start over next time
                )
                raise _Transient(f"the server resumed at byte {start}, not {offset}")
            if offset:
                self.resumed = True
        else:
            offset = 0  # a 200 to a Range request is the whole body again
        if total is not None and total > self.max_bytes:
            raise self.too_big()
        if total is not None and self.deadline is not None:
            # The size is known: the deadline follows it, not the cap.
            when = self.started + deadline_for(total, _floor_rate(self.limiter))
            self.deadline.reschedule(min(when, self.deadline.when() or when))

        done = offset
        self.report(done, total, force=True)
        with open(self.part, "ab" if offset else "wb") as fh:
            try:
                async for chunk in (
                    response.aiter_raw()
                ):  # as it arrives, undecoded (the encoding was checked above)
                    done += len(chunk)
                    if done > self.max_bytes:
                        raise self.too_big()
                    fh.write(chunk)
                    if self.on_bytes is not None:
                        self.on_bytes(len(chunk))
                    self.report(done, total)
                    if self.limiter is not None:
                        await self.limiter.take(len(chunk))
            except httpx.TransportError as exc:
                raise _Transient(
                    f"the connection broke after {done} bytes ({type(exc).__name__}: {exc})"
                ) from exc
            fh.flush()
            await asyncio.to_thread(os.fsync, fh.fileno())
        if total is not None and done != total:
            raise _Transient(f"the body ended after {done} of {total} bytes")
        self.report(done, total, force=True)
        return done


def check_scheme(url: str) -> None:
    """Only http(s): a job must not point the agent at local files or other protocols."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https"):
        raise JobFault(f"Refusing to download {url!r}: only http and https URLs are allowed.")


def deadline_for(size: int, min_rate: float = MIN_RATE_BYTES_S) -> float:
    """Seconds a download of `size` bytes may take in all, retries included."""
    return DEADLINE_BASE_S + size / min_rate


def _floor_rate(limiter: RateLimiter | None) -> float:
    """The slowest average a download may keep: below a volunteer's cap when there is one."""
    if limiter is None or limiter.rate <= 0:
        return MIN_RATE_BYTES_S
    return min(MIN_RATE_BYTES_S, limiter.rate / 2)


def _announced_total(response: httpx.Response) -> int | None:
    """The full file's size, when the response says it (the body is never encoded here)."""
    if response.status_code == 206:
        match = _CONTENT_RANGE.match(response.headers.get("content-range", ""))
        if match and match.group(3) != "*":
            return int(match.group(3))
        return None
    length = response.headers.get("content-length")
    return int(length) if length and length.isdigit() else None


def _range_start(response: httpx.Response) -> int | None:
    match = _CONTENT_RANGE.match(response.headers.get("content-range", ""))
    return int(match.group(1)) if match else None


async def download(
    client: httpx.AsyncClient,
    url: str,
    dest: Path,
    *,
    max_bytes: int,
    on_progress: ProgressCallback | None = None,
    wait: retry.Waiter = retry.plain_wait,
    policy: RetryPolicy = retry.DOWNLOAD,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    what: str | None = None,
    guard: AddressGuard | None = None,
    deadline_s: float | None = None,
    limiter: RateLimiter | None = None,
    on_bytes: ByteCounter | None = None,
) -> DownloadResult:
    """Download `url` to `dest` (via `dest.part`, renamed only when complete).

    `what` names the file in the too-large message ("data chunk"; default:
    `dest`'s name). `on_progress(bytes_so_far, total_or_None)` is called at most
    about ten times a second, plus once at the start and end of each attempt.
    `guard` checks every hop's address (see addresses.py). The whole download
    must end within `deadline_s` (default: `deadline_for(max_bytes)`, tightened
    to the announced size once known). `limiter` caps the rate the body is read at (the
    deadline then allows for it); `on_bytes(n)` counts each chunk as it arrives.
    Raises JobFault for a bad URL or address, a 4xx, a redirect loop, an encoded
    body or a file over `max_bytes`; HostFault when transient failures outlast
    `policy` or the deadline passes.
    """
    check_scheme(url)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    part.unlink(missing_ok=True)
    limit = deadline_s if deadline_s is not None else deadline_for(max_bytes, _floor_rate(limiter))
    try:
        async with asyncio.timeout(limit) as deadline:
            job = _Download(
                client,
                url,
                part,
                max_bytes=max_bytes,
                what=what or dest.name,
                timeout=timeout,
                on_progress=on_progress,
                guard=guard,
                deadline=deadline,
                limiter=limiter,
                on_bytes=on_bytes,
            )
            size = await retry.call_with_retry(
                policy, job.attempt, retry_on=(_Transient,), wait=wait
            )
    except TimeoutError as exc:
        part.unlink(missing_ok=True)
        raise HostFault(
            f"The download of {url} was too slow: it did not finish within {limit:.0f} s."
        ) from exc
    except OSError as exc:
        part.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:  # the host's fault: the task waits for space
            raise DiskFull(
                f"The disk is full while downloading the {what or dest.name} — free some space"
            ) from exc
        raise
    except _Transient as exc:
        part.unlink(missing_ok=True)
        raise HostFault(f"Could not download {url} after {job.attempts} attempts: {exc}.") from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    os.replace(part, dest)
    return DownloadResult(bytes=size, url=job.final_url, resumed=job.resumed, attempts=job.attempts)

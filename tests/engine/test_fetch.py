"""fetch.download against a real local HTTP server with misbehaving routes."""

from __future__ import annotations

import asyncio
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from desktop_agent.engine import fetch, pacing
from desktop_agent.engine.errors import HostFault, JobFault
from desktop_agent.engine.retry import RetryPolicy

BODY = bytes(range(256)) * 1200  # 300 KiB, every byte position distinguishable
FAST = RetryPolicy("test", initial_s=0.0, max_s=0.0, jitter=0.0, max_attempts=3)
TWO_MIB = bytes(range(256)) * 8192
QUICK_TIMEOUT = httpx.Timeout(connect=5.0, read=0.5, write=5.0, pool=5.0)


class _Handler(BaseHTTPRequestHandler):
    flaky_hits = 0

    def log_message(self, *_args) -> None:  # keep test output quiet
        pass

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def do_GET(self) -> None:
        route = getattr(self, "route_" + self.path.strip("/").replace("-", "_"), None)
        if route is None:
            self._head(404, {"Content-Length": "0"})
        else:
            route()

    def route_file(self) -> None:
        self._head(200, {"Content-Length": str(len(BODY))})
        self.wfile.write(BODY)

    def route_flaky(self) -> None:
        """Cuts the connection halfway the first time; honours Range after that."""
        type(self).flaky_hits += 1
        rng = self.headers.get("Range")
        if rng is None:
            self._head(200, {"Content-Length": str(len(BODY)), "Accept-Ranges": "bytes"})
            if type(self).flaky_hits == 1:
                self.wfile.write(BODY[: len(BODY) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(BODY)
            return
        start = int(rng.split("=")[1].rstrip("-"))
        self._head(
            206,
            {
                "Content-Length": str(len(BODY) - start),
                "Content-Range": f"bytes {start}-{len(BODY) - 1}/{len(BODY)}",
                "Accept-Ranges": "bytes",
            },
        )
        self.wfile.write(BODY[start:])

    def route_forgetful(self) -> None:
        """Cuts the first body halfway, then ignores Range and sends the whole file again."""
        type(self).flaky_hits += 1
        self._head(200, {"Content-Length": str(len(BODY)), "Accept-Ranges": "bytes"})
        if type(self).flaky_hits == 1:
            self.wfile.write(BODY[: len(BODY) // 3])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(BODY)

    def route_big(self) -> None:
        self._head(200, {"Content-Length": str(50 * 1024 * 1024)})
        self.wfile.write(b"x" * 1024)

    def route_big_unannounced(self) -> None:
        self._head(200, {})  # HTTP/1.0, no length: the body ends when the connection closes
        for _ in range(64):
            self.wfile.write(b"y" * 64 * 1024)

    def route_two_mib(self) -> None:
        self._head(200, {"Content-Length": str(len(TWO_MIB))})
        self.wfile.write(TWO_MIB)

    def route_to_file(self) -> None:
        self._head(302, {"Location": "file:///etc/passwd", "Content-Length": "0"})

    def route_redirect_ok(self) -> None:
        self._head(302, {"Location": "/file", "Content-Length": "0"})

    def route_loop_a(self) -> None:
        self._head(302, {"Location": "/loop-b", "Content-Length": "0"})

    def route_loop_b(self) -> None:
        self._head(302, {"Location": "/loop-a", "Content-Length": "0"})

    def route_error(self) -> None:
        self._head(503, {"Content-Length": "0"})

    def route_hang(self) -> None:
        self._head(200, {"Content-Length": "1000"})
        self.wfile.write(b"z" * 100)
        self.wfile.flush()
        time.sleep(3)


@pytest.fixture()
def server():
    _Handler.flaky_hits = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    # polled every 0.05 s, so shutdown() returns at once rather than after 0.5 s
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _download(url: str, dest: Path, **kwargs) -> fetch.DownloadResult:
    async def go() -> fetch.DownloadResult:
        async with httpx.AsyncClient() as client:
            return await fetch.download(
                client, url, dest, policy=FAST, timeout=QUICK_TIMEOUT, **kwargs
            )

    return asyncio.run(go())


@pytest.mark.timeout(20)
def test_plain_download_with_progress(server, tmp_path):
    seen: list[tuple[int, int | None]] = []
    result = _download(
        f"{server}/file",
        tmp_path / "data.csv",
        max_bytes=10**6,
        on_progress=lambda got, total: seen.append((got, total)),
    )
    assert (tmp_path / "data.csv").read_bytes() == BODY
    assert not (tmp_path / "data.csv.part").exists()
    assert (result.bytes, result.resumed, result.attempts) == (len(BODY), False, 1)
    assert seen[-1] == (len(BODY), len(BODY))
    assert len(seen) < 20  # throttled, not once per chunk


@pytest.mark.timeout(20)
def test_redirect_is_followed(server, tmp_path):
    result = _download(f"{server}/redirect-ok", tmp_path / "f", max_bytes=10**6)
    assert result.url.endswith("/file")
    assert (tmp_path / "f").read_bytes() == BODY


@pytest.mark.timeout(20)
def test_cut_connection_resumes_with_range(server, tmp_path):
    result = _download(f"{server}/flaky", tmp_path / "f", max_bytes=10**6)
    assert result.resumed and result.attempts == 2
    assert (tmp_path / "f").read_bytes() == BODY


@pytest.mark.timeout(20)
def test_a_200_answer_to_range_starts_over(server, tmp_path):
    result = _download(f"{server}/forgetful", tmp_path / "f", max_bytes=10**6)
    assert not result.resumed and result.attempts == 2
    assert (tmp_path / "f").read_bytes() == BODY


@pytest.mark.timeout(20)
@pytest.mark.parametrize("route", ["big", "big-unannounced"])
def test_too_large_is_a_job_fault(server, tmp_path, route):
    with pytest.raises(JobFault, match=r"data chunk is larger than the 1 MB cap"):
        _download(f"{server}/{route}", tmp_path / "f", max_bytes=1024 * 1024, what="data chunk")
    assert not (tmp_path / "f").exists() and not (tmp_path / "f.part").exists()


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "route, message",
    [
        ("to-file", "only http and https"),
        ("loop-a", "redirects in a loop"),
        ("missing", "answered 404"),
    ],
)
def test_bad_targets_are_job_faults(server, tmp_path, route, message):
    with pytest.raises(JobFault, match=message):
        _download(f"{server}/{route}", tmp_path / "f", max_bytes=10**6)


@pytest.mark.timeout(20)
def test_non_http_url_refused_before_any_request(tmp_path):
    with pytest.raises(JobFault, match="only http and https"):
        _download("file:///etc/passwd", tmp_path / "f", max_bytes=10**6)


@pytest.mark.timeout(20)
@pytest.mark.parametrize("route", ["error", "hang"])
def test_persistent_transient_failure_is_a_host_fault(server, tmp_path, route):
    with pytest.raises(HostFault, match="after 3 attempts"):
        _download(f"{server}/{route}", tmp_path / "f", max_bytes=10**6)
    assert not (tmp_path / "f.part").exists()


# --- the download rate cap -------------------------------------------------------------


class VirtualTime:
    """A clock that moves only when the limiter sleeps: the pacing is checked, not waited for."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@pytest.mark.timeout(20)
def test_a_capped_download_keeps_to_the_rate(server, tmp_path):
    """2 MiB at 512 KiB/s: about 4 s of pacing (less the small first burst), body intact."""
    vt = VirtualTime()
    limiter = pacing.RateLimiter(512 * 1024, clock=vt.clock, sleep=vt.sleep)
    counted: list[int] = []
    result = _download(
        f"{server}/two-mib",
        tmp_path / "f",
        max_bytes=10 * 1024 * 1024,
        limiter=limiter,
        on_bytes=counted.append,
    )
    assert (tmp_path / "f").read_bytes() == TWO_MIB and result.bytes == len(TWO_MIB)
    assert 3.5 <= vt.now <= 6.0, vt.sleeps
    assert sum(counted) == len(TWO_MIB)


@pytest.mark.timeout(20)
def test_a_capped_download_really_waits(server, tmp_path):
    """The same on the real clock, small enough to stay quick: 300 KiB at 200 KiB/s."""
    started = time.monotonic()
    _download(
        f"{server}/file", tmp_path / "f", max_bytes=10**6, limiter=pacing.RateLimiter(200 * 1024)
    )
    elapsed = time.monotonic() - started
    assert (tmp_path / "f").read_bytes() == BODY
    assert 1.0 <= elapsed <= 5.0


@pytest.mark.timeout(20)
def test_one_limiter_paces_parallel_downloads_together(server, tmp_path):
    vt = VirtualTime()
    limiter = pacing.RateLimiter(512 * 1024, clock=vt.clock, sleep=vt.sleep)

    async def go() -> None:
        async with httpx.AsyncClient() as client:
            await asyncio.gather(
                *(
                    fetch.download(
                        client,
                        f"{server}/two-mib",
                        tmp_path / f"f{i}",
                        max_bytes=10 * 1024 * 1024,
                        policy=FAST,
                        timeout=QUICK_TIMEOUT,
                        limiter=limiter,
                    )
                    for i in range(2)
                )
            )

    asyncio.run(go())
    assert 7.5 <= vt.now <= 12.0  # 4 MiB together at 512 KiB/s, not 2 MiB each at full rate


def test_no_cap_means_no_limiter_and_no_wait():
    assert pacing.RateLimiter.kib_s(0) is None
    vt = VirtualTime()
    unlimited = pacing.RateLimiter(0, clock=vt.clock, sleep=vt.sleep)
    asyncio.run(unlimited.take(100 * 1024 * 1024))
    assert vt.sleeps == []


@pytest.mark.timeout(20)
def test_the_uncapped_path_is_unaffected(server, tmp_path):
    started = time.monotonic()
    _download(f"{server}/two-mib", tmp_path / "f", max_bytes=10 * 1024 * 1024)
    assert time.monotonic() - started < 2.0
    assert (tmp_path / "f").read_bytes() == TWO_MIB


def test_the_deadline_allows_for_a_slow_cap():
    """A cap below the minimum rate a download must keep must not make every download time out."""
    size = 100 * 1024 * 1024
    slow = pacing.RateLimiter(32 * 1024)
    assert fetch.deadline_for(size, fetch._floor_rate(slow)) > size / slow.rate
    assert fetch._floor_rate(None) == fetch.MIN_RATE_BYTES_S


def test_after_a_pause_only_a_short_burst_goes_unpaced():
    vt = VirtualTime()
    limiter = pacing.RateLimiter(1024 * 1024, clock=vt.clock, sleep=vt.sleep)
    asyncio.run(limiter.take(1024 * 1024))  # the first bytes: a full second of debt
    assert vt.sleeps == [pytest.approx(1.0)]
    vt.now += 3600  # an hour idle earns a quarter second of burst, not an hour
    asyncio.run(limiter.take(1024 * 1024))
    assert vt.sleeps[-1] == pytest.approx(0.75)

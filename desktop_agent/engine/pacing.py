"""Pacing bytes to a rate the volunteer chose: the download and upload caps.

One token bucket serves both directions: the downloader takes from it as chunks arrive, and
an upload's body is handed to the connection through `PacedBody`, so TCP's own flow control
slows the sender without any second limiter.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx


class RateLimiter:
    """A token bucket: on average at most `rate` bytes a second; after a pause, a burst of at
    most `burst_s` of it.

    `take(n)` is called after `n` bytes arrived and sleeps (asyncio, never busy) until they fit
    the rate. One limiter may be shared by concurrent downloads: each one's debt is seen by the
    next, so together they stay under the cap. `rate <= 0` means no cap. The clock and the sleep
    are injectable so tests can check the pacing without waiting for it.
    """

    def __init__(
        self,
        rate: float,
        *,
        burst_s: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ):
        self.rate = float(rate)
        self.burst = max(self.rate * burst_s, 16 * 1024.0)
        self._clock = clock
        self._sleep = sleep
        self._tokens = 0.0  # starts empty, at the first bytes: a short download never beats the cap
        self._stamp: float | None = None

    @classmethod
    def kib_s(cls, kib_s: float, **kw: Any) -> RateLimiter | None:
        """The limiter for a `max_download_kib_s` setting; None when it is 0 (no cap)."""
        return cls(kib_s * 1024, **kw) if kib_s > 0 else None

    async def take(self, n: int) -> None:
        if self.rate <= 0:
            return
        now = self._clock()
        since = now - (self._stamp if self._stamp is not None else now)
        self._tokens = min(self.burst, self._tokens + since * self.rate)
        self._stamp = now
        self._tokens -= n
        if self._tokens < 0:
            await self._sleep(-self._tokens / self.rate)


class PacedBody(httpx.AsyncByteStream):
    """A request body handed to the connection no faster than `pace` allows (the upload cap).

    Wraps the stream httpx built (a multipart form with its Content-Length already set), so
    only the timing changes, never the bytes.
    """

    def __init__(self, inner: Any, pace: RateLimiter):
        self._inner = inner
        self._pace = pace

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            await self._pace.take(len(chunk))
            yield chunk

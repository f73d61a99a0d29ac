"""The clock the heartbeat and the back-offs read and sleep on.

Code that keeps a schedule takes a `Clock` (the system's by default), so a
test can run ten minutes of heartbeats or a whole back-off sequence in
virtual time instead of waiting for it, and can make the wall clock jump as
it does when the computer sleeps.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never jumps (intervals, deadlines)."""
        ...

    def time(self) -> float:
        """Wall-clock seconds since the epoch (timestamps shown to people; sleep detection)."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Return after `seconds` on this clock."""
        ...


class SystemClock:
    """The real clock: `time.monotonic`, `time.time` and `asyncio.sleep`."""

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


SYSTEM_CLOCK: Clock = SystemClock()


async def sleep_or_event(clock: Clock, event: asyncio.Event, seconds: float) -> bool:
    """Sleep `seconds` on `clock`, or less when `event` is set first; True when the event won."""
    if event.is_set():
        return True
    nap = asyncio.ensure_future(clock.sleep(seconds))
    woken = asyncio.ensure_future(event.wait())
    try:
        await asyncio.wait({nap, woken}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        nap.cancel()
        woken.cancel()
    return woken.done() and not woken.cancelled()

"""The heartbeat: its own timer, its own HTTP client, nothing else in its way.

It runs beside the work loop so a long download, install, training run or a
slow `complete_task` (the server merges results inside it) can never delay
it: a missed heartbeat for 10 minutes costs the task. Intervals use the
monotonic clock, slept in slices of 5 s; a jump of the wall clock larger
than the monotonic one during a slice means the machine slept, and then it
beats at the end of that slice rather than of the interval. Both clocks and the
sleeping come from an injected `Clock` (clock.py), so tests run a schedule
in virtual time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from desktop_agent.engine import errors, retry
from desktop_agent.engine.clock import SYSTEM_CLOCK, Clock, sleep_or_event
from desktop_agent.engine.events import HeartbeatSent, ProblemKind, RetryScheduled
from desktop_agent.engine.protocol import ApiClient

SLEEP_GAP_S = 30.0  # wall clock ran this much further than the monotonic clock: we were asleep


class Heartbeat:
    def __init__(
        self,
        api: ApiClient,
        agent_id: str,
        *,
        interval: float,
        status: Callable[[], str | None],
        reregister: Callable[[], Awaitable[None]],
        emit: Callable[[object], None],
        outage: OutageTracker,
        log: Callable[[str, str], None],
        clock: Clock = SYSTEM_CLOCK,
    ):
        self.api = api
        self.agent_id = agent_id
        self.interval = interval
        self._status = status
        self._reregister = reregister
        self._emit = emit
        self._outage = outage
        self._log = log
        self._clock = clock
        self._kick = asyncio.Event()
        self._sending = asyncio.Lock()
        self.held = False
        self.beats = 0
        self.last_ok_monotonic: float | None = None

    async def hold(self) -> None:
        """Send nothing until `release()`; returns once no beat is in flight any more.

        A completion whose answer may be lost is judged from the agent row the server shows
        (engine/delivery.py); a beat landing after the completion would overwrite its trace.
        """
        self.held = True
        async with self._sending:
            pass

    def release(self) -> None:
        self.held = False
        self.kick()

    def kick(self) -> None:
        """Beat now (state changed, woke from sleep)."""
        self._kick.set()

    async def run(self) -> None:
        backoff = retry.Backoff(retry.HEARTBEAT)
        while True:
            delay = self.interval
            status = self._status()
            if status is not None:
                ok = await self.beat(status)
                delay = self.interval if ok else min(self.interval, backoff.next_delay())
                if ok:
                    backoff.reset()
                else:
                    self._emit(RetryScheduled(self._clock.time() + delay, "heartbeat"))
            await self._sleep(delay)

    async def beat(self, status: str) -> bool:
        async with self._sending:
            if self.held:
                return True
            return await self._beat(status)

    async def _beat(self, status: str) -> bool:
        try:
            await self.api.heartbeat(
                self.agent_id, status, timeout=max(5.0, min(30.0, self.interval * 2))
            )
        except errors.AgentNotRegistered:
            self._log("WARNING", "The server no longer knows this machine; registering again")
            try:
                await self._reregister()
                await self.api.heartbeat(self.agent_id, status, timeout=30.0)
            except errors.AgentError as exc:
                self._log("WARNING", f"Re-registering failed: {exc}")
                self._emit(HeartbeatSent(status, False))
                return False
        except (errors.RetryableError, errors.MaybeDelivered, errors.ProtocolViolation) as exc:
            self._outage.failed(str(exc))
            self._emit(HeartbeatSent(status, False))
            return False
        self.beats += 1
        self.last_ok_monotonic = self._clock.monotonic()
        self._outage.ok()
        self._emit(HeartbeatSent(status, True))
        return True

    async def _sleep(self, seconds: float) -> None:
        """Sleep in slices, waking early on a kick or when the machine was suspended."""
        clock = self._clock
        deadline = clock.monotonic() + seconds
        while True:
            left = deadline - clock.monotonic()
            if left <= 0:
                return
            step = min(left, 5.0)
            wall0, mono0 = clock.time(), clock.monotonic()
            if await sleep_or_event(clock, self._kick, step):
                self._kick.clear()
                return
            if (clock.time() - wall0) - (clock.monotonic() - mono0) > SLEEP_GAP_S:
                self._log("INFO", "The computer was asleep; telling the server we are back")
                return


class OutageTracker:
    """One log line per outage, not one per attempt; a problem event once it lasts."""

    def __init__(
        self,
        log: Callable[[str, str], None],
        raise_problem: Callable[[ProblemKind, str], None],
        clear_problem: Callable[[ProblemKind], None],
        server: str,
        clock: Clock = SYSTEM_CLOCK,
    ):
        self._log = log
        self._clock = clock
        self._raise = raise_problem
        self._clear = clear_problem
        self._server = server
        self.since: float | None = None
        self.outages = 0

    def failed(self, reason: str) -> None:
        if self.since is None:
            self.since = self._clock.monotonic()
            self.outages += 1
            self._log(
                "WARNING", f"Server unreachable ({reason}); retrying quietly until it is back"
            )
            self._raise(
                ProblemKind.SERVER_UNREACHABLE,
                f"The server at {self._server} isn't answering — nothing is lost; it is tried again automatically",
            )

    def ok(self) -> None:
        if self.since is not None:
            lasted = self._clock.monotonic() - self.since
            self.since = None
            self._log("INFO", f"Server reachable again after {lasted:.0f} s")
            self._clear(ProblemKind.SERVER_UNREACHABLE)

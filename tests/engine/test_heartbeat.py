"""The heartbeat's schedule in virtual time, against the reference backend over real HTTP.

The clock is a `FakeClock`: ten minutes of beats take milliseconds, and every
interval, back-off and wake-up is checked to the virtual second.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from desktop_agent.devserver import DevServer
from desktop_agent.engine import retry
from desktop_agent.engine.events import HeartbeatSent, ProblemKind, RetryScheduled
from desktop_agent.engine.heartbeat import Heartbeat, OutageTracker
from desktop_agent.engine.protocol import ApiClient
from tests.engine.fake_clock import FakeClock

OWNER = "owner@example.com"
AGENT = "agent-heartbeat-test"

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def srv(tmp_path):
    with DevServer(data_dir=tmp_path / "server", faults_enabled=True) as server:
        server.add_owner(OWNER)
        yield server


class Beating:
    """A Heartbeat on a fake clock, with what it sent and said recorded in virtual time."""

    def __init__(self, srv: DevServer, clock: FakeClock, *, interval: float, status: str | None):
        self.srv = srv
        self.clock = clock
        self.interval = interval
        self.status = status
        self.sent: list[tuple[float, str, bool]] = []  # (virtual seconds from start, status, ok)
        self.retries: list[float] = []  # seconds ahead each RetryScheduled announced
        self.logs: list[tuple[str, str]] = []
        self.problems: list[tuple[str, ProblemKind]] = []
        self.reregistered = 0
        self.start = clock.monotonic()

    def _emit(self, event: object) -> None:
        if isinstance(event, HeartbeatSent):
            self.sent.append((self.clock.monotonic() - self.start, event.status, event.ok))
        elif isinstance(event, RetryScheduled):
            self.retries.append(event.at - self.clock.time())

    async def _reregister(self) -> None:
        self.reregistered += 1
        await self.api.register(AGENT, OWNER, "none", "8 GB")

    async def __aenter__(self) -> Beating:
        self.http = httpx.AsyncClient(timeout=10.0)
        self.api = ApiClient(self.srv.url, self.http)
        await self.api.register(AGENT, OWNER, "none", "8 GB")
        self.outage = OutageTracker(
            lambda level, text: self.logs.append((level, text)),
            lambda kind, _text: self.problems.append(("raised", kind)),
            lambda kind: self.problems.append(("cleared", kind)),
            self.srv.url,
            clock=self.clock,
        )
        self.hb = Heartbeat(
            self.api,
            AGENT,
            interval=self.interval,
            status=lambda: self.status,
            reregister=self._reregister,
            emit=self._emit,
            outage=self.outage,
            log=lambda level, text: self.logs.append((level, text)),
            clock=self.clock,
        )
        self.task = asyncio.create_task(self.hb.run())
        await self.clock.settle()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)
        await self.http.aclose()

    def server_statuses(self) -> list[str]:
        return [c.body["status"] for c in self.srv.calls("/agent/heartbeat")]


def run(
    srv: DevServer,
    scenario: Callable[[Beating], Awaitable[None]],
    *,
    interval: float = 10.0,
    status: str | None = "IDLE",
) -> Beating:
    clock = FakeClock()

    async def main() -> Beating:
        async with Beating(srv, clock, interval=interval, status=status) as beating:
            await scenario(beating)
        return beating

    return asyncio.run(main())


def test_the_first_beat_goes_at_once_then_one_per_interval(srv):
    async def scenario(b: Beating) -> None:
        await b.clock.advance(35)

    b = run(srv, scenario)
    assert b.sent == [(0, "IDLE", True), (10, "IDLE", True), (20, "IDLE", True), (30, "IDLE", True)]
    assert b.server_statuses() == ["IDLE"] * 4
    assert b.hb.beats == 4 and b.hb.last_ok_monotonic == b.start + 30
    assert max(b.clock.slept) <= 5.0  # slices, so a kick or a wake from sleep is seen


def test_nothing_is_sent_while_the_status_is_none_and_a_kick_sends_the_new_one(srv):
    """None is what the engine answers while it releases a task: the server must hear nothing."""

    async def scenario(b: Beating) -> None:
        await b.clock.advance(60)
        assert b.srv.calls("/agent/heartbeat") == []
        b.status = "BUSY"  # a task is held: the engine kicks the heartbeat
        b.hb.kick()
        await b.clock.settle()
        await b.clock.advance(10)

    b = run(srv, scenario, status=None)
    assert b.sent == [(60, "BUSY", True), (70, "BUSY", True)]
    assert b.server_statuses() == ["BUSY", "BUSY"]


def test_a_kick_beats_at_once_and_the_interval_starts_again_from_it(srv):
    async def scenario(b: Beating) -> None:
        await b.clock.advance(3)
        b.status = "BUSY"
        b.hb.kick()
        await b.clock.settle()
        await b.clock.advance(12)

    b = run(srv, scenario)
    assert b.sent == [(0, "IDLE", True), (3, "BUSY", True), (13, "BUSY", True)]


def test_failed_beats_back_off_no_longer_than_the_interval_then_recover(srv):
    srv.faults.fail_next("/agent/heartbeat", n=4, status=503)

    async def scenario(b: Beating) -> None:
        await b.clock.advance(120)

    b = run(srv, scenario, interval=5.0)
    oks = [ok for _t, _s, ok in b.sent]
    assert oks[:5] == [False, False, False, False, True] and all(oks[5:])
    times = [t for t, _s, _ok in b.sent]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    policy = retry.HEARTBEAT  # 2 s, 4 s, 8 s... each +/- 25 %, never longer than the interval
    for attempt, gap in enumerate(gaps[:4], start=1):
        base = min(policy.max_s, policy.initial_s * policy.multiplier ** (attempt - 1))
        assert min(5.0, base * (1 - policy.jitter)) <= gap <= min(5.0, base * (1 + policy.jitter))
    assert b.retries == pytest.approx(gaps[:4])  # what the display counts down to is when it beats
    assert len(gaps) > 8 and gaps[4:] == pytest.approx([5.0] * len(gaps[4:]))  # on the interval
    # One outage: one warning and one problem, cleared with how long it lasted (virtual time).
    assert b.problems == [
        ("raised", ProblemKind.SERVER_UNREACHABLE),
        ("cleared", ProblemKind.SERVER_UNREACHABLE),
    ]
    back = [text for level, text in b.logs if "reachable again" in text]
    assert back == [f"Server reachable again after {times[4]:.0f} s"]


def test_a_held_heartbeat_sends_nothing_until_released(srv):
    async def scenario(b: Beating) -> None:
        await b.hb.hold()
        await b.clock.advance(40)
        assert len(b.srv.calls("/agent/heartbeat")) == 1  # the first beat, before the hold
        b.hb.release()
        await b.clock.settle()

    b = run(srv, scenario)
    assert [t for t, _s, ok in b.sent if ok] == [0, 40]
    assert len(b.srv.calls("/agent/heartbeat")) == 2


def test_waking_from_sleep_beats_within_a_slice_not_an_interval(srv):
    """The monotonic clock stands still while a computer sleeps; the wall clock does not.

    The jump is seen when the 5 s slice it happened in ends, so the server hears from a machine
    that woke up after 5 s at most, not after a whole interval."""

    async def scenario(b: Beating) -> None:
        await b.clock.advance(2, wall_jump=3600)
        await b.clock.advance(4)

    b = run(srv, scenario, interval=30.0)
    assert [t for t, _s, _ok in b.sent] == [0, 5]
    assert ("INFO", "The computer was asleep; telling the server we are back") in b.logs


def test_a_server_that_forgot_the_machine_gets_it_registered_again(srv):
    async def scenario(b: Beating) -> None:
        b.srv.faults.forget_agents()
        await b.clock.advance(10)

    b = run(srv, scenario)
    assert b.reregistered == 1
    assert b.sent == [(0, "IDLE", True), (10, "IDLE", True)]
    assert [c.status for c in b.srv.calls("/agent/heartbeat")] == [200, 404, 200]

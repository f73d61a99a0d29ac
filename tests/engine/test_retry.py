"""The back-off policies and `call_with_retry`, run in virtual time (no real waiting)."""

from __future__ import annotations

import asyncio
import random

import pytest

from desktop_agent.engine import errors, retry
from desktop_agent.engine.retry import Backoff, RetryPolicy, call_with_retry
from tests.engine.fake_clock import FakeClock

POLICIES = [
    retry.REGISTER,
    retry.HEARTBEAT,
    retry.REQUEST_TASK,
    retry.DOWNLOAD,
    retry.UPLOAD,
    retry.COMPLETE,
    retry.ENV_BUILD,
    retry.DISK_FULL,
]


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
def test_delays_double_up_to_the_cap_and_jitter_stays_within_its_fraction(policy):
    rng = random.Random(7)
    backoff = Backoff(policy, rng)
    for attempt in range(1, 30):
        base = min(policy.max_s, policy.initial_s * policy.multiplier ** (attempt - 1))
        delay = backoff.next_delay()
        assert base * (1 - policy.jitter) <= delay <= base * (1 + policy.jitter), (attempt, delay)
    assert backoff.attempt == 29
    # Capped: late delays are spread around max_s, never beyond its jitter.
    late = [Backoff(policy, random.Random(seed)) for seed in range(50)]
    for b in late:
        b.attempt = 40
    tail = [b.next_delay() for b in late]
    assert max(tail) <= policy.max_s * (1 + policy.jitter)
    assert min(tail) >= policy.max_s * (1 - policy.jitter)
    assert len(set(tail)) > 40  # jittered: many agents do not retry in step


def test_no_jitter_gives_the_exact_sequence_and_reset_starts_again():
    backoff = Backoff(RetryPolicy("t", initial_s=1.0, max_s=10.0, jitter=0.0))
    assert [backoff.next_delay() for _ in range(6)] == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0]
    backoff.reset()
    assert backoff.next_delay() == 1.0


def test_call_with_retry_waits_the_policys_delays_on_the_clock_then_returns():
    clock = FakeClock(auto=True)
    policy = RetryPolicy("t", initial_s=1.0, max_s=4.0, jitter=0.0)
    failures = iter([errors.RetryableError("503")] * 5)
    seen: list[tuple[int, float]] = []

    async def flaky() -> str:
        exc = next(failures, None)
        if exc is not None:
            raise exc
        return "done"

    result = asyncio.run(
        call_with_retry(
            policy,
            flaky,
            retry_on=(errors.RetryableError,),
            wait=retry.waiter(clock),
            on_retry=lambda attempt, _exc, delay: seen.append((attempt, delay)),
        )
    )
    assert result == "done"
    assert clock.slept == [1.0, 2.0, 4.0, 4.0, 4.0]
    assert seen == [(1, 1.0), (2, 2.0), (3, 4.0), (4, 4.0), (5, 4.0)]
    assert clock.monotonic() == 1000.0 + 15.0  # 15 virtual seconds, no real ones


def test_a_non_retryable_error_stops_at_once():
    clock = FakeClock(auto=True)
    calls = 0

    async def refused() -> None:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise errors.RetryableError("busy")
        raise errors.TaskRejected("The server refused the completion for good")

    with pytest.raises(errors.TaskRejected):
        asyncio.run(
            call_with_retry(
                retry.COMPLETE,
                refused,
                retry_on=(errors.RetryableError,),
                wait=retry.waiter(clock),
                rng=random.Random(1),
            )
        )
    assert calls == 3 and len(clock.slept) == 2


def test_attempts_run_out_with_the_last_error():
    clock = FakeClock(auto=True)
    calls = 0

    async def down() -> None:
        nonlocal calls
        calls += 1
        raise errors.ServerUnreachable(f"attempt {calls}")

    with pytest.raises(errors.ServerUnreachable, match="attempt 8"):
        asyncio.run(
            call_with_retry(
                retry.DOWNLOAD, down, retry_on=(errors.RetryableError,), wait=retry.waiter(clock)
            )
        )
    assert calls == retry.DOWNLOAD.max_attempts == 8
    assert len(clock.slept) == 7  # no wait after the last try


def test_a_stop_during_the_wait_raises_the_last_retryable_error():
    waited: list[float] = []

    async def stop_now(seconds: float) -> bool:
        waited.append(seconds)
        return True  # the agent is stopping

    async def down() -> None:
        raise errors.RetryableError("still down")

    with pytest.raises(errors.RetryableError, match="still down"):
        asyncio.run(
            call_with_retry(retry.UPLOAD, down, retry_on=(errors.RetryableError,), wait=stop_now)
        )
    assert len(waited) == 1

"""One backoff policy for every call that may need another try.

Each call site names its own `RetryPolicy` (see the constants at the bottom) so
the numbers live in one place and a reader can see how patient each call is.
Sleeping goes through an injected waiter, so a stop request interrupts a
back-off at once and tests can run policies without real waiting (`waiter`
sleeps on any `Clock`, a test's virtual one included).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TypeVar
from collections.abc import Awaitable, Callable

from desktop_agent.engine.clock import SYSTEM_CLOCK, Clock

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    name: str
    initial_s: float = 1.0
    max_s: float = 60.0
    multiplier: float = 2.0
    jitter: float = 0.25  # +/- fraction applied to each delay
    max_attempts: int | None = None  # None: until stopped or a non-retryable error

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Delay before attempt number `attempt + 1` (attempt counts from 1)."""
        base = min(self.max_s, self.initial_s * (self.multiplier ** max(0, attempt - 1)))
        spread = base * self.jitter
        r = (rng or random).uniform(-spread, spread)
        return max(0.0, base + r)


class Backoff:
    """Stateful delays for a loop that retries by itself (e.g. the heartbeat)."""

    def __init__(self, policy: RetryPolicy, rng: random.Random | None = None):
        self.policy = policy
        self.attempt = 0
        self._rng = rng

    def next_delay(self) -> float:
        self.attempt += 1
        return self.policy.delay(self.attempt, self._rng)

    def reset(self) -> None:
        self.attempt = 0


Waiter = Callable[[float], Awaitable[bool]]
"""Sleep for up to `seconds`; return True if the caller should stop waiting for good."""


def waiter(clock: Clock) -> Waiter:
    """A waiter that sleeps the whole delay on `clock` and never asks to stop."""

    async def wait(seconds: float) -> bool:
        await clock.sleep(seconds)
        return False

    return wait


plain_wait: Waiter = waiter(SYSTEM_CLOCK)


async def call_with_retry(
    policy: RetryPolicy,
    fn: Callable[[], Awaitable[T]],
    *,
    retry_on: tuple[type[BaseException], ...],
    wait: Waiter = plain_wait,
    on_retry: Callable[[int, BaseException, float], None] | None = None,
    rng: random.Random | None = None,
) -> T:
    """Call `fn` until it succeeds, raises something not in `retry_on`, or attempts run out.

    When `wait` reports a stop, the last retryable error is raised.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            return await fn()
        except retry_on as exc:
            if policy.max_attempts is not None and attempt >= policy.max_attempts:
                raise
            delay = policy.delay(attempt, rng)
            if on_retry is not None:
                on_retry(attempt, exc, delay)
            if await wait(delay):
                raise


# Named policies, beside each other so their patience can be compared.
REGISTER = RetryPolicy("register", initial_s=1.0, max_s=60.0)
HEARTBEAT = RetryPolicy("heartbeat", initial_s=2.0, max_s=30.0)
REQUEST_TASK = RetryPolicy("request_task", initial_s=2.0, max_s=120.0)
DOWNLOAD = RetryPolicy("download", initial_s=1.0, max_s=60.0, max_attempts=8)
UPLOAD = RetryPolicy("upload", initial_s=1.0, max_s=120.0)
COMPLETE = RetryPolicy("complete", initial_s=1.0, max_s=120.0)
ENV_BUILD = RetryPolicy("env_build", initial_s=5.0, max_s=300.0)
DISK_FULL = RetryPolicy("disk_full", initial_s=10.0, max_s=300.0)

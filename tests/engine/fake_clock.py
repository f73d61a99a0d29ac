"""A virtual clock for the engine's `Clock` seam: schedules run without real waiting.

Manual (the default): a sleeper wakes only when the test calls `advance`, which
wakes the sleepers due on the way in deadline order and lets each woken task run
until it sleeps on the clock again (real I/O in between, such as a heartbeat's
HTTP call, is waited for). Automatic (`auto=True`): every sleep returns at once
with the clock moved on, for code that only sleeps between tries.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time


class FakeClock:
    def __init__(self, *, auto: bool = False, monotonic: float = 1000.0, wall: float = 1.7e9):
        self.auto = auto
        self.now = monotonic
        self.wall = wall
        self.slept: list[float] = []  # every sleep asked for, in order
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return self.wall

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        if self.auto:
            self.now += max(0.0, seconds)
            self.wall += max(0.0, seconds)
            await asyncio.sleep(0)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + max(0.0, seconds), next(self._seq), future))
        await future

    def sleeping(self) -> int:
        """How many sleeps are waiting for the clock to move."""
        return sum(not future.done() for *_, future in self._sleepers)

    async def settle(self, timeout_s: float = 10.0) -> None:
        """Wait (in real time) until some task sleeps on this clock again."""
        for _ in range(20):  # first let what was just woken (a kick, a future) cancel its naps
            await asyncio.sleep(0)
        deadline = time.monotonic() + timeout_s
        while not self.sleeping():
            if time.monotonic() > deadline:
                raise TimeoutError("nothing went back to sleep on the fake clock")
            await asyncio.sleep(0.002)
        for _ in range(5):  # let tasks woken at the same moment reach their next await
            await asyncio.sleep(0)

    async def advance(self, seconds: float, *, wall_jump: float = 0.0) -> None:
        """Move both clocks on by `seconds`, waking every sleeper due on the way.

        `wall_jump` moves the wall clock that much further at once, as a suspended computer
        does (the monotonic clock stands still while it sleeps).
        """
        target = self.now + seconds
        self.wall += wall_jump
        while self._sleepers and self._sleepers[0][0] <= target:
            deadline, _seq, future = heapq.heappop(self._sleepers)
            if future.done():  # cancelled: the sleeper was woken another way
                continue
            self.wall += deadline - self.now
            self.now = deadline
            future.set_result(None)
            await self.settle()
        self.wall += target - self.now
        self.now = target

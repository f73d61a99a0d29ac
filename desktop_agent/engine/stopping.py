"""The engine's "stop now": one flag every part of the engine watches, and a sleep that ends on it."""

from __future__ import annotations

import asyncio


class StopFlag:
    """Set once when the engine stops; `wait` is the stop-aware sleep every retry loop uses."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    async def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True when the engine is stopping."""
        if self._event.is_set():
            return True
        try:
            await asyncio.wait_for(self._event.wait(), timeout=max(0.0, seconds))
        except TimeoutError:
            pass
        return self._event.is_set()

"""The engine's "stop now": one flag every part of the engine watches, and a sleep that ends on it."""

from __future__ import annotations

import asyncio


class StopFlag:
    """Set once when the engine stops; `wait` is the stop-aware sleep every retry loop uses."""

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self._retry = asyncio.Event()  # "Retry now": cuts the current back-off wait short

    def retry_now(self) -> None:
        """End the sleep in progress early (the engine is not stopping: the caller tries again)."""
        self._retry.set()

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    async def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds` (less after `retry_now()`); True when the engine is stopping."""
        if self._event.is_set():
            return True
        self._retry.clear()
        waits = [asyncio.ensure_future(e.wait()) for e in (self._event, self._retry)]
        try:
            await asyncio.wait(
                waits, timeout=max(0.0, seconds), return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for w in waits:
                w.cancel()
        return self._event.is_set()

"""Small helpers for the platform backends: run a tool quietly, cache an answer."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from typing import Generic, TypeVar
from collections.abc import Callable

T = TypeVar("T")


def run_tool(*cmd: str, timeout: float = 2.0) -> str | None:
    """stdout of a command, or None when it is missing, fails or hangs."""
    if shutil.which(cmd[0]) is None:
        return None
    try:
        out = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout if out.returncode == 0 else None


class Cached(Generic[T]):
    """Call `fn` at most once per `ttl` seconds; a None ("cannot know") answer is kept `unknown_ttl`.

    A machine that cannot answer (no NetworkManager, no sensor) will not gain the means in a
    minute, and asking it again runs a command each time.
    """

    def __init__(self, fn: Callable[[], T], ttl: float, unknown_ttl: float | None = None):
        self.fn = fn
        self.ttl = ttl
        self.unknown_ttl = ttl if unknown_ttl is None else unknown_ttl
        self._at = -1e18
        self._value: T | None = None
        self._lock = threading.Lock()

    def __call__(self) -> T:
        with self._lock:
            now = time.monotonic()
            ttl = self.unknown_ttl if self._value is None else self.ttl
            if now - self._at >= ttl:
                self._value = self.fn()
                self._at = now
            return self._value  # type: ignore[return-value]

    def clear(self) -> None:
        with self._lock:
            self._at = -1e18

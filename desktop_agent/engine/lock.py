"""One engine per data folder.

An OS file lock (flock / msvcrt) rather than a pid file: the kernel drops it
when the process dies, so a crash or `kill -9` never leaves the folder stuck.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop_agent.engine.errors import DataDirLocked


class DataDirLock:
    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> DataDirLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            holder = self.holder_pid()
            who = f" (process {holder})" if holder else ""
            raise DataDirLocked(
                f"Another desktop-agent is already using {self.path.parent}{who} — stop it first, "
                "or pick another folder with --data-dir"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def holder_pid(self) -> int | None:
        try:
            text = self.path.read_text().strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    def __enter__(self) -> DataDirLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

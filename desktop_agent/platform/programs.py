"""Which programs are running, by name, cheaply: for "pause while these programs run".

A name matches a running program when they are equal after `normalise()`: case is
ignored, a folder in front and a trailing `.exe` are dropped ("Steam.exe", "steam" and
`C:\\Games\\steam.exe` are one name). Whole names only: "steam" does not match
"steamwebhelper", so a helper process that outlives its program keeps nothing paused, and a
short entry such as "go" cannot pause on every program that merely contains it.

| OS           | what is read                                       | cost (benchmarks/program_scan.py) |
|--------------|----------------------------------------------------|-----------------------------------|
| Linux        | `/proc/<pid>/comm` of every process: the name the program runs under (its executable's or script's name, cut by the kernel to 15 characters: a longer entry matches on its first 15) | 3-4 ms CPU per scan of 300 processes, about 6× less than psutil's names |
| Windows, macOS | psutil's process names (the executable's name; NOT RUN ON WINDOWS/MACOS UNTIL CI RUNS IT) | — |

The job's own processes never count (a job cannot pause itself by naming a process
"steam"), nor does this app's. `Scanner.names(max_age)` reuses a scan younger than
`max_age` seconds, so the rule can look often while a task runs and seldom otherwise.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable

import psutil

COMM_LEN = 15  # Linux keeps this many characters of a process's name


def normalise(name: str) -> str:
    """The form names are compared in: no folder, no `.exe`, lower case."""
    base = name.strip().replace("\\", "/").rsplit("/", 1)[-1].strip().lower()
    return base.removesuffix(".exe")


Names = dict[str, set[int]]  # normalised name -> the pids running under it


def _keys(entry: str) -> set[str]:
    """The names `entry` may run under: whole, or as the first COMM_LEN characters Linux keeps."""
    key = normalise(entry)
    if not key:
        return set()
    full = entry.strip().replace("\\", "/").rsplit("/", 1)[-1].strip().lower()  # with any .exe
    return {key} | {k[:COMM_LEN] for k in (key, full) if len(k) > COMM_LEN}


def _linux_names() -> Names:
    names: Names = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return names
    for entry in entries:
        if not entry.isdigit():
            continue
        try:  # os.open/os.read: half the cost of open() for 300 small reads
            fd = os.open(f"/proc/{entry}/comm", os.O_RDONLY)
        except OSError:  # gone since listed
            continue
        try:
            raw = os.read(fd, 64)
        except OSError:
            continue
        finally:
            os.close(fd)
        name = _NAMES.get(raw)
        if name is None:
            name = _NAMES[raw] = normalise(raw.decode("utf-8", "replace").rstrip("\n"))
            if len(_NAMES) > 4096:  # names seen come and go; never a growing cache
                _NAMES.clear()
        names.setdefault(name, set()).add(int(entry))
    return names


_NAMES: dict[bytes, str] = {}  # raw comm -> normalised name


def _psutil_names() -> Names:
    names: Names = {}
    for proc in psutil.process_iter(["name"]):
        name = proc.info.get("name")
        if name:
            names.setdefault(normalise(name), set()).add(proc.pid)
    return names


def running_names() -> Names:
    """The programs running now: normalised name -> pids (this app's own pid left out)."""
    if sys.platform.startswith("linux") and os.path.isdir("/proc"):
        names = _linux_names()
    else:
        names = _psutil_names()
    for pids in names.values():
        pids.discard(os.getpid())
    return names


def _running(pid: int) -> bool:
    """Still running: not gone, not a zombie (an ended program its parent has not reaped yet)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def first_running(
    wanted: Iterable[str],
    running: Names,
    exclude: Callable[[], set[int]] = set,
    alive: Callable[[int], bool] = _running,
) -> str | None:
    """The first entry of `wanted` that runs outside `exclude` (as written, without `.exe`).

    `exclude()` (the job's pids: finding them costs a scan of its own) is asked only when a
    name matches.
    """
    skip: set[int] | None = None
    for entry in wanted:
        pids: set[int] = set()
        for key in _keys(entry):
            pids |= running.get(key, set())
        if not pids:
            continue
        if skip is None:
            skip = exclude()
        if any(alive(pid) for pid in pids - skip):
            name = entry.strip()
            return name[:-4] if name.lower().endswith(".exe") else name
    return None


class Scanner:
    """Remembers the last scan so callers choose how fresh a list they need."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._at = -1e18
        self._names: Names = {}
        self.scans = 0
        self.fresh = False  # the last answer came from a scan made for it

    def names(self, max_age: float) -> Names | None:
        """Running programs no older than `max_age` s; None when processes cannot be listed."""
        with self._lock:
            now = time.monotonic()
            self.fresh = now - self._at >= max_age
            if self.fresh:
                try:
                    self._names = running_names()
                except (OSError, psutil.Error):
                    return None
                self._at = now
                self.scans += 1
            return self._names

"""The memory cap for one run: the kernel's where this machine allows it, else the watchdog's.

Where this machine lets us make one, a memory cgroup (cgroup v1 `memory`, or a delegated v2
subtree with `memory`) whose limit the kernel enforces; it charges everything the job makes
resident, shared memory included (memfd, SysV, tmpfs). Otherwise the watchdog (watchdog.py)
counts for itself. Not `RLIMIT_AS`: PyTorch and CUDA reserve huge address ranges they never
touch. `MemoryCap.kind` says which applied.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from desktop_agent.engine import cgroups
from desktop_agent.engine.limits import MB
from desktop_agent.engine.proccap import ProcessCap, _PidsCgroup


class MemoryCap:
    """How the memory cap is enforced for one run: the watchdog's own count (`kind` says so)."""

    kind = "watchdog (RSS + shared memory)"

    def prefix(self) -> list[str]:
        return []

    def pids(self) -> list[int]:
        return []

    def usage_bytes(self) -> int | None:
        """What the kernel charges the job (None: the watchdog counts for itself)."""
        return None

    def oom_killed(self) -> bool:
        return False

    def close(self) -> None:
        pass


class _MemoryCgroup(MemoryCap):
    def __init__(self, path: Path, version: str, *, join: bool):
        self.path = path
        self.version = version
        self.join = join  # False: the pids cgroup (v2) is the same folder, joined already
        self.kind = f"kernel ({version} memory controller)"

    def prefix(self) -> list[str]:
        return cgroups.join_prefix(self.path) if self.join else []

    def pids(self) -> list[int]:
        return cgroups.members(self.path)

    def _stat(self, key: str) -> int:
        try:
            for line in (self.path / "memory.stat").read_text().splitlines():
                name, _, value = line.partition(" ")
                if name == key:
                    return int(value)
        except (OSError, ValueError):
            pass
        return 0

    def usage_bytes(self) -> int | None:
        name = "memory.usage_in_bytes" if self.version == "cgroup-v1" else "memory.current"
        try:
            used = int((self.path / name).read_text())
        except (OSError, ValueError):
            return None
        # Clean page cache is reclaimed before anything is killed, so it is not the job's memory.
        inactive = self._stat(
            "total_inactive_file" if self.version == "cgroup-v1" else "inactive_file"
        )
        return max(0, used - inactive)

    def oom_killed(self) -> bool:
        name = "memory.oom_control" if self.version == "cgroup-v1" else "memory.events"
        try:
            for line in (self.path / name).read_text().splitlines():
                key, _, value = line.partition(" ")
                if key == "oom_kill" and int(value) > 0:
                    return True
        except (OSError, ValueError):
            pass
        return False

    def close(self) -> None:
        if self.join:
            cgroups.remove(self.path)


def _write_limit(path: Path, version: str, limit_bytes: int) -> None:
    if version == "cgroup-v1":
        (path / "memory.limit_in_bytes").write_text(str(limit_bytes))
        swap = path / "memory.memsw.limit_in_bytes"  # memory + swap: no swapping past the cap
        if swap.exists():
            try:
                swap.write_text(str(limit_bytes))
            except OSError:
                pass
    else:
        (path / "memory.max").write_text(str(limit_bytes))
        swap = path / "memory.swap.max"
        if swap.exists():
            try:
                swap.write_text("0")
            except OSError:
                pass


def open_memory_cap(
    limit_mb: int, owner: str = "", processes: ProcessCap | None = None
) -> MemoryCap:
    """The strongest memory cap this machine allows for one run (a memory cgroup, else the watchdog)."""
    if limit_mb <= 0 or not sys.platform.startswith("linux"):
        return MemoryCap()
    limit = limit_mb * MB
    if isinstance(processes, _PidsCgroup) and processes.kind == "cgroup-v2":
        # One v2 cgroup per process: the job's pids cgroup carries the memory limit too, if it can.
        if (processes.path / "memory.max").exists():
            try:
                _write_limit(processes.path, "cgroup-v2", limit)
                return _MemoryCgroup(processes.path, "cgroup-v2", join=False)
            except OSError:
                pass
        return MemoryCap()
    found = cgroups.controller_parent("memory")
    if found is None:
        return MemoryCap()
    parent, version = found
    path = parent / f"{cgroups.CGROUP_PREFIX}{cgroups.owner_tag(owner)}-mem-{uuid.uuid4().hex[:12]}"
    try:
        path.mkdir()
        _write_limit(path, version, limit)
        return _MemoryCgroup(path, version, join=True)
    except OSError:
        try:
            path.rmdir()
        except OSError:
            pass
    return MemoryCap()

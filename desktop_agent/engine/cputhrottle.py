"""The CPU throttle: a job's tree gets `cpu_throttle_pct` % of the CPU time of its cores.

With a 25 % throttle on 2 cores the tree may use half a core's time, however many threads it
runs. Strongest first:

| where                                   | how                                                           |
|-----------------------------------------|---------------------------------------------------------------|
| Linux, cgroup v2 with `cpu` delegated   | `cpu.max` = "quota period" on the job's cgroup (the kernel's CFS bandwidth control) |
| Linux, cgroup v1 `cpu` hierarchy we may write | a job cgroup with `cpu.cfs_period_us` / `cpu.cfs_quota_us` |
| Windows                                 | the Job Object's CPU rate (proccap.py, platform/winjob.py): the core cap × the throttle |
| elsewhere (no cgroup, macOS)            | the tree is stopped and continued in turns (SIGSTOP/SIGCONT each second, on a thread of its own, as BOINC throttles): coarser, and a process that left the tree escapes it |

The fallback is a courtesy, not a wall: a process that left the tree escapes it, and such a
process could continue the others. Where that matters, the kernel's quota is the one that holds.

A throttled job is slower, not suspended: its time limit keeps running. The controls' suspend
always wins: the duty cycle never continues a job the controls have suspended (they share
the runner's signal lock). `CpuThrottle.kind` says which applied, for the task's record.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

import psutil

from desktop_agent.engine import cgroups
from desktop_agent.engine.memcap import MemoryCap, _MemoryCgroup
from desktop_agent.engine.proccap import ProcessCap, _PidsCgroup

log = logging.getLogger(__name__)

PERIOD_US = 100_000  # the kernel's accounting period for the quota
MIN_QUOTA_US = 1_000  # the kernel refuses a smaller quota
DUTY_PERIOD_S = 1.0  # one stop/continue turn of the fallback


def quota_us(pct: int, cores: int, period_us: int = PERIOD_US) -> int:
    """CPU time per period for `pct` % of `cores` cores (at least the kernel's minimum)."""
    return max(MIN_QUOTA_US, pct * max(1, cores) * period_us // 100)


class CpuThrottle:
    """No throttle (100 %), or one the kernel applies elsewhere; the base of the others."""

    def __init__(self, kind: str = "") -> None:
        self.kind = kind  # "" when nothing is throttled

    def prefix(self) -> list[str]:
        return []

    def start(
        self,
        members: Callable[[], list[psutil.Process]],
        held: Callable[[], bool],
        lock: threading.Lock,
    ) -> None:
        """After the job's first process exists (the duty cycle starts its thread here)."""

    def stop(self) -> None:
        """Before the tree is stopped for good: nothing stays frozen by the throttle."""

    def close(self) -> None:
        """After the tree is gone."""


class _CgroupQuota(CpuThrottle):
    def __init__(self, path: Path, version: str, pct: int, *, join: bool):
        super().__init__(f"kernel ({version} CPU quota, {pct} %)")
        self.path = path
        self.join = join  # False: the job's v2 cgroup (pids/memory) carries the quota

    def prefix(self) -> list[str]:
        return cgroups.join_prefix(self.path) if self.join else []

    def close(self) -> None:
        if self.join:
            cgroups.remove(self.path)


class _DutyCycle(CpuThrottle):
    """SIGSTOP/SIGCONT the tree in turns: `pct` % of each DUTY_PERIOD_S running."""

    def __init__(self, pct: int, period_s: float = DUTY_PERIOD_S):
        super().__init__(f"stopped and continued in turns ({pct} % of each second)")
        self.on_s = period_s * pct / 100
        self.off_s = period_s - self.on_s
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._members: Callable[[], list[psutil.Process]] = list
        self._held: Callable[[], bool] = lambda: False
        self._lock = threading.Lock()

    def start(
        self,
        members: Callable[[], list[psutil.Process]],
        held: Callable[[], bool],
        lock: threading.Lock,
    ) -> None:
        self._members, self._held, self._lock = members, held, lock
        self._thread = threading.Thread(target=self._cycle, name="cpu-throttle", daemon=True)
        self._thread.start()

    def _signal(self, sig: int) -> None:
        with self._lock:
            if self._held():  # suspended by the controls: theirs to continue, not ours
                return
            for proc in self._members():
                try:
                    proc.send_signal(sig)
                except (psutil.Error, OSError):
                    continue

    def _cycle(self) -> None:
        while not self._done.wait(self.on_s):
            self._signal(signal.SIGSTOP)
            if self._done.wait(self.off_s):
                break
            self._signal(signal.SIGCONT)

    def stop(self) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join(5.0)
            self._thread = None
            self._signal(signal.SIGCONT)

    def close(self) -> None:
        self.stop()


def _write_quota(path: Path, version: str, quota: int) -> None:
    if version == "cgroup-v2":
        (path / "cpu.max").write_text(f"{quota} {PERIOD_US}")
    else:
        (path / "cpu.cfs_period_us").write_text(str(PERIOD_US))
        (path / "cpu.cfs_quota_us").write_text(str(quota))


def _v2_folder(processes: ProcessCap | None, memory: MemoryCap | None) -> Path | None:
    """The job's own cgroup v2 folder, when the pids or memory cap made one (a process is in
    one v2 cgroup only, so the quota goes there)."""
    if isinstance(processes, _PidsCgroup) and processes.kind == "cgroup-v2":
        return processes.path
    if isinstance(memory, _MemoryCgroup) and memory.version == "cgroup-v2":
        return memory.path
    return None


def open_throttle(
    pct: int,
    cores: int,
    owner: str = "",
    processes: ProcessCap | None = None,
    memory: MemoryCap | None = None,
) -> CpuThrottle:
    """The strongest CPU throttle this machine allows for one run of `cores` cores at `pct` %."""
    if pct >= 100:
        return CpuThrottle()
    if os.name == "nt":
        return CpuThrottle(f"kernel (job object CPU rate, {pct} %)")  # set with the job object
    if sys.platform.startswith("linux"):
        quota = quota_us(pct, cores)
        folder = _v2_folder(processes, memory)
        if folder is not None:
            if not (folder / "cpu.max").exists():  # `cpu` not delegated to the job's cgroup
                log.info("No cgroup CPU quota for the job; stopping it in turns instead")
                return _DutyCycle(pct)
            try:
                _write_quota(folder, "cgroup-v2", quota)
                return _CgroupQuota(folder, "cgroup-v2", pct, join=False)
            except OSError as exc:  # `cpu` not delegated to the job's cgroup
                log.info("No cgroup CPU quota for the job (%s); stopping it in turns instead", exc)
                return _DutyCycle(pct)
        found = cgroups.controller_parent("cpu")
        if found is not None:
            parent, version = found
            path = (
                parent
                / f"{cgroups.CGROUP_PREFIX}{cgroups.owner_tag(owner)}-cpu-{uuid.uuid4().hex[:12]}"
            )
            try:
                path.mkdir()
                _write_quota(path, version, quota)
                return _CgroupQuota(path, version, pct, join=True)
            except OSError as exc:
                log.info("No cgroup CPU quota for the job (%s); stopping it in turns instead", exc)
                try:
                    path.rmdir()
                except OSError:
                    pass
    return _DutyCycle(pct)


def allowed_cores(cores: tuple[int, ...] | None) -> int:
    """How many cores the job may run on: its pinned ones, else every one this agent may use."""
    if cores is not None:
        return max(1, len(cores))
    try:
        return max(1, len(psutil.Process().cpu_affinity()))
    except (AttributeError, psutil.Error, OSError):
        return max(1, psutil.cpu_count() or 1)

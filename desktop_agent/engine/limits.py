"""Resource limits for a job's process tree, enforced from outside the tree.

- **Memory**: the summed RSS of the tree, sampled about once a second. Not
  `RLIMIT_AS`: PyTorch and CUDA reserve huge address ranges they never touch,
  so an address-space cap kills healthy jobs. Past the cap the job is stopped
  as a job fault ("used more than X MB of memory").
- **Processes**: a pids cgroup where this machine lets us make one (cgroup v1
  `pids` controller, or a delegated cgroup v2 subtree): the kernel refuses the
  fork, even for root. Otherwise `RLIMIT_NPROC` for a non-root user (counted
  per user, so it is set to what the user already runs plus the cap), and in
  every case the watchdog counts the tree and stops it past the cap.
- **Disk**: the workspace's size, sampled about once a second; past
  `max_workspace_mb` the job is stopped (it may overshoot by what it writes
  in one second).
- **Priority**: `nice 10` by default (`priority_prefix`); reusable by the
  CPU-priority setting.
- **Windows**: the tree runs in a Job Object (`desktop_agent/platform/winjob.py`):
  the kernel caps its committed memory, its process count and its CPU rate
  (the core cap as a share of all cores) and kills what is left when the run
  ends. Not run on Windows until CI runs it; the watchdog stays on top.

The wall-clock limit lives in the runner.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

import psutil

from desktop_agent.platform import winjob

DEFAULT_NICE = 10
DEFAULT_MEMORY_SHARE = 0.75  # of physical RAM, when max_job_memory_mb is 0
SAMPLE_INTERVAL_S = 1.0
_CGROUP_PREFIX = "desktop-agent-"
_MB = 1024 * 1024


@dataclass(frozen=True)
class JobLimits:
    memory_mb: int  # 0: no cap
    processes: int  # 0: no cap
    workspace_mb: int  # 0: no cap
    nice: int = DEFAULT_NICE
    sample_s: float = SAMPLE_INTERVAL_S
    cpu_cores: int = 0  # cores a job may use (Windows job object CPU rate); 0: all


def memory_cap_mb(setting_mb: int) -> int:
    """The memory cap in MB: the setting, or 75 % of physical RAM when it is 0."""
    if setting_mb > 0:
        return setting_mb
    return int(psutil.virtual_memory().total * DEFAULT_MEMORY_SHARE / _MB)


def from_settings(settings: object) -> JobLimits:
    return JobLimits(
        memory_mb=memory_cap_mb(int(getattr(settings, "max_job_memory_mb", 0))),
        processes=int(getattr(settings, "max_job_processes", 256)),
        workspace_mb=int(getattr(settings, "max_workspace_mb", 10240)),
        cpu_cores=int(getattr(settings, "cpu_max_cores", 0)),
    )


def priority_prefix(nice: int = DEFAULT_NICE) -> list[str]:
    """argv that lowers a command's CPU priority (POSIX `nice`); empty where there is none."""
    if os.name == "nt" or nice <= 0:
        return []
    binary = shutil.which("nice")
    return [binary, "-n", str(nice)] if binary else []


def lower_priority(pid: int, nice: int = DEFAULT_NICE) -> None:
    """Lower a running process's priority (Windows: below normal / idle class)."""
    try:
        proc = psutil.Process(pid)
        if os.name == "nt":
            cls = psutil.IDLE_PRIORITY_CLASS if nice >= 15 else psutil.BELOW_NORMAL_PRIORITY_CLASS  # type: ignore[attr-defined]
            proc.nice(cls)
        else:
            proc.nice(max(proc.nice(), nice))
    except (psutil.Error, OSError):
        pass


# --- process-count cap ---------------------------------------------------------------------


class ProcessCap:
    """How the process count is enforced for one run; `kind` says which mechanism."""

    kind = "watch"

    def prefix(self) -> list[str]:
        return []

    def pids(self) -> list[int]:
        return []

    def attach(self, pid: int, job_limits: JobLimits | None) -> None:
        """Called with train.py's pid right after it starts (the Windows job object joins it here)."""

    def close(self) -> None:
        pass


class _WindowsJob(ProcessCap):
    """A Job Object holds the tree (platform/winjob.py). NOT RUN ON WINDOWS UNTIL CI RUNS IT."""

    kind = "job-object"

    def __init__(self, kernel: winjob.Kernel32 | None = None):
        self._kernel = kernel  # None: the real kernel32
        self._job: winjob.JobObject | None = None
        self.error: str | None = None  # why no job object holds the tree (the watchdog still does)

    def attach(self, pid: int, job_limits: JobLimits | None) -> None:
        lim = job_limits or JobLimits(0, 0, 0)
        plan = winjob.plan(lim.memory_mb, lim.processes, lim.cpu_cores, psutil.cpu_count() or 1)
        try:
            self._job = winjob.contain(pid, plan, self._kernel)
        except OSError as exc:
            self.error = str(exc)
            logging.getLogger(__name__).warning(
                "No Windows job object for the job (%s); the watchdog still enforces its limits",
                exc,
            )

    def pids(self) -> list[int]:
        return self._job.pids() if self._job is not None else []

    def close(self) -> None:
        if self._job is not None:
            self._job.close()


class _PidsCgroup(ProcessCap):
    def __init__(self, path: Path, kind: str):
        self.path = path
        self.kind = kind

    def prefix(self) -> list[str]:
        # Join the cgroup before exec'ing the job, so even its first fork is counted.
        sh = shutil.which("sh") or "/bin/sh"
        return [sh, "-c", 'echo $$ > "$0" && exec "$@"', str(self.path / "cgroup.procs")]

    def pids(self) -> list[int]:
        try:
            return [int(x) for x in (self.path / "cgroup.procs").read_text().split()]
        except (OSError, ValueError):
            return []

    def close(self) -> None:
        for _ in range(50):
            pids = self.pids()
            for pid in pids:
                try:
                    os.kill(pid, 9)
                except OSError:
                    pass
            try:
                self.path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                import time

                time.sleep(0.1)


class _Rlimit(ProcessCap):
    kind = "rlimit"

    def __init__(self, limit: int):
        self.limit = limit

    def prefix(self) -> list[str]:
        sh = shutil.which("sh") or "/bin/sh"
        return [sh, "-c", f'ulimit -u {self.limit} && exec "$@"', "job"]


def _own_cgroup(controller: str) -> tuple[Path, str] | None:
    """(cgroup folder this process is in for `controller`, "cgroup-v1"/"cgroup-v2"), if mounted."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _hier, controllers, rel = line.split(":", 2)
        if controller in controllers.split(","):
            base = Path("/sys/fs/cgroup") / controller
            if base.is_dir():
                return base / rel.lstrip("/"), "cgroup-v1"
    for line in lines:
        hier, controllers, rel = line.split(":", 2)
        if hier == "0" and controllers == "":
            base = Path("/sys/fs/cgroup")
            if (base / "cgroup.controllers").is_file():
                return base / rel.lstrip("/"), "cgroup-v2"
    return None


def pids_cgroup_parent() -> tuple[Path, str] | None:
    """Where a pids cgroup for a job can be made, or None when this machine does not let us."""
    if not sys.platform.startswith("linux"):
        return None
    found = _own_cgroup("pids")
    if found is None:
        return None
    parent, kind = found
    if kind == "cgroup-v2":
        try:
            if "pids" not in (parent / "cgroup.subtree_control").read_text().split():
                return None
        except OSError:
            return None
    if not os.access(parent, os.W_OK):
        return None
    return parent, kind


def _owner_tag(owner: str) -> str:
    """Which agent (data folder) a job cgroup belongs to, so one agent never touches another's."""
    import hashlib

    return hashlib.sha256(owner.encode()).hexdigest()[:10]


def kill_stale_cgroups(owner: str) -> int:
    """Kill what is left in job cgroups of `owner` (a crashed agent's work folder) and remove them."""
    found = pids_cgroup_parent()
    if found is None:
        return 0
    killed = 0
    for child in found[0].glob(f"{_CGROUP_PREFIX}{_owner_tag(owner)}-*"):
        cap = _PidsCgroup(child, found[1])
        killed += len(cap.pids())
        cap.close()
    return killed


def open_process_cap(limit: int, owner: str = "") -> ProcessCap:
    """The strongest process-count cap this machine allows for one run; `owner` is the agent's work folder."""
    if os.name == "nt":
        return _WindowsJob()  # memory and CPU caps too, so even when `limit` is 0
    if limit <= 0:
        return ProcessCap()
    found = pids_cgroup_parent()
    if found is not None:
        parent, kind = found
        path = parent / f"{_CGROUP_PREFIX}{_owner_tag(owner)}-{uuid.uuid4().hex[:12]}"
        try:
            path.mkdir()
            (path / "pids.max").write_text(str(limit))
            return _PidsCgroup(path, kind)
        except OSError:
            try:
                path.rmdir()
            except OSError:
                pass
    if os.name != "nt" and hasattr(os, "getuid") and os.getuid() != 0:
        mine = 0
        for proc in psutil.process_iter(["uids"]):
            try:
                if proc.info["uids"] and proc.info["uids"].real == os.getuid():
                    mine += 1
            except psutil.Error:
                continue
        return _Rlimit(mine + limit)
    return ProcessCap()


def process_cap_enforced_by_kernel() -> str | None:
    """Which kernel mechanism would cap a job's processes here ("cgroup-v1", "cgroup-v2", "rlimit", "job-object"), or None."""
    if os.name == "nt":
        return "job-object"  # not run on Windows until CI runs it
    if pids_cgroup_parent() is not None:
        return pids_cgroup_parent()[1]  # type: ignore[index]
    if os.name != "nt" and hasattr(os, "getuid") and os.getuid() != 0:
        return "rlimit"
    return None


# --- the watchdog --------------------------------------------------------------------------


def tree_bytes(path: Path) -> int:
    """Bytes on disk under `path` (hard links counted once, symlinks not followed)."""
    total = 0
    seen: set[tuple[int, int]] = set()
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            try:
                st = os.lstat(os.path.join(dirpath, name))
            except OSError:
                continue
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += max(st.st_size, getattr(st, "st_blocks", 0) * 512)
    return total


@dataclass
class Usage:
    rss_mb: float = 0.0
    processes: int = 0
    workspace_mb: float = 0.0


class Watchdog:
    """Samples the tree about once a second and calls `on_exceeded(message)` once when a cap is passed."""

    def __init__(
        self,
        limits: JobLimits,
        workspace: Path,
        members: Callable[[], list[psutil.Process]],
        on_exceeded: Callable[[str], None],
    ):
        self.limits = limits
        self.workspace = workspace
        self.members = members
        self.on_exceeded = on_exceeded
        self.peak = Usage()
        self.fault: str | None = None

    def sample(self) -> Usage:
        procs = self.members()
        rss = 0
        for proc in procs:
            try:
                rss += proc.memory_info().rss
            except psutil.Error:
                continue
        usage = Usage(rss / _MB, len(procs), tree_bytes(self.workspace) / _MB)
        self.peak = Usage(
            max(self.peak.rss_mb, usage.rss_mb),
            max(self.peak.processes, usage.processes),
            max(self.peak.workspace_mb, usage.workspace_mb),
        )
        return usage

    def check(self, usage: Usage) -> str | None:
        lim = self.limits
        if lim.memory_mb and usage.rss_mb > lim.memory_mb:
            return f"train.py used more than {lim.memory_mb} MB of memory ({usage.rss_mb:.0f} MB) and was stopped"
        if (
            lim.processes and usage.processes >= lim.processes
        ):  # a pids cgroup stops the tree at the cap itself
            return f"train.py started {lim.processes} or more processes (the cap) and was stopped"
        if lim.workspace_mb and usage.workspace_mb > lim.workspace_mb:
            return (
                f"train.py wrote more than {lim.workspace_mb} MB into its folder "
                f"({usage.workspace_mb:.0f} MB) and was stopped"
            )
        return None

    async def run(self) -> None:
        while self.fault is None:
            await asyncio.sleep(self.limits.sample_s)
            usage = await asyncio.to_thread(self.sample)
            message = self.check(usage)
            if message is not None:
                self.fault = message
                self.on_exceeded(message)

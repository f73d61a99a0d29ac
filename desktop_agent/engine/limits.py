"""Resource limits for a job's process tree, enforced from outside the tree.

- **Memory**: where this machine lets us make one, a memory cgroup (cgroup v1
  `memory`, or a delegated v2 subtree with `memory`) whose limit the kernel
  enforces; it charges everything the job makes resident, shared memory
  included (memfd, SysV, tmpfs). Otherwise the watchdog sums, about once a
  second, the tree's RSS, memfds and deleted files held open outside the
  workspace, the sandbox's private `/tmp` and `/dev/shm`, and SysV segments of
  the job's IPC namespace. Not `RLIMIT_AS`: PyTorch and CUDA reserve huge
  address ranges they never touch. Past the cap the job is stopped as a job
  fault ("used more than X MB of memory"). `MemoryCap.kind` says which applied.
- **Processes**: a pids cgroup where this machine lets us make one (cgroup v1
  `pids` controller, or a delegated cgroup v2 subtree): the kernel refuses the
  fork, even for root. Otherwise `RLIMIT_NPROC` for a non-root user (counted
  per user, so it is set to what the user already runs plus the cap), and in
  every case the watchdog counts the tree and stops it past the cap.
- **Disk**: sampled about once a second, the largest of: the workspace's
  files and folders, plus deleted files the job still holds open there; and
  how far the filesystem's free space fell since the job started. Inodes are
  capped the same way (entries in the workspace, and free inodes consumed).
  Past `max_workspace_mb` (or the inode cap) the job is stopped as a job fault.
  When the filesystem's free space falls under `DISK_FLOOR_MB` the job is
  stopped as a host fault (the disk is full), so the agent's own database and
  logs keep working.
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
import errno
import logging
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING

import psutil

from desktop_agent.engine import proctree
from desktop_agent.engine import errors
from desktop_agent.platform import winjob

if TYPE_CHECKING:
    from desktop_agent.config import Settings

DEFAULT_NICE = 10
DEFAULT_MEMORY_SHARE = 0.75  # of physical RAM, when max_job_memory_mb is 0
SAMPLE_INTERVAL_S = 1.0
_CGROUP_PREFIX = "desktop-agent-"
_MB = 1024 * 1024
DISK_FLOOR_MB = 64  # free space kept for the agent's own database and logs
INODES_PER_MB = 100  # the inode cap: this many entries per MB of disk quota, at least MIN_INODES
MIN_INODES = 10_000


@dataclass(frozen=True)
class JobLimits:
    memory_mb: int  # 0: no cap
    processes: int  # 0: no cap
    workspace_mb: int  # 0: no cap
    nice: int = DEFAULT_NICE
    sample_s: float = SAMPLE_INTERVAL_S
    disk_floor_mb: int = DISK_FLOOR_MB
    cpu_cores: int = 0  # cores a job may use (Windows job object CPU rate); 0: all

    @property
    def inodes(self) -> int:
        """Files and folders a job may create: proportional to its disk quota (0: no cap)."""
        return max(MIN_INODES, self.workspace_mb * INODES_PER_MB) if self.workspace_mb else 0


def memory_cap_mb(setting_mb: int) -> int:
    """The memory cap in MB: the setting, or 75 % of physical RAM when it is 0."""
    if setting_mb > 0:
        return setting_mb
    return int(psutil.virtual_memory().total * DEFAULT_MEMORY_SHARE / _MB)


def from_settings(settings: Settings) -> JobLimits:
    """The caps and the priority for a job under these settings (the one place priority is decided)."""
    return JobLimits(
        memory_mb=memory_cap_mb(settings.max_job_memory_mb),
        processes=settings.max_job_processes,
        workspace_mb=settings.max_workspace_mb,
        cpu_cores=settings.cpu_max_cores,
        nice=DEFAULT_NICE if settings.job_low_priority else 0,
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
        if sys.platform == "win32":
            cls = psutil.IDLE_PRIORITY_CLASS if nice >= 15 else psutil.BELOW_NORMAL_PRIORITY_CLASS
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
        # bash and busybox spell the process limit -u; dash (Debian's and Ubuntu's /bin/sh) -p
        n = self.limit
        return [sh, "-c", f'{{ ulimit -u {n} || ulimit -p {n}; }} 2>/dev/null && exec "$@"', "job"]


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
    killed = 0
    parents = {
        pids_cgroup_parent(),
        _own_cgroup("memory") if sys.platform.startswith("linux") else None,
    }
    for found in parents:
        if found is None:
            continue
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


# --- memory cap ---------------------------------------------------------------------------


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
        if not self.join:
            return []
        sh = shutil.which("sh") or "/bin/sh"
        return [sh, "-c", 'echo $$ > "$0" && exec "$@"', str(self.path / "cgroup.procs")]

    def pids(self) -> list[int]:
        return _PidsCgroup(self.path, self.version).pids()

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
            _PidsCgroup(self.path, self.version).close()


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
    limit = limit_mb * _MB
    if isinstance(processes, _PidsCgroup) and processes.kind == "cgroup-v2":
        # One v2 cgroup per process: the job's pids cgroup carries the memory limit too, if it can.
        if (processes.path / "memory.max").exists():
            try:
                _write_limit(processes.path, "cgroup-v2", limit)
                return _MemoryCgroup(processes.path, "cgroup-v2", join=False)
            except OSError:
                pass
        return MemoryCap()
    found = _own_cgroup("memory")
    if found is None:
        return MemoryCap()
    parent, version = found
    if version == "cgroup-v2":
        try:
            if "memory" not in (parent / "cgroup.subtree_control").read_text().split():
                return MemoryCap()
        except OSError:
            return MemoryCap()
    if not os.access(parent, os.W_OK):
        return MemoryCap()
    path = parent / f"{_CGROUP_PREFIX}{_owner_tag(owner)}-mem-{uuid.uuid4().hex[:12]}"
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


class DiskFull(errors.DiskFull):
    """The disk holding the work folder filled up (the workspace is removed before retrying)."""


def is_disk_full(exc: BaseException) -> bool:
    """True for "no space left" from the OS or SQLite: a host fault, never a crash."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


def result_size_fault(path: Path, quota_mb: int) -> str | None:
    """Why `model.pth` may not be uploaded (its apparent or allocated size past the quota), or None.

    A sparse file occupies almost nothing on disk but is uploaded at its full apparent size,
    so both sizes are checked.
    """
    if quota_mb <= 0:
        return None
    try:
        st = os.lstat(path)
    except OSError:
        return None
    size = max(st.st_size, getattr(st, "st_blocks", 0) * 512)
    if size > quota_mb * _MB:
        return (
            f"model.pth is {size / _MB:.0f} MB, more than the {quota_mb} MB disk quota; "
            "it was not uploaded"
        )
    return None


# --- the watchdog --------------------------------------------------------------------------


def tree_bytes(path: Path) -> int:
    """Bytes on disk under `path` (hard links counted once, symlinks not followed)."""
    return tree_usage(path)[0]


def tree_usage(path: Path) -> tuple[int, int]:
    """(bytes on disk, entries) under `path`: files, and folders too (each takes an inode and blocks)."""
    total = 0
    entries = 0
    seen: set[tuple[int, int]] = set()
    for dirpath, dirs, files in os.walk(path):
        for name in files + dirs:
            try:
                st = os.lstat(os.path.join(dirpath, name))
            except OSError:
                continue
            entries += 1
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                blocks = getattr(st, "st_blocks", 0) * 512
                total += blocks if stat.S_ISDIR(st.st_mode) else max(st.st_size, blocks)
    return total, entries


def _free(path: Path) -> tuple[int, int] | None:
    """(free bytes, free inodes) of the filesystem holding `path`, as an unprivileged user sees them."""
    try:
        vfs = os.statvfs(path)
    except (OSError, AttributeError):
        return None
    return vfs.f_bavail * vfs.f_frsize, vfs.f_favail


def _used(path: str) -> int:
    try:
        vfs = os.statvfs(path)
    except OSError:
        return 0
    return (vfs.f_blocks - vfs.f_bfree) * vfs.f_frsize


def _sysv_bytes(ipc_ns_of: int | None, members: set[int]) -> int:
    """Resident SysV shared memory: the segments of the job's own IPC namespace (read with
    `nsenter`), or, without one, the host's segments a member created or last used."""
    text = ""
    if ipc_ns_of is not None and shutil.which("nsenter"):
        try:
            text = subprocess.run(
                ["nsenter", f"--ipc=/proc/{ipc_ns_of}/ns/ipc", "cat", "/proc/sysvipc/shm"],
                capture_output=True,
                text=True,
                timeout=5,
            ).stdout
        except (OSError, subprocess.TimeoutExpired):
            text = ""
    else:
        try:
            text = Path("/proc/sysvipc/shm").read_text()
        except OSError:
            return 0
    lines = text.splitlines()
    if not lines:
        return 0
    header = lines[0].split()
    total = 0
    for line in lines[1:]:
        row = dict(zip(header, line.split(), strict=False))
        try:
            if ipc_ns_of is None and not {int(row["cpid"]), int(row["lpid"])} & members:
                continue
            total += int(row.get("rss", row.get("size", 0))) + int(row.get("swap", 0))
        except (KeyError, ValueError):
            continue
    return total


def _open_deleted(procs: list[psutil.Process], skip_devs: set[int]) -> dict[int, int]:
    """Bytes of deleted files (and memfds) the tree still holds open, by device; each inode once."""
    by_dev: dict[int, int] = {}
    seen: set[tuple[int, int]] = set()
    for proc in procs:
        try:
            fds = os.listdir(f"/proc/{proc.pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                st = os.stat(f"/proc/{proc.pid}/fd/{fd}")
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode) or st.st_nlink != 0 or st.st_dev in skip_devs:
                continue
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            by_dev[st.st_dev] = by_dev.get(st.st_dev, 0) + st.st_blocks * 512
    return by_dev


@dataclass
class Usage:
    rss_mb: float = 0.0  # the job's memory: the kernel's count, or RSS + shared memory
    processes: int = 0
    workspace_mb: float = (
        0.0  # the job's disk use (largest of the measures in the module docstring)
    )
    entries: int = 0  # inodes used
    free_mb: float | None = None  # free space left on the workspace's filesystem


class Watchdog:
    """Samples the tree about once a second and calls `on_exceeded(message)` once when a cap is passed.

    `host_fault` is set (with the message) when what ran out is the machine's disk rather than
    the job's quota.
    """

    def __init__(
        self,
        limits: JobLimits,
        workspace: Path,
        members: Callable[[], list[psutil.Process]],
        on_exceeded: Callable[[str], None],
        memory: MemoryCap | None = None,
        sandboxed: bool = False,
    ):
        self.limits = limits
        self.workspace = workspace
        self.members = members
        self.on_exceeded = on_exceeded
        self.memory = memory or MemoryCap()
        self.sandboxed = sandboxed  # its own /tmp, /dev/shm and IPC namespace, seen via /proc
        self.peak = Usage()
        self.fault: str | None = None
        self.host_fault = False
        self._baseline = _free(workspace)
        self._floor_mb = _floor_mb(workspace, limits.disk_floor_mb)
        try:
            self._ws_dev: int | None = os.stat(workspace).st_dev
        except OSError:
            self._ws_dev = None

    def _memory_bytes(self, procs: list[psutil.Process]) -> tuple[int, dict[int, int]]:
        """(the job's memory, deleted-open bytes by device); the kernel's figure where it has one."""
        rss = proctree.rss_bytes(procs)
        private_devs: set[int] = set()
        extra = 0
        leader = self._sandbox_pid(procs)
        if leader is not None:  # the sandbox's private tmpfs mounts are RAM
            for sub in ("tmp", "dev/shm"):
                mount = f"/proc/{leader}/root/{sub}"
                try:
                    private_devs.add(os.stat(mount).st_dev)
                except OSError:
                    continue
                extra += _used(mount)
        deleted = _open_deleted(procs, private_devs)
        kernel = self.memory.usage_bytes()
        if kernel is not None:
            return kernel, deleted
        extra += sum(size for dev, size in deleted.items() if dev != self._ws_dev)  # memfd, tmpfs
        extra += _sysv_bytes(leader, {p.pid for p in procs})
        return rss + extra, deleted

    def _sandbox_pid(self, procs: list[psutil.Process]) -> int | None:
        """A member whose root is the sandbox's (not ours), to look at its mounts and IPC namespace."""
        if not self.sandboxed:
            return None
        try:
            mine = os.stat("/proc/self/root")
        except OSError:
            return None
        for proc in procs:
            try:
                st = os.stat(f"/proc/{proc.pid}/root")
            except OSError:
                continue
            if (st.st_dev, st.st_ino) != (mine.st_dev, mine.st_ino):
                return proc.pid
        return None

    def sample(self) -> Usage:
        procs = self.members()
        memory, deleted = self._memory_bytes(procs)
        files, entries = tree_usage(self.workspace)
        disk = files + (deleted.get(self._ws_dev, 0) if self._ws_dev is not None else 0)
        free = _free(self.workspace)
        free_mb = None
        if free is not None:
            free_mb = free[0] / _MB
            if self._baseline is not None:
                disk = max(disk, self._baseline[0] - free[0])
                entries = max(entries, self._baseline[1] - free[1])
        usage = Usage(memory / _MB, len(procs), disk / _MB, entries, free_mb)
        self.peak = Usage(
            max(self.peak.rss_mb, usage.rss_mb),
            max(self.peak.processes, usage.processes),
            max(self.peak.workspace_mb, usage.workspace_mb),
            max(self.peak.entries, usage.entries),
            free_mb
            if self.peak.free_mb is None or free_mb is None
            else min(self.peak.free_mb, free_mb),
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
        if lim.inodes and usage.entries > lim.inodes:
            return (
                f"train.py created more than {lim.inodes:,} files and folders "
                f"({usage.entries:,}) and was stopped"
            )
        if usage.free_mb is not None and usage.free_mb < self._floor_mb:
            self.host_fault = True
            return disk_full_message(usage.free_mb)
        return None

    async def run(self) -> None:
        while self.fault is None:
            await asyncio.sleep(self.limits.sample_s)
            usage = await asyncio.to_thread(self.sample)
            message = self.check(usage)
            if message is not None:
                self.fault = message
                self.on_exceeded(message)


def _floor_mb(path: Path, floor_mb: int) -> float:
    """The free space under which the disk counts as full: `floor_mb`, or 5 % of a small disk."""
    try:
        vfs = os.statvfs(path)
    except (OSError, AttributeError):
        return float(floor_mb)
    return min(float(floor_mb), vfs.f_blocks * vfs.f_frsize * 0.05 / _MB)


def disk_full_message(free_mb: float | None = None) -> str:
    left = f" ({free_mb:.0f} MB free)" if free_mb is not None else ""
    return (
        f"the disk holding the agent's work folder is full{left}; the task's files were removed "
        "and it will be tried again later. Free some disk space"
    )

"""The watchdog: samples a job's tree about once a second and stops it past a cap.

Memory: the kernel's count where a memory cgroup holds the job (memcap.py); otherwise the
tree's RSS, memfds and deleted files held open outside the workspace, the sandbox's private
`/tmp` and `/dev/shm`, and SysV segments of the job's IPC namespace. Processes: the tree's
size. Disk and inodes: diskuse.py. Past a cap the job is stopped as a job fault ("used more
than X MB of memory"); a full disk is a host fault.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

from desktop_agent.engine import proctree
from desktop_agent.engine.diskuse import (
    disk_full_message,
    floor_mb,
    free_space,
    tree_usage,
    used_bytes,
)
from desktop_agent.engine.limits import MB, JobLimits
from desktop_agent.engine.memcap import MemoryCap


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
        self._baseline = free_space(workspace)
        self._floor_mb = floor_mb(workspace, limits.disk_floor_mb)
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
                extra += used_bytes(mount)
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
        free = free_space(self.workspace)
        free_mb = None
        if free is not None:
            free_mb = free[0] / MB
            if self._baseline is not None:
                disk = max(disk, self._baseline[0] - free[0])
                entries = max(entries, self._baseline[1] - free[1])
        usage = Usage(memory / MB, len(procs), disk / MB, entries, free_mb)
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

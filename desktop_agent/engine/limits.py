"""Resource limits for a job's process tree, enforced from outside the tree.

`JobLimits` says what one run may use, decided from the settings once per task (jobspec.py
freezes it); the modules that enforce it:

| what                  | module        | how                                                       |
|-----------------------|---------------|-----------------------------------------------------------|
| processes             | proccap.py    | pids cgroup, else RLIMIT_NPROC, Windows Job Object; the watchdog counts too |
| memory                | memcap.py     | memory cgroup, else the watchdog's count (RSS + shared memory) |
| CPU time              | cputhrottle.py| cgroup CPU quota, else stop/continue in turns             |
| disk and inodes       | diskuse.py    | the watchdog: workspace, deleted-open files, free space   |
| sampling and stopping | watchdog.py   | about once a second, off the event loop                  |
| job cgroups           | cgroups.py    | where one can be made, joining, removing, stale ones      |

- **Priority** (here): `nice 10` by default (`priority_prefix`); Windows: below normal.
- **Windows**: the tree runs in a Job Object (`desktop_agent/platform/winjob.py`):
  the kernel caps its committed memory, its process count and its CPU rate
  (the core cap as a share of all cores) and kills what is left when the run
  ends. Not run on Windows until CI runs it; the watchdog stays on top.

The wall-clock limit lives in the runner.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import psutil

if TYPE_CHECKING:
    from desktop_agent.config import Settings

DEFAULT_NICE = 10
DEFAULT_MEMORY_SHARE = 0.75  # of physical RAM, when max_job_memory_mb is 0
SAMPLE_INTERVAL_S = 1.0
MB = 1024 * 1024
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
    cpu_pct: int = 100  # share of its cores' CPU time the tree may use (cputhrottle.py)

    @property
    def inodes(self) -> int:
        """Files and folders a job may create: proportional to its disk quota (0: no cap)."""
        return max(MIN_INODES, self.workspace_mb * INODES_PER_MB) if self.workspace_mb else 0


def memory_cap_mb(setting_mb: int) -> int:
    """The memory cap in MB: the setting, or 75 % of physical RAM when it is 0."""
    if setting_mb > 0:
        return setting_mb
    return int(psutil.virtual_memory().total * DEFAULT_MEMORY_SHARE / MB)


def from_settings(settings: Settings) -> JobLimits:
    """The caps and the priority for a job under these settings (the one place priority is decided)."""
    return JobLimits(
        memory_mb=memory_cap_mb(settings.max_job_memory_mb),
        processes=settings.max_job_processes,
        workspace_mb=settings.max_workspace_mb,
        cpu_cores=settings.cpu_max_cores,
        cpu_pct=settings.cpu_throttle_pct,
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

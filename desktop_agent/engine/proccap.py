"""The process-count cap for one run, strongest first.

- a pids cgroup where this machine lets us make one (cgroup v1 `pids` controller, or a
  delegated cgroup v2 subtree): the kernel refuses the fork, even for root;
- otherwise `RLIMIT_NPROC` for a non-root user (counted per user, so it is set to what the
  user already runs plus the cap);
- on Windows a Job Object (`desktop_agent/platform/winjob.py`), which also caps committed
  memory and the CPU rate. NOT RUN ON WINDOWS UNTIL CI RUNS IT.

In every case the watchdog (watchdog.py) counts the tree too and stops it past the cap.
"""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path

import psutil

from desktop_agent.engine import cgroups, job_launch
from desktop_agent.engine.limits import JobLimits
from desktop_agent.platform import winjob


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
        plan = winjob.plan(
            lim.memory_mb, lim.processes, lim.cpu_cores, psutil.cpu_count() or 1, lim.cpu_pct
        )
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
        return cgroups.join_prefix(self.path)  # joined before exec: even the first fork counts

    def pids(self) -> list[int]:
        return cgroups.members(self.path)

    def close(self) -> None:
        cgroups.remove(self.path)


class _Rlimit(ProcessCap):
    kind = "rlimit"

    def __init__(self, limit: int):
        self.limit = limit

    def prefix(self) -> list[str]:
        return job_launch.hop("nproc", str(self.limit))


def open_process_cap(limit: int, owner: str = "") -> ProcessCap:
    """The strongest process-count cap this machine allows for one run; `owner` is the agent's work folder."""
    if os.name == "nt":
        return _WindowsJob()  # memory and CPU caps too, so even when `limit` is 0
    if limit <= 0:
        return ProcessCap()
    found = cgroups.pids_cgroup_parent()
    if found is not None:
        parent, kind = found
        path = parent / f"{cgroups.CGROUP_PREFIX}{cgroups.owner_tag(owner)}-{uuid.uuid4().hex[:12]}"
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
    if cgroups.pids_cgroup_parent() is not None:
        return cgroups.pids_cgroup_parent()[1]  # type: ignore[index]
    if os.name != "nt" and hasattr(os, "getuid") and os.getuid() != 0:
        return "rlimit"
    return None

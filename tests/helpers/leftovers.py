"""Job processes still alive: the check every hostile-input test ends with (`no_job_left_behind`)."""

from __future__ import annotations

import time
from pathlib import Path

import psutil

from desktop_agent.engine.runner import TOKEN_VAR


def job_processes(root: Path) -> list[psutil.Process]:
    """Live processes carrying a job's task token that run under `root` (other test runs may share the machine)."""
    found = []
    prefix = str(root.resolve())
    for proc in psutil.process_iter():
        try:
            if (
                proc.status() != psutil.STATUS_ZOMBIE
                and TOKEN_VAR in proc.environ()
                and proc.cwd().startswith(prefix)
            ):
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


def processes_with(marker: str) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if proc.status() != psutil.STATUS_ZOMBIE and any(
                marker in part for part in proc.info["cmdline"] or []
            ):
                found.append(proc)
        except psutil.Error:
            continue
    return found


def assert_no_job_left(root: Path, grace: float = 10.0) -> None:
    """Wait up to `grace` seconds for the job processes under `root` to end; kill and fail on any left."""
    deadline = time.monotonic() + grace
    while job_processes(root) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = job_processes(root)
    for proc in left:
        try:
            proc.kill()
        except psutil.Error:
            pass
    assert not left, f"job processes left behind: {left}"

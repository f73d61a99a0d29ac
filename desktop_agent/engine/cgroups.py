"""Job cgroups: where this machine lets the agent make one, and the folder's plumbing.

A job's cgroup is a folder under the agent's own cgroup for a controller (cgroup v1: one
hierarchy per controller; v2: one hierarchy, usable only where the parent delegates the
controller in `cgroup.subtree_control` and we may write there). Its name carries the agent's
owner tag, so one agent (data folder) never touches another's. The caps themselves live in
proccap.py (pids), memcap.py (memory) and cputhrottle.py (CPU time).
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path

from desktop_agent.engine import job_launch

CGROUP_PREFIX = "desktop-agent-"


def own_cgroup(controller: str) -> tuple[Path, str] | None:
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


def controller_parent(controller: str) -> tuple[Path, str] | None:
    """Where a job cgroup with `controller` can be made, or None when this machine does not let us."""
    if not sys.platform.startswith("linux"):
        return None
    found = own_cgroup(controller)
    if found is None:
        return None
    parent, kind = found
    if kind == "cgroup-v2":
        try:
            if controller not in (parent / "cgroup.subtree_control").read_text().split():
                return None
        except OSError:
            return None
    if not os.access(parent, os.W_OK):
        return None
    return parent, kind


def pids_cgroup_parent() -> tuple[Path, str] | None:
    """Where a pids cgroup for a job can be made, or None when this machine does not let us."""
    return controller_parent("pids")


def owner_tag(owner: str) -> str:
    """Which agent (data folder) a job cgroup belongs to, so one agent never touches another's."""
    return hashlib.sha256(owner.encode()).hexdigest()[:10]


def join_prefix(folder: Path) -> list[str]:
    """argv that joins `folder` before exec'ing the job, so even its first fork is inside."""
    return job_launch.hop("cgroup", str(folder / "cgroup.procs"))


def members(folder: Path) -> list[int]:
    """The pids in a cgroup folder ([] when it is gone)."""
    try:
        return [int(x) for x in (folder / "cgroup.procs").read_text().split()]
    except (OSError, ValueError):
        return []


def remove(folder: Path) -> None:
    """Kill what is left in a job cgroup and remove it (a few seconds at most)."""
    for _ in range(50):
        for pid in members(folder):
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        try:
            folder.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.1)


def kill_stale_cgroups(owner: str) -> int:
    """Kill what is left in job cgroups of `owner` (a crashed agent's work folder) and remove them."""
    killed = 0
    parents = {pids_cgroup_parent(), own_cgroup("memory"), own_cgroup("cpu")}
    if not sys.platform.startswith("linux"):
        parents = set()
    for found in parents:
        if found is None:
            continue
        for child in found[0].glob(f"{CGROUP_PREFIX}{owner_tag(owner)}-*"):
            killed += len(members(child))
            remove(child)
    return killed

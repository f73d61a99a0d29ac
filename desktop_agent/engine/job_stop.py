"""Stopping a job's whole tree, and the strays a crashed agent left behind.

Killing the process group catches ordinary children, but a daemon that double-forked and called
`setsid()` has left the group and is no longer a descendant of anything we know. So every
member is found by every means there is: descendants, the job's cgroups, its process group, and
the task token in the environment (job_launch.py). Where the kernel holds the whole tree (a
pids cgroup, bubblewrap's pid namespace) the machine-wide scan is skipped.

Zombies: our own child is reaped by asyncio; orphaned grandchildren belong to the system's
reaper (init), so a zombie whose parent is not us counts as gone.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import psutil

from desktop_agent.engine import cgroups, memcap, proccap, proctree
from desktop_agent.engine.job_launch import TOKEN_VAR
from desktop_agent.engine.proctree import signal_quietly as _signal_quietly

KILL_PATIENCE_S = 60.0  # how long SIGKILLs are repeated before a process is given up on
_IS_WINDOWS = os.name == "nt"


class TreeStop:
    """The stopping half of a job run (runner.JobProcess): find every member, signal, kill."""

    pid: int | None
    token: str
    command_prefix: list[str]
    _proc: asyncio.subprocess.Process | None
    _cap: proccap.ProcessCap | None
    _memory: memcap.MemoryCap | None

    def tree(self) -> list[psutil.Process]:
        """The leader, its descendants and whatever its cgroups hold (cheap: no environ scan).

        What the memory cap, the memory rule and the accounting measure (proctree.py).
        """
        known = [
            *(self._cap.pids() if self._cap is not None else ()),
            *(self._memory.pids() if self._memory is not None else ()),
        ]
        return proctree.tree(self.pid, known)

    def _members(self) -> list[psutil.Process]:
        """Every live process of this job: the leader, its descendants, its cgroup, its group, and token carriers."""
        found = {p.pid: p for p in self.tree()}
        if (
            self._contained()
        ):  # the kernel already knows every member: no need to read every process on the machine
            return list(found.values())
        me = os.getpid()
        uid = os.getuid() if hasattr(os, "getuid") else None
        for proc in psutil.process_iter(["uids", "status"]):
            if proc.pid == me or proc.pid in found:
                continue
            try:
                if uid is not None and proc.info["uids"] and proc.info["uids"].real != uid:
                    continue
                if (
                    not _IS_WINDOWS and self.pid is not None and os.getpgid(proc.pid) == self.pid
                ) or proc.environ().get(TOKEN_VAR) == self.token:
                    found[proc.pid] = proc
            except (psutil.Error, OSError):
                continue
        return [p for p in found.values() if proctree.is_alive(p)]

    def _contained(self) -> bool:
        """True when the kernel holds the whole tree for us, so escaped daemons cannot hide:
        a pids cgroup lists every member, and in bubblewrap's own pid namespace everything
        dies with it once the sandbox has exited."""
        if self._cap is not None and self._cap.kind != "watch" and hasattr(self._cap, "path"):
            return True
        in_namespace = any(arg in ("--unshare-pid", "--unshare-all") for arg in self.command_prefix)
        return in_namespace and self._proc is not None and self._proc.returncode is not None

    async def _kill_tree(self, *, grace: float) -> None:
        """Stop every member: SIGTERM (if `grace`), wait up to `grace`, then SIGKILL until none is left."""
        assert self._proc is not None
        if grace > 0:
            await asyncio.to_thread(self._signal_tree, "terminate")
            deadline = time.monotonic() + grace
            while time.monotonic() < deadline:
                if self._proc.returncode is not None and not await asyncio.to_thread(self._members):
                    break
                await asyncio.sleep(0.1)
        # Bounded, so a process stuck in the kernel (uninterruptible I/O) cannot hang the agent forever.
        deadline = time.monotonic() + KILL_PATIENCE_S
        while time.monotonic() < deadline:
            await asyncio.to_thread(self._signal_tree, "kill")
            if self._proc.returncode is None:
                try:
                    await asyncio.wait_for(self._proc.wait(), timeout=1.0)
                except TimeoutError:
                    continue
            left = await asyncio.to_thread(self._members)
            if not left:
                return
            # Killed processes take a moment to exit (bubblewrap's init outlives the outer bwrap
            # by a few ms): wait for these to go, returning as soon as they have.
            await asyncio.to_thread(psutil.wait_procs, left, timeout=0.05)

    def _signal_tree(self, action: str) -> None:
        if not _IS_WINDOWS and self.pid is not None:
            try:
                os.killpg(self.pid, signal.SIGTERM if action == "terminate" else signal.SIGKILL)
            except OSError:
                pass
        for proc in self._members():
            _signal_quietly(proc, action)
            if action == "terminate":
                _signal_quietly(proc, "resume")  # a stopped process would never see SIGTERM


def kill_strays(work_root: Path) -> int:
    """Kill job processes a crashed agent left behind (they carry the task token and run in `work_root`).

    A `kill -9` of the agent cannot take its job's session with it; the next
    start re-runs the task from scratch, so a leftover run must not keep
    burning CPU or write into a workspace that is about to be recreated.
    """
    root = str(work_root.resolve())
    killed = cgroups.kill_stale_cgroups(
        root
    )  # a pids cgroup holds the whole tree, whatever its cwd or environ
    uid = os.getuid() if hasattr(os, "getuid") else None
    strays = []
    for proc in psutil.process_iter(["uids"]):
        try:
            if uid is not None and proc.info["uids"] and proc.info["uids"].real != uid:
                continue
            if proc.pid == os.getpid() or TOKEN_VAR not in proc.environ():
                continue
            cwd = proc.cwd()
        except (psutil.Error, OSError):
            continue
        if cwd == root or cwd.startswith(root + os.sep):
            strays.append(proc)
    for proc in strays:
        _signal_quietly(proc, "kill")
    psutil.wait_procs(strays, timeout=5)
    return len(strays) + killed

"""A job's process tree: the one way every part of the agent finds and measures it.

The runner (stopping, suspending), the resource caps (limits.py), the contribution rule on
memory (controls.py), the accounting of a run (accounting.py) and the Machine tab's job share
(monitor.py) all look at the same tree: the leader, its descendants, and — where the runner
knows them — the members of its pids cgroup (processes that left the parent chain). So the
memory rule and the memory cap measure the same thing.

Zombies count as gone: our own child is reaped by asyncio, orphans by the system's init.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import psutil


def is_alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def descendants(
    pid: int | None, known: Mapping[int, psutil.Process] | None = None
) -> list[psutil.Process]:
    """The process `pid` and every descendant ([] when it is gone).

    `known` holds Process objects from an earlier call: reusing them keeps psutil's
    per-process CPU counters continuous.
    """
    if pid is None:
        return []
    known = known or {}
    try:
        root = known.get(pid) or psutil.Process(pid)
        return [root, *(known.get(p.pid, p) for p in root.children(recursive=True))]
    except psutil.Error:
        return []


def tree(pid: int | None, extra_pids: Iterable[int] = ()) -> list[psutil.Process]:
    """The live members of a job: `pid`, its descendants and `extra_pids` (its cgroup's)."""
    found = {p.pid: p for p in descendants(pid)}
    for extra in extra_pids:
        if extra not in found:
            try:
                found[extra] = psutil.Process(extra)
            except psutil.Error:
                pass
    return [p for p in found.values() if is_alive(p)]


def rss_bytes(procs: Iterable[psutil.Process]) -> int:
    """The summed resident memory of `procs` (one that vanished meanwhile counts as 0)."""
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def memory_pct(procs: Iterable[psutil.Process]) -> float:
    """The summed RSS of `procs` as % of physical RAM."""
    return 100.0 * rss_bytes(procs) / psutil.virtual_memory().total


def signal_quietly(proc: psutil.Process, action: str) -> None:
    """`suspend`, `resume`, `terminate` or `kill`; a process already gone is no error."""
    try:
        getattr(proc, action)()
    except psutil.Error:
        pass


class TreeUsage:
    """CPU and memory of a process tree sampled again and again (the Machine tab, the metrics).

    psutil measures a process's CPU % since the previous call on the same Process object, so
    the objects of the last sample are kept and reused; a process that ended drops out.
    """

    def __init__(self) -> None:
        self.alive: dict[int, psutil.Process] = {}

    def sample(self, procs: Iterable[psutil.Process]) -> tuple[float, int]:
        """(summed CPU % since the last sample, summed RSS bytes) of `procs`; sets `alive`."""
        cpu = 0.0
        rss = 0
        alive: dict[int, psutil.Process] = {}
        for proc in procs:
            known = self.alive.get(proc.pid, proc)
            try:
                with known.oneshot():
                    cpu += known.cpu_percent(interval=None)
                    rss += known.memory_info().rss
                alive[proc.pid] = known
            except psutil.Error:
                continue
        self.alive = alive
        return cpu, rss

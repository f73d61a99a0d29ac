"""Run a job's `train.py` as a contained process tree.

The script is a stranger's code, so it gets a minimal environment built from
scratch (job_launch.py), its own session / process group, no stdin, and a
wall-clock limit; its output is read from both pipes at once into the task's
log and to the caller (job_output.py). Stopping stops everything the script
started, daemons that left the group included (job_stop.py): `run` returns only
when none is left.

This module is the run itself: the launch command (caps, priority, sandbox),
placement, the wait for the end or the time limit, suspend and resume.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from collections.abc import Callable, Sequence
from typing import Any

import psutil

from desktop_agent.engine import cputhrottle, diskuse, job_launch, limits, memcap, proccap
from desktop_agent.engine.job_launch import TOKEN_VAR, job_environ
from desktop_agent.engine.job_output import (
    MAX_LINE_CHARS,
    TAIL_LINES,
    CappedLog,
    OutputCapture,
    parse_progress,
)
from desktop_agent.engine.job_stop import KILL_PATIENCE_S, TreeStop, kill_strays
from desktop_agent.engine.jobspec import JobSpec
from desktop_agent.engine.proctree import signal_quietly as _signal_quietly
from desktop_agent.engine.watchdog import Watchdog

__all__ = [
    "KILL_PATIENCE_S",
    "MAX_LINE_CHARS",
    "TOKEN_VAR",
    "CancelKind",
    "JobProcess",
    "RunResult",
    "job_environ",
    "kill_strays",
    "parse_progress",
]
_IS_WINDOWS = os.name == "nt"


class CancelKind(StrEnum):
    """Why a run was cancelled: the engine stopping, or the task being given back to the server."""

    CANCEL = "cancel"
    RELEASE = "release"


@dataclass(frozen=True)
class RunResult:
    exit_code: int | None  # negative: killed by that signal (POSIX)
    duration_s: float
    timed_out: bool
    cancelled: bool
    log_tail: str  # the last lines of output, for a failure report
    cancel_reason: str | None = None
    limit_fault: str | None = None  # a resource cap (memory, processes, disk) stopped it: limits.py
    host_fault: str | None = None  # the machine ran out (its disk), not the job's quota
    enforcement: str = ""  # which mechanism enforced each limit, for the task's record
    cancel_kind: CancelKind | None = None  # set when `cancelled`


class JobProcess(OutputCapture, TreeStop):
    """One run of `train.py`: start it with `run()`, stop it with `cancel()`.

    `cancel`, `suspend` and `resume` must be called from the event loop's
    thread (the GUI goes through `loop.call_soon_threadsafe`). Time spent
    suspended does not count against `time_limit`: a paused task is not slow.
    """

    def __init__(
        self,
        python: Path,
        workspace: Path,
        spec: JobSpec,
        *,
        log_path: Path,
        on_output: Callable[[str, str], None] | None = None,
        on_progress: Callable[[float], None] | None = None,
        grace_s: float = 5.0,
        command_prefix: Sequence[str] = (),
    ):
        self.spec = spec  # environment, priority, cores, caps: fixed when the task started
        self.command_prefix = list(command_prefix)  # the sandbox (sandbox.job_prefix), if any
        self.limits = spec.limits  # memory / process / disk caps and priority (limits.py)
        self.limit_fault: str | None = None
        self.python = python
        self.workspace = workspace
        self.time_limit = spec.time_limit
        self.log_path = log_path
        self.on_output = on_output
        self.on_progress = on_progress
        self.extra_env = spec.env
        self.grace_s = grace_s
        self.token = uuid.uuid4().hex
        self.pid: int | None = None
        self.cancel_reason: str | None = None
        self.cancel_kind: CancelKind | None = None
        self.placement_problem: str | None = None  # why the cores or priority could not be set
        self._cancel = asyncio.Event()
        self._proc: asyncio.subprocess.Process | None = None
        self._cap: proccap.ProcessCap | None = None
        self._memory: memcap.MemoryCap | None = None
        self._throttle = cputhrottle.CpuThrottle()
        # suspend/resume and the CPU throttle's turns, one at a time
        self._signal_lock = threading.Lock()
        self._tail: deque[str] = deque(maxlen=TAIL_LINES)
        self._suspended_since: float | None = None
        self._suspended_total = 0.0
        self._signalling: asyncio.Future[None] | None = None  # the latest suspend/resume batch
        self.on_started: Callable[[JobProcess], None] | None = (
            None  # contribution controls: power cap, suspend at once
        )

    # --- control -------------------------------------------------------------

    def cancel(self, reason: str = "cancelled", *, kind: CancelKind = CancelKind.CANCEL) -> None:
        """Ask the run to stop: SIGTERM to the tree, SIGKILL after `grace_s`. Safe to call twice."""
        if self.cancel_reason is None:
            self.cancel_reason = reason
            self.cancel_kind = kind
        self._cancel.set()

    def suspend(self) -> None:
        """Freeze the whole tree (parents first, so none can spawn a fresh child)."""
        if self._suspended_since is not None or self.pid is None:
            return
        self._suspended_since = time.monotonic()
        self._signal_members("suspend")

    def resume(self) -> None:
        if self._suspended_since is None:
            return
        self._suspended_total += time.monotonic() - self._suspended_since
        self._suspended_since = None
        self._signal_members("resume")

    def _signal_members(self, action: str) -> None:
        """Signal every member off the event loop (finding them may read every process of this
        user), one batch after the other so a quick suspend-resume arrives in order."""
        previous = self._signalling

        async def deliver() -> None:
            if previous is not None:
                await asyncio.gather(previous, return_exceptions=True)
            await asyncio.to_thread(self._signal_each, action)

        self._signalling = asyncio.ensure_future(deliver())

    def _signal_each(self, action: str) -> None:
        with self._signal_lock:
            for proc in self._members():
                _signal_quietly(proc, action)

    @property
    def suspended(self) -> bool:
        return self._suspended_since is not None

    # --- running -------------------------------------------------------------

    async def run(self) -> RunResult:
        """Run to the end, the time limit or a cancel; the tree is gone when this returns."""
        started = time.monotonic()
        kwargs: dict[str, Any]
        if sys.platform == "win32":
            kwargs = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
        else:
            kwargs = {"start_new_session": True}
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        cap = (
            proccap.open_process_cap(
                self.limits.processes, owner=str(self.workspace.resolve().parent)
            )
            if self.limits
            else proccap.ProcessCap()
        )
        owner = str(self.workspace.resolve().parent)
        memory = (
            memcap.open_memory_cap(self.limits.memory_mb, owner=owner, processes=cap)
            if self.limits
            else memcap.MemoryCap()
        )
        throttle = (
            cputhrottle.open_throttle(
                self.limits.cpu_pct,
                cputhrottle.allowed_cores(self.spec.cores),
                owner=owner,
                processes=cap,
                memory=memory,
            )
            if self.limits
            else cputhrottle.CpuThrottle()
        )
        # One shell joins the cgroups, sets the rlimit and opens the filter, then execs the rest.
        argv = job_launch.fuse(
            [
                *cap.prefix(),
                *memory.prefix(),
                *throttle.prefix(),
                *(limits.priority_prefix(self.limits.nice) if self.limits else []),
                *self.command_prefix,
                str(self.python),
                "train.py",
            ]
        )
        self._cap = cap
        self._memory = memory
        self._throttle = throttle
        try:
            return await self._run_in(cap, memory, argv, kwargs, started)
        finally:
            # After the tree is gone: the cgroups are removed (any straggler in them killed);
            # that may take seconds, so not on the event loop the heartbeat shares.
            await asyncio.shield(
                asyncio.gather(
                    asyncio.to_thread(cap.close),
                    asyncio.to_thread(memory.close),
                    asyncio.to_thread(throttle.close),
                )
            )
            if self._signalling is not None:
                await asyncio.gather(self._signalling, return_exceptions=True)

    async def _run_in(
        self,
        cap: proccap.ProcessCap,
        memory: memcap.MemoryCap,
        argv: list[str],
        kwargs: dict[str, Any],
        started: float,
    ) -> RunResult:
        watchdog = None
        with CappedLog(self.log_path) as log:
            self._proc = await asyncio.create_subprocess_exec(
                *argv,
                cwd=self.workspace,
                env=job_environ(self.python, self.workspace, self.token, self.extra_env),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                **kwargs,
            )
            self.pid = self._proc.pid
            self._place()
            cap.attach(self.pid, self.limits)  # Windows: into a Job Object (proccap._WindowsJob)
            if self.on_started is not None:
                self.on_started(self)
            self._throttle.start(self.tree, lambda: self.suspended, self._signal_lock)
            readers = [
                asyncio.create_task(self._read(self._proc.stdout, "stdout", log)),
                asyncio.create_task(self._read(self._proc.stderr, "stderr", log)),
            ]
            if self.limits is not None:
                watchdog = Watchdog(
                    self.limits,
                    self.workspace,
                    self.tree,
                    self._limit_exceeded,
                    memory=memory,
                    sandboxed=bool(self.command_prefix),
                )
                readers.append(asyncio.create_task(watchdog.run()))
            timed_out = False
            try:
                timed_out = await self._wait_for_end(started)
                await asyncio.to_thread(self._throttle.stop)
                await self._kill_tree(grace=self.grace_s if self._proc.returncode is None else 0.0)
            except BaseException:
                self._throttle.stop()
                await asyncio.shield(self._kill_tree(grace=0.0))
                for task in readers:
                    task.cancel()
                raise
            # Pipes close once every holder is dead; a process we could not reach may keep one open.
            if watchdog is not None:
                readers.pop().cancel()
            _done, pending = await asyncio.wait(readers, timeout=5.0)
            for task in pending:
                task.cancel()
            if self.limits is not None and self.limit_fault is None and memory.oom_killed():
                self.limit_fault = (
                    f"train.py used more than {self.limits.memory_mb} MB of memory and was "
                    "stopped by the system"
                )
        host_fault = None
        if watchdog is not None:
            if watchdog.host_fault:
                host_fault = self.limit_fault
            else:  # the job may have filled the disk between two samples
                usage = await asyncio.to_thread(watchdog.sample)
                if watchdog.check(usage) is not None and watchdog.host_fault:
                    host_fault = diskuse.disk_full_message(usage.free_mb)
        if host_fault is not None:
            self.limit_fault = None
        cancelled = (
            self._cancel.is_set()
            and not timed_out
            and self.limit_fault is None
            and host_fault is None
        )
        return RunResult(
            exit_code=self._proc.returncode,
            duration_s=time.monotonic() - started,
            timed_out=timed_out,
            cancelled=cancelled,
            log_tail="\n".join(self._tail),
            cancel_reason=self.cancel_reason if cancelled else None,
            cancel_kind=self.cancel_kind if cancelled else None,
            limit_fault=self.limit_fault,
            host_fault=host_fault,
            enforcement=self._enforcement(cap, memory),
        )

    def _enforcement(self, cap: proccap.ProcessCap, memory: memcap.MemoryCap) -> str:
        if self.limits is None:
            return "no limits"
        processes = "kernel (" + cap.kind + ")" if cap.kind != "watch" else "watchdog"
        cpu = f"; CPU time: {self._throttle.kind}" if self._throttle.kind else ""
        return (
            f"memory: {memory.kind}; processes: {processes}; disk: watchdog (files, deleted "
            "files held open, filesystem free space and inodes)" + cpu
        )

    def _place(self) -> None:
        """Pin the first process to the spec's cores (children inherit it); on Windows, lower it.

        Elsewhere the priority is set before exec by `nice` in the launch command.
        """
        assert self.pid is not None
        try:
            proc = psutil.Process(self.pid)
            if self.spec.cores is not None:
                proc.cpu_affinity(list(self.spec.cores))
            if _IS_WINDOWS and self.spec.nice > 0:
                limits.lower_priority(self.pid, self.spec.nice)
        except (psutil.Error, OSError, AttributeError) as exc:
            self.placement_problem = str(exc)

    def _limit_exceeded(self, message: str) -> None:
        if self.limit_fault is None and not self._cancel.is_set():
            self.limit_fault = message
        self.cancel(message)

    async def _leader_exit(self) -> None:
        """Return once train.py's own process has exited.

        Not `Process.wait()`: asyncio resolves that only after the output pipes close, and a
        child that outlives train.py (a daemon) keeps them open, so the run would last until the
        time limit. The return code is known as soon as the leader is reaped.
        """
        assert self._proc is not None
        waiter = asyncio.ensure_future(self._proc.wait())  # the usual case: answers at once on exit
        try:
            while self._proc.returncode is None and not waiter.done():
                await asyncio.wait(
                    {waiter}, timeout=0.25
                )  # the daemon case: the return code shows up
        finally:
            waiter.cancel()

    async def _wait_for_end(self, started: float) -> bool:
        """Wait for exit or cancel; True when the time limit ran out first."""
        assert self._proc is not None
        exited = asyncio.create_task(self._leader_exit())
        cancelled = asyncio.create_task(self._cancel.wait())
        try:
            while True:
                if self.suspended:
                    remaining = 1.0  # the clock is stopped; look again later
                else:
                    used = time.monotonic() - started - self._suspended_total
                    remaining = self.time_limit - used
                    if remaining <= 0:
                        return True
                done, _ = await asyncio.wait(
                    {exited, cancelled}, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
                )
                if done:
                    return False
        finally:
            cancelled.cancel()
            if not exited.done():
                exited.cancel()

"""Run a job's `train.py` as a contained process tree.

The script is a stranger's code, so it gets a minimal environment built from
scratch (none of the agent's variables, tokens or proxies leak in), its own
session / process group, no stdin, and a wall-clock limit. Its output is read
line by line from both pipes at once (tqdm's `\\r` redraws count as lines) into
the task's log and to the caller, and progress is read from lines the script
prints.

Stopping must stop everything the script started. Killing the process group
catches ordinary children, but a daemon that double-forked and called
`setsid()` has left the group and is no longer a descendant of anything we
know. So every job's environment carries a unique `DESKTOP_AGENT_TASK_TOKEN`,
inherited by everything it spawns; after killing the group we also kill every
process of this user whose environment carries that token. (Only a process
that wipes its own environment with `execve` escapes; that is deliberate
hostility, not a stray daemon.) `run` returns only when none is left.

Zombies: our own child is reaped by asyncio; orphaned grandchildren belong to
the system's reaper (init), so a zombie whose parent is not us counts as gone.
"""

from __future__ import annotations

import asyncio
import codecs
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import psutil

from desktop_agent.engine import cgroups, cputhrottle, diskuse, limits, memcap, proccap, proctree
from desktop_agent.engine.proctree import signal_quietly as _signal_quietly
from desktop_agent.engine.jobspec import JobSpec
from desktop_agent.engine.watchdog import Watchdog

TOKEN_VAR = "DESKTOP_AGENT_TASK_TOKEN"
MAX_LINE_CHARS = 8192  # a line longer than this is cut into pieces (keeps memory bounded)
LOG_KEEP_BYTES = 1024 * 1024  # the task log keeps the last 1 MiB of output (plus a cut marker)
TAIL_LINES = 20
KILL_PATIENCE_S = 60.0  # how long SIGKILLs are repeated before a process is given up on
_READ_SIZE = 64 * 1024
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_IS_WINDOWS = os.name == "nt"

_EXPLICIT = re.compile(r"\bprogress\s*[:=]\s*(\d+(?:\.\d+)?)", re.IGNORECASE)
_TQDM = re.compile(r"(\d+(?:\.\d+)?)\s*%\|")
_COUNTER = re.compile(
    r"\b(?:step|epoch|iter(?:ation)?|batch)\s*[:#]?\s*(\d+)\s*/\s*(\d+)", re.IGNORECASE
)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


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


def parse_progress(line: str) -> float | None:
    """How far along a script says it is (0..1), or None when the line does not say.

    Recognised, most specific first: `progress: 0.42` / `progress=42` (values
    above 1 are percent), tqdm bars, `step 42/100` / `epoch 3/10`, then a bare
    `42%`. The order matters: "epoch 3/10 acc 93%" is at epoch 3, not 93%.
    """
    if m := _EXPLICIT.search(line):
        value = float(m.group(1))
        value = value / 100 if value > 1 else value
    elif m := _TQDM.search(line):
        value = float(m.group(1)) / 100
    elif m := _COUNTER.search(line):
        total = int(m.group(2))
        if total == 0:
            return None
        value = int(m.group(1)) / total
    elif m := _PERCENT.search(line):
        value = float(m.group(1)) / 100
    else:
        return None
    return min(1.0, max(0.0, value))


def job_environ(
    python: Path, workspace: Path, token: str, extra_env: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The job's whole environment, built from nothing so no secret of ours leaks in."""
    tmp = workspace / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env = {
        "HOME": str(workspace),
        "TMPDIR": str(tmp),
        "TEMP": str(tmp),
        "TMP": str(tmp),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        "PYTHONNOUSERSITE": "1",
        "PYTHONIOENCODING": "utf-8",
        TOKEN_VAR: token,
    }
    if _IS_WINDOWS:
        system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        system_dirs = [str(python.parent), os.path.join(system_root, "System32"), system_root]
        env["USERPROFILE"] = str(workspace)
        for name in (
            "SYSTEMROOT",
            "WINDIR",
            "COMSPEC",
            "PATHEXT",
            "NUMBER_OF_PROCESSORS",
            "PROCESSOR_ARCHITECTURE",
            "SYSTEMDRIVE",
        ):
            if name in os.environ:
                env[name] = os.environ[name]
    else:
        system_dirs = [str(python.parent), "/usr/local/bin", "/usr/bin", "/bin"]
    env["PATH"] = os.pathsep.join(system_dirs)
    env.update(extra_env or {})
    return env


class JobProcess:
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
        self._signal_lock = (
            threading.Lock()
        )  # suspend/resume and the CPU throttle's turns, one at a time
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
        argv = [
            *cap.prefix(),
            *memory.prefix(),
            *throttle.prefix(),
            *(limits.priority_prefix(self.limits.nice) if self.limits else []),
            *self.command_prefix,
            str(self.python),
            "train.py",
        ]
        self._cap = cap
        self._memory = memory
        self._throttle = throttle
        try:
            return await self._run_in(cap, memory, argv, kwargs, started)
        finally:
            # After the tree is gone: the cgroups are removed (any straggler in them killed);
            # that may take seconds, so not on the event loop the heartbeat shares.
            await asyncio.shield(asyncio.to_thread(cap.close))
            await asyncio.shield(asyncio.to_thread(memory.close))
            await asyncio.shield(asyncio.to_thread(throttle.close))
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
        with _CappedLog(self.log_path) as log:
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

    def tree(self) -> list[psutil.Process]:
        """The leader, its descendants and whatever its cgroups hold (cheap: no environ scan).

        What the memory cap, the memory rule and the accounting measure (proctree.py).
        """
        known = [
            *(self._cap.pids() if self._cap is not None else ()),
            *(self._memory.pids() if self._memory is not None else ()),
        ]
        return proctree.tree(self.pid, known)

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

    async def _read(self, stream: asyncio.StreamReader | None, name: str, log: _CappedLog) -> None:
        assert stream is not None
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pending = ""
        while True:
            chunk = await stream.read(_READ_SIZE)
            pending += decoder.decode(chunk, final=not chunk)
            parts = _LINE_BREAK.split(pending)
            pending = (
                parts.pop()
            )  # a `\r\n` cut between reads yields a blank line, which is skipped
            while len(pending) > MAX_LINE_CHARS:
                parts.append(pending[:MAX_LINE_CHARS])
                pending = pending[MAX_LINE_CHARS:]
            if not chunk and pending:
                parts.append(pending)
            for line in parts:
                for start in range(0, max(1, len(line)), MAX_LINE_CHARS):
                    self._line(name, line[start : start + MAX_LINE_CHARS], log)
            if not chunk:
                return

    def _line(self, stream: str, line: str, log: _CappedLog) -> None:
        if not line.strip():
            return
        self._tail.append(line)
        log.write(line + "\n")
        if self.on_output is not None:
            self.on_output(stream, line)
        if self.on_progress is not None:
            value = parse_progress(line)
            if value is not None:
                self.on_progress(value)

    # --- the tree ------------------------------------------------------------

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
            if not await asyncio.to_thread(self._members):
                return
            await asyncio.sleep(0.05)

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


class _CappedLog:
    """The task's log file, holding at most the last ~`LOG_KEEP_BYTES` of output.

    A job can print hundreds of MB; the file grows to twice the cap, then is cut back to its
    last `LOG_KEEP_BYTES` behind a line that says how much was dropped.
    """

    def __init__(self, path: Path, keep: int = LOG_KEEP_BYTES):
        self.path = path
        self.keep = keep
        self.dropped = 0

    def __enter__(self) -> _CappedLog:
        self._fh = open(self.path, "a", encoding="utf-8", buffering=1)
        self._size = self._fh.tell()
        return self

    def write(self, text: str) -> None:
        """Append `text`; on a full disk the line is dropped (the in-memory tail still has it)."""
        try:
            self._fh.write(text)
            self._size += len(text.encode("utf-8", errors="replace"))
            if self._size > 2 * self.keep:
                self._cut()
        except OSError:
            self.dropped += len(text)

    def _cut(self) -> None:
        self._fh.close()
        with open(self.path, "rb") as fh:
            fh.seek(max(0, self._size - self.keep))
            tail = fh.read()
        start = tail.find(b"\n") + 1  # from a line boundary
        self.dropped += self._size - len(tail) + start
        marker = f"[... {self.dropped:,} bytes of output not kept ...]\n".encode()
        tmp = self.path.with_suffix(".cut")
        tmp.write_bytes(marker + tail[start:])
        os.replace(tmp, self.path)
        self._fh = open(self.path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 (closed in __exit__)
        self._size = self._fh.tell()

    def __exit__(self, *exc: object) -> None:
        try:
            self._fh.close()
        except OSError:  # the last buffered lines, on a full disk
            pass

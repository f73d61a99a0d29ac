"""What every phase of a task shares: the engine's context, the row, saving and host faults.

`TaskBase` holds one task's state (its row, settings and spec, workspace, log) and the helpers
every phase uses; the phases themselves are in task_result.py (download, environment, training)
and task_completion.py (the completion and judging a send that got no answer), put together
by pipeline.py.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from desktop_agent.config import DataPaths, Settings
from desktop_agent.engine import retry, runner
from desktop_agent.engine.env_cache import EnvCache
from desktop_agent.engine.events import Phase, PhaseProgress, RetryScheduled
from desktop_agent.engine.jobspec import JobSpec
from desktop_agent.engine.protocol import ApiClient
from desktop_agent.engine.store import Store, TaskPhase, TaskRow

CRASH_ENV = "DESKTOP_AGENT_CRASH_AT"


def crashpoint(name: str) -> None:
    """Die like `kill -9` at a named point; only the crash-safety tests set this variable."""
    if os.environ.get(CRASH_ENV) == name:
        os._exit(137)


class ReleaseTask(Exception):
    """A host fault outlasted `release_after_s`: give the task back via the server's liveness rule."""


async def _no_hold() -> None:
    return None


def _no_release() -> None:
    return None


def _no_count(_n: int) -> None:
    return None


@dataclass
class TaskContext:
    """What every task shares with the engine; the settings come with each task (`TaskPipeline`)."""

    paths: DataPaths
    store: Store
    api: ApiClient
    http: httpx.AsyncClient
    envs: EnvCache
    agent_id: str
    emit: Callable[[object], None]
    log: Callable[[str, str], None]
    wait: retry.Waiter  # stop-aware sleep: True means "stop now"
    wait_until_resumed: Callable[[], Awaitable[None]]
    set_job: Callable[[runner.JobProcess | None], None]
    # The heartbeat, paused while a completion is sent and judged (engine/delivery.py).
    hold_heartbeats: Callable[[], Awaitable[None]] = _no_hold
    release_heartbeats: Callable[[], None] = _no_release
    # The month's transfer count (engine/transfer.py): bytes of job files down, results up.
    count_down: Callable[[int], None] = _no_count
    count_up: Callable[[int], None] = _no_count
    # Job titles already asked for (pipeline._describe_job): one request per job, not per task.
    job_titles: dict[int, str] = field(default_factory=dict)
    # Work the next task does not wait for (a finished task's cleanup), in worker threads.
    background: set[asyncio.Future[None]] = field(default_factory=set)

    def in_background(self, work: Callable[[], None]) -> None:
        """Run `work` in a worker thread without waiting; `settle` waits for all of it."""
        future = asyncio.ensure_future(asyncio.to_thread(work))
        self.background.add(future)
        future.add_done_callback(self.background.discard)

    async def settle(self) -> None:
        """Wait for the background work (when the engine stops: nothing is left half done)."""
        while self.background:
            await asyncio.gather(*self.background, return_exceptions=True)


class TaskBase:
    """One task's run, under the settings of the moment it started (`settings`, `spec`)."""

    def __init__(self, ctx: TaskContext, row: TaskRow, settings: Settings):
        self.ctx = ctx
        self.row = row
        self.settings = settings
        self.spec = JobSpec.from_settings(settings)
        self.workspace = ctx.paths.work / f"task-{row.id}"
        self.log_path = ctx.paths.task_logs / f"task-{row.task_id}-{row.id}.log"
        self._host_fault_since: float | None = None
        self._disk_fulls = 0  # disk-full host faults during this task (errors.DiskFull)
        self._pending: dict[str, object] = {}  # `_note`d, saved with the next `_save`

    # --- helpers ---------------------------------------------------------------

    def _progress(self, phase: Phase, fraction: float | None = None, message: str = "") -> None:
        self.ctx.emit(PhaseProgress(self.row.task_id, phase, fraction, message))

    def _note(self, **changes: object) -> None:
        """Fields that only describe the run (env key, torch build): saved with the next `_save`,
        one fsync'd write instead of one each. A crash before then loses nothing the next
        start needs: the phase, which says what to redo, is saved as before."""
        self._pending.update(changes)

    def _save(self, phase: TaskPhase | None = None, **changes: object) -> None:
        if self._pending:
            changes = {**self._pending, **changes}
            self._pending = {}
        if phase is None:
            self.row = self.ctx.store.update(self.row.id, **changes)
        else:
            self.row = self.ctx.store.set_phase(self.row.id, phase, **changes)

    async def _host_fault(
        self, exc: BaseException, backoff: retry.Backoff, *, releasable: bool
    ) -> None:
        """Wait out a host fault; raise ReleaseTask once it has lasted too long."""
        now = time.monotonic()
        if self._host_fault_since is None:
            self._host_fault_since = now
            self.ctx.log("WARNING", f"Task {self.row.task_id}: {exc} — retrying")
        if releasable and now - self._host_fault_since > self.settings.release_after_s:
            raise ReleaseTask(str(exc))
        delay = backoff.next_delay()
        self.ctx.emit(RetryScheduled(time.time() + delay, "task"))
        if await self.ctx.wait(delay):
            raise asyncio.CancelledError()

    def _host_ok(self) -> None:
        self._host_fault_since = None

    def _host_fault_note(self, exc: BaseException) -> None:
        if self._host_fault_since is None:
            self._host_fault_since = time.monotonic()
            self.ctx.log("WARNING", f"Task {self.row.task_id}: {exc}")

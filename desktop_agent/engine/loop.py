"""The agent: register, heartbeat, ask for work, run tasks one at a time.

One asyncio event loop hosts everything. `Agent.run()` is the whole life of
the engine; the headless CLI calls it through `asyncio.run`, the GUI inside a
QThread. Commands (`pause`, `resume`, `stop`) are thread-safe: they are
scheduled onto the engine's loop, so they work even while a task trains.

What the server is told, by engine state (`heartbeat_status`):

| engine state                    | heartbeat status | why                                        |
|---------------------------------|------------------|--------------------------------------------|
| idle (waiting for work)         | IDLE             | dashboard: "Inactive"                      |
| paused, no task in hand         | IDLE             | not working, but alive                     |
| working / paused with a task    | BUSY             | a task is held until completion is acked   |
| releasing a task                | (none sent)      | silence lets the server re-queue the task  |
| stopped gracefully              | OFFLINE          | sent once on the way out                   |

`WORKING` is never sent: the real dashboard shows it as "Offline".
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import time
from typing import Any

import psutil

from desktop_agent import gpu
from desktop_agent.config import DataPaths, Settings, normalise_email
from desktop_agent.engine import errors, retry, runner
from desktop_agent.engine.envs import EnvCache
from desktop_agent.engine.events import (
    AgentState,
    Event,
    EventSink,
    LogLine,
    Outcome,
    ProblemCleared,
    ProblemKind,
    ProblemRaised,
    StateChanged,
    TaskStarted,
    discard,
)
from desktop_agent.engine.heartbeat import Heartbeat, OutageTracker
from desktop_agent.engine.lock import DataDirLock
from desktop_agent.engine.pipeline import TaskContext, TaskPipeline
from desktop_agent.engine.protocol import ApiClient, make_http_client
from desktop_agent.engine.store import OUTBOX_PHASES, Store, TaskRow
from desktop_agent.identity import load_or_create, mask_email, mask_id

log = logging.getLogger("desktop_agent.engine")

_LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING, "ERROR": logging.ERROR}


def heartbeat_status(state: AgentState, holding_task: bool) -> str | None:
    """The table in this module's docstring, as code."""
    if state is AgentState.RELEASING:
        return None
    if state is AgentState.STOPPED:
        return "OFFLINE"
    return "BUSY" if holding_task else "IDLE"


def ram_total_label() -> str:
    return f"{round(psutil.virtual_memory().total / 2**30)}GB"


class Agent:
    def __init__(
        self,
        settings: Settings,
        paths: DataPaths,
        *,
        emit: EventSink = discard,
        agent_id: str | None = None,
        max_tasks: int | None = None,
        env_cache: EnvCache | None = None,
    ):
        self.settings = settings
        self.paths = paths
        self._sink = emit
        self._agent_id = agent_id
        self.max_tasks = max_tasks
        self._env_cache = env_cache
        self.state = AgentState.STARTING
        self.tasks_finished = 0
        self.finished: list[Any] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop = asyncio.Event()
        self._resumed = asyncio.Event()
        self._resumed.set()
        self._wake = asyncio.Event()
        self._paused = False
        self._holding: TaskRow | None = None
        self._job: runner.JobProcess | None = None
        self._work_task: asyncio.Task[None] | None = None
        self._registered = False
        self._problems: set[ProblemKind] = set()

    # --- thread-safe commands ----------------------------------------------------

    def _call(self, fn: Any) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            fn()
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            fn()
        else:
            loop.call_soon_threadsafe(fn)

    def pause(self) -> None:
        self._call(self._do_pause)

    def resume(self) -> None:
        self._call(self._do_resume)

    def stop(self) -> None:
        """Graceful: take no more work, keep the task in hand for the next start, send OFFLINE."""
        self._call(self._do_stop)

    @property
    def agent_id(self) -> str | None:
        return self._agent_id

    @property
    def paused(self) -> bool:
        return self._paused

    def _do_pause(self) -> None:
        if self._paused:
            return
        self._paused = True
        self._resumed.clear()
        if self._job is not None:
            self._job.suspend()
        self._log("INFO", "Paused by you" + (" — the task in hand is suspended" if self._job else ""))
        self._set_state(AgentState.PAUSED, "Paused by you")
        self._wake.set()

    def _do_resume(self) -> None:
        if not self._paused:
            return
        self._paused = False
        self._resumed.set()
        if self._job is not None:
            self._job.resume()
        self._log("INFO", "Resumed")
        self._set_state(AgentState.WORKING if self._holding else AgentState.IDLE,
                        "Working on a task" if self._holding else "Waiting for work")
        self._wake.set()

    def _do_stop(self) -> None:
        if self._stop.is_set():
            return
        self._set_state(AgentState.STOPPING, "Stopping — the task in hand is kept for next time"
                        if self._holding else "Stopping")
        self._stop.set()
        self._resumed.set()
        self._wake.set()
        if self._work_task is not None:
            self._work_task.cancel()

    # --- events ------------------------------------------------------------------

    def _emit(self, event: Event | Any) -> None:
        try:
            self._sink(event)
        except Exception:  # a broken subscriber must never stop the engine
            log.exception("event subscriber failed")

    def _log(self, level: str, text: str) -> None:
        log.log(_LEVELS.get(level, logging.INFO), text)
        self._emit(LogLine(text, level))

    def _set_state(self, state: AgentState, detail: str = "") -> None:
        if (state, detail) == (self.state, getattr(self, "_detail", None)):
            return  # a retry loop re-asserting its state is not news
        self._detail = detail
        self.state = state
        self._emit(StateChanged(state, detail, heartbeat_status(state, self._holding is not None)))

    def _raise_problem(self, kind: ProblemKind, message: str) -> None:
        self._problems.add(kind)
        self._emit(ProblemRaised(kind, message))

    def _clear_problem(self, kind: ProblemKind) -> None:
        if kind in self._problems:
            self._problems.discard(kind)
            self._emit(ProblemCleared(kind))

    # --- waiting -----------------------------------------------------------------

    async def _wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True when the agent is stopping."""
        if self._stop.is_set():
            return True
        try:
            await asyncio.wait_for(self._stop.wait(), timeout=max(0.0, seconds))
        except asyncio.TimeoutError:
            pass
        return self._stop.is_set()

    async def _nap(self, seconds: float) -> None:
        """Sleep until the interval passes or a command (pause/resume/stop) wakes us."""
        self._wake.clear()
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=max(0.0, seconds))
        except asyncio.TimeoutError:
            pass

    async def _wait_until_resumed(self) -> None:
        await self._resumed.wait()
        if self._stop.is_set():
            raise asyncio.CancelledError()

    # --- life ---------------------------------------------------------------------

    async def run(self) -> None:
        """The engine's whole life. Raises EmailNotFound/DataDirLocked for the caller to show."""
        self._loop = asyncio.get_running_loop()
        self.paths.ensure()
        lock = DataDirLock(self.paths.lock).acquire()
        store = Store(self.paths.db)
        work_http = make_http_client(proxy=self.settings.proxy, timeout=60.0)
        beat_http = make_http_client(proxy=self.settings.proxy, timeout=30.0)
        heartbeat_task: asyncio.Task[None] | None = None
        hb: Heartbeat | None = None
        try:
            if self._agent_id is None:
                self._agent_id = load_or_create(self.paths.root, self.paths.identity_file).agent_id
            server = self.settings.server.rstrip("/")
            api = ApiClient(server, work_http)
            outage = OutageTracker(self._log, self._raise_problem, self._clear_problem, server)
            self._log("INFO", f"Agent {mask_id(self._agent_id)} starting for {mask_email(self.settings.email)} at {server}")

            if not await self._register(api, outage):
                return
            hb = Heartbeat(
                ApiClient(server, beat_http), self._agent_id,
                interval=self.settings.heartbeat_interval,
                status=self._current_heartbeat_status,
                reregister=lambda: self._reregister(ApiClient(server, beat_http)),
                emit=self._emit, outage=outage, log=self._log,
            )
            self._heartbeat = hb
            heartbeat_task = asyncio.create_task(hb.run(), name="heartbeat")
            envs = self._env_cache or EnvCache(self.paths.envs, budget_mb=self.settings.env_cache_budget_mb)
            ctx = TaskContext(
                settings=self.settings, paths=self.paths, store=store, api=api, http=work_http, envs=envs,
                agent_id=self._agent_id, emit=self._emit, log=self._log, wait=self._wait,
                wait_until_resumed=self._wait_until_resumed, set_job=self._set_job,
            )
            self._work_task = asyncio.create_task(self._work_loop(ctx, api, outage, hb), name="work")
            try:
                await self._work_task
            except asyncio.CancelledError:
                if not self._stop.is_set():
                    raise
        finally:
            self._stop.set()
            if heartbeat_task is not None:
                heartbeat_task.cancel()
                await asyncio.gather(heartbeat_task, return_exceptions=True)
            if self._registered and hb is not None:
                self._set_state(AgentState.STOPPED, "Stopped")
                try:
                    await asyncio.wait_for(hb.api.heartbeat(self._agent_id or "", "OFFLINE", timeout=3.0), 4.0)
                except (errors.AgentError, asyncio.TimeoutError):
                    pass
            else:
                self.state = AgentState.STOPPED
                self._emit(StateChanged(AgentState.STOPPED, "Stopped", None))
            await work_http.aclose()
            await beat_http.aclose()
            store.close()
            lock.release()
            self._log("INFO", "Agent stopped")

    def _current_heartbeat_status(self) -> str | None:
        return heartbeat_status(self.state, self._holding is not None)

    def _set_job(self, job: runner.JobProcess | None) -> None:
        self._job = job
        if job is not None and self._paused:
            job.suspend()

    async def _register(self, api: ApiClient, outage: OutageTracker) -> bool:
        """Register until it works; False when stopping. Raises EmailNotFound."""
        email = normalise_email(self.settings.email)
        if not email:
            self._set_state(AgentState.SETUP_NEEDED, "Enter the owner's email to start")
            raise errors.EmailNotFound("No owner email is set — run setup or pass --email")
        self._set_state(AgentState.CONNECTING, f"Connecting to {api.server}")
        backoff = retry.Backoff(retry.REGISTER)
        while True:
            try:
                status = await api.register(self._agent_id or "", email, gpu.gpu_model_summary(), ram_total_label())
                break
            except errors.EmailNotFound as exc:
                self._set_state(AgentState.SETUP_NEEDED, str(exc))
                self._raise_problem(ProblemKind.EMAIL_UNKNOWN, "This email has no account yet — register on the website first")
                raise
            except (errors.RetryableError, errors.MaybeDelivered) as exc:
                outage.failed(str(exc))
                self._set_state(AgentState.CONNECTING, f"Server unreachable — retrying ({api.server})")
            except errors.ProtocolViolation as exc:
                self._log("ERROR", f"Registering failed: {exc}")
                self._raise_problem(ProblemKind.SERVER_ERROR, f"The server answered oddly: {exc}")
            if await self._wait(backoff.next_delay()):
                return False
        outage.ok()
        self._clear_problem(ProblemKind.SERVER_ERROR)
        self._registered = True
        self._log("INFO", f"Registered with {api.server} ({status})")
        return True

    async def _reregister(self, api: ApiClient) -> None:
        await api.register(self._agent_id or "", normalise_email(self.settings.email),
                           gpu.gpu_model_summary(), ram_total_label())
        self._log("INFO", "Registered again")

    def _disk_ok(self) -> bool:
        free_mb = shutil.disk_usage(self.paths.root).free / 2**20
        if free_mb < self.settings.min_free_disk_mb:
            if ProblemKind.DISK_LOW not in self._problems:
                self._log("WARNING", f"Only {free_mb:.0f} MB free in {self.paths.root}; taking no work")
                self._raise_problem(
                    ProblemKind.DISK_LOW,
                    f"Low disk space: {free_mb:.0f} MB free, {self.settings.min_free_disk_mb} MB needed — free some space",
                )
            return False
        self._clear_problem(ProblemKind.DISK_LOW)
        return True

    async def _work_loop(self, ctx: TaskContext, api: ApiClient, outage: OutageTracker, hb: Heartbeat) -> None:
        await self._resume_open(ctx)
        backoff = retry.Backoff(retry.REQUEST_TASK)
        while not self._stop.is_set():
            if self.max_tasks is not None and self.tasks_finished >= self.max_tasks:
                self._log("INFO", f"Finished {self.tasks_finished} task(s) as asked; stopping")
                self._do_stop()
                return
            if self._paused:
                if self.state is not AgentState.PAUSED:
                    self._set_state(AgentState.PAUSED, "Paused by you")
                await self._nap(3600)
                continue
            if not self._disk_ok():
                self._set_state(AgentState.IDLE, "Waiting: low disk space")
                await self._nap(self.settings.poll_interval)
                continue
            try:
                assignment = await api.request_task(self._agent_id or "")
            except (errors.RetryableError, errors.MaybeDelivered) as exc:
                outage.failed(str(exc))
                if self.state is not AgentState.CONNECTING:
                    self._set_state(AgentState.IDLE, "Server unreachable — retrying")
                await self._nap(backoff.next_delay())
                continue
            except errors.ProtocolViolation as exc:
                self._log("ERROR", f"Unusable answer to request_task: {exc}")
                await self._nap(backoff.next_delay())
                continue
            backoff.reset()
            outage.ok()
            if assignment is None:
                if self.state is not AgentState.IDLE:
                    self._set_state(AgentState.IDLE, "Waiting for work")
                await self._nap(self.settings.poll_interval)
                continue
            row = ctx.store.open_task(
                server=api.server, agent_id=self._agent_id or "", task_id=assignment.task_id,
                job_id=assignment.job_id, code_url=assignment.code_url,
                requirements_url=assignment.requirements_url, chunk_data_url=assignment.chunk_data_url,
            )
            await self._run_task(ctx, row, resumed=False)

    async def _resume_open(self, ctx: TaskContext) -> None:
        """Finish what a previous run left: deliver the outbox, complete, or re-run."""
        strays = await asyncio.to_thread(runner.kill_strays, self.paths.work)
        if strays:
            self._log("WARNING", f"Stopped {strays} job process(es) left running by a previous crash")
        for row in ctx.store.open_tasks():
            if self._stop.is_set():
                return
            same_place = row.server == ctx.api.server and row.agent_id == self._agent_id
            if not same_place and row.phase not in OUTBOX_PHASES:
                ctx.store.finish(row.id, Outcome.CANCELLED.value,
                                 error="the server or machine id changed before this task finished")
                continue
            if not same_place:
                other = ApiClient(row.server, ctx.http)
                ctx_other = TaskContext(**{**ctx.__dict__, "api": other, "agent_id": row.agent_id})
                self._log("INFO", f"Delivering a finished result to the previous server {row.server}")
                await self._run_task(ctx_other, row, resumed=True)
                continue
            self._log("INFO", f"Picking up task {row.task_id} where it stopped ({row.phase})")
            await self._run_task(ctx, row, resumed=True)

    async def _run_task(self, ctx: TaskContext, row: TaskRow, *, resumed: bool) -> None:
        self._holding = row
        self._emit(TaskStarted(row.task_id, row.job_id, row.server, resumed=resumed))
        if not self._paused:
            self._set_state(AgentState.WORKING, f"Working on task {row.task_id}")
        self._heartbeat_kick()
        try:
            finished = await TaskPipeline(ctx, row).run()
        finally:
            self._holding = None
        self.finished.append(finished)
        if finished.outcome in (Outcome.COMPLETED, Outcome.FAILED):
            self.tasks_finished += 1
        self._emit(finished)
        self._log("INFO", f"Task {row.task_id}: {finished.outcome.value} in {finished.duration_s:.1f} s")
        if finished.outcome is Outcome.RELEASED:
            await self._quiet_release()
        elif not self._paused:
            self._set_state(AgentState.IDLE, "Waiting for work")

    def _heartbeat_kick(self) -> None:
        hb = getattr(self, "_heartbeat", None)
        if hb is not None:
            hb.kick()

    async def _quiet_release(self) -> None:
        """Send nothing until the server's liveness rule has handed the task on, then come back."""
        quiet = self.settings.release_quiet_s
        self._set_state(AgentState.RELEASING, f"Gave a task back; resting {quiet / 60:.0f} min so the server can re-assign it")
        deadline = time.monotonic() + quiet
        while time.monotonic() < deadline:
            if await self._wait(min(5.0, deadline - time.monotonic())):
                return
        self._set_state(AgentState.CONNECTING, "Coming back after a release")
        hb = getattr(self, "_heartbeat", None)
        if hb is not None:
            try:
                await self._reregister(hb.api)
            except errors.AgentError as exc:
                self._log("WARNING", f"Registering after the release failed: {exc}; the heartbeat will retry")
        self._set_state(AgentState.IDLE, "Waiting for work")

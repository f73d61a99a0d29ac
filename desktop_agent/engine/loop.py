"""The agent: one façade over the engine's rooms, each with one concern.

One asyncio event loop hosts everything. `Agent.run()` is the whole life of the engine; the
headless CLI calls it through `asyncio.run`, the GUI inside a QThread. Commands (`pause`,
`resume`, `stop`, ...) are thread-safe: they are scheduled onto the engine's loop, so they work
even while a task trains.

Where each behaviour lives:

- engine/controls.py — mode + rules → decision → suspend, resume or release the task in hand
- engine/mode_store.py — the mode, kept in the data folder across restarts
- engine/worker.py — registration, the work loop, the quiet release
- engine/recovery.py — open tasks, the in-flight mark and stray processes of a previous run
- engine/reporter.py — events, state in words, and what the heartbeat says (`heartbeat_status`)
- engine/pipeline.py — one task from assignment to acknowledged completion
- engine/jobspec.py — what one job may use, fixed when its task starts
- engine/control.py — the local socket behind `desktop-agent pause|resume|status`
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop_agent.config import DataPaths, Settings
from desktop_agent.engine import delivery, errors
from desktop_agent.engine.controls import Controls
from desktop_agent.engine.events import AgentState, EventSink, StateChanged, TaskFinished, discard
from desktop_agent.engine.heartbeat import Heartbeat, OutageTracker
from desktop_agent.engine.lock import DataDirLock
from desktop_agent.engine.mode_store import MODE_FILE, save_mode_file
from desktop_agent.engine.modes import Decision, Mode, ModeState, snooze_end
from desktop_agent.engine.protocol import ApiClient, client_for
from desktop_agent.engine.recovery import REQUEST_IN_FLIGHT
from desktop_agent.engine.reporter import Reporter, heartbeat_status
from desktop_agent.engine.rules import Seams
from desktop_agent.engine.stopping import StopFlag
from desktop_agent.engine.store import Store
from desktop_agent.engine.task_in_hand import TaskInHand
from desktop_agent.engine.transfer import TransferMeter, local_now
from desktop_agent.engine.worker import TaskContexts, Worker, ram_total_label
from desktop_agent.identity import load_or_create, mask_email, mask_id

if TYPE_CHECKING:  # the task machinery loads with the first task (TaskContexts)
    from desktop_agent.engine import runner
    from desktop_agent.engine.env_cache import EnvCache
    from desktop_agent.engine.task_base import TaskContext

__all__ = [
    "MODE_FILE",
    "REQUEST_IN_FLIGHT",
    "Agent",
    "heartbeat_status",
    "ram_total_label",
    "save_mode_file",
]


class Agent:
    """Run, stop, commands and status; everything else is done by the rooms above."""

    def __init__(
        self,
        settings: Settings,
        paths: DataPaths,
        *,
        emit: EventSink = discard,
        agent_id: str | None = None,
        max_tasks: int | None = None,
        env_cache: EnvCache | None = None,
        seams: Seams | None = None,
    ):
        self.settings = settings
        self.paths = paths
        self._agent_id = agent_id
        self._env_cache = env_cache  # the cache jobs' environments come from, once running
        self._loop: asyncio.AbstractEventLoop | None = None
        self._work_task: asyncio.Task[None] | None = None
        self._stop = StopFlag()
        self._hand = TaskInHand()
        self._clock = seams.clock if seams is not None else local_now  # local months, for the count
        self._transfer: TransferMeter | None = None
        self._report = Reporter(
            emit,
            decision=lambda: self._controls.decision,
            holding=lambda: self._hand.holding or self._hand.resuming,
        )
        self._controls = Controls(
            settings=lambda: self.settings,
            paths=paths,
            hand=self._hand,
            reporter=self._report,
            stop=self._stop,
            seams=seams,
        )
        self._worker = Worker(
            settings=lambda: self.settings,
            paths=paths,
            hand=self._hand,
            controls=self._controls,
            reporter=self._report,
            stop=self._stop,
            request_stop=self._do_stop,
            max_tasks=max_tasks,
        )

    # --- thread-safe commands ----------------------------------------------------

    def _call(self, fn: Callable[[], None]) -> None:
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
        """Paused by the user until `resume()`: no new work; the task in hand is suspended."""
        self.set_mode(Mode.PAUSED)

    def resume(self) -> None:
        """Back to contributing (the rules apply again)."""
        self.set_mode(Mode.CONTRIBUTING)

    def snooze(self, seconds: float | None = None, *, until: str | float | None = None) -> None:
        """Paused until a time, then contributing again by itself: `snooze(3600)`, `snooze(until="tomorrow")`."""
        self.set_mode(Mode.SNOOZED, until=snooze_end(seconds, until=until))

    def finish_then_pause(self) -> None:
        """Finish the task in hand, take no new one, then be paused."""
        self.set_mode(Mode.FINISH_THEN_PAUSE)

    def set_mode(self, mode: Mode | str, *, until: float | None = None) -> None:
        mode = Mode(mode)
        if mode is Mode.SNOOZED and until is None:
            raise ValueError("a snooze needs an end time")
        new = ModeState(mode, until if mode is Mode.SNOOZED else None)
        self._call(lambda: self._controls.set_mode(new))

    def update_settings(self, settings: Settings) -> None:
        """New settings from the GUI: the rules use them at the next check, jobs from the next task."""
        self._call(lambda: self._do_update_settings(settings))

    def _do_update_settings(self, settings: Settings) -> None:
        self.settings = settings
        self._controls.update_settings(settings)
        if self._env_cache is not None:
            self._env_cache.budget_mb = settings.env_cache_budget_mb

    def retry_now(self) -> None:
        """Try the server again at once: ends the current back-off wait and beats the heartbeat."""
        self._call(self._do_retry_now)

    def _do_retry_now(self) -> None:
        self._stop.retry_now()
        self._controls.wake.set()
        self._worker.kick_heartbeat()

    def stop(self) -> None:
        """Graceful: take no more work, keep the task in hand for the next start, send OFFLINE."""
        self._call(self._do_stop)

    def _do_stop(self) -> None:
        if self._stop.is_set():
            return
        self._report.set_state(
            AgentState.STOPPING,
            "Stopping — the task in hand is kept for next time"
            if self._hand.holding
            else "Stopping",
        )
        self._stop.set()
        self._controls.stopping()
        if self._work_task is not None:
            self._work_task.cancel()

    # --- what is going on ----------------------------------------------------------

    @property
    def agent_id(self) -> str | None:
        return self._agent_id

    @property
    def state(self) -> AgentState:
        return self._report.state

    @property
    def max_tasks(self) -> int | None:
        return self._worker.max_tasks

    @property
    def tasks_finished(self) -> int:
        return self._worker.tasks_finished

    @property
    def finished(self) -> list[TaskFinished]:
        return self._worker.finished

    @property
    def job(self) -> runner.JobProcess | None:
        """The job process of the task in hand while train.py runs (engine thread's object)."""
        return self._hand.job

    @property
    def job_pid(self) -> int | None:
        """The training process's pid, or None; a plain read, safe from any thread."""
        job = self._hand.job
        return job.pid if job is not None else None

    @property
    def paused(self) -> bool:
        return self._controls.mode_state.mode in (Mode.PAUSED, Mode.SNOOZED)

    @property
    def mode(self) -> Mode:
        return self._controls.mode_state.mode

    @property
    def decision(self) -> Decision:
        return self._controls.decision

    def status(self) -> dict[str, Any]:
        """A snapshot for `desktop-agent status` and the control socket (read from the engine's thread)."""
        task = None
        row = self._hand.row
        if row is not None:
            ph = self._report.last_phase
            ph = ph if ph is not None and ph.task_id == row.task_id else None
            task = {
                "task_id": row.task_id,
                "job_id": row.job_id,
                "phase": ph.phase.value if ph else None,
                "fraction": ph.fraction if ph else None,
                "suspended": self._hand.suspended,
            }
        decision = self._controls.decision
        return {
            "state": self._report.state.value,
            "detail": self._report.detail,
            "mode": decision.mode.value,
            "reason": decision.reason,
            "snooze_until": self._controls.mode_state.until,
            "may_take_work": decision.may_take_work,
            "notes": decision.note_words(),
            "task": task,
            "tasks_finished": self._worker.tasks_finished,
            "transfer": self._transfer.summary() if self._transfer is not None else None,
        }

    # --- life ---------------------------------------------------------------------

    async def run(self) -> None:
        """The engine's whole life. Raises EmailNotFound/DataDirLocked for the caller to show."""
        self._loop = asyncio.get_running_loop()
        report, worker = self._report, self._worker
        self.paths.ensure()
        lock = DataDirLock(self.paths.lock).acquire()
        try:
            store = Store(self.paths.db)
        except BaseException:
            lock.release()
            raise
        if store.recovered:
            report.log("WARNING", store.recovered)
        work_http = client_for(self.settings, timeout=60.0)
        beat_http = client_for(self.settings, timeout=30.0)
        heartbeat_task: asyncio.Task[None] | None = None
        controls_task: asyncio.Task[None] | None = None
        control_server: Any = None
        hb: Heartbeat | None = None
        self._transfer = meter = TransferMeter(
            store,
            cap_mb=lambda: self.settings.monthly_transfer_mb,
            clock=self._clock,
            say=self._report.log,
        )
        self._controls.transfer = meter
        try:
            await self._controls.start()  # the first verdict before any work is asked for
            controls_task = asyncio.create_task(self._controls.run(), name="controls")
            control_server = await self._start_control_server()
            if self._agent_id is None:
                self._agent_id = load_or_create(self.paths.root, self.paths.identity_file).agent_id
            agent_id = self._agent_id
            server = self.settings.server.rstrip("/")
            api = ApiClient(server, work_http)
            outage = OutageTracker(report.log, report.raise_problem, report.clear_problem, server)
            report.log(
                "INFO",
                f"Agent {mask_id(agent_id)} starting for {mask_email(self.settings.email)} at {server}",
            )
            # A restart with a task in hand is BUSY from its first beat; and what the server
            # shows of an unanswered completion is read before register overwrites it.
            self._hand.resuming = any(
                row.server == server and row.agent_id == agent_id for row in store.open_tasks()
            )
            await delivery.settle_before_register(api, store, agent_id)
            if not await worker.register(api, outage, agent_id):
                return
            hb = Heartbeat(
                ApiClient(server, beat_http),
                agent_id,
                interval=self.settings.heartbeat_interval,
                status=report.current_heartbeat_status,
                reregister=lambda: worker.reregister(ApiClient(server, beat_http)),
                emit=report.emit,
                outage=outage,
                log=report.log,
            )
            heartbeat_task = asyncio.create_task(hb.run(), name="heartbeat")
            beat = hb  # not None here; the closure below keeps it so

            def task_context() -> TaskContext:
                from desktop_agent.engine.env_cache import EnvCache
                from desktop_agent.engine.task_base import TaskContext

                if self._env_cache is None:
                    self._env_cache = EnvCache(
                        self.paths.envs, budget_mb=self.settings.env_cache_budget_mb
                    )
                return TaskContext(
                    paths=self.paths,
                    store=store,
                    api=api,
                    http=work_http,
                    envs=self._env_cache,
                    agent_id=agent_id,
                    emit=report.emit,
                    log=report.log,
                    wait=self._stop.wait,
                    wait_until_resumed=self._controls.wait_until_resumed,
                    set_job=self._controls.set_job,
                    hold_heartbeats=beat.hold,
                    release_heartbeats=beat.release,
                    count_down=meter.downloaded,
                    count_up=meter.uploaded,
                )

            tasks = TaskContexts(task_context)
            self._work_task = asyncio.create_task(
                worker.work(tasks, store, api, outage, hb), name="work"
            )
            try:
                await self._work_task
            except asyncio.CancelledError:
                if not self._stop.is_set():
                    raise
        finally:
            self._stop.set()
            if controls_task is not None:
                controls_task.cancel()
                await asyncio.gather(controls_task, return_exceptions=True)
            if control_server is not None:
                await control_server.close()
            beats_held = hb is not None and hb.held  # a completion in doubt: no goodbye
            if heartbeat_task is not None:
                if hb is not None:
                    # A beat in flight lands first: arriving after OFFLINE, it would say IDLE.
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(hb.hold(), 5.0)
                heartbeat_task.cancel()
                await asyncio.gather(heartbeat_task, return_exceptions=True)
            if worker.registered and hb is not None and not beats_held:
                report.set_state(AgentState.STOPPED, "Stopped")
                try:
                    await asyncio.wait_for(
                        hb.api.heartbeat(self._agent_id or "", "OFFLINE", timeout=3.0), 4.0
                    )
                except (TimeoutError, errors.AgentError):
                    pass
            else:
                report.state = AgentState.STOPPED
                report.emit(StateChanged(AgentState.STOPPED, "Stopped", None))
            await work_http.aclose()
            await beat_http.aclose()
            meter.flush()
            store.close()
            lock.release()
            report.log("INFO", "Agent stopped")

    async def _start_control_server(self) -> Any:
        from desktop_agent.engine import control

        try:
            return await control.serve(self, self.paths.root)
        except (
            OSError
        ) as exc:  # the agent works without it; only `desktop-agent pause|status` needs it
            self._report.log(
                "WARNING",
                f"No control socket ({exc}); `desktop-agent pause/resume/status` cannot reach this agent",
            )
            return None

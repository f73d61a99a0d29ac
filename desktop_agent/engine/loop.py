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

Contribution controls (engine/modes.py, engine/rules.py): the user's mode
(contributing, paused, snoozed, finish-then-pause) and the rules' verdict,
re-checked every `rules_interval_s` and at once on every command, decide
whether new work is taken and whether the task in hand is suspended (its
whole process tree, via the runner). Every StateChanged carries the mode and
the reason in words. A task held suspended for longer than
`max_pause_with_task_s` is released (stopped, recorded "released", never
completed) so the buyer's job goes on elsewhere. The mode survives a restart
(`mode.json` in the data folder); `engine/control.py` serves it on a local
socket for `desktop-agent pause|resume|status`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import psutil

from desktop_agent import gpu
from desktop_agent.config import DataPaths, Settings, normalise_email
from desktop_agent.engine import accounting, errors, retry, runner
from desktop_agent.engine.envs import EnvCache
from desktop_agent.engine.events import (
    AgentState,
    Event,
    EventSink,
    LogLine,
    Outcome,
    PhaseProgress,
    ProblemCleared,
    ProblemKind,
    ProblemRaised,
    StateChanged,
    TaskStarted,
    discard,
)
from desktop_agent.engine.heartbeat import Heartbeat, OutageTracker
from desktop_agent.engine.limits import lower_priority
from desktop_agent.engine.lock import DataDirLock
from desktop_agent.engine.modes import (
    ALL_CLEAR,
    Decision,
    Mode,
    ModeState,
    Verdict,
    decide,
    snooze_end,
)
from desktop_agent.engine.pipeline import RELEASE_REASON, ReleaseTask, TaskContext, TaskPipeline
from desktop_agent.engine.rules import Rules, Seams, real_seams
from desktop_agent.engine.protocol import ApiClient, make_http_client
from desktop_agent.engine.store import OUTBOX_PHASES, Store, TaskRow
from desktop_agent.identity import load_or_create, mask_email, mask_id

log = logging.getLogger("desktop_agent.engine")
REQUEST_IN_FLIGHT = (
    "request-in-flight"  # exists while a request_task answer is not yet in the store
)

_LEVELS = {
    "DEBUG": logging.DEBUG,
    "INFO": logging.INFO,
    "WARNING": logging.WARNING,
    "ERROR": logging.ERROR,
}


def heartbeat_status(state: AgentState, holding_task: bool) -> str | None:
    """The table in this module's docstring, as code."""
    if state is AgentState.RELEASING:
        return None
    if state is AgentState.STOPPED:
        return "OFFLINE"
    return "BUSY" if holding_task else "IDLE"


def ram_total_label() -> str:
    return f"{round(psutil.virtual_memory().total / 2**30)}GB"


MODE_FILE = "mode.json"


def save_mode_file(root: Any, state: ModeState) -> None:
    """Persist the user's mode in the data folder (`desktop-agent run --paused` writes it before starting)."""
    from pathlib import Path

    path = Path(root) / MODE_FILE
    if state == ModeState():
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state.to_json()), encoding="utf-8")
    os.replace(tmp, path)


_CONTROLLED = (
    AgentState.IDLE,
    AgentState.WORKING,
    AgentState.PAUSED,
)  # states the controls may change


def gpu_indices(settings: Settings) -> list[int] | None:
    """The GPUs jobs may use: None for all (one reading of the settings: accounting.gpu_indexes)."""
    chosen = accounting.gpu_indexes(settings.use_gpu, settings.gpu_devices)
    return None if chosen is None else sorted(chosen)


def job_environment(settings: Settings) -> dict[str, str]:
    """What the contribution controls add to a job's (otherwise minimal) environment."""
    env: dict[str, str] = {}
    if settings.cpu_max_cores > 0:
        n = str(settings.cpu_max_cores)
        for name in (
            "OMP_NUM_THREADS",
            "MKL_NUM_THREADS",
            "OPENBLAS_NUM_THREADS",
            "NUMEXPR_NUM_THREADS",
            "VECLIB_MAXIMUM_THREADS",
            "TORCH_NUM_THREADS",
            "DESKTOP_AGENT_CPU_CORES",
        ):
            env[name] = n
    env.update(accounting.gpu_environ(settings.use_gpu, settings.gpu_devices))
    return env


def job_cores(settings: Settings) -> list[int] | None:
    """The cores a job is pinned to: the last `cpu_max_cores` this agent may use (core 0 stays freer)."""
    if settings.cpu_max_cores <= 0 or not hasattr(psutil.Process, "cpu_affinity"):
        return None
    try:
        allowed = sorted(psutil.Process().cpu_affinity())
    except (psutil.Error, OSError):
        return None
    if settings.cpu_max_cores >= len(allowed):
        return None
    return allowed[-settings.cpu_max_cores :]


def tree_memory_pct(pid: int | None) -> float | None:
    """The summed RSS of a process and its descendants, as % of physical RAM."""
    if pid is None:
        return None
    try:
        leader = psutil.Process(pid)
        procs = [leader, *leader.children(recursive=True)]
    except psutil.Error:
        return None
    rss = 0
    for proc in procs:
        try:
            rss += proc.memory_info().rss
        except psutil.Error:
            pass
    return 100.0 * rss / psutil.virtual_memory().total


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
        seams: Seams | None = None,
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
        self._seams = seams
        self._rules: Rules | None = None
        self._mode_state = self._load_mode()
        self._verdict: Verdict = ALL_CLEAR
        self._decision: Decision = decide(self._mode_state, ALL_CLEAR, holding_task=False)
        self._detail = ""
        self._held_suspended_since: float | None = (
            None  # monotonic: the task in hand stopped progressing
        )
        self._release_reason: str | None = None
        self._waiting_resume = False
        self._last_phase: PhaseProgress | None = None
        self._power_limited = False
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
        self._call(lambda: self._do_set_mode(new))

    def update_settings(self, settings: Settings) -> None:
        """New settings from the GUI: the rules use them at the next check, jobs from the next task."""
        self._call(lambda: self._do_update_settings(settings))

    def _do_update_settings(self, settings: Settings) -> None:
        self.settings = settings
        if self._rules is not None:
            self._rules.settings = settings
        self._wake.set()

    def stop(self) -> None:
        """Graceful: take no more work, keep the task in hand for the next start, send OFFLINE."""
        self._call(self._do_stop)

    @property
    def agent_id(self) -> str | None:
        return self._agent_id

    @property
    def paused(self) -> bool:
        return self._mode_state.mode in (Mode.PAUSED, Mode.SNOOZED)

    @property
    def mode(self) -> Mode:
        return self._mode_state.mode

    @property
    def decision(self) -> Decision:
        return self._decision

    def status(self) -> dict[str, Any]:
        """A snapshot for `desktop-agent status` and the control socket (read from the engine's thread)."""
        task = None
        if self._holding is not None:
            ph = (
                self._last_phase
                if self._last_phase and self._last_phase.task_id == self._holding.task_id
                else None
            )
            task = {
                "task_id": self._holding.task_id,
                "job_id": self._holding.job_id,
                "phase": ph.phase.value if ph else None,
                "fraction": ph.fraction if ph else None,
                "suspended": bool(self._job is not None and self._job.suspended),
            }
        return {
            "state": self.state.value,
            "detail": self._detail,
            "mode": self._decision.mode.value,
            "reason": self._decision.reason,
            "snooze_until": self._mode_state.until,
            "may_take_work": self._decision.may_take_work,
            "notes": list(self._decision.notes),
            "task": task,
            "tasks_finished": self.tasks_finished,
        }

    def _do_set_mode(self, new: ModeState) -> None:
        old = self._mode_state
        if new == old:
            return
        self._mode_state = new
        self._save_mode()
        words = {
            Mode.PAUSED: "Paused by you",
            Mode.CONTRIBUTING: "Resumed: contributing",
            Mode.FINISH_THEN_PAUSE: "Finishing the current task, then pausing",
        }.get(new.mode)
        if new.mode is Mode.SNOOZED:
            words = f"Snoozed until {decide(new, ALL_CLEAR, holding_task=False).reason.removeprefix('Snoozed until ')}"
        if words:
            self._log(
                "INFO",
                words
                + (
                    " — the task in hand is suspended"
                    if self._job and new.mode in (Mode.PAUSED, Mode.SNOOZED)
                    else ""
                ),
            )
        self._apply()

    # --- the mode, persisted -------------------------------------------------------

    def _load_mode(self) -> ModeState:
        try:
            raw = json.loads((self.paths.root / MODE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return ModeState()
        state = ModeState.from_json(raw)
        if state.mode is Mode.SNOOZED and state.until is not None and state.until <= time.time():
            return ModeState()
        return state

    def _save_mode(self) -> None:
        try:
            save_mode_file(self.paths.root, self._mode_state)
        except OSError as exc:
            log.warning("could not save the mode: %s", exc)

    # --- applying the controls ---------------------------------------------------------

    def _apply(self) -> None:
        """Recompute the decision; suspend/resume the job; say what changed. Engine thread only."""
        holding = self._holding is not None
        decision = decide(self._mode_state, self._verdict, holding_task=holding)
        if (
            decision.mode is not self._mode_state.mode
        ):  # a snooze ran out, or finish-then-pause finished
            if self._mode_state.mode is Mode.SNOOZED:
                self._log("INFO", "Snooze over: contributing again")
            elif decision.mode is Mode.PAUSED:
                self._log("INFO", "Task finished: now paused, as asked")
            self._mode_state = ModeState(decision.mode)
            self._save_mode()
        changed = decision != self._decision
        was_blocked = not self._decision.may_take_work
        self._decision = decision
        job = self._job
        if decision.stop_job and job is not None and self._release_reason is None:
            self._request_release(f"{RELEASE_REASON}: {decision.stop_job}")
        elif decision.must_suspend:
            if job is not None and not job.suspended:
                job.suspend()
            self._resumed.clear()
        else:
            if job is not None and job.suspended:
                job.resume()
            self._resumed.set()
        suspended_now = holding and decision.must_suspend
        if suspended_now and self._held_suspended_since is None:
            self._held_suspended_since = time.monotonic()
        elif not suspended_now:
            self._held_suspended_since = None
        if self.state in _CONTROLLED:
            if holding:
                if decision.must_suspend:
                    self._set_state(
                        AgentState.PAUSED, decision.reason + " — the task in hand is on hold"
                    )
                else:
                    self._set_state(AgentState.WORKING, f"Working on task {self._holding.task_id}")  # type: ignore[union-attr]
            elif decision.mode in (Mode.PAUSED, Mode.SNOOZED):
                self._set_state(AgentState.PAUSED, decision.reason)
            elif not decision.may_take_work:
                self._set_state(AgentState.IDLE, decision.reason)
            elif self.state is not AgentState.IDLE or (was_blocked and changed):
                self._set_state(AgentState.IDLE, "Waiting for work")
            else:
                self._set_state(self.state, self._detail)  # same words, new reason: still news
        if changed:
            self._wake.set()

    def _request_release(self, reason: str) -> None:
        """Give the task in hand back: stop the job (or the wait before it); the pipeline records "released"."""
        self._release_reason = reason
        self._log(
            "WARNING",
            f"Giving the task back to the server: {reason.removeprefix(RELEASE_REASON + ': ')}",
        )
        if self._job is not None:
            self._job.cancel(reason)
        self._resumed.set()  # wakes a pipeline waiting to start training; it sees the release

    def _check_long_pause(self) -> None:
        since = self._held_suspended_since
        if since is None or self._release_reason is not None or self._holding is None:
            return
        stalled = (self._job is not None and self._job.suspended) or self._waiting_resume
        limit = self.settings.max_pause_with_task_s
        if stalled and time.monotonic() - since > limit:
            self._request_release(
                f"{RELEASE_REASON}: held paused for more than {limit / 60:.0f} min"
            )

    def _rules_problem(self, verdict: Verdict) -> None:
        disk = [r for r in verdict.no_new_work if r.startswith("low disk space")]
        if disk:
            if ProblemKind.DISK_LOW not in self._problems:
                self._log("WARNING", f"Taking no work: {disk[0]}")
                self._raise_problem(
                    ProblemKind.DISK_LOW, f"Low disk space: {disk[0]} — free some space"
                )
        else:
            self._clear_problem(ProblemKind.DISK_LOW)
        for note in verdict.notes:
            if note not in self._verdict.notes:
                self._log("WARNING", note)

    async def _controls_loop(self) -> None:
        """Evaluate the rules every `rules_interval_s` (in a worker thread: some ask the OS)."""
        while not self._stop.is_set():
            await self._evaluate_rules()
            self._check_long_pause()
            wait = self.settings.rules_interval_s
            if self._mode_state.mode is Mode.SNOOZED and self._mode_state.until is not None:
                wait = min(wait, max(0.05, self._mode_state.until - time.time()))
            if await self._wait(max(0.05, wait)):
                return

    async def _evaluate_rules(self) -> None:
        rules = self._rules
        if rules is None:
            return
        try:
            verdict = await asyncio.to_thread(rules.evaluate)
        except Exception:  # a broken rule must never stop the engine: it is logged and ignored
            log.exception("evaluating the contribution rules failed")
            verdict = ALL_CLEAR
        self._rules_problem(verdict)
        self._verdict = verdict
        self._apply()

    def _make_rules(self) -> Rules:
        seams = self._seams or real_seams(
            self.paths.root,
            job_memory_pct=lambda: tree_memory_pct(
                self._job.pid if self._job is not None else None
            ),
            gpu_indices=lambda: gpu_indices(self.settings),
        )
        return Rules(self.settings, seams)

    def _do_stop(self) -> None:
        if self._stop.is_set():
            return
        self._set_state(
            AgentState.STOPPING,
            "Stopping — the task in hand is kept for next time" if self._holding else "Stopping",
        )
        self._stop.set()
        self._resumed.set()
        self._wake.set()
        if self._work_task is not None:
            self._work_task.cancel()

    # --- events ------------------------------------------------------------------

    def _emit(self, event: Event | Any) -> None:
        if isinstance(event, PhaseProgress):
            self._last_phase = event
        try:
            self._sink(event)
        except Exception:  # a broken subscriber must never stop the engine
            log.exception("event subscriber failed")

    def _log(self, level: str, text: str) -> None:
        log.log(_LEVELS.get(level, logging.INFO), text)
        self._emit(LogLine(text, level))

    def _set_state(self, state: AgentState, detail: str = "") -> None:
        d = self._decision
        key = (state, detail, d.mode.value, d.reason)
        if key == getattr(self, "_last_state_key", None):
            return  # a retry loop re-asserting its state is not news
        self._last_state_key = key
        self._detail = detail
        self.state = state
        self._emit(
            StateChanged(
                state,
                detail,
                heartbeat_status(state, self._holding is not None),
                mode=d.mode.value,
                reason=d.reason,
            )
        )

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
        except TimeoutError:
            pass
        return self._stop.is_set()

    async def _nap(self, seconds: float) -> None:
        """Sleep until the interval passes or a command (pause/resume/stop) wakes us."""
        self._wake.clear()
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=max(0.0, seconds))
        except TimeoutError:
            pass

    async def _wait_until_resumed(self) -> None:
        """Before training starts: wait while the controls say "suspend"; raise ReleaseTask after a long pause."""
        self._waiting_resume = True
        try:
            await self._resumed.wait()
        finally:
            self._waiting_resume = False
        if self._stop.is_set():
            raise asyncio.CancelledError()
        if self._release_reason is not None:
            raise ReleaseTask(self._release_reason)

    # --- life ---------------------------------------------------------------------

    async def run(self) -> None:
        """The engine's whole life. Raises EmailNotFound/DataDirLocked for the caller to show."""
        self._loop = asyncio.get_running_loop()
        self.paths.ensure()
        lock = DataDirLock(self.paths.lock).acquire()
        try:
            store = Store(self.paths.db)
        except BaseException:
            lock.release()
            raise
        if store.recovered:
            self._log("WARNING", store.recovered)
        ca = getattr(
            self.settings, "ca_bundle", ""
        )  # trust & hardening: extra CAs for a private server
        work_http = make_http_client(proxy=self.settings.proxy, timeout=60.0, ca_bundle=ca)
        beat_http = make_http_client(proxy=self.settings.proxy, timeout=30.0, ca_bundle=ca)
        heartbeat_task: asyncio.Task[None] | None = None
        controls_task: asyncio.Task[None] | None = None
        control_server: Any = None
        hb: Heartbeat | None = None
        try:
            self._rules = self._make_rules()
            await self._evaluate_rules()  # the first verdict before any work is asked for
            controls_task = asyncio.create_task(self._controls_loop(), name="controls")
            control_server = await self._start_control_server()
            if self._agent_id is None:
                self._agent_id = load_or_create(self.paths.root, self.paths.identity_file).agent_id
            server = self.settings.server.rstrip("/")
            api = ApiClient(server, work_http)
            outage = OutageTracker(self._log, self._raise_problem, self._clear_problem, server)
            self._log(
                "INFO",
                f"Agent {mask_id(self._agent_id)} starting for {mask_email(self.settings.email)} at {server}",
            )

            if not await self._register(api, outage):
                return
            hb = Heartbeat(
                ApiClient(server, beat_http),
                self._agent_id,
                interval=self.settings.heartbeat_interval,
                status=self._current_heartbeat_status,
                reregister=lambda: self._reregister(ApiClient(server, beat_http)),
                emit=self._emit,
                outage=outage,
                log=self._log,
            )
            self._heartbeat = hb
            heartbeat_task = asyncio.create_task(hb.run(), name="heartbeat")
            envs = self._env_cache or EnvCache(
                self.paths.envs, budget_mb=self.settings.env_cache_budget_mb
            )
            ctx = TaskContext(
                settings=self.settings,
                paths=self.paths,
                store=store,
                api=api,
                http=work_http,
                envs=envs,
                agent_id=self._agent_id,
                emit=self._emit,
                log=self._log,
                wait=self._wait,
                wait_until_resumed=self._wait_until_resumed,
                set_job=self._set_job,
            )
            self._work_task = asyncio.create_task(
                self._work_loop(ctx, api, outage, hb), name="work"
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
            if heartbeat_task is not None:
                heartbeat_task.cancel()
                await asyncio.gather(heartbeat_task, return_exceptions=True)
            if self._registered and hb is not None:
                self._set_state(AgentState.STOPPED, "Stopped")
                try:
                    await asyncio.wait_for(
                        hb.api.heartbeat(self._agent_id or "", "OFFLINE", timeout=3.0), 4.0
                    )
                except (TimeoutError, errors.AgentError):
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

    async def _start_control_server(self) -> Any:
        from desktop_agent.engine import control

        try:
            return await control.serve(self, self.paths.root)
        except (
            OSError
        ) as exc:  # the agent works without it; only `desktop-agent pause|status` needs it
            self._log(
                "WARNING",
                f"No control socket ({exc}); `desktop-agent pause/resume/status` cannot reach this agent",
            )
            return None

    def _set_job(self, job: runner.JobProcess | None) -> None:
        """The pipeline's job, before it starts (environment, priority) and after it ends (None)."""
        self._job = job
        if job is None:
            self._restore_power_limit()
            return
        extra = job_environment(self.settings)
        if extra:
            job.extra_env = {**(job.extra_env or {}), **extra}
        limits = getattr(job, "limits", None)
        if limits is not None and not self.settings.job_low_priority and hasattr(limits, "nice"):
            job.limits = replace(limits, nice=0)
        job.on_started = self._job_started

    def _job_started(self, job: runner.JobProcess) -> None:
        """Right after the job's first process exists: pin it, lower it, cap the GPU, or suspend it at once."""
        pid = job.pid
        if pid is None:
            return
        try:
            proc = psutil.Process(pid)
            cores = job_cores(self.settings)
            if cores is not None:
                proc.cpu_affinity(cores)  # children inherit it
            if (
                self.settings.job_low_priority and os.name == "nt"
            ):  # elsewhere `nice` in the launch does it
                lower_priority(pid)
        except (psutil.Error, OSError, AttributeError) as exc:
            self._log("WARNING", f"Could not set the job's CPU cores/priority: {exc}")
        self._apply_power_limit()
        if self._decision.must_suspend:
            job.suspend()

    def _apply_power_limit(self) -> None:
        watts = self.settings.gpu_power_limit_w
        if watts <= 0 or not self.settings.use_gpu:
            return
        setter = getattr(gpu.backend(), "set_power_limit", None)
        if setter is None:
            return
        problem = setter(watts, gpu_indices(self.settings))
        if problem:
            self._log("WARNING", f"GPU power cap of {watts:.0f} W not applied: {problem}")
        else:
            self._power_limited = True
            self._log("INFO", f"GPU power capped at {watts:.0f} W while the job runs")

    def _restore_power_limit(self) -> None:
        if not self._power_limited:
            return
        self._power_limited = False
        setter = getattr(gpu.backend(), "set_power_limit", None)
        if setter is not None:
            setter(None, gpu_indices(self.settings))

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
                status = await api.register(
                    self._agent_id or "", email, gpu.gpu_model_summary(), ram_total_label()
                )
                break
            except errors.EmailNotFound as exc:
                self._set_state(AgentState.SETUP_NEEDED, str(exc))
                self._raise_problem(
                    ProblemKind.EMAIL_UNKNOWN,
                    "This email has no account yet — register on the website first",
                )
                raise
            except (errors.RetryableError, errors.MaybeDelivered) as exc:
                outage.failed(str(exc))
                self._set_state(
                    AgentState.CONNECTING, f"Server unreachable — retrying ({api.server})"
                )
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
        await api.register(
            self._agent_id or "",
            normalise_email(self.settings.email),
            gpu.gpu_model_summary(),
            ram_total_label(),
        )
        self._log("INFO", "Registered again")

    async def _work_loop(
        self, ctx: TaskContext, api: ApiClient, outage: OutageTracker, hb: Heartbeat
    ) -> None:
        """The work, restarted from the store after a full disk (the host's fault) is waited out."""
        backoff = retry.Backoff(retry.DISK_FULL)
        while True:
            try:
                return await self._work_until_stopped(ctx, api, outage, hb)
            except errors.DiskFull as exc:
                self._log("ERROR", str(exc))
                if await self._wait(backoff.next_delay()):
                    return

    async def _work_until_stopped(
        self, ctx: TaskContext, api: ApiClient, outage: OutageTracker, hb: Heartbeat
    ) -> None:
        await self._resume_open(ctx)
        backoff = retry.Backoff(retry.REQUEST_TASK)
        while not self._stop.is_set():
            if self.max_tasks is not None and self.tasks_finished >= self.max_tasks:
                self._log("INFO", f"Finished {self.tasks_finished} task(s) as asked; stopping")
                self._do_stop()
                return
            if not self._decision.may_take_work:
                if self.state in (AgentState.STARTING, AgentState.CONNECTING):
                    self.state = (
                        AgentState.IDLE
                    )  # registered; the controls now say what we are doing
                self._apply()  # says why (paused, snoozed, "Waiting: on battery")
                await self._nap(3600)  # the controls wake us when that changes
                continue
            in_flight = (
                self.paths.root / REQUEST_IN_FLIGHT
            )  # removed once the answer is safe in the store
            in_flight.touch()
            try:
                row = await self._acquire_unless_lost(ctx, api, in_flight)
            except errors.MaybeDelivered as exc:
                # The server may have assigned a task whose answer we never saw; it would stay ours
                # (RUNNING) for as long as we heartbeat. Going quiet lets its liveness rule re-queue it.
                outage.failed(str(exc))
                self._log(
                    "WARNING",
                    f"Asking for work may have been answered unseen ({exc}); going quiet so "
                    "the server can hand any such task to someone else",
                )
                await self._quiet_release()
                in_flight.unlink(missing_ok=True)
                continue
            except errors.RetryableError as exc:
                in_flight.unlink(missing_ok=True)
                outage.failed(str(exc))
                if self.state is not AgentState.CONNECTING:
                    self._set_state(AgentState.IDLE, "Server unreachable — retrying")
                await self._nap(backoff.next_delay())
                continue
            except errors.ProtocolViolation as exc:
                in_flight.unlink(missing_ok=True)
                self._log("ERROR", f"Unusable answer to request_task: {exc}")
                await self._nap(backoff.next_delay())
                continue
            backoff.reset()
            outage.ok()
            if row is None:
                if self.state is not AgentState.IDLE:
                    self._set_state(AgentState.IDLE, "Waiting for work")
                await self._nap(self.settings.poll_interval)
                continue
            if self._stop.is_set():
                return  # stopped while asking: the task is in the store and runs at the next start
            await self._run_task(ctx, row, resumed=False)

    async def _acquire_unless_lost(
        self, ctx: TaskContext, api: ApiClient, in_flight: Path
    ) -> TaskRow | None:
        """Ask for a task and store the answer, even if a stop arrives meanwhile.

        A stop that cut this short would leave a task the server believes is ours with no record
        of it here: finishing the (short) request and keeping the task for the next start is better
        than going quiet for ten minutes so the server can take it back.
        """

        async def ask() -> TaskRow | None:
            assignment = await api.request_task(self._agent_id or "")
            row = None
            if assignment is not None:
                row = ctx.store.open_task(
                    server=api.server,
                    agent_id=self._agent_id or "",
                    task_id=assignment.task_id,
                    job_id=assignment.job_id,
                    code_url=assignment.code_url,
                    requirements_url=assignment.requirements_url,
                    chunk_data_url=assignment.chunk_data_url,
                )
            in_flight.unlink(missing_ok=True)
            return row

        asking = asyncio.ensure_future(ask())
        try:
            return await asyncio.shield(asking)
        except asyncio.CancelledError:
            try:
                await asyncio.wait_for(
                    asking, timeout=5.0
                )  # a stop stays prompt even if the server hangs
            except Exception:
                pass  # no answer in time: the mark stays, and the next start goes quiet instead
            raise

    async def _resume_open(self, ctx: TaskContext) -> None:
        """Finish what a previous run left: deliver the outbox, complete, or re-run."""
        strays = await asyncio.to_thread(runner.kill_strays, self.paths.work)
        if strays:
            self._log(
                "WARNING", f"Stopped {strays} job process(es) left running by a previous crash"
            )
        if (
            self.paths.root / REQUEST_IN_FLIGHT
        ).exists():  # died between the server's answer and the store
            self._log(
                "WARNING",
                "The last run stopped while asking for work; going quiet so the server can "
                "re-queue a task it may have assigned to this machine",
            )
            await self._quiet_release()
            if not self._stop.is_set():
                (self.paths.root / REQUEST_IN_FLIGHT).unlink(missing_ok=True)
        for row in ctx.store.open_tasks():
            if self._stop.is_set():
                return
            same_place = row.server == ctx.api.server and row.agent_id == self._agent_id
            if not same_place and row.phase not in OUTBOX_PHASES:
                ctx.store.finish(
                    row.id,
                    Outcome.CANCELLED.value,
                    error="the server or machine id changed before this task finished",
                )
                continue
            if not same_place:
                other = ApiClient(row.server, ctx.http)
                ctx_other = TaskContext(**{**ctx.__dict__, "api": other, "agent_id": row.agent_id})
                self._log(
                    "INFO", f"Delivering a finished result to the previous server {row.server}"
                )
                await self._run_task(ctx_other, row, resumed=True)
                continue
            self._log("INFO", f"Picking up task {row.task_id} where it stopped ({row.phase})")
            await self._run_task(ctx, row, resumed=True)

    async def _run_task(self, ctx: TaskContext, row: TaskRow, *, resumed: bool) -> None:
        self._holding = row
        self._release_reason = None
        self._emit(TaskStarted(row.task_id, row.job_id, row.server, resumed=resumed))
        if self.state not in _CONTROLLED:
            self.state = AgentState.WORKING
        self._apply()
        self._heartbeat_kick()
        try:
            finished = await TaskPipeline(ctx, row).run()
        finally:
            self._holding = None
            self._release_reason = None
            self._held_suspended_since = None
        self.finished.append(finished)
        if finished.outcome in (Outcome.COMPLETED, Outcome.FAILED):
            self.tasks_finished += 1
        self._emit(finished)
        self._log(
            "INFO", f"Task {row.task_id}: {finished.outcome.value} in {finished.duration_s:.1f} s"
        )
        if finished.outcome is Outcome.RELEASED:
            await self._quiet_release()
        if self.state not in _CONTROLLED and self.state is not AgentState.STOPPING:
            self.state = AgentState.IDLE
        self._apply()

    def _heartbeat_kick(self) -> None:
        hb = getattr(self, "_heartbeat", None)
        if hb is not None:
            hb.kick()

    async def _quiet_release(self) -> None:
        """Send nothing until the server's liveness rule has handed the task on, then come back."""
        quiet = self.settings.release_quiet_s
        self._set_state(
            AgentState.RELEASING,
            f"Gave a task back; resting {quiet / 60:.0f} min so the server can re-assign it",
        )
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
                self._log(
                    "WARNING",
                    f"Registering after the release failed: {exc}; the heartbeat will retry",
                )
        self.state = AgentState.IDLE
        self._apply()

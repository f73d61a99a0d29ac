"""Contribution controls at work: mode + rules → decision → suspend, resume or release.

The user's mode (engine/modes.py, kept by engine/mode_store.py) and the rules' verdict
(engine/rules.py), re-checked every `rules_interval_s` while a task is in hand (at most once per
heartbeat interval without one) and at once on every command, decide
whether new work is taken and whether the task in hand is suspended (its whole process tree,
via the runner). A task held suspended for longer than `max_pause_with_task_s` is released
(stopped, recorded "released", never completed) so the buyer's job goes on elsewhere. While
a job runs, its GPU power may be capped (`gpu_power_limit_w`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from desktop_agent import gpu
from desktop_agent.config import DataPaths, Settings
from desktop_agent.engine import proctree, reasons
from desktop_agent.engine.events import AgentState, ProblemKind
from desktop_agent.engine.mode_store import ModeStore
from desktop_agent.engine.modes import (
    ALL_CLEAR,
    Decision,
    Mode,
    ModeState,
    Verdict,
    decide,
)
from desktop_agent.engine.reasons import ReasonCode
from desktop_agent.engine.reporter import Reporter
from desktop_agent.engine.rules import Rules, Seams, real_seams
from desktop_agent.engine.stopping import StopFlag
from desktop_agent.engine.task_in_hand import TaskInHand
from desktop_agent.engine.transfer import TransferMeter

if TYPE_CHECKING:  # the job's side loads with the first task (engine/loop.py)
    from desktop_agent.engine import runner
    from desktop_agent.engine.jobspec import JobSpec

log = logging.getLogger("desktop_agent.engine")

CONTROLLED = (AgentState.IDLE, AgentState.WORKING, AgentState.PAUSED)  # states controls may change


def gpu_indices(settings: Settings) -> list[int] | None:
    """The GPUs jobs may use: None for all (one reading of the settings: accounting.gpu_indexes)."""
    from desktop_agent.engine import accounting

    chosen = accounting.gpu_indexes(settings.use_gpu, settings.gpu_devices)
    return None if chosen is None else sorted(chosen)


def job_memory_pct(job: runner.JobProcess | None) -> float | None:
    """The job tree's share of RAM, measured on the tree the memory cap measures."""
    if job is None or job.pid is None:
        return None
    return proctree.memory_pct(job.tree())


def job_pids(job: runner.JobProcess | None) -> set[int]:
    """The pids of the job tree (never a program the rules pause for)."""
    if job is None or job.pid is None:
        return set()
    return {job.pid, *(p.pid for p in job.tree())}  # the leader too, as it ends


_MODE_WORDS = {
    Mode.PAUSED: "Paused by you",
    Mode.CONTRIBUTING: "Resumed: contributing",
    Mode.FINISH_THEN_PAUSE: "Finishing the current task, then pausing",
}


class Controls:
    """Owns the mode, the verdict and the decision; acts on the task in hand. Engine thread only."""

    def __init__(
        self,
        *,
        settings: Callable[[], Settings],
        paths: DataPaths,
        hand: TaskInHand,
        reporter: Reporter,
        stop: StopFlag,
        seams: Seams | None = None,
    ):
        self._settings = settings
        self._paths = paths
        self._hand = hand
        self._report = reporter
        self._stop = stop
        self._seams = seams
        self._modes = ModeStore(paths.root)
        self._mode_state = self._modes.load()
        self._verdict: Verdict = ALL_CLEAR
        self._decision: Decision = decide(self._mode_state, ALL_CLEAR, holding_task=False)
        self._rules: Rules | None = None
        self.transfer: TransferMeter | None = None  # the monthly transfer limit, once counting
        self._held_suspended_since: float | None = None  # monotonic: the task stopped progressing
        self._release_reason: str | None = None
        self._waiting_resume = False
        self._power_limited: list[int] | Literal[False] | None = False  # the GPUs capped, or False
        self.resumed = asyncio.Event()  # clear while the controls say "suspend"
        self.resumed.set()
        self.wake = asyncio.Event()  # set when the decision changes: the work loop looks again
        self._look_again = asyncio.Event()  # a task taken, new settings: check the rules now

    # --- what the rest of the engine reads ------------------------------------------------

    @property
    def mode_state(self) -> ModeState:
        return self._mode_state

    @property
    def decision(self) -> Decision:
        return self._decision

    # --- commands ---------------------------------------------------------------------

    def set_mode(self, new: ModeState) -> None:
        old = self._mode_state
        if new == old:
            return
        self._mode_state = new
        self._modes.save(new)
        words = _MODE_WORDS.get(new.mode)
        if new.mode is Mode.SNOOZED:
            words = decide(new, ALL_CLEAR, holding_task=False).reason  # "Snoozed until 14:30"
        if words:
            suspended = self._hand.job is not None and new.mode in (Mode.PAUSED, Mode.SNOOZED)
            self._report.log(
                "INFO", words + (" — the task in hand is suspended" if suspended else "")
            )
        self.apply()

    def update_settings(self, settings: Settings) -> None:
        if self._rules is not None:
            self._rules.settings = settings
        self._look_again.set()
        self.wake.set()

    def stopping(self) -> None:
        """The engine stops: nothing may wait for a resume or a decision any more."""
        self.resumed.set()
        self.wake.set()

    # --- the decision and what follows from it -------------------------------------------

    def apply(self) -> None:
        """Recompute the decision; suspend/resume the job; say what changed."""
        hand, report = self._hand, self._report
        holding = hand.row is not None
        verdict = (
            self._verdict if self.transfer is None else self.transfer.limit_verdict(self._verdict)
        )
        decision = decide(self._mode_state, verdict, holding_task=holding)
        if (
            decision.mode is not self._mode_state.mode
        ):  # a snooze ran out, or finish-then-pause finished
            if self._mode_state.mode is Mode.SNOOZED:
                report.log("INFO", "Snooze over: contributing again")
            elif decision.mode is Mode.PAUSED:
                report.log("INFO", "Task finished: now paused, as asked")
            self._mode_state = ModeState(decision.mode)
            self._modes.save(self._mode_state)
        changed = decision != self._decision
        was_blocked = not self._decision.may_take_work
        self._decision = decision
        job = hand.job
        if decision.stop_job and job is not None and self._release_reason is None:
            self.request_release(reasons.words(decision.stop_job))
        elif decision.must_suspend:
            if job is not None and not job.suspended:
                job.suspend()
            self.resumed.clear()
        else:
            if job is not None and job.suspended:
                job.resume()
            self.resumed.set()
        suspended_now = holding and decision.must_suspend
        if suspended_now and self._held_suspended_since is None:
            self._held_suspended_since = time.monotonic()
        elif not suspended_now:
            self._held_suspended_since = None
        if report.state in CONTROLLED:
            if hand.row is not None:
                if decision.must_suspend:
                    report.set_state(
                        AgentState.PAUSED, decision.reason + " — the task in hand is on hold"
                    )
                else:
                    report.set_state(AgentState.WORKING, f"Working on task {hand.row.task_id}")
            elif decision.mode in (Mode.PAUSED, Mode.SNOOZED):
                report.set_state(AgentState.PAUSED, decision.reason)
            elif not decision.may_take_work:
                report.set_state(AgentState.IDLE, decision.reason)
            elif report.state is not AgentState.IDLE or (was_blocked and changed):
                report.set_state(AgentState.IDLE, "Waiting for work")
            else:
                report.set_state(report.state, report.detail)  # same words, new reason: still news
        if changed:
            self.wake.set()

    def request_release(self, reason: str) -> None:
        """Give the task in hand back: stop the job (or the wait before it); the pipeline records "released"."""
        self._release_reason = reason
        self._report.log("WARNING", f"Giving the task back to the server: {reason}")
        if self._hand.job is not None:
            from desktop_agent.engine.runner import CancelKind  # a job exists: already loaded

            self._hand.job.cancel(reason, kind=CancelKind.RELEASE)
        self.resumed.set()  # wakes a pipeline waiting to start training; it sees the release

    def task_started(self) -> None:
        """A task is taken in hand: no release is pending for it yet; the rules' quicker pace starts."""
        self._release_reason = None
        self._look_again.set()

    def task_ended(self) -> None:
        self._release_reason = None
        self._held_suspended_since = None

    def _check_long_pause(self) -> None:
        since = self._held_suspended_since
        if since is None or self._release_reason is not None or self._hand.row is None:
            return
        stalled = self._hand.suspended or self._waiting_resume
        limit = self._settings().max_pause_with_task_s
        if stalled and time.monotonic() - since > limit:
            self.request_release(f"held paused for more than {limit / 60:.0f} min")

    async def wait_until_resumed(self) -> None:
        """Before training starts: wait while the controls say "suspend"; raise ReleaseTask after a long pause."""
        self._waiting_resume = True
        try:
            await self.resumed.wait()
        finally:
            self._waiting_resume = False
        if self._stop.is_set():
            raise asyncio.CancelledError()
        if self._release_reason is not None:
            from desktop_agent.engine.task_base import ReleaseTask  # a task exists: already loaded

            raise ReleaseTask(self._release_reason)

    async def nap(self, seconds: float) -> bool:
        """Sleep until the interval passes or a command (pause/resume/stop) wakes us; True when woken."""
        self.wake.clear()
        try:
            await asyncio.wait_for(self.wake.wait(), timeout=max(0.0, seconds))
        except TimeoutError:
            return False
        return True

    # --- the rules ---------------------------------------------------------------------

    async def start(self) -> None:
        """Make the rules and take the first verdict before any work is asked for."""
        self._rules = self._make_rules()
        await self.evaluate_rules()

    async def run(self) -> None:
        """Evaluate the rules (in a worker thread: some ask the OS) at `rules_cadence()`."""
        while not self._stop.is_set():
            await self.evaluate_rules()
            self._check_long_pause()
            if await self._rest():
                return

    def rules_cadence(self) -> float:
        """`rules_interval_s` while a task is in hand (its job may need suspending at once).

        With none, the verdict only decides whether work is asked for and what the status
        says, so the rules are checked at most once per heartbeat interval: an idle agent
        then wakes for little besides its heartbeat. Taking a task or new settings cut
        that wait short.
        """
        s = self._settings()
        if self._hand.row is not None:
            return s.rules_interval_s
        return max(s.rules_interval_s, s.heartbeat_interval)

    async def _rest(self) -> bool:
        """The wait between two checks (a snooze's end too); True when the engine stops."""
        self._look_again.clear()  # before the cadence is read: a task taken now is not missed
        seconds = self.rules_cadence()
        if self._mode_state.mode is Mode.SNOOZED and self._mode_state.until is not None:
            seconds = min(seconds, self._mode_state.until - time.time())
        seconds = max(0.05, seconds)
        if self._hand.row is not None:
            return await self._stop.wait(seconds)
        stopping = asyncio.ensure_future(self._stop.wait(seconds))
        looking = asyncio.ensure_future(self._look_again.wait())
        try:
            await asyncio.wait((stopping, looking), return_when=asyncio.FIRST_COMPLETED)
        finally:
            looking.cancel()
            if not stopping.done():
                stopping.cancel()
        return self._stop.is_set()

    async def evaluate_rules(self) -> None:
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
        self.apply()

    def _rules_problem(self, verdict: Verdict) -> None:
        report = self._report
        disk = [reasons.words(r) for r in verdict.no_new_work if r.code is ReasonCode.LOW_DISK]
        if disk:
            if not report.has_problem(ProblemKind.DISK_LOW):
                report.log("WARNING", f"Taking no work: {disk[0]}")
                report.raise_problem(
                    ProblemKind.DISK_LOW, f"Low disk space: {disk[0]} — free some space"
                )
        else:
            report.clear_problem(ProblemKind.DISK_LOW)
        for note in verdict.notes:
            if note not in self._verdict.notes:
                report.log("WARNING", reasons.words(note))

    def _make_rules(self) -> Rules:
        hand = self._hand
        seams = self._seams or real_seams(
            self._paths.root,
            job_memory_pct=lambda: job_memory_pct(hand.job),
            gpu_indices=lambda: gpu_indices(self._settings()),
            job_running=lambda: hand.job is not None and hand.job.pid is not None,
            job_pids=lambda: job_pids(hand.job),
        )
        return Rules(self._settings(), seams)

    # --- the job of the task in hand -------------------------------------------------------

    def set_job(self, job: runner.JobProcess | None) -> None:
        """The pipeline's job, before it starts and after it ends (None)."""
        self._hand.job = job
        if job is None:
            self._restore_power_limit()
            return
        job.on_started = self._job_started

    def _job_started(self, job: runner.JobProcess) -> None:
        """Right after the job's first process exists: cap the GPU, or suspend it at once."""
        if job.pid is None:
            return
        if job.placement_problem is not None:
            self._report.log(
                "WARNING", f"Could not set the job's CPU cores/priority: {job.placement_problem}"
            )
        self._apply_power_limit(job.spec)
        if self._decision.must_suspend:
            job.suspend()

    def _apply_power_limit(self, spec: JobSpec) -> None:
        watts = spec.gpu_power_limit_w
        if watts <= 0 or not spec.use_gpu:
            return
        setter = getattr(gpu.backend(), "set_power_limit", None)  # only some backends can
        if setter is None:
            return
        gpus = None if spec.gpus is None else list(spec.gpus)
        problem = setter(watts, gpus)
        if problem:
            self._report.log("WARNING", f"GPU power cap of {watts:.0f} W not applied: {problem}")
        else:
            self._power_limited = gpus
            self._report.log("INFO", f"GPU power capped at {watts:.0f} W while the job runs")

    def _restore_power_limit(self) -> None:
        if self._power_limited is False:
            return
        gpus, self._power_limited = self._power_limited, False
        setter = getattr(gpu.backend(), "set_power_limit", None)
        if setter is not None:
            setter(None, gpus)

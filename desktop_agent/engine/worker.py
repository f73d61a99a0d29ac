"""The work itself: register, ask for tasks, run them one at a time, and release quietly.

A task is asked for only while the controls allow new work. The answer is stored before
anything else happens (a `request-in-flight` mark covers the moment in between, see
recovery.py). A task the controls give back, or an answer that may have been given unseen,
is followed by silence (`release_quiet_s`): no heartbeat, so the server's liveness rule hands
the task to someone else; then the agent registers again and carries on.

With no work on offer the wait between asks grows (`idle_poll_wait`): the protocol has no push,
and an idle machine asking every 10 s for hours is a large part of its idle cost. A decision that
changes (resume, a rule clearing, "Retry now") and every finished task make it ask at once again.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import psutil

from desktop_agent import gpu
from desktop_agent.config import DataPaths, Settings, normalise_email
from desktop_agent.engine import errors, retry
from desktop_agent.engine.controls import CONTROLLED, Controls
from desktop_agent.engine.events import AgentState, Outcome, ProblemKind, TaskFinished, TaskStarted
from desktop_agent.engine.heartbeat import Heartbeat, OutageTracker
from desktop_agent.engine.protocol import ApiClient
from desktop_agent.engine.recovery import Recovery, in_flight_mark
from desktop_agent.engine.reporter import Reporter
from desktop_agent.engine.stopping import StopFlag
from desktop_agent.engine.store import Store, TaskRow
from desktop_agent.engine.task_in_hand import TaskInHand

if TYPE_CHECKING:
    from desktop_agent.engine.task_base import TaskContext


IDLE_POLL_MAX_FACTOR = 6.0
"""After a run of empty answers, asks for work are at most this many `poll_interval`s apart."""


def idle_poll_wait(poll_interval: float, empty_answers: int) -> float:
    """The wait after `empty_answers` empty answers in a row: the interval, doubling, up to 6×.

    With the default 10 s: 10, 20, 40, then 60 s; a new job waits at most a minute for a machine
    that has been idle a while, and far less on a fleet, where every idle machine asks.
    """
    steps = max(0, empty_answers - 1)
    return poll_interval * min(IDLE_POLL_MAX_FACTOR, 2.0 ** min(steps, 16))


class TaskContexts:
    """The task machinery (pipeline, runner, sandbox, env cache), built when a task first needs it.

    An agent that is never given work never loads those modules (measured by benchmarks/idle.py).
    """

    def __init__(self, make: Callable[[], TaskContext]):
        self._make = make
        self.built: TaskContext | None = None

    def __call__(self) -> TaskContext:
        if self.built is None:
            self.built = self._make()
        return self.built


def ram_total_label() -> str:
    return f"{round(psutil.virtual_memory().total / 2**30)}GB"


class Worker:
    """Registration and the work loop; counts what it finished."""

    def __init__(
        self,
        *,
        settings: Callable[[], Settings],
        paths: DataPaths,
        hand: TaskInHand,
        controls: Controls,
        reporter: Reporter,
        stop: StopFlag,
        request_stop: Callable[[], None],
        max_tasks: int | None = None,
    ):
        self._settings = settings
        self._paths = paths
        self._hand = hand
        self._controls = controls
        self._report = reporter
        self._stop = stop
        self._request_stop = request_stop
        self.max_tasks = max_tasks
        self.tasks_finished = 0  # completed or failed: work the server accepted
        self.finished: list[TaskFinished] = []
        self.registered = False
        self._agent_id = ""
        self._heartbeat: Heartbeat | None = None
        self._recovery = Recovery(
            root=paths.root,
            work=paths.work,
            reporter=reporter,
            stop=stop,
            run_resumed=lambda ctx, row: self.run_task(ctx, row, resumed=True),
            quiet_release=self.quiet_release,
        )

    def kick_heartbeat(self) -> None:
        """Beat now (after "Retry now"), not at the end of the interval."""
        if self._heartbeat is not None:
            self._heartbeat.kick()

    # --- registration ------------------------------------------------------------------

    async def register(self, api: ApiClient, outage: OutageTracker, agent_id: str) -> bool:
        """Register until it works; False when stopping. Raises EmailNotFound, NotThisServer."""
        report = self._report
        self._agent_id = agent_id
        email = normalise_email(self._settings().email)
        if not email:
            report.set_state(AgentState.SETUP_NEEDED, "Enter the owner's email to start")
            raise errors.EmailNotFound("No owner email is set — run setup or pass --email")
        report.set_state(AgentState.CONNECTING, f"Connecting to {api.server}")
        backoff = retry.Backoff(retry.REGISTER)
        while True:
            try:
                status = await api.register(
                    agent_id, email, gpu.gpu_model_summary(), ram_total_label()
                )
                break
            except errors.NotThisServer as exc:
                report.set_state(AgentState.SETUP_NEEDED, str(exc))
                report.raise_problem(ProblemKind.SERVER_ERROR, str(exc))
                raise
            except errors.EmailNotFound as exc:
                report.set_state(AgentState.SETUP_NEEDED, str(exc))
                report.raise_problem(ProblemKind.EMAIL_UNKNOWN, errors.EMAIL_UNKNOWN_MESSAGE)
                raise
            except (errors.RetryableError, errors.MaybeDelivered) as exc:
                outage.failed(str(exc))
                report.set_state(
                    AgentState.CONNECTING, f"Server unreachable — retrying ({api.server})"
                )
            except errors.ProtocolViolation as exc:
                report.log("ERROR", f"Registering failed: {exc}")
                report.raise_problem(ProblemKind.SERVER_ERROR, f"The server answered oddly: {exc}")
            if await self._stop.wait(backoff.next_delay()):
                return False
        outage.ok()
        report.clear_problem(ProblemKind.SERVER_ERROR)
        self.registered = True
        report.log("INFO", f"Registered with {api.server} ({status})")
        return True

    async def reregister(self, api: ApiClient) -> None:
        await api.register(
            self._agent_id,
            normalise_email(self._settings().email),
            gpu.gpu_model_summary(),
            ram_total_label(),
        )
        self._report.log("INFO", "Registered again")

    # --- the work loop -------------------------------------------------------------------

    async def work(
        self,
        tasks: TaskContexts,
        store: Store,
        api: ApiClient,
        outage: OutageTracker,
        hb: Heartbeat,
    ) -> None:
        """The work, restarted from the store after a full disk (the host's fault) is waited out."""
        backoff = retry.Backoff(retry.DISK_FULL)
        try:
            while True:
                try:
                    return await self._work_until_stopped(tasks, store, api, outage, hb)
                except errors.DiskFull as exc:
                    self._report.log("ERROR", str(exc))
                    if await self._stop.wait(backoff.next_delay()):
                        return
        finally:  # finished tasks' cleanups run beside the next task; none is left half done
            if tasks.built is not None:
                await asyncio.shield(tasks.built.settle())

    async def _work_until_stopped(
        self,
        tasks: TaskContexts,
        store: Store,
        api: ApiClient,
        outage: OutageTracker,
        hb: Heartbeat,
    ) -> None:
        self._heartbeat = hb
        try:
            await self._recovery.resume_open(store, api, self._agent_id, tasks)
        finally:
            self._hand.resuming = False
        report, controls = self._report, self._controls
        backoff = retry.Backoff(retry.REQUEST_TASK)
        empty = 0  # empty answers in a row
        while not self._stop.is_set():
            if self.max_tasks is not None and self.tasks_finished >= self.max_tasks:
                n = self.tasks_finished
                report.log("INFO", f"Finished {n} task{'' if n == 1 else 's'} as asked; stopping")
                self._request_stop()
                return
            if not controls.decision.may_take_work:
                if report.state in (AgentState.STARTING, AgentState.CONNECTING):
                    report.state = AgentState.IDLE  # registered; the controls now say what we do
                controls.apply()  # says why (paused, snoozed, "Waiting: on battery")
                await controls.nap(3600)  # the controls wake us when that changes
                continue
            in_flight = in_flight_mark(self._paths.root)  # removed once the answer is stored
            in_flight.touch()
            try:
                row = await self._acquire_unless_lost(store, api, in_flight)
            except errors.MaybeDelivered as exc:
                # The server may have assigned a task whose answer we never saw; it would stay ours
                # (RUNNING) for as long as we heartbeat. Going quiet lets its liveness rule re-queue it.
                outage.failed(str(exc))
                report.log(
                    "WARNING",
                    f"Asking for work may have been answered unseen ({exc}); going quiet so "
                    "the server can hand any such task to someone else",
                )
                await self.quiet_release()
                in_flight.unlink(missing_ok=True)
                continue
            except errors.RetryableError as exc:
                in_flight.unlink(missing_ok=True)
                outage.failed(str(exc))
                if report.state is not AgentState.CONNECTING:
                    report.set_state(AgentState.IDLE, "Server unreachable — retrying")
                await controls.nap(backoff.next_delay())
                continue
            except errors.ProtocolViolation as exc:
                in_flight.unlink(missing_ok=True)
                report.log("ERROR", f"Unusable answer to request_task: {exc}")
                await controls.nap(backoff.next_delay())
                continue
            backoff.reset()
            outage.ok()
            if row is None:
                if report.state is not AgentState.IDLE:
                    report.set_state(AgentState.IDLE, "Waiting for work")
                empty += 1
                if await controls.nap(idle_poll_wait(self._settings().poll_interval, empty)):
                    empty = 0  # the decision changed: ask at once, and often again
                continue
            empty = 0
            if self._stop.is_set():
                return  # stopped while asking: the task is in the store and runs at the next start
            await self.run_task(tasks(), row, resumed=False)

    async def _acquire_unless_lost(
        self, store: Store, api: ApiClient, in_flight: Path
    ) -> TaskRow | None:
        """Ask for a task and store the answer, even if a stop arrives meanwhile.

        A stop that cut this short would leave a task the server believes is ours with no record
        of it here: finishing the (short) request and keeping the task for the next start is better
        than going quiet for ten minutes so the server can take it back.
        """

        async def ask() -> TaskRow | None:
            assignment = await api.request_task(self._agent_id)
            row = None
            if assignment is not None:
                row = store.open_task(
                    server=api.server,
                    agent_id=self._agent_id,
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
                # a stop stays prompt even if the server hangs
                await asyncio.wait_for(asking, timeout=5.0)
            except Exception:
                pass  # no answer in time: the mark stays, and the next start goes quiet instead
            raise

    async def run_task(self, ctx: TaskContext, row: TaskRow, *, resumed: bool) -> None:
        report, controls, hand = self._report, self._controls, self._hand
        if resumed:
            row = ctx.store.resume(row.id)  # the time the app was not running is not the task's
        hand.row = row
        controls.task_started()
        report.emit(TaskStarted(row.task_id, row.job_id, row.server, resumed=resumed))
        if report.state not in CONTROLLED:
            report.state = AgentState.WORKING
        controls.apply()
        if self._heartbeat is not None:
            self._heartbeat.kick()
        from desktop_agent.engine.pipeline import TaskPipeline  # loaded with the first task

        try:
            finished = await TaskPipeline(ctx, row, self._settings()).run()
        finally:
            hand.row = None
            controls.task_ended()
        self.finished.append(finished)
        if finished.outcome in (Outcome.COMPLETED, Outcome.FAILED):
            self.tasks_finished += 1
        report.emit(finished)
        report.log(
            "INFO", f"Task {row.task_id}: {finished.outcome.value} in {finished.duration_s:.1f} s"
        )
        if finished.outcome is Outcome.RELEASED:
            await self.quiet_release()
        if report.state not in CONTROLLED and report.state is not AgentState.STOPPING:
            report.state = AgentState.IDLE
        controls.apply()

    async def quiet_release(self) -> None:
        """Send nothing until the server's liveness rule has handed the task on, then come back."""
        report = self._report
        quiet = self._settings().release_quiet_s
        report.set_state(
            AgentState.RELEASING,
            f"Gave a task back; resting {quiet / 60:.0f} min so the server can re-assign it",
        )
        deadline = time.monotonic() + quiet
        while time.monotonic() < deadline:
            if await self._stop.wait(min(5.0, deadline - time.monotonic())):
                return
        report.set_state(AgentState.CONNECTING, "Coming back after a release")
        if self._heartbeat is not None:
            try:
                await self.reregister(self._heartbeat.api)
            except errors.AgentError as exc:
                report.log(
                    "WARNING",
                    f"Registering after the release failed: {exc}; the heartbeat will retry",
                )
        report.state = AgentState.IDLE
        self._controls.apply()

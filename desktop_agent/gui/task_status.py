"""What the engine last said, kept without any widget, and the one status built from it.

The tray needs the status line, and a window built later (it is built on first
open, so an app idling in the tray never pays for it) needs the state, the
task, the problems and the recent log lines to catch up. `snapshot()` reduces
all of it to the `status.Snapshot` that `status.describe()` turns into words;
the window keeps its own `TaskStatus` fed by the same events, so both say the
same thing.
"""

from __future__ import annotations

import time
from collections import deque

from desktop_agent.engine.events import (
    AgentState,
    JobDescribed,
    LogLine,
    Phase,
    PhaseProgress,
    ProblemCleared,
    ProblemKind,
    ProblemRaised,
    RetryScheduled,
    StateChanged,
    TaskFinished,
    TaskStarted,
)
from desktop_agent.gui import status as status_words

MAX_LINES = 5000  # log lines kept for the Logs tab (here: the tray never loads that tab)

# An ETA needs this much observed progress and running time, else it is noise ("about 0 s").
ETA_MIN_PROGRESS = 0.02
ETA_MIN_SECONDS = 10.0


class TaskStatus:
    def __init__(self, max_log_lines: int = MAX_LINES, *, hold_limit_s: float = 1800.0) -> None:
        self.state: StateChanged | None = None
        self.task: TaskStarted | None = None
        self.phase: PhaseProgress | None = None
        self.last_finished: TaskFinished | None = None
        self.problems: dict[object, ProblemRaised] = {}
        self.log: deque[LogLine] = deque(maxlen=max_log_lines)
        self.retry_at: float | None = None
        self.job_titles: dict[int, str] = {}  # what the server calls each job seen
        self.stopping = False
        self.hold_limit_s = hold_limit_s
        self._baseline: tuple[float, float, float] | None = None  # (at, fraction, paused so far)
        self._paused_since: float | None = None
        self._pauses: list[tuple[float, float]] = []  # (start, end) of finished pauses

    # --- events -------------------------------------------------------------------
    def on_state(self, ev: StateChanged) -> None:
        paused = ev.state == AgentState.PAUSED
        if paused and self._paused_since is None:
            self._paused_since = ev.at
        elif not paused and self._paused_since is not None:
            self._pauses.append((self._paused_since, ev.at))
            del self._pauses[:-100]  # bounded: only recent pauses can matter to an ETA
            self._paused_since = None
        self.state = ev

    def on_task_started(self, ev: TaskStarted) -> None:
        self.task, self.phase, self._baseline = ev, None, None

    def on_phase(self, ev: PhaseProgress) -> None:
        same = self.phase is not None and self.phase.phase == ev.phase
        if not same or self._baseline is None:
            # The first progress seen of a phase is the baseline: a task picked up again at
            # 18 % has done nothing yet in this run, whatever its fraction says.
            if ev.fraction is not None:
                self._baseline = (ev.at, ev.fraction, self._paused_until(ev.at))
            else:
                self._baseline = None
        self.phase = ev

    def on_task_finished(self, ev: TaskFinished) -> None:
        self.task, self.phase, self.last_finished, self._baseline = None, None, ev, None

    def on_problem(self, ev: ProblemRaised) -> None:
        self.problems[ev.kind] = ev

    def on_problem_cleared(self, ev: ProblemCleared) -> None:
        self.problems.pop(ev.kind, None)
        if ev.kind == ProblemKind.SERVER_UNREACHABLE:
            self.retry_at = None

    def on_job(self, ev: JobDescribed) -> None:
        self.job_titles[ev.job_id] = ev.title
        if len(self.job_titles) > 50:  # bounded: only the current job's title matters
            self.job_titles.pop(next(iter(self.job_titles)))

    def job_title(self) -> str:
        task = self.task
        if task is None or task.job_id is None:
            return ""
        return self.job_titles.get(task.job_id, "")

    def on_retry(self, ev: RetryScheduled) -> None:
        self.retry_at = ev.at

    def on_log(self, ev: LogLine) -> None:
        self.log.append(ev)

    def set_stopping(self) -> None:
        self.stopping = True

    # --- derived ------------------------------------------------------------------
    def _paused_until(self, at: float) -> float:
        """Seconds spent paused before `at` (a frozen job makes no progress: not in the ETA)."""
        total = sum(max(0.0, min(end, at) - start) for start, end in self._pauses if start < at)
        if self._paused_since is not None and at > self._paused_since:
            total += at - self._paused_since
        return total

    def eta_seconds(self, now: float | None = None) -> float | None:
        """Seconds of training left, from the rate seen in this run; None while that is noise."""
        ph, base = self.phase, self._baseline
        if ph is None or base is None or ph.phase != Phase.TRAINING or ph.fraction is None:
            return None
        if ph.fraction >= 1.0:
            return None
        at0, f0, paused0 = base
        done = ph.fraction - f0
        ran = (ph.at - at0) - (self._paused_until(ph.at) - paused0)
        if done < ETA_MIN_PROGRESS or ran < ETA_MIN_SECONDS:
            return None
        now = time.time() if now is None else now
        since = max(0.0, (now - ph.at) - (self._paused_until(now) - self._paused_until(ph.at)))
        return max(0.0, ran * (1.0 - ph.fraction) / done - since)

    def snapshot(self, now: float | None = None) -> status_words.Snapshot:
        now = time.time() if now is None else now
        st = self.state
        ph = self.phase
        unreachable = ProblemKind.SERVER_UNREACHABLE in self.problems
        retry_in = None
        if unreachable and self.retry_at is not None:
            retry_in = max(0.0, self.retry_at - now)
        return status_words.Snapshot(
            state=st.state if st is not None else AgentState.STARTING,
            mode=(getattr(st, "mode", "") or "") if st is not None else "",
            why=getattr(st, "why", None) if st is not None else None,
            detail=st.detail if st is not None else "",
            task_id=self.task.task_id if self.task is not None else None,
            job_title=self.job_title(),
            phase=ph.phase if ph is not None else None,
            fraction=ph.fraction if ph is not None else None,
            eta_s=self.eta_seconds(now),
            unreachable=unreachable,
            retry_in_s=retry_in,
            stopping=self.stopping,
            hold_limit_s=self.hold_limit_s,
        )

    def status(self, now: float | None = None) -> status_words.Status:
        return status_words.describe(self.snapshot(now))

    def task_line(self) -> str:
        """ "Training · 42 % · about 5 min left" for the tray menu; empty when there is no task."""
        if self.task is None:
            return ""
        return self.status().task_line()

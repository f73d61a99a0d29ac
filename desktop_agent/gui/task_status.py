"""What the engine last said, kept without any widget.

The tray needs the current task line, and a window built later (it is built
on first open, so an app idling in the tray never pays for it) needs the
state, the task, the problems and the recent log lines to catch up.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QCoreApplication

from desktop_agent.engine.events import (
    LogLine,
    PhaseProgress,
    ProblemCleared,
    ProblemRaised,
    StateChanged,
    TaskFinished,
    TaskStarted,
)
from desktop_agent.gui.logs_tab import MAX_LINES
from desktop_agent.gui.now_tab import phase_words


class TaskStatus:
    def __init__(self, max_log_lines: int = MAX_LINES) -> None:
        self.state: StateChanged | None = None
        self.task: TaskStarted | None = None
        self.phase: PhaseProgress | None = None
        self.last_finished: TaskFinished | None = None
        self.problems: dict[object, ProblemRaised] = {}
        self.log: deque[LogLine] = deque(maxlen=max_log_lines)

    def on_state(self, ev: StateChanged) -> None:
        self.state = ev

    def on_task_started(self, ev: TaskStarted) -> None:
        self.task, self.phase = ev, None

    def on_phase(self, ev: PhaseProgress) -> None:
        self.phase = ev

    def on_task_finished(self, ev: TaskFinished) -> None:
        self.task, self.phase, self.last_finished = None, None, ev

    def on_problem(self, ev: ProblemRaised) -> None:
        self.problems[ev.kind] = ev

    def on_problem_cleared(self, ev: ProblemCleared) -> None:
        self.problems.pop(ev.kind, None)

    def on_log(self, ev: LogLine) -> None:
        self.log.append(ev)

    def task_line(self) -> str:
        """ "Task 55 · training 42 %" for the tray menu; empty when there is no task."""
        if self.task is None:
            return ""
        text = QCoreApplication.translate("TaskStatus", "Task {id}").format(id=self.task.task_id)
        if self.phase is not None:
            text += " · " + phase_words(self.phase.phase).lower()
            if self.phase.fraction is not None:
                text += f" {round(self.phase.fraction * 100)} %"
        return text

"""The tray icon: state at a glance, a small menu, and the few notifications worth a popup.

Notifications: a finished task (short), a setup problem, and the server being
unreachable for more than `UNREACHABLE_NOTIFY_S`. The menu's text is rebuilt
on `aboutToShow` (some desktops cache the menu otherwise).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop_agent.engine.events import (
    AgentState,
    Outcome,
    ProblemCleared,
    ProblemKind,
    ProblemRaised,
    StateChanged,
    TaskFinished,
)
from desktop_agent.gui import states

UNREACHABLE_NOTIFY_S = 120


class Tray(QObject):
    open_requested = Signal()
    pause_requested = Signal()
    resume_requested = Signal()
    snooze_requested = Signal(object)  # seconds (float) or "tomorrow" (contribution controls)
    finish_then_pause_requested = Signal()
    quit_requested = Signal()
    notified = Signal(str, str)  # title, message (tests and the no-tray window listen)

    def __init__(
        self,
        task_line: Callable[[], str],
        parent: QObject | None = None,
        *,
        unreachable_after_s: float = UNREACHABLE_NOTIFY_S,
    ):
        super().__init__(parent)
        self._task_line = task_line
        self.state = AgentState.STARTING
        self.user_paused = False
        self.detail = ""
        self.problems: dict[ProblemKind, str] = {}
        self.stopping = False

        self.icon = QSystemTrayIcon(self)
        self.menu = QMenu()
        self.open_action = QAction(self.tr("Open dashboard"), self.menu)
        self.open_action.triggered.connect(self.open_requested)
        self.contribute_action = QAction(self.tr("Contribute"), self.menu)
        self.contribute_action.setCheckable(True)
        self.contribute_action.setChecked(True)
        self.contribute_action.triggered.connect(self._on_contribute_toggled)
        # Contribution controls: snooze and finish-then-pause beside the Contribute toggle.
        self.snooze_hour_action = QAction(self.tr("Snooze for 1 hour"), self.menu)
        self.snooze_hour_action.triggered.connect(lambda: self.snooze_requested.emit(3600.0))
        self.snooze_tomorrow_action = QAction(self.tr("Snooze until tomorrow"), self.menu)
        self.snooze_tomorrow_action.triggered.connect(
            lambda: self.snooze_requested.emit("tomorrow")
        )
        self.finish_action = QAction(self.tr("Finish current task, then pause"), self.menu)
        self.finish_action.triggered.connect(self.finish_then_pause_requested)
        self.task_action = QAction("", self.menu)
        self.task_action.setEnabled(False)
        self.quit_action = QAction(self.tr("Quit"), self.menu)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.open_action)
        self.menu.addSeparator()
        self.menu.addAction(self.contribute_action)
        self.menu.addAction(self.snooze_hour_action)
        self.menu.addAction(self.snooze_tomorrow_action)
        self.menu.addAction(self.finish_action)
        self.menu.addAction(self.task_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)

        self._unreachable_timer = QTimer(self)
        self._unreachable_timer.setSingleShot(True)
        self._unreachable_timer.setInterval(int(unreachable_after_s * 1000))
        self._unreachable_timer.timeout.connect(self._notify_unreachable)
        self._render()

    # --- events -----------------------------------------------------------------
    def on_state(self, ev: StateChanged) -> None:
        self.state = ev.state
        self.user_paused = states.user_paused(ev)
        self.detail = states.detail_words(ev)
        self._render()

    def on_task_finished(self, ev: TaskFinished) -> None:
        if ev.outcome == Outcome.COMPLETED:
            self.notify(
                self.tr("Task done"),
                self.tr("Task {id} finished. Thank you!").format(id=ev.task_id),
            )
        elif ev.outcome == Outcome.FAILED:
            self.notify(
                self.tr("Task failed"),
                self.tr("Task {id} failed; the job's owner is told.").format(id=ev.task_id),
            )

    def on_problem(self, ev: ProblemRaised) -> None:
        first = ev.kind not in self.problems
        self.problems[ev.kind] = ev.message
        if ev.kind == ProblemKind.SERVER_UNREACHABLE:
            if first:
                self._unreachable_timer.start()
        elif ev.kind == ProblemKind.EMAIL_UNKNOWN and first:
            self.notify(self.tr("Setup needed"), ev.message)
        self._render()

    def on_problem_cleared(self, ev: ProblemCleared) -> None:
        self.problems.pop(ev.kind, None)
        if ev.kind == ProblemKind.SERVER_UNREACHABLE:
            self._unreachable_timer.stop()
        self._render()

    def set_stopping(self) -> None:
        self.stopping = True
        self._render()

    # --- rendering ---------------------------------------------------------------
    def tooltip(self) -> str:
        if self.stopping:
            return self.tr("Desktop Agent — Stopping…")
        text = self.tr("Desktop Agent — {state}").format(state=states.state_words(self.state))
        line = self._task_line()
        if line:
            text += "\n" + line
        elif self.detail and self.state != AgentState.WORKING:
            text += "\n" + self.detail
        for msg in self.problems.values():
            text += "\n" + msg
        return text

    def icon_name(self) -> str:
        if self.stopping:
            return states.ICON_OFFLINE
        return states.icon_name(self.state, problem=bool(self.problems))

    def _render(self) -> None:
        self.icon.setIcon(states.icon(self.icon_name()))
        self.icon.setToolTip(self.tooltip())
        self.rebuild_menu()

    def rebuild_menu(self) -> None:
        self.contribute_action.setChecked(not self.user_paused)
        self.contribute_action.setEnabled(
            not self.stopping
            and self.state not in (AgentState.STOPPING, AgentState.STOPPED, AgentState.SETUP_NEEDED)
        )
        line = self._task_line()
        enabled = self.contribute_action.isEnabled()
        for action in (self.snooze_hour_action, self.snooze_tomorrow_action):
            action.setEnabled(enabled)
        self.finish_action.setEnabled(enabled and bool(line))  # only with a task in hand
        if self.stopping:
            line = self.tr("Stopping…")
        elif not line:  # no task: say why ("Paused by you", "Waiting: on battery")
            line = (
                self.detail
                if self.detail and self.detail != "Contributing"
                else states.state_words(self.state)
            )
        elif self.state == AgentState.PAUSED and self.detail:  # a task on hold: and why
            line += " — " + self.detail
        self.task_action.setText(line)
        self.quit_action.setEnabled(not self.stopping)

    def _on_contribute_toggled(self, checked: bool) -> None:
        if checked:
            self.resume_requested.emit()
        else:
            self.pause_requested.emit()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()

    def _notify_unreachable(self) -> None:
        msg = self.problems.get(ProblemKind.SERVER_UNREACHABLE)
        if msg is not None:
            self.notify(self.tr("Can't reach the server"), msg)

    def notify(self, title: str, message: str) -> None:
        self.notified.emit(title, message)
        if self.icon.isVisible() and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, message, states.icon(self.icon_name()), 5000)

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

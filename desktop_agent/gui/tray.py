"""The tray icon: state at a glance, a small menu, and the few notifications worth a popup.

Menu, top to bottom: the status sentence (and the task's progress), Pause or
Resume (with the reason it is paused), Snooze ▸, "Finish current task, then
pause", Open, Quit. The status lines are disabled (nothing to click) but drawn
in the normal text colour where Qt draws the menu; commands that do not apply
right now are hidden rather than greyed, so the only inert lines are the
status. All words come from `status.describe()` through the shared
`TaskStatus`, the same as the window's.

Notifications: a finished task (short; `notify_task_done` turns it off), a
failed task and a setup problem (always), and, unless `notify_problems` is off,
the server being unreachable for `UNREACHABLE_NOTIFY_S` (once per outage, not
per retry) and "back online" after that: with a result waiting, only once the
result is delivered ("Back online — your result was delivered"), instead of the
task-done popup. Time is read from an injectable clock, so tests need no sleeps.
The menu's text is rebuilt on `aboutToShow` (some desktops cache the menu
otherwise).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop_agent.engine.events import (
    Outcome,
    ProblemCleared,
    ProblemKind,
    ProblemRaised,
    StateChanged,
    TaskFinished,
    TaskStarted,
    PhaseProgress,
)
from desktop_agent.gui import states
from desktop_agent.gui.error_words import problem_words
from desktop_agent.gui.status import RESULT_PHASES, SERVER_NAME
from desktop_agent.gui.task_status import TaskStatus

UNREACHABLE_NOTIFY_S = 300  # an outage worth a popup: shorter ones fix themselves unnoticed
APP_NAME = "Desktop Agent"
# Disabled status lines stay readable; the commands are never disabled-and-shown.
MENU_STYLE = "QMenu::item:disabled { color: palette(window-text); }"


class Tray(QObject):
    open_requested = Signal()
    pause_requested = Signal()
    resume_requested = Signal()
    snooze_requested = Signal(object)  # seconds (float) or "tomorrow"
    finish_then_pause_requested = Signal()
    quit_requested = Signal()
    notified = Signal(str, str)  # title, message (tests and the no-tray window listen)

    def __init__(
        self,
        model: TaskStatus | None = None,
        parent: QObject | None = None,
        *,
        unreachable_after_s: float = UNREACHABLE_NOTIFY_S,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__(parent)
        # A shared model is fed by its owner; a tray on its own feeds its own.
        self._owns_model = model is None
        self.model = model if model is not None else TaskStatus()
        self.problems: dict[ProblemKind, str] = {}
        self.notify_task_done = True
        self.notify_problems = True  # the outage and back-online popups
        self._clock = clock
        self._unreachable_after_s = unreachable_after_s
        self._outage_since: float | None = None  # clock time the current outage was first heard
        self._told_unreachable = False
        self._tell_delivery = False  # back online with a result waiting: say so once it is sent

        self.icon = QSystemTrayIcon(self)
        self.menu = QMenu()
        self.menu.setStyleSheet(MENU_STYLE)
        self.status_action = QAction("", self.menu)
        self.status_action.setEnabled(False)
        f = self.status_action.font()
        f.setBold(True)
        self.status_action.setFont(f)
        self.task_action = QAction("", self.menu)
        self.task_action.setEnabled(False)
        self.pause_action = QAction(self.tr("Pause"), self.menu)
        self.pause_action.triggered.connect(self._on_pause_triggered)
        self.snooze_menu = QMenu(self.tr("Snooze"), self.menu)
        self.snooze_menu.setStyleSheet(MENU_STYLE)
        self.snooze_hour_action = self.snooze_menu.addAction(self.tr("For 1 hour"))
        self.snooze_hour_action.triggered.connect(lambda: self.snooze_requested.emit(3600.0))
        self.snooze_tomorrow_action = self.snooze_menu.addAction(
            self.tr("Until tomorrow morning (07:00)")
        )
        self.snooze_tomorrow_action.triggered.connect(
            lambda: self.snooze_requested.emit("tomorrow")
        )
        self.snooze_action = self.snooze_menu.menuAction()
        self.finish_action = QAction(self.tr("Finish current task, then pause"), self.menu)
        self.finish_action.triggered.connect(self.finish_then_pause_requested)
        self.open_action = QAction(self.tr("Open dashboard"), self.menu)
        self.open_action.triggered.connect(self.open_requested)
        self.quit_action = QAction(self.tr("Quit"), self.menu)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.status_action)
        self.menu.addAction(self.task_action)
        self.menu.addSeparator()
        self.menu.addAction(self.pause_action)
        self.menu.addAction(self.snooze_action)
        self.menu.addAction(self.finish_action)
        self.menu.addSeparator()
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.quit_action)
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)

        # During an outage the tooltip counts down to the next try, and the outage's length
        # is checked against `unreachable_after_s`.
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.refresh)
        self._render()

    @property
    def state(self):
        st = self.model.state
        return st.state if st is not None else None

    @property
    def user_paused(self) -> bool:
        return self.model.status().paused_by_user

    @property
    def stopping(self) -> bool:
        return self.model.stopping

    # --- events -----------------------------------------------------------------
    def on_state(self, ev: StateChanged) -> None:
        if self._owns_model:
            self.model.on_state(ev)
        self._render()

    def on_task_started(self, ev: TaskStarted) -> None:
        if self._owns_model:
            self.model.on_task_started(ev)
        self._render()

    def on_phase(self, ev: PhaseProgress) -> None:
        if self._owns_model:
            self.model.on_phase(ev)
        self._render()

    def on_job(self, ev) -> None:
        if self._owns_model:
            self.model.on_job(ev)
        self._render()

    def on_task_finished(self, ev: TaskFinished) -> None:
        if self._owns_model:
            self.model.on_task_finished(ev)
        self._render()
        if self._tell_delivery:
            self._tell_delivery = False
            if ev.outcome == Outcome.COMPLETED:
                self.notify(
                    self.tr("Back online"),
                    self.tr("Back online — your result was delivered. Thank you!"),
                )
                return
            self._notify_back_online()
        if ev.outcome == Outcome.COMPLETED:
            if self.notify_task_done:
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
        if self._owns_model:
            self.model.on_problem(ev)
        first = ev.kind not in self.problems
        self.problems[ev.kind] = ev.message
        if ev.kind == ProblemKind.SERVER_UNREACHABLE:
            if first:
                self._outage_since = self._clock()
        elif ev.kind == ProblemKind.EMAIL_UNKNOWN and first:
            self.notify(self.tr("Setup needed"), ev.message)
        self._render()

    def on_problem_cleared(self, ev: ProblemCleared) -> None:
        if self._owns_model:
            self.model.on_problem_cleared(ev)
        self.problems.pop(ev.kind, None)
        if ev.kind == ProblemKind.SERVER_UNREACHABLE:
            self._outage_since = None
            if self._told_unreachable:
                self._told_unreachable = False
                ph = self.model.phase
                if self.model.task is not None and ph is not None and ph.phase in RESULT_PHASES:
                    self._tell_delivery = True  # said when the result is in (on_task_finished)
                else:
                    self._notify_back_online()
        self._render()

    def _notify_back_online(self) -> None:
        self.notify(
            self.tr("Back online"),
            self.tr("The {server} server is answering again.").format(server=SERVER_NAME),
        )

    def set_stopping(self) -> None:
        self.model.set_stopping()
        self._render()

    # --- rendering ---------------------------------------------------------------
    def tooltip(self) -> str:
        text = self.model.status().tooltip(APP_NAME)
        for kind, msg in self.problems.items():
            if kind != ProblemKind.SERVER_UNREACHABLE:  # the status says that one in its words
                text += "\n" + problem_words(kind, msg)
        return text

    def icon_name(self) -> str:
        if self.stopping or self.state is None:
            return states.ICON_OFFLINE
        return states.icon_name(self.state, problem=bool(self.problems))

    def refresh(self) -> None:
        """Re-read the model (a new retry time, a tick of the countdown); tell a long outage."""
        self._check_outage()
        self._render()

    def _render(self) -> None:
        self.icon.setIcon(states.icon(self.icon_name()))
        self.icon.setToolTip(self.tooltip())
        self.rebuild_menu()
        outage = ProblemKind.SERVER_UNREACHABLE in self.problems and not self.stopping
        if outage and not self._ticker.isActive():
            self._ticker.start()
        elif not outage and self._ticker.isActive():
            self._ticker.stop()

    def rebuild_menu(self) -> None:
        st = self.model.status()
        self.status_action.setText(st.headline)
        line = st.task_line()
        self.task_action.setText(line)
        self.task_action.setVisible(bool(line))
        can = st.can_control
        if st.paused_by_user:
            text = self.tr("Resume")
            if st.control_reason:
                text += f" ({st.control_reason})"
        else:
            text = self.tr("Pause")
        self.pause_action.setText(text)
        self.pause_action.setVisible(can)
        self.snooze_action.setVisible(can)
        mode = getattr(self.model.state, "mode", "") if self.model.state is not None else ""
        self.finish_action.setVisible(
            can and self.model.task is not None and mode != "finish_then_pause"
        )
        self.quit_action.setEnabled(not self.stopping)

    def _on_pause_triggered(self) -> None:
        if self.user_paused:
            self.resume_requested.emit()
        else:
            self.pause_requested.emit()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()

    def _check_outage(self) -> None:
        """One popup per outage, once it has lasted `unreachable_after_s` (and popups are on)."""
        since = self._outage_since
        if since is None or self._told_unreachable or not self.notify_problems:
            return
        if ProblemKind.SERVER_UNREACHABLE not in self.problems or self.stopping:
            return
        if self._clock() - since >= self._unreachable_after_s:
            self._told_unreachable = True
            self.notify(self.tr("The server isn't answering"), self.model.status().outage)

    def notify(self, title: str, message: str) -> None:
        self.notified.emit(title, message)
        if self.icon.isVisible() and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, message, states.icon(self.icon_name()), 5000)

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

"""The "Now" tab: the one status sentence, the current task, outages, and the controls.

Every word about what is happening comes from `status.describe()` (through a
`TaskStatus` fed the same events as the tray's), so the window, the tray line
and the tooltip agree. Without a system tray the tab also carries the tray's
commands: Snooze, "Finish current task, then pause" and Quit.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.engine.events import (
    AgentState,
    JobDescribed,
    Outcome,
    PhaseProgress,
    ProblemCleared,
    ProblemKind,
    ProblemRaised,
    RetryScheduled,
    StateChanged,
    TaskFinished,
    TaskStarted,
)
from desktop_agent.gui import states
from desktop_agent.gui.scroll_page import UpDownScrollArea
from desktop_agent.gui.contribution_view import ContributionView
from desktop_agent.gui.error_words import problem_words
from desktop_agent.gui.status import RESULT_PHASES, outcome_words
from desktop_agent.gui.status import phase_words as phase_words  # re-exported for callers
from desktop_agent.gui.task_status import TaskStatus
from desktop_agent.gui.legible import ErrorLabel, HelperLabel
from desktop_agent.gui.outage_line import BACK_ONLINE_SHOWN_MS, OutageLine
from desktop_agent.gui.time_words import format_duration

__all__ = ["BACK_ONLINE_SHOWN_MS", "NowTab", "format_duration", "phase_words"]


class _NowArea(UpDownScrollArea):
    """The Now page whole where the screen has room for it; scrolling only where it has not.

    Its least height is the page's, up to what the screen leaves beside the rest of the
    window (menu, banner, tabs, title bar): at 100 % the window grows to show everything,
    at 150 % on 1366×768 it stays on the screen and the page scrolls.
    """

    PANELS = 52  # a panel and the title bar: what the screen's available height still loses

    def screen_height(self) -> int:
        """The available height of the screen the window is on (a seam for tests)."""
        return self.screen().availableGeometry().height()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        page = self.widget()
        if page is None:
            return hint
        screen = self.screen_height() - self.PANELS
        # The rest of the window as it is laid out now, and the borders around this area.
        beside = max(0, self.window().height() - self.height()) + 4
        room = max(hint.height(), screen - beside)
        need = page.minimumSizeHint().height()
        if page.hasHeightForWidth():  # wrapped lines are taller in a narrower window
            need = max(need, page.heightForWidth(self.viewport().width()))
        return QSize(hint.width(), min(need, room))


class NowTab(QWidget):
    pause_requested = Signal()
    resume_requested = Signal()
    setup_requested = Signal()
    retry_requested = Signal()
    snooze_requested = Signal(object)  # seconds (float) or "tomorrow"
    finish_then_pause_requested = Signal()
    quit_requested = Signal()
    job_described = Signal(object)  # JobDescribed: the History tab remembers the title

    def __init__(self, parent: QWidget | None = None, *, hold_limit_s: float = 1800.0):
        super().__init__(parent)
        self.model = TaskStatus(hold_limit_s=hold_limit_s)
        self.state: AgentState = AgentState.STARTING
        self.user_paused = False
        self._problems: dict[ProblemKind, str] = {}
        self._result_waiting_on_server = False

        self.state_icon = QLabel()
        self.state_label = QLabel()
        self.state_label.setObjectName("stateLabel")
        self.state_label.setWordWrap(True)
        f = self.state_label.font()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.state_label.setFont(f)
        self.state_label.setAccessibleName(self.tr("Status"))
        self.detail_label = HelperLabel()
        self.detail_label.setTextFormat(
            Qt.TextFormat.PlainText
        )  # server and job text: never markup
        self.detail_label.setWordWrap(True)
        self.detail_label.setAccessibleName(self.tr("What happens next"))
        self.problem_label = ErrorLabel()
        self.problem_label.setTextFormat(
            Qt.TextFormat.PlainText
        )  # server and job text: never markup
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)  # the engine's words are data
        self.problem_label.setVisible(False)
        self.problem_label.setAccessibleName(self.tr("Problem"))

        # Outage: what is going on, when the next try is, and a way to try now.
        self.outage = OutageLine()
        self.outage.retry_clicked.connect(self._on_retry_clicked)
        self.outage_box = self.outage.outage_box
        self.outage_label = self.outage.outage_label
        self.retry_button = self.outage.retry_button
        self.back_online_label = self.outage.back_online_label

        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setAccessibleName(self.tr("Pause or resume contributing"))
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.setup_button = QPushButton(self.tr("Set &up again…"))
        self.setup_button.setAccessibleName(self.tr("Set up again"))
        self.setup_button.clicked.connect(self.setup_requested)
        self.setup_button.setVisible(False)
        # The tray's commands, for desktops without a tray (see set_tray_available).
        self.snooze_button = QToolButton()
        self.snooze_button.setText(self.tr("Snoo&ze"))
        self.snooze_button.setAccessibleName(self.tr("Snooze"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        snooze_menu = QMenu(self.snooze_button)
        self.snooze_hour_action = snooze_menu.addAction(self.tr("For 1 hour"))
        self.snooze_hour_action.triggered.connect(lambda: self.snooze_requested.emit(3600.0))
        self.snooze_tomorrow_action = snooze_menu.addAction(self.tr("Until tomorrow"))
        self.snooze_tomorrow_action.triggered.connect(
            lambda: self.snooze_requested.emit("tomorrow")
        )
        self.snooze_button.setMenu(snooze_menu)
        self.finish_button = QPushButton(self.tr("&Finish current task, then pause"))
        self.finish_button.setAccessibleName(self.tr("Finish current task, then pause"))
        self.finish_button.clicked.connect(self.finish_then_pause_requested)
        self.quit_button = QPushButton(self.tr("&Quit"))
        self.quit_button.setAccessibleName(self.tr("Quit"))
        self.quit_button.clicked.connect(self.quit_requested)
        self._tray_available = True
        for w in (self.snooze_button, self.finish_button, self.quit_button):
            w.setVisible(False)

        head = QHBoxLayout()
        head.addWidget(self.state_icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(self.state_label)
        words.addWidget(self.detail_label)
        head.addLayout(words, 1)
        head.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.pause_button, 0, Qt.AlignmentFlag.AlignTop)
        controls = QHBoxLayout()
        controls.addStretch(1)
        controls.addWidget(self.snooze_button)
        controls.addWidget(self.finish_button)
        controls.addWidget(self.quit_button)

        self.task_box = QGroupBox(self.tr("Current task"))
        self.job_label = QLabel()
        self.job_label.setTextFormat(Qt.TextFormat.PlainText)  # the title is the server's text
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)  # ... and may be in the headline
        self.task_label = QLabel()
        self.task_label.setTextFormat(Qt.TextFormat.PlainText)  # server and job text: never markup
        self.phase_label = QLabel()
        self.phase_label.setTextFormat(Qt.TextFormat.PlainText)  # server and job text: never markup
        self.phase_label.setAccessibleName(self.tr("Progress"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setFormat("%p\u00a0%")  # "42 %", as everywhere else
        self.progress.setAccessibleName(self.tr("Task progress"))
        self.elapsed_label = QLabel()
        self.eta_label = QLabel()
        for lab in (self.job_label, self.task_label, self.elapsed_label, self.eta_label):
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout(self.task_box)
        form.addRow(self.tr("Job:"), self.job_label)
        form.addRow(self.tr("Task:"), self.task_label)
        form.addRow(self.tr("Now:"), self.phase_label)
        form.addRow("", self.progress)
        form.addRow(self.tr("Running for:"), self.elapsed_label)
        form.addRow(self.tr("Time left:"), self.eta_label)
        self.no_task_label = HelperLabel(self.tr("No task right now."))
        self.no_task_label.setWordWrap(True)

        self.contribution = ContributionView()  # the chart, tasks and energy given
        self.chart = self.contribution.chart
        self.totals_label = self.contribution.totals_label
        self.energy_label = self.contribution.energy_label
        self.last_label = QLabel()
        self.last_label.setTextFormat(Qt.TextFormat.PlainText)  # server and job text: never markup
        self.last_label.setWordWrap(True)
        self.last_label.setAccessibleName(self.tr("Last task"))

        # The page scrolls up and down where the screen is short (no tray, 150 %): its end
        # is never cut off below the screen, and it never scrolls sideways.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(head)
        layout.addLayout(controls)
        layout.addWidget(self.outage)
        layout.addWidget(self.problem_label)
        layout.addSpacing(6)
        layout.addWidget(self.task_box)
        layout.addWidget(self.no_task_label)
        layout.addWidget(self.last_label)
        layout.addStretch(1)
        layout.addWidget(self.contribution)
        self.scroll_area = _NowArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(_NowArea.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        self.scroll_area.viewport().setAutoFillBackground(False)  # the tab's own background
        body.setAutoFillBackground(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._render)

        self.on_state(StateChanged(AgentState.STARTING))

    # --- properties the tests and the controller read ------------------------------
    @property
    def task(self) -> TaskStarted | None:
        return self.model.task

    @property
    def phase(self) -> PhaseProgress | None:
        return self.model.phase

    def eta_seconds(self, now: float | None = None) -> float | None:
        return self.model.eta_seconds(now)

    def set_tray_available(self, available: bool) -> None:
        """Without a tray, the window carries the tray's commands."""
        self._tray_available = available
        self._render()

    # --- events ---------------------------------------------------------------
    def on_state(self, ev: StateChanged) -> None:
        self.model.on_state(ev)
        self.state = ev.state
        self._render()

    def on_task_started(self, ev: TaskStarted) -> None:
        self.model.on_task_started(ev)
        self._render()

    def on_phase(self, ev: PhaseProgress) -> None:
        self.model.on_phase(ev)
        self._render()

    def on_task_finished(self, ev: TaskFinished) -> None:
        title = self.model.job_titles.get(ev.job_id, "") if ev.job_id is not None else ""
        self.model.on_task_finished(ev)
        outcome = outcome_words(ev.outcome)
        words = (
            self.tr("Last task, for “{title}”: {outcome} after {duration}")
            if title
            else self.tr("Last task: {task} — {outcome} after {duration}")
        )
        self.last_label.setText(
            words.format(
                title=title,
                task=ev.task_id,
                outcome=outcome,
                duration=format_duration(ev.duration_s),
            )
        )
        if self._result_waiting_on_server and ev.outcome == Outcome.COMPLETED:
            self._show_back_online(self.tr("Back online — result delivered. Thank you!"))
        self._result_waiting_on_server = False
        self._render()

    def on_job(self, ev: JobDescribed) -> None:
        self.model.on_job(ev)
        self._render()
        self.job_described.emit(ev)

    def on_retry(self, ev: RetryScheduled) -> None:
        self.model.on_retry(ev)
        self._render()

    def set_totals(self, done: int, seconds: float) -> None:
        self.contribution.set_totals(done, seconds)

    def set_energy(self, wh: float | None) -> None:
        self.contribution.set_energy(wh)

    def on_problem(self, ev: ProblemRaised) -> None:
        self.model.on_problem(ev)
        self._problems[ev.kind] = ev.message
        if ev.kind == ProblemKind.SERVER_UNREACHABLE:
            self.outage.hide_back_online()
        self._render()

    def on_problem_cleared(self, ev: ProblemCleared) -> None:
        was_out = ev.kind == ProblemKind.SERVER_UNREACHABLE and ev.kind in self._problems
        self.model.on_problem_cleared(ev)
        self._problems.pop(ev.kind, None)
        if was_out:
            ph = self.model.phase
            if self.model.task is not None and ph is not None and ph.phase in RESULT_PHASES:
                self._result_waiting_on_server = True
                self._show_back_online(self.tr("Back online — sending your result…"))
            else:
                self._show_back_online(self.tr("Back online."))
        self._render()

    def set_stopping(self) -> None:
        self.model.set_stopping()
        self.on_state(StateChanged(AgentState.STOPPING, self.tr("Finishing up, then closing.")))

    # --- rendering --------------------------------------------------------------
    def _show_back_online(self, text: str) -> None:
        self.outage.show_back_online(text)

    def _on_pause_clicked(self) -> None:
        if self.user_paused:
            self.resume_requested.emit()
        else:
            self.pause_requested.emit()

    def _on_retry_clicked(self) -> None:
        self.model.retry_at = time.time()  # "Trying again now…" until the engine says more
        self.retry_requested.emit()
        self._render()

    def _render(self) -> None:
        st = self.model.status()
        self.state_label.setText(st.headline)
        self.detail_label.setText(st.explanation)
        self.detail_label.setVisible(bool(st.explanation))
        name = states.icon_name(self.state, problem=bool(self._problems))
        self.state_icon.setPixmap(states.icon(name).pixmap(40, 40))
        self.user_paused = st.paused_by_user
        self.pause_button.setText(st.control_text())
        self.pause_button.setEnabled(st.can_control)
        self.setup_button.setVisible(self.state == AgentState.SETUP_NEEDED)
        no_tray = not self._tray_available
        has_task = self.model.task is not None
        self.snooze_button.setVisible(no_tray)
        self.snooze_button.setEnabled(st.can_control)
        self.finish_button.setVisible(no_tray)
        self.finish_button.setEnabled(st.can_control and has_task)
        self.quit_button.setVisible(no_tray)

        self.outage.show_outage(st.outage)
        others = [
            problem_words(k, m)
            for k, m in self._problems.items()
            if k != ProblemKind.SERVER_UNREACHABLE
        ]
        self.problem_label.setText("\n".join(others))
        self.problem_label.setVisible(bool(others))

        self.task_box.setVisible(has_task)
        self.no_task_label.setVisible(not has_task)
        if has_task:
            t = self.model.task
            assert t is not None
            title = self.model.job_title()
            job = str(t.job_id) if t.job_id is not None else "—"
            self.job_label.setText(
                self.tr("{title} (job {id})").format(title=title, id=job) if title else job
            )
            self.task_label.setText(str(t.task_id) + (self.tr(" (resumed)") if t.resumed else ""))
            text = st.progress
            ph = self.model.phase
            if ph is not None and ph.message and not st.outage:
                text += f" — {ph.message}"
            self.phase_label.setText(text)
            self.progress.setFormat("%p\u00a0%")
            self.progress.setTextVisible(True)
            if st.outage and ph is not None and ph.phase in RESULT_PHASES:
                # The work is done and saved: a full, still bar that says what it waits for.
                self.progress.setRange(0, 100)
                self.progress.setValue(100)
                self.progress.setFormat(self.tr("Saved — waiting to send"))
            elif st.percent is not None:
                self.progress.setRange(0, 100)
                self.progress.setValue(st.percent)
            elif st.busy:
                self.progress.setRange(0, 0)  # busy indicator: the phase cannot tell
            else:  # frozen with no figure (paused before any progress): a still, empty bar
                self.progress.setRange(0, 100)
                self.progress.setValue(0)
                self.progress.setTextVisible(False)
            self.elapsed_label.setText(format_duration(time.time() - t.at))
            if self.state == AgentState.PAUSED:
                self.eta_label.setText(self.tr("paused"))
            else:
                self.eta_label.setText(st.eta or "—")
        ticking = has_task or bool(st.outage)
        if ticking and not self._ticker.isActive():
            self._ticker.start()
        elif not ticking:
            self._ticker.stop()

"""The "Now" tab: what the agent is doing, the current task's phase and progress, Pause/Resume."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.engine.events import (
    AgentState,
    Phase,
    PhaseProgress,
    ProblemCleared,
    ProblemRaised,
    StateChanged,
    TaskFinished,
    TaskStarted,
)
from desktop_agent.gui import states


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    s = int(max(seconds, 0))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    if h:
        return f"{h} h {m:02d} min"
    if m:
        return f"{m} min {sec:02d} s"
    return f"{sec} s"


def phase_words(phase: Phase) -> str:
    from PySide6.QtCore import QCoreApplication

    tr = lambda s: QCoreApplication.translate("NowTab", s)  # noqa: E731
    return {
        Phase.DOWNLOADING: tr("Downloading"),
        Phase.PREPARING: tr("Preparing environment"),
        Phase.TRAINING: tr("Training"),
        Phase.UPLOADING: tr("Uploading result"),
        Phase.COMPLETING: tr("Reporting to the server"),
    }.get(phase, str(phase.value))


class NowTab(QWidget):
    pause_requested = Signal()
    resume_requested = Signal()
    setup_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.state: AgentState = AgentState.STARTING
        self.user_paused = False
        self._paused_since: float | None = None
        self._paused_total = 0.0
        self.task: TaskStarted | None = None
        self.phase: PhaseProgress | None = None
        self._phase_started: float | None = None
        self._problems: dict[str, str] = {}

        self.state_icon = QLabel()
        self.state_label = QLabel()
        self.state_label.setObjectName("stateLabel")
        f = self.state_label.font()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.state_label.setFont(f)
        self.state_label.setAccessibleName(self.tr("Agent state"))
        self.detail_label = QLabel()
        self.detail_label.setTextFormat(
            Qt.TextFormat.PlainText
        )  # server and job text: never markup
        self.detail_label.setWordWrap(True)
        self.detail_label.setAccessibleName(self.tr("State detail"))
        self.problem_label = QLabel()
        self.problem_label.setTextFormat(
            Qt.TextFormat.PlainText
        )  # server and job text: never markup
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #c0392b;")
        self.problem_label.setVisible(False)
        self.problem_label.setAccessibleName(self.tr("Problem"))

        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setAccessibleName(self.tr("Pause or resume contributing"))
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.setup_button = QPushButton(self.tr("Set up again…"))
        self.setup_button.setAccessibleName(self.tr("Set up again"))
        self.setup_button.clicked.connect(self.setup_requested)
        self.setup_button.setVisible(False)

        head = QHBoxLayout()
        head.addWidget(self.state_icon)
        words = QVBoxLayout()
        words.addWidget(self.state_label)
        words.addWidget(self.detail_label)
        head.addLayout(words, 1)
        head.addWidget(self.setup_button, 0, Qt.AlignTop)
        head.addWidget(self.pause_button, 0, Qt.AlignTop)

        self.task_box = QGroupBox(self.tr("Current task"))
        self.job_label = QLabel()
        self.job_label.setTextFormat(Qt.TextFormat.PlainText)  # server and job text: never markup
        self.task_label = QLabel()
        self.task_label.setTextFormat(Qt.TextFormat.PlainText)  # server and job text: never markup
        self.phase_label = QLabel()
        self.phase_label.setTextFormat(Qt.TextFormat.PlainText)  # server and job text: never markup
        self.phase_label.setAccessibleName(self.tr("Phase"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(self.tr("Task progress"))
        self.elapsed_label = QLabel()
        self.eta_label = QLabel()
        for lab in (self.job_label, self.task_label, self.elapsed_label, self.eta_label):
            lab.setTextInteractionFlags(Qt.TextSelectableByMouse)
        form = QFormLayout(self.task_box)
        form.addRow(self.tr("Job:"), self.job_label)
        form.addRow(self.tr("Task:"), self.task_label)
        form.addRow(self.tr("Phase:"), self.phase_label)
        form.addRow("", self.progress)
        form.addRow(self.tr("Elapsed:"), self.elapsed_label)
        form.addRow(self.tr("Time left:"), self.eta_label)
        self.no_task_label = QLabel(
            self.tr("No task right now. New work is picked up automatically.")
        )
        self.no_task_label.setWordWrap(True)
        self.no_task_label.setEnabled(False)

        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.totals_label.setAccessibleName(self.tr("Your contribution"))
        self.energy_label = QLabel(self.tr("Energy given: not measured"))  # set_energy()
        self.energy_label.setAccessibleName(self.tr("Energy given"))
        self.last_label = QLabel()
        self.last_label.setTextFormat(Qt.TextFormat.PlainText)  # server and job text: never markup
        self.last_label.setWordWrap(True)
        self.last_label.setAccessibleName(self.tr("Last task"))

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.problem_label)
        layout.addSpacing(6)
        layout.addWidget(self.task_box)
        layout.addWidget(self.no_task_label)
        layout.addWidget(self.last_label)
        layout.addStretch(1)
        layout.addWidget(self.totals_label)
        layout.addWidget(self.energy_label)

        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)

        self.on_state(StateChanged(AgentState.STARTING))
        self._render_task()

    # --- events ---------------------------------------------------------------
    def on_state(self, ev: StateChanged) -> None:
        was_paused = self.state == AgentState.PAUSED
        if ev.state == AgentState.PAUSED and not was_paused:
            self._paused_since = ev.at
        elif was_paused and ev.state != AgentState.PAUSED and self._paused_since is not None:
            self._paused_total += (
                ev.at - self._paused_since
            )  # a frozen job makes no progress: not in the ETA
            self._paused_since = None
        self.state = ev.state
        self.state_label.setText(states.state_words(ev.state))
        # While working, the task box says what the detail would ("Working on task 7").
        detail = states.detail_words(ev)
        self.detail_label.setText(detail)
        redundant = (
            detail.strip().lower() in self.state_label.text().lower()
        )  # "Contributing" under "Contributing — …"
        self.detail_label.setVisible(
            bool(detail) and not redundant and ev.state != AgentState.WORKING
        )
        name = states.icon_name(ev.state, problem=bool(self._problems))
        self.state_icon.setPixmap(states.icon(name).pixmap(40, 40))
        self.user_paused = paused = states.user_paused(ev)
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pause_button.setEnabled(
            ev.state not in (AgentState.STOPPING, AgentState.STOPPED, AgentState.SETUP_NEEDED)
        )
        self.setup_button.setVisible(ev.state == AgentState.SETUP_NEEDED)
        self._tick()

    def on_task_started(self, ev: TaskStarted) -> None:
        self._paused_total = 0.0
        self.task = ev
        self.phase = None
        self._phase_started = ev.at
        self._render_task()

    def on_phase(self, ev: PhaseProgress) -> None:
        if self.phase is None or self.phase.phase != ev.phase:
            self._phase_started = ev.at
        self.phase = ev
        self._render_task()

    def on_task_finished(self, ev: TaskFinished) -> None:
        self.task = None
        self.phase = None
        self.last_label.setText(
            self.tr("Last task: {task} — {outcome} after {duration}").format(
                task=ev.task_id, outcome=ev.outcome.value, duration=format_duration(ev.duration_s)
            )
        )
        self._render_task()

    def set_totals(self, done: int, seconds: float) -> None:
        if done:
            self.totals_label.setText(
                self.tr(
                    "So far this computer has finished {n} tasks ({t} of compute). Thank you!"
                ).format(n=done, t=format_duration(seconds))
            )
        else:
            self.totals_label.setText(self.tr("Finished tasks will be counted here."))

    def set_energy(self, wh: float | None) -> None:
        """The running total of measured energy (None: no task had a reading: never a guess)."""
        from desktop_agent.engine.energy import format_kwh

        self.energy_label.setText(
            self.tr("Energy given: not measured")
            if wh is None
            else self.tr("This machine has given {e}").format(e=format_kwh(wh))
        )

    def on_problem(self, ev: ProblemRaised) -> None:
        self._problems[ev.kind.value] = ev.message
        self._render_problems()

    def on_problem_cleared(self, ev: ProblemCleared) -> None:
        self._problems.pop(ev.kind.value, None)
        self._render_problems()

    def set_stopping(self) -> None:
        self.on_state(StateChanged(AgentState.STOPPING, self.tr("Finishing up, then closing.")))

    # --- rendering --------------------------------------------------------------
    def _render_problems(self) -> None:
        self.problem_label.setText("\n".join(self._problems.values()))
        self.problem_label.setVisible(bool(self._problems))

    def _on_pause_clicked(self) -> None:
        if self.user_paused:
            self.resume_requested.emit()
        else:
            self.pause_requested.emit()

    def _render_task(self) -> None:
        has = self.task is not None
        self.task_box.setVisible(has)
        self.no_task_label.setVisible(not has)
        if not has:
            self._ticker.stop()
            return
        t = self.task
        self.job_label.setText(str(t.job_id) if t.job_id is not None else "—")
        self.task_label.setText(str(t.task_id) + (self.tr(" (resumed)") if t.resumed else ""))
        ph = self.phase
        if ph is None:
            self.phase_label.setText(self.tr("Starting"))
            self.progress.setRange(0, 0)
        else:
            text = phase_words(ph.phase)
            if ph.message:
                text += f" — {ph.message}"
            self.phase_label.setText(text)
            if ph.fraction is None:
                self.progress.setRange(0, 0)  # busy indicator: the phase cannot tell
            else:
                self.progress.setRange(0, 100)
                self.progress.setValue(int(round(min(max(ph.fraction, 0.0), 1.0) * 100)))
        self._tick()
        if not self._ticker.isActive():
            self._ticker.start()

    def eta_seconds(self, now: float | None = None) -> float | None:
        ph = self.phase
        if ph is None or ph.fraction is None or self._phase_started is None:
            return None
        if ph.phase != Phase.TRAINING or not (0.02 <= ph.fraction < 1.0):
            return None
        now = time.time() if now is None else now
        spent = now - self._phase_started - self._paused_total
        return max(0.0, spent) * (1.0 - ph.fraction) / ph.fraction

    def _tick(self) -> None:
        if self.task is None:
            return
        self.elapsed_label.setText(format_duration(time.time() - self.task.at))
        if self.state == AgentState.PAUSED:
            self.eta_label.setText(self.tr("paused"))
            return
        eta = self.eta_seconds()
        self.eta_label.setText(
            self.tr("about {t}").format(t=format_duration(eta)) if eta is not None else "—"
        )

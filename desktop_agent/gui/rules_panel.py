"""Settings → "When to contribute": the contribution rules and start-at-login, as switches that work.

Each control maps to one key of settings.json (docs/settings.md); Save
validates and writes them and emits `saved(changes)`, and the app hands the
new settings to the running engine (rules apply within seconds; CPU/GPU
limits from the next task). GPU controls appear only where a GPU is found.
Start at login acts at once (desktop_agent/platform/autostart.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop_agent.config import (
    DEFAULTS,
    Settings,
    SettingsError,
    load_file,
    save_settings,
    validate,
)
from desktop_agent.settings_grammar import DAYS, parse_window
from desktop_agent.platform import autostart
from desktop_agent.gui.legible import ErrorLabel

DAY_NAMES = {
    "mon": QT_TRANSLATE_NOOP("ScheduleDialog", "Monday"),
    "tue": QT_TRANSLATE_NOOP("ScheduleDialog", "Tuesday"),
    "wed": QT_TRANSLATE_NOOP("ScheduleDialog", "Wednesday"),
    "thu": QT_TRANSLATE_NOOP("ScheduleDialog", "Thursday"),
    "fri": QT_TRANSLATE_NOOP("ScheduleDialog", "Friday"),
    "sat": QT_TRANSLATE_NOOP("ScheduleDialog", "Saturday"),
    "sun": QT_TRANSLATE_NOOP("ScheduleDialog", "Sunday"),
}


_SHORT_DAY = {
    "mon": QT_TRANSLATE_NOOP("RulesPanel", "Mon"),
    "tue": QT_TRANSLATE_NOOP("RulesPanel", "Tue"),
    "wed": QT_TRANSLATE_NOOP("RulesPanel", "Wed"),
    "thu": QT_TRANSLATE_NOOP("RulesPanel", "Thu"),
    "fri": QT_TRANSLATE_NOOP("RulesPanel", "Fri"),
    "sat": QT_TRANSLATE_NOOP("RulesPanel", "Sat"),
    "sun": QT_TRANSLATE_NOOP("RulesPanel", "Sun"),
}


def schedule_text(schedule: dict) -> str:
    if not schedule:
        return QCoreApplication.translate("RulesPanel", "Any time")
    return "; ".join(
        f"{QCoreApplication.translate('RulesPanel', str(_SHORT_DAY[d]))} {', '.join(schedule[d])}"
        for d in DAYS
        if schedule.get(d)
    )


class ScheduleDialog(QDialog):
    """Seven lines, one per weekday: "09:00-17:00, 20:00-23:00"; all empty = any time."""

    def __init__(self, schedule: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Weekly schedule"))
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                self.tr(
                    "Contribute only in these hours (local time). Leave every day empty for any time."
                )
            )
        )
        self.edits: dict[str, QLineEdit] = {}
        for day in DAYS:
            edit = QLineEdit(", ".join(schedule.get(day, [])))
            edit.setPlaceholderText("09:00-17:00, 20:00-23:00")
            edit.setAccessibleName(self.tr(str(DAY_NAMES[day])))
            self.edits[day] = edit
            form.addRow(self.tr("{day}:").format(day=self.tr(str(DAY_NAMES[day]))), edit)
        self.error = ErrorLabel()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def schedule(self) -> dict:
        out = {}
        for day, edit in self.edits.items():
            windows = [w.strip() for w in edit.text().split(",") if w.strip()]
            if windows:
                out[day] = windows
        return out

    def _accept(self) -> None:
        try:
            for windows in self.schedule().values():
                for w in windows:
                    parse_window(w)
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        if self.schedule() and all(not w for w in self.schedule().values()):
            return
        self.accept()


class RulesPanel(QGroupBox):
    saved = Signal(dict)  # the changed settings, validated and written

    def __init__(
        self, data_dir: Path, parent: QWidget | None = None, *, gpu_available: bool | None = None
    ):
        super().__init__(self.tr("When to contribute"), parent)
        self.data_dir = data_dir
        if gpu_available is None:
            from desktop_agent import gpu

            gpu_available = gpu.backend().available
        self.gpu_available = gpu_available
        self._schedule: dict = {}

        self.autostart = QCheckBox(self.tr("Start at login (in the tray)"))
        self.autostart.setAccessibleName(self.tr("Start at login"))
        self.autostart.toggled.connect(self._autostart_toggled)
        self.battery = QCheckBox(self.tr("Pause on battery"))
        self.metered = QCheckBox(self.tr("No downloads on a metered connection"))
        self.fullscreen = QCheckBox(self.tr("Pause while a full-screen app is in front"))
        self.idle = QCheckBox(self.tr("Only when the computer is idle for"))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setAccessibleName(self.tr("Minutes idle before work starts"))
        self.idle.toggled.connect(self.idle_minutes.setEnabled)
        self.schedule_label = QLabel()
        self.schedule_button = QPushButton(self.tr("Schedule…"))
        self.schedule_button.setAccessibleName(self.tr("Edit the weekly schedule"))
        self.schedule_button.clicked.connect(self.edit_schedule)
        self.cores = QSpinBox()
        self.cores.setRange(0, os.cpu_count() or 1)
        self.cores.setSpecialValueText(self.tr("all"))
        self.cores.setAccessibleName(self.tr("CPU cores a job may use"))
        self.low_priority = QCheckBox(self.tr("Run jobs at low priority"))
        self.memory = QSpinBox()
        self.memory.setRange(0, 95)
        self.memory.setSuffix(" %")
        self.memory.setSpecialValueText(self.tr("no limit"))
        self.memory.setAccessibleName(self.tr("Memory limit for a job"))
        self.memory_action = QComboBox()
        self.memory_action.addItem(self.tr("pause it"), "pause")
        self.memory_action.addItem(self.tr("stop it"), "stop")
        self.memory_action.setAccessibleName(self.tr("What to do past the memory limit"))
        self.release_minutes = QSpinBox()
        self.release_minutes.setRange(1, 600)
        self.release_minutes.setSuffix(self.tr(" min"))
        self.release_minutes.setAccessibleName(self.tr("Give a paused task back after"))
        self.use_gpu = QCheckBox(self.tr("Use the GPU"))
        self.gpu_temp = QSpinBox()
        self.gpu_temp.setRange(0, 100)
        self.gpu_temp.setSuffix(" °C")
        self.gpu_temp.setSpecialValueText(self.tr("off"))
        self.gpu_temp.setAccessibleName(self.tr("Pause above this GPU temperature"))

        idle_row = QHBoxLayout()
        idle_row.addWidget(self.idle)
        idle_row.addWidget(self.idle_minutes)
        idle_row.addStretch(1)
        sched_row = QHBoxLayout()
        sched_row.addWidget(self.schedule_label, 1)
        sched_row.addWidget(self.schedule_button)
        cpu_row = QHBoxLayout()
        cpu_row.addWidget(QLabel(self.tr("CPU cores for jobs:")))
        cpu_row.addWidget(self.cores)
        cpu_row.addStretch(1)
        mem_row = QHBoxLayout()
        mem_row.addWidget(QLabel(self.tr("If a job uses more memory than")))
        mem_row.addWidget(self.memory)
        mem_row.addWidget(self.memory_action)
        mem_row.addStretch(1)
        rel_row = QHBoxLayout()
        rel_row.addWidget(QLabel(self.tr("Give a paused task back after")))
        rel_row.addWidget(self.release_minutes)
        rel_row.addStretch(1)
        # One rule a line: translated words are up to half again as long as the English ones,
        # and two columns of them would not fit the window (nor the screen at 150 %).
        grid = QGridLayout(self)
        r = 0
        for box in (self.autostart, self.battery, self.metered, self.fullscreen):
            grid.addWidget(box, r, 0, 1, 2)
            r += 1
        for row in (idle_row, sched_row, cpu_row):
            grid.addLayout(row, r, 0, 1, 2)
            r += 1
        grid.addWidget(self.low_priority, r, 0, 1, 2)
        r += 1
        for row in (mem_row, rel_row):
            grid.addLayout(row, r, 0, 1, 2)
            r += 1
        if gpu_available:
            grid.addWidget(self.use_gpu, r, 0)
            gpu_row = QHBoxLayout()
            gpu_row.addWidget(QLabel(self.tr("Pause above")))
            gpu_row.addWidget(self.gpu_temp)
            gpu_row.addStretch(1)
            grid.addLayout(gpu_row, r, 1)
            r += 1
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save contribution rules"))
        self.save_button.clicked.connect(self.save)
        grid.addWidget(self.status, r, 0)
        grid.addWidget(self.save_button, r, 1)
        self.load()

    # --- in and out ----------------------------------------------------------------
    def load(self, settings: Settings | None = None) -> None:
        if settings is None:
            try:
                settings = DEFAULTS.with_overrides(**load_file(self.data_dir))
            except (SettingsError, TypeError):
                settings = DEFAULTS
        s = settings
        self.autostart.blockSignals(True)
        self.autostart.setChecked(autostart.is_enabled())
        self.autostart.blockSignals(False)
        self.battery.setChecked(s.pause_on_battery)
        self.metered.setChecked(s.pause_on_metered)
        self.fullscreen.setChecked(s.pause_when_fullscreen)
        self.idle.setChecked(s.run_when_idle_only)
        self.idle_minutes.setValue(round(s.idle_minutes))
        self.idle_minutes.setEnabled(s.run_when_idle_only)
        self._schedule = dict(s.schedule)
        self.schedule_label.setText(
            self.tr("Schedule: {s}").format(s=schedule_text(self._schedule))
        )
        self.cores.setValue(s.cpu_max_cores)
        self.low_priority.setChecked(s.job_low_priority)
        self.memory.setValue(round(s.memory_max_pct))
        self.memory_action.setCurrentIndex(max(0, self.memory_action.findData(s.memory_action)))
        self.release_minutes.setValue(max(1, round(s.max_pause_with_task_s / 60)))
        self.use_gpu.setChecked(s.use_gpu)
        self.gpu_temp.setValue(round(s.gpu_max_temp_c))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "pause_on_battery": self.battery.isChecked(),
            "pause_on_metered": self.metered.isChecked(),
            "pause_when_fullscreen": self.fullscreen.isChecked(),
            "run_when_idle_only": self.idle.isChecked(),
            "idle_minutes": float(self.idle_minutes.value()),
            "schedule": dict(self._schedule),
            "cpu_max_cores": self.cores.value(),
            "job_low_priority": self.low_priority.isChecked(),
            "memory_max_pct": float(self.memory.value()),
            "memory_action": self.memory_action.currentData(),
            "max_pause_with_task_s": float(self.release_minutes.value() * 60),
        }
        if self.gpu_available:
            out["use_gpu"] = self.use_gpu.isChecked()
            out["gpu_max_temp_c"] = float(self.gpu_temp.value())
        return out

    def save(self) -> None:
        changes = self.values()
        try:
            validate(changes, source="settings")
            save_settings(self.data_dir, changes)
        except (OSError, SettingsError) as exc:
            self.status.setText(self.tr("Could not save: {err}").format(err=exc))
            return
        self.status.setText(
            self.tr("Saved. Rules apply now; CPU and GPU limits from the next task.")
        )
        self.saved.emit(changes)

    def edit_schedule(self) -> None:
        dlg = ScheduleDialog(self._schedule, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self._schedule = dlg.schedule()
            self.schedule_label.setText(
                self.tr("Schedule: {s}").format(s=schedule_text(self._schedule))
            )

    def _autostart_toggled(self, on: bool) -> None:
        try:
            autostart.enable() if on else autostart.disable()
        except OSError as exc:
            self.status.setText(self.tr("Could not change start at login: {err}").format(err=exc))
            return
        self.status.setText(
            self.tr("Starts at login: {where}").format(where=autostart.describe())
            if on
            else self.tr("Won't start at login.")
        )

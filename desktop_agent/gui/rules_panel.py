"""Settings → the contribution rules: "When to contribute" and "How much to use", as switches that work.

Each control maps to one key of settings.json (docs/settings.md). The rules
come as two pages (`when_page`, `limits_page`) that the Settings tab shows
among its others, with its one Apply; on its own (tests, a small window) the
panel shows both with a Save of its own. `values()` is what Apply writes;
`problem()` says in words what stops it. GPU controls appear only where a
GPU is found. Start at login acts at once (desktop_agent/platform/autostart.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
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
from desktop_agent.gui.legible import HelperLabel
from desktop_agent.gui.program_list import ProgramList
from desktop_agent.gui.schedule_editor import ScheduleEditor
from desktop_agent.platform import autostart


def buddy(text: str, widget: QWidget) -> QLabel:
    """A form label that names `widget` and moves focus to it on its mnemonic."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def row(*parts: QWidget | str) -> QWidget:
    """Widgets and plain words on one line, left-aligned; the words label the field they sit by.

    Each piece of text becomes the buddy of the next field on the line (or the
    one before it, at the end), so a screen reader reads "Use at most 40 %".
    """
    box = QWidget()
    line = QHBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    fields = [p if isinstance(p, QWidget) and not isinstance(p, QCheckBox) else None for p in parts]
    for i, p in enumerate(parts):
        if isinstance(p, str):
            label = QLabel(p)
            after = next((f for f in fields[i + 1 :] if f is not None), None)
            before = next((f for f in reversed(fields[:i]) if f is not None), None)
            target = after or before
            if target is not None:
                label.setBuddy(target)
            line.addWidget(label)
        else:
            line.addWidget(p)
    line.addStretch(1)
    return box


class RulesPanel(QWidget):
    saved = Signal(dict)  # the changed settings, validated and written
    changed = Signal()  # any control was edited

    def __init__(
        self, data_dir: Path, parent: QWidget | None = None, *, gpu_available: bool | None = None
    ):
        super().__init__(parent)
        self.data_dir = data_dir
        if gpu_available is None:
            from desktop_agent import gpu

            gpu_available = gpu.backend().available
        self.gpu_available = gpu_available
        self._build_controls()
        self.when_page = self._build_when_page()
        self.limits_page = self._build_limits_page()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save contribution rules"))
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.when_page)
        layout.addWidget(self.limits_page)
        layout.addWidget(self.status)
        layout.addWidget(self.save_button)
        self.load()
        self._watch()

    # --- the controls ------------------------------------------------------------------
    def _build_controls(self) -> None:
        self.autostart = QCheckBox(self.tr("Start when I log in (in the tray)"))
        self.autostart.setAccessibleName(self.tr("Start at login"))
        self.autostart.toggled.connect(self._autostart_toggled)
        self.idle = QCheckBox(self.tr("Only when I'm not using the computer"))
        self.idle.setAccessibleName(self.tr("Only when the computer is not in use"))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setAccessibleName(self.tr("Minutes without use before work starts"))
        self.idle.toggled.connect(self.idle_minutes.setEnabled)
        self.schedule_editor = ScheduleEditor()
        self.battery = QCheckBox(self.tr("When the computer runs on battery"))
        self.battery.setAccessibleName(self.tr("Pause on battery"))
        self.fullscreen = QCheckBox(
            self.tr("While a full-screen program (a game, a film) is in front")
        )
        self.fullscreen.setAccessibleName(self.tr("Pause while a full-screen program is in front"))
        self.programs = ProgramList()
        self.metered = QCheckBox(self.tr("No downloads on a metered connection (mobile data)"))
        self.metered.setAccessibleName(self.tr("No downloads on a metered connection"))

        self.cores = QSpinBox()
        self.cores.setRange(0, os.cpu_count() or 1)
        self.cores.setSpecialValueText(self.tr("all"))
        self.cores.setAccessibleName(self.tr("Processor cores a job may use"))
        self.throttle = QSpinBox()
        self.throttle.setRange(1, 100)
        self.throttle.setSuffix(" %")
        self.throttle.setAccessibleName(self.tr("Share of the processor time a job may use"))
        self.low_priority = QCheckBox(
            self.tr("Run jobs at low priority, so my own programs come first")
        )
        self.low_priority.setAccessibleName(self.tr("Run jobs at low priority"))
        self.memory = QSpinBox()
        self.memory.setRange(0, 95)
        self.memory.setSuffix(" %")
        self.memory.setSpecialValueText(self.tr("no limit"))
        self.memory.setAccessibleName(self.tr("Memory limit for a job"))
        self.memory_action = QComboBox()
        self.memory_action.addItem(self.tr("pause it"), "pause")
        self.memory_action.addItem(self.tr("stop it"), "stop")
        self.memory_action.setAccessibleName(self.tr("What to do past the memory limit"))
        self.cpu_temp = QSpinBox()
        self.cpu_temp.setRange(0, 110)
        self.cpu_temp.setSuffix(" °C")
        self.cpu_temp.setSpecialValueText(self.tr("off"))
        self.cpu_temp.setAccessibleName(self.tr("Pause above this processor temperature"))
        self.use_gpu = QCheckBox(self.tr("Use the graphics card (GPU)"))
        self.use_gpu.setAccessibleName(self.tr("Use the GPU"))
        self.gpu_temp = QSpinBox()
        self.gpu_temp.setRange(0, 100)
        self.gpu_temp.setSuffix(" °C")
        self.gpu_temp.setSpecialValueText(self.tr("off"))
        self.gpu_temp.setAccessibleName(self.tr("Pause above this GPU temperature"))
        self.release_minutes = QSpinBox()
        self.release_minutes.setRange(1, 600)
        self.release_minutes.setSuffix(self.tr(" min"))
        self.release_minutes.setAccessibleName(self.tr("Give a paused task back after"))

    def _build_when_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        start = QGroupBox(self.tr("Start"))
        sl = QVBoxLayout(start)
        sl.addWidget(self.autostart)
        sl.addWidget(self.idle)
        idle_row = row(
            self.tr("Start after"), self.idle_minutes, self.tr("without mouse or keyboard")
        )
        idle_row.setContentsMargins(24, 0, 0, 0)
        sl.addWidget(idle_row)
        layout.addWidget(start)
        hours = QGroupBox(self.tr("Hours"))
        QVBoxLayout(hours).addWidget(self.schedule_editor)
        layout.addWidget(hours)
        pause = QGroupBox(self.tr("Pause the job"))
        pl = QVBoxLayout(pause)
        pl.addWidget(self.battery)
        pl.addWidget(self.fullscreen)
        pl.addWidget(buddy(self.tr("While any of these programs is o&pen:"), self.programs.list))
        pl.addWidget(self.programs)
        layout.addWidget(pause)
        net = QGroupBox(self.tr("Downloads"))
        QVBoxLayout(net).addWidget(self.metered)
        layout.addWidget(net)
        return page

    def _build_limits_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        # A row too long for a narrow window (or a longer language) puts its field under its label.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(buddy(self.tr("&Processor cores:"), self.cores), row(self.cores))
        form.addRow(
            buddy(self.tr("Processor &time:"), self.throttle),
            row(self.tr("Use at most"), self.throttle, self.tr("of the processor time")),
        )
        form.addRow("", self.low_priority)
        form.addRow(
            buddy(self.tr("Memor&y:"), self.memory),
            row(
                self.tr("If a job uses more than"),
                self.memory,
                self.tr("of the memory,"),
                self.memory_action,
            ),
        )
        form.addRow(
            buddy(self.tr("Processor temperature:"), self.cpu_temp),
            row(self.tr("Pause above"), self.cpu_temp),
        )
        if self.gpu_available:
            form.addRow("", self.use_gpu)
            form.addRow(
                buddy(self.tr("&GPU temperature:"), self.gpu_temp),
                row(self.tr("Pause above"), self.gpu_temp),
            )
        form.addRow(
            buddy(self.tr("Paused tas&k:"), self.release_minutes),
            row(
                self.tr("Give it back after"),
                self.release_minutes,
                self.tr("so someone else can finish it"),
            ),
        )
        note = HelperLabel(self.tr("Limits on the processor and memory apply from the next task."))
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _watch(self) -> None:
        """Any edit emits `changed`, so the page can say that Apply is waiting."""
        for box in (self.battery, self.metered, self.fullscreen, self.idle, self.low_priority):
            box.toggled.connect(self.changed)
        self.use_gpu.toggled.connect(self.changed)
        for spin in (
            self.idle_minutes,
            self.cores,
            self.throttle,
            self.memory,
            self.cpu_temp,
            self.gpu_temp,
            self.release_minutes,
        ):
            spin.valueChanged.connect(self.changed)
        self.memory_action.currentIndexChanged.connect(self.changed)
        self.schedule_editor.changed.connect(self.changed)
        self.programs.changed.connect(self.changed)

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
        self.schedule_editor.set_schedule(dict(s.schedule))
        self.programs.set_programs([str(p) for p in s.pause_programs])
        self.cores.setValue(s.cpu_max_cores)
        self.throttle.setValue(s.cpu_throttle_pct)
        self.low_priority.setChecked(s.job_low_priority)
        self.memory.setValue(round(s.memory_max_pct))
        self.memory_action.setCurrentIndex(max(0, self.memory_action.findData(s.memory_action)))
        self.cpu_temp.setValue(round(s.cpu_max_temp_c))
        self.release_minutes.setValue(max(1, round(s.max_pause_with_task_s / 60)))
        self.use_gpu.setChecked(s.use_gpu)
        self.gpu_temp.setValue(round(s.gpu_max_temp_c))
        self._loaded = s

    def values(self) -> dict[str, Any]:
        s = self._loaded
        out: dict[str, Any] = {
            "pause_on_battery": self.battery.isChecked(),
            "pause_on_metered": self.metered.isChecked(),
            "pause_when_fullscreen": self.fullscreen.isChecked(),
            "pause_programs": self.programs.programs(),
            "run_when_idle_only": self.idle.isChecked(),
            "idle_minutes": _keep(s.idle_minutes, float(self.idle_minutes.value())),
            "schedule": self.schedule_editor.schedule(),
            "cpu_max_cores": self.cores.value(),
            "cpu_throttle_pct": self.throttle.value(),
            "job_low_priority": self.low_priority.isChecked(),
            "memory_max_pct": _keep(s.memory_max_pct, float(self.memory.value())),
            "memory_action": self.memory_action.currentData(),
            "cpu_max_temp_c": _keep(s.cpu_max_temp_c, float(self.cpu_temp.value())),
            "max_pause_with_task_s": _keep(
                s.max_pause_with_task_s / 60, float(self.release_minutes.value()), scale=60
            ),
        }
        if self.gpu_available:
            out["use_gpu"] = self.use_gpu.isChecked()
            out["gpu_max_temp_c"] = _keep(s.gpu_max_temp_c, float(self.gpu_temp.value()))
        return out

    def problem(self) -> str | None:
        """What stops the rules from being saved, in words (the spin boxes cannot go wrong)."""
        return self.schedule_editor.problem()

    def save(self) -> None:
        problem = self.problem()
        if problem:
            self.status.setText(problem)
            return
        changes = self.values()
        try:
            validate(changes, source="settings")
            save_settings(self.data_dir, changes)
        except (OSError, SettingsError) as exc:
            self.status.setText(self.tr("Could not save: {err}").format(err=exc))
            return
        self.status.setText(
            self.tr("Saved. Rules apply now; processor and GPU limits from the next task.")
        )
        self.saved.emit(changes)

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


def _keep(loaded: float, shown: float, *, scale: float = 1.0) -> float:
    """A spin box shows whole numbers: an unchanged 2.5 stays 2.5 rather than becoming 2 or 3."""
    return float(loaded * scale) if round(loaded) == shown else float(shown * scale)

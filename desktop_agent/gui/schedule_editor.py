"""The weekly schedule as time pickers: "Any time", or hours per weekday that can be added and removed.

The `schedule` setting is text ({"mon": ["09:00-17:00"]}); a volunteer should
never type that grammar. Each range is two QTimeEdits; an end of 00:00 means
midnight and is written "24:00" (the rule's "until the end of the day"), and
a range whose end is before its start runs past midnight, as the rule reads
it. Mistakes are told in words ("Monday: the hours start and end at 09:00").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTime, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.settings_grammar import DAYS, parse_window
from desktop_agent.gui.legible import HelperLabel


def day_name(day: str) -> str:
    names = {
        "mon": QCoreApplication.translate("ScheduleEditor", "Monday"),
        "tue": QCoreApplication.translate("ScheduleEditor", "Tuesday"),
        "wed": QCoreApplication.translate("ScheduleEditor", "Wednesday"),
        "thu": QCoreApplication.translate("ScheduleEditor", "Thursday"),
        "fri": QCoreApplication.translate("ScheduleEditor", "Friday"),
        "sat": QCoreApplication.translate("ScheduleEditor", "Saturday"),
        "sun": QCoreApplication.translate("ScheduleEditor", "Sunday"),
    }
    return names[day]


def _time(minutes: int) -> QTime:
    return QTime(0, 0) if minutes >= 24 * 60 else QTime(minutes // 60, minutes % 60)


def _text(t: QTime, *, end: bool) -> str:
    if end and t.hour() == 0 and t.minute() == 0:
        return "24:00"
    return f"{t.hour():02d}:{t.minute():02d}"


class _Range(QWidget):
    """One "from – to" pair with its Remove button."""

    removed = Signal(object)
    changed = Signal()

    def __init__(self, day: str, start: int, end: int, parent: QWidget | None = None):
        super().__init__(parent)
        name = day_name(day)
        self.start = QTimeEdit(_time(start))
        self.end = QTimeEdit(_time(end))
        for edit, what in ((self.start, self.tr("from")), (self.end, self.tr("until"))):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(self.tr("{day} {what}").format(day=name, what=what))
            edit.timeChanged.connect(self.changed)
        self.end.setSpecialValueText(self.tr("midnight"))  # 00:00 as an end: the day's end
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAccessibleName(
            self.tr("Remove these hours on {day}").format(day=name)
        )
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start)
        dash = QLabel(self.tr("to"))
        row.addWidget(dash)
        row.addWidget(self.end)
        row.addWidget(self.remove_button)
        row.addStretch(1)

    def window_text(self) -> str:
        return f"{_text(self.start.time(), end=False)}-{_text(self.end.time(), end=True)}"


class ScheduleEditor(QWidget):
    """`set_schedule(dict)` / `schedule() -> dict`; `problem()` says in words what is wrong, if anything."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.any_time = QRadioButton(self.tr("Any time"))
        self.any_time.setAccessibleName(self.tr("Contribute at any time of the week"))
        self.these_hours = QRadioButton(self.tr("Only during these hours (this computer's clock):"))
        self.these_hours.setAccessibleName(self.tr("Contribute only during chosen hours"))
        self.any_time.setChecked(True)
        self.these_hours.toggled.connect(self._mode_changed)
        self.any_time.toggled.connect(self.changed)

        self.days_box = QWidget()
        grid = QGridLayout(self.days_box)
        grid.setContentsMargins(24, 0, 0, 0)
        self._ranges: dict[str, list[_Range]] = {d: [] for d in DAYS}
        self._day_layouts: dict[str, QVBoxLayout] = {}
        self._none_labels: dict[str, QLabel] = {}
        self.add_buttons: dict[str, QPushButton] = {}
        for r, day in enumerate(DAYS):
            grid.addWidget(QLabel(day_name(day)), r, 0)
            cell = QVBoxLayout()
            cell.setSpacing(2)
            none = HelperLabel(self.tr("not this day"))
            cell.addWidget(none)
            self._none_labels[day] = none
            self._day_layouts[day] = cell
            grid.addLayout(cell, r, 1)
            add = QPushButton(self.tr("Add hours"))
            add.setAccessibleName(self.tr("Add hours on {day}").format(day=day_name(day)))
            add.clicked.connect(lambda _=False, d=day: self.add_range(d))
            self.add_buttons[day] = add
            grid.addWidget(add, r, 2)
        grid.setColumnStretch(3, 1)  # "Add hours" stays by the hours it adds to

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.any_time)
        layout.addWidget(self.these_hours)
        layout.addWidget(self.days_box)
        self._mode_changed(False)

    # --- in and out ----------------------------------------------------------------
    def set_schedule(self, schedule: dict) -> None:
        for day in DAYS:
            for rng in list(self._ranges[day]):
                self._drop(rng, day)
        for day in DAYS:
            for text in schedule.get(day, []):
                try:
                    start, end = parse_window(text)
                except ValueError:
                    continue  # the settings loader already refused such a file
                self.add_range(day, start, end)
        (self.these_hours if schedule else self.any_time).setChecked(True)
        self._mode_changed(bool(schedule))

    def schedule(self) -> dict:
        if self.any_time.isChecked():
            return {}
        out: dict[str, list[str]] = {}
        for day in DAYS:
            windows = [r.window_text() for r in self._ranges[day]]
            if windows:
                out[day] = windows
        return out

    def problem(self) -> str | None:
        """What stops this schedule from being saved, in words; None when it can be."""
        if self.any_time.isChecked():
            return None
        if not any(self._ranges.values()):
            return self.tr('Add hours to at least one day, or choose "Any time".')
        for day in DAYS:
            for r in self._ranges[day]:
                if r.start.time() == r.end.time():
                    return self.tr(
                        "{day}: the hours start and end at the same time ({at}) — "
                        "change one of them, or remove them."
                    ).format(day=day_name(day), at=r.start.time().toString("HH:mm"))
        return None

    # --- editing ---------------------------------------------------------------------
    def add_range(self, day: str, start: int = 9 * 60, end: int = 17 * 60) -> None:
        rng = _Range(day, start, end)
        rng.removed.connect(lambda r, d=day: self._remove(r, d))
        rng.changed.connect(self.changed)
        self._ranges[day].append(rng)
        self._day_layouts[day].addWidget(rng)
        self._none_labels[day].setVisible(False)
        self.changed.emit()

    def _remove(self, rng: _Range, day: str) -> None:
        self._drop(rng, day)
        self.add_buttons[day].setFocus()
        self.changed.emit()

    def _drop(self, rng: _Range, day: str) -> None:
        self._ranges[day].remove(rng)
        self._day_layouts[day].removeWidget(rng)
        rng.hide()
        rng.deleteLater()
        self._none_labels[day].setVisible(not self._ranges[day])

    def _mode_changed(self, on: bool) -> None:
        self.days_box.setVisible(on)  # "Any time" keeps the hours, unsaved, until Apply
        self.changed.emit()

"""Settings → "Pause while these programs run": a list with Add… (pick a running program, or type) / Remove.

The names are what the system lists ("steam", "blender.exe"); the engine
compares them case-insensitively with ".exe" optional (docs/settings.md), so
the list stores them as picked and drops only exact duplicates.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.gui.legible import ErrorLabel, HelperLabel

MAX_NAME = 255  # config refuses longer names


def running_programs() -> list[str]:
    """Names of the programs running now, sorted, without duplicates; [] where they cannot be read."""
    try:
        import psutil
    except ImportError:
        return []
    names: set[str] = set()
    try:
        for proc in psutil.process_iter(["name"]):
            name = (proc.info.get("name") or "").strip()
            if name:
                names.add(name)
    except Exception:  # a process list is a convenience; typing the name still works
        return sorted(names, key=str.lower)
    return sorted(names, key=str.lower)


class AddProgramDialog(QDialog):
    """An editable list of running programs: pick one, or type a name that is not running now."""

    def __init__(self, names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pause for a program"))
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems(names)
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText("")
        self.combo.setAccessibleName(self.tr("Program name"))
        edit = self.combo.lineEdit()
        if edit is not None:  # an editable combo box always has one
            edit.setPlaceholderText(self.tr("for example steam"))
        label = QLabel(self.tr("&Program:"))
        label.setBuddy(self.combo)
        hint = HelperLabel(
            self.tr("Pick a program that is running now, or type its name if it isn't.")
        )
        hint.setWordWrap(True)
        self.error = ErrorLabel()
        self.error.setAccessibleName(self.tr("Problem with the program name"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def name(self) -> str:
        return self.combo.currentText().strip()

    def _accept(self) -> None:
        if not self.name():
            self.error.setText(self.tr("Type or pick the name of a program."))
            return
        if len(self.name()) > MAX_NAME:
            self.error.setText(self.tr("That name is too long for a program name."))
            return
        self.accept()


class ProgramList(QWidget):
    """The list and its two buttons; `programs()` / `set_programs()`; `changed` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Programs that pause the job"))
        self.list.setMaximumHeight(110)
        self.list.currentRowChanged.connect(self._selection_changed)
        self.add_button = QPushButton(self.tr("A&dd…"))
        self.add_button.setAccessibleName(self.tr("Add a program"))
        self.add_button.clicked.connect(self.ask_add)
        self.remove_button = QPushButton(self.tr("R&emove"))
        self.remove_button.setAccessibleName(self.tr("Remove the chosen program"))
        self.remove_button.clicked.connect(self.remove_current)
        self.empty_label = HelperLabel(self.tr("No programs yet."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.list)
        col.addWidget(self.empty_label)
        col.addLayout(buttons)
        self.list_programs = running_programs  # a seam: tests and screenshots choose the names
        self._selection_changed()

    def programs(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def set_programs(self, names: list[str]) -> None:
        self.list.clear()
        for name in names:
            self.add(name, announce=False)
        self._selection_changed()

    def add(self, name: str, *, announce: bool = True) -> None:
        name = name.strip()
        if not name or name in self.programs():
            return
        self.list.addItem(name)
        self.list.item(self.list.count() - 1).setFlags(
            Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        )
        self._selection_changed()
        if announce:
            self.changed.emit()

    def ask_add(self) -> None:
        dlg = AddProgramDialog(self.list_programs(), self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.add(dlg.name())

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self._selection_changed()
        self.changed.emit()

    def _selection_changed(self, *_args: object) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)
        self.empty_label.setVisible(self.list.count() == 0)
        self.list.setVisible(self.list.count() > 0)

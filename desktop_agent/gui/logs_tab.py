"""The "Logs" tab: the app's log and the current task's output, live, filtered, bounded."""

from __future__ import annotations

import time
from collections import deque
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.engine.events import LogLine
from desktop_agent.gui.task_status import MAX_LINES

LEVELS = {"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}


def format_line(ev: LogLine) -> str:
    stamp = time.strftime("%H:%M:%S", time.localtime(ev.at))
    where = f"task {ev.task_id}" if ev.task_id is not None else ev.stream
    return f"{stamp} {ev.level:<7} [{where}] {ev.text}"


class LogsTab(QWidget):
    def __init__(self, log_dir: Path, parent: QWidget | None = None, *, max_lines: int = MAX_LINES):
        super().__init__(parent)
        self.log_dir = log_dir
        self.lines: deque[LogLine] = deque(maxlen=max_lines)

        self.level_combo = QComboBox()
        self.level_combo.setAccessibleName(self.tr("Minimum level"))
        for label, level in (
            (self.tr("All messages"), 0),
            (self.tr("Info and above"), 20),
            (self.tr("Warnings and errors"), 30),
            (self.tr("Errors only"), 40),
        ):
            self.level_combo.addItem(label, level)
        self.level_combo.setCurrentIndex(1)
        self.level_combo.currentIndexChanged.connect(self.rerender)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search the log"))
        self.search_edit.textChanged.connect(self.rerender)

        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy the shown lines"))
        self.copy_button.clicked.connect(self.copy_visible)
        self.folder_button = QPushButton(self.tr("Open log folder"))
        self.folder_button.setAccessibleName(self.tr("Open log folder"))
        self.folder_button.clicked.connect(self.open_folder)

        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setMaximumBlockCount(max_lines)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setAccessibleName(self.tr("Log lines"))

        bar = QHBoxLayout()
        bar.addWidget(self.level_combo)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def _matches(self, ev: LogLine) -> bool:
        if LEVELS.get(ev.level.upper(), 20) < int(self.level_combo.currentData() or 0):
            return False
        needle = self.search_edit.text().strip().lower()
        return not needle or needle in ev.text.lower() or needle in format_line(ev).lower()

    def add_line(self, ev: LogLine) -> None:
        self.lines.append(ev)
        if self._matches(ev):
            bar = self.view.verticalScrollBar()
            at_end = bar.value() >= bar.maximum() - 2
            self.view.appendPlainText(format_line(ev))
            if at_end:
                bar.setValue(bar.maximum())

    def visible_lines(self) -> list[str]:
        return [format_line(ev) for ev in self.lines if self._matches(ev)]

    def rerender(self, *_args: object) -> None:
        self.view.setPlainText("\n".join(self.visible_lines()))
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.maximum())

    def copy_visible(self) -> None:
        cursor = self.view.textCursor()
        text = (
            cursor.selectedText().replace("\u2029", "\n")
            if cursor.hasSelection()
            else self.view.toPlainText()
        )
        QGuiApplication.clipboard().setText(text)

    def open_folder(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_dir)))

"""The "History" tab: finished tasks from the Store, sortable, exportable as CSV."""

from __future__ import annotations

import csv
import logging
import time
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.engine.protocol import is_web_url
from desktop_agent.gui.time_words import format_duration
from desktop_agent.gui.error_words import plain_error
from desktop_agent.gui.legible import HelperLabel
from desktop_agent.gui.task_details import open_web_url, plain_tooltip

log = logging.getLogger(__name__)

CSV_FIELDS = (
    "task_id",
    "job_id",
    "server",
    "started_at",
    "ended_at",
    "duration_s",
    "outcome",
    "result_url",
    "exit_code",
    "bytes_down",
    "bytes_up",
    "error",
    "resends",
)


def _get(row: Any, name: str) -> Any:
    if isinstance(row, dict):
        return row.get(name)
    return getattr(row, name, None)


def _iso(ts: Any) -> str:
    if ts is None or ts == "":
        return ""
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(float(ts)))
    except (TypeError, ValueError):
        return str(ts)


def write_history_csv(rows: Iterable[Any], path: Path) -> int:
    """Write history rows to `path` (times as local ISO 8601); returns how many rows."""
    n = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_FIELDS)
        for row in rows:
            values = []
            for f in CSV_FIELDS:
                v = _get(row, f)
                if f in ("started_at", "ended_at"):
                    v = _iso(v)
                elif hasattr(v, "value"):
                    v = v.value
                values.append("" if v is None else v)
            w.writerow(values)
            n += 1
    return n


_NO_PARENT = QModelIndex()  # the invalid index Qt passes for a table's top level


class HistoryModel(QAbstractTableModel):
    WHEN, JOB, TASK, OUTCOME, DURATION, RESULT = range(6)
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self._headers = [
            self.tr("When"),
            self.tr("Job"),
            self.tr("Task"),
            self.tr("Outcome"),
            self.tr("Duration"),
            self.tr("Result"),
        ]

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, r: int) -> Any:
        return self._rows[r]

    def rowCount(self, parent=_NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        outcome = _get(row, "outcome")
        outcome = getattr(outcome, "value", outcome) or ""
        if role == self.SORT_ROLE:
            return {
                self.WHEN: float(_get(row, "ended_at") or _get(row, "started_at") or 0),
                self.JOB: int(_get(row, "job_id") or -1),
                self.TASK: int(_get(row, "task_id") or -1),
                self.OUTCOME: str(outcome),
                self.DURATION: float(_get(row, "duration_s") or 0),
                self.RESULT: str(_get(row, "result_url") or ""),
            }[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.WHEN:
                ts = _get(row, "ended_at") or _get(row, "started_at")
                return time.strftime("%Y-%m-%d %H:%M", time.localtime(float(ts))) if ts else ""
            if col == self.JOB:
                v = _get(row, "job_id")
                return "" if v is None else str(v)
            if col == self.TASK:
                return str(_get(row, "task_id"))
            if col == self.OUTCOME:
                return str(outcome).capitalize() if outcome else self.tr("In progress")
            if col == self.DURATION:
                return format_duration(_get(row, "duration_s"))
            if col == self.RESULT:
                return (
                    self.tr("Open result") if is_web_url(str(_get(row, "result_url") or "")) else ""
                )
        if col == self.RESULT and is_web_url(str(_get(row, "result_url") or "")):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QGuiApplication.palette().color(QPalette.ColorRole.Link)
            if role == Qt.ItemDataRole.FontRole:
                f = QFont()
                f.setUnderline(True)
                return f
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.RESULT and _get(row, "result_url"):
                return plain_tooltip(
                    self.tr("Double-click or press Enter to open {url}").format(
                        url=_get(row, "result_url")
                    )
                )
            if col == self.OUTCOME:
                error = _get(row, "error")
                return plain_tooltip(plain_error(str(error))) if error else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            self.JOB,
            self.TASK,
            self.DURATION,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class HistoryTab(QWidget):
    totals_changed = Signal(int, float)  # tasks done, seconds of compute given
    rows_changed = Signal(object)  # the history rows, newest first (the Now page's chart)

    def __init__(self, store_factory: Callable[[], Any] | None, parent: QWidget | None = None):
        super().__init__(parent)
        self._store_factory = store_factory
        self._store: Any = None
        self.model = HistoryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(HistoryModel.SORT_ROLE)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(HistoryModel.WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(self.tr("Finished tasks"))
        self.table.activated.connect(
            self.show_details
        )  # double-click / Enter: what ran (task_details.py)

        self.totals_label = QLabel()
        self.totals_label.setAccessibleName(self.tr("Totals"))
        self.empty_label = HelperLabel(self.tr("No finished tasks yet."))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setAccessibleName(self.tr("Export history as CSV"))
        self.export_button.clicked.connect(self.export_csv)

        bar = QHBoxLayout()
        bar.addWidget(self.totals_label, 1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        self.refresh()

    def _get_store(self) -> Any:
        if self._store is None and self._store_factory is not None:
            try:
                self._store = self._store_factory()
            except Exception as exc:  # store module missing or DB not created yet
                log.debug("history unavailable: %s", exc)
                return None
        return self._store

    def rows(self) -> list[Any]:
        store = self._get_store()
        if store is None:
            return []
        try:
            return list(store.history())
        except Exception as exc:
            log.warning("could not read history: %s", exc)
            return []

    def refresh(self, *_args: object) -> None:
        rows = self.rows()
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        self.export_button.setEnabled(bool(rows))
        store = self._get_store()
        totals = None
        if store is not None:
            try:
                totals = store.totals()
            except Exception as exc:
                log.debug("totals unavailable: %s", exc)
        if totals is not None:
            done = _get(totals, "tasks_done") or 0
            hours = float(_get(totals, "compute_hours") or 0.0)
        else:
            done = sum(
                1
                for r in rows
                if str(getattr(_get(r, "outcome"), "value", _get(r, "outcome"))) == "completed"
            )
            hours = sum(float(_get(r, "duration_s") or 0) for r in rows) / 3600
        words = (
            self.tr("1 task done · {time} of compute given")
            if done == 1
            else self.tr("{done} tasks done · {time} of compute given")
        )
        self.totals_label.setText(words.format(done=done, time=format_duration(hours * 3600)))
        self.totals_changed.emit(int(done), hours * 3600)
        self.rows_changed.emit(rows)

    def show_details(self, index) -> None:
        from desktop_agent.gui.task_details import TaskDetailsDialog

        row = self.model.row_at(self.proxy.mapToSource(index).row())
        self.details = TaskDetailsDialog(row, self)
        self.details.open()

    def _open_result(self, index) -> None:
        src = self.proxy.mapToSource(index)
        open_web_url(str(_get(self.model.row_at(src.row()), "result_url") or ""))

    def export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export history"),
            str(Path.home() / "desktop-agent-history.csv"),
            self.tr("CSV files (*.csv)"),
        )
        if not path:
            return
        try:
            write_history_csv(self.rows(), Path(path))
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Export failed"),
                self.tr("Could not write {path}: {err}").format(path=path, err=exc),
            )

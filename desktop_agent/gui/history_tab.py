"""The "History" tab: what this computer did, in a volunteer's words, sortable, exportable as CSV.

Each row says when ("Yesterday 14:05"), for which job (its title where the
app saw it, gui/job_titles.py), which task, and how it ended in plain words;
"Show" narrows the list to today, yesterday or the last 7 days, so "what did
it do yesterday?" is one choice away.

It is refreshed on every finished task, so it reads only the newest `SHOWN_ROWS`
rows (months of short tasks are tens of thousands) and says so when there are
more; the CSV export still reads them all, and the Now page's chart gets the
store's per-day sums, not rows.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from desktop_agent.gui.contribution_chart import daily_compute, first_day
from desktop_agent.gui.history_csv import CSV_FIELDS, row_field, write_history_csv
from desktop_agent.gui.job_titles import JobTitles
from desktop_agent.gui.time_words import day_start, format_duration, when_words
from desktop_agent.gui.error_words import plain_error
from desktop_agent.gui.legible import HelperLabel
from desktop_agent.gui.status import outcome_title
from desktop_agent.gui.task_details import open_web_url, plain_tooltip

log = logging.getLogger(__name__)

__all__ = ["CSV_FIELDS", "HistoryModel", "HistoryTab", "write_history_csv"]

_NO_PARENT = QModelIndex()  # the invalid index Qt passes for a table's top level
SHOWN_ROWS = 1000  # newest rows the table holds; a refresh costs the same after months of tasks


class HistoryModel(QAbstractTableModel):
    WHEN, JOB, TASK, OUTCOME, DURATION, RESULT = range(6)
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None, titles: JobTitles | None = None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self.titles = titles or JobTitles(None)
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

    def rows(self) -> list[Any]:
        return list(self._rows)

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
        outcome = row_field(row, "outcome")
        outcome = getattr(outcome, "value", outcome) or ""
        if role == self.SORT_ROLE:  # asked ~n·log n times per sort: only the column sorted on
            if col == self.WHEN:
                return float(row_field(row, "ended_at") or row_field(row, "started_at") or 0)
            if col == self.JOB:
                return self.job_text(row).lower()
            if col == self.TASK:
                return int(row_field(row, "task_id") or -1)
            if col == self.DURATION:
                return float(row_field(row, "duration_s") or 0)
            if col == self.RESULT:
                return str(row_field(row, "result_url") or "")
            return str(outcome)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.WHEN:
                ts = row_field(row, "ended_at") or row_field(row, "started_at")
                return when_words(float(ts)) if ts else ""
            if col == self.JOB:
                return self.job_text(row)
            if col == self.TASK:
                return str(row_field(row, "task_id"))
            if col == self.OUTCOME:
                return outcome_title(outcome)
            if col == self.DURATION:
                return format_duration(row_field(row, "duration_s"))
            if col == self.RESULT:
                return (
                    self.tr("Open result")
                    if is_web_url(str(row_field(row, "result_url") or ""))
                    else ""
                )
        if col == self.RESULT and is_web_url(str(row_field(row, "result_url") or "")):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QGuiApplication.palette().color(QPalette.ColorRole.Link)
            if role == Qt.ItemDataRole.FontRole:
                f = QFont()
                f.setUnderline(True)
                return f
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.WHEN:
                ts = row_field(row, "ended_at") or row_field(row, "started_at")
                return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(ts))) if ts else None
            if col == self.RESULT and row_field(row, "result_url"):
                return plain_tooltip(
                    self.tr("Double-click or press Enter to open {url}").format(
                        url=row_field(row, "result_url")
                    )
                )
            if col == self.OUTCOME:
                error = row_field(row, "error")
                return plain_tooltip(plain_error(str(error))) if error else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            self.TASK,
            self.DURATION,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def job_text(self, row: Any) -> str:
        """The job's title where the app saw it, else "Job 4" (plain text: the server's words)."""
        job_id = row_field(row, "job_id")
        if job_id is None:
            return "—"
        title = self.titles.get(str(row_field(row, "server") or ""), job_id)
        return title or self.tr("Job {id}").format(id=job_id)


SHOW_ALL, SHOW_TODAY, SHOW_YESTERDAY, SHOW_WEEK = range(4)


class _DayFilter(QSortFilterProxyModel):
    """Rows whose moment falls in [start, end); no bounds = every row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bounds: tuple[float, float] | None = None

    def set_bounds(self, bounds: tuple[float, float] | None) -> None:
        if bounds == self.bounds:
            return  # a model reset has already re-filtered and re-sorted with these bounds
        self.bounds = bounds
        self.invalidate()  # re-filter (and re-sort) the rows

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if self.bounds is None:
            return True
        model = self.sourceModel()
        ts = model.index(source_row, HistoryModel.WHEN, source_parent).data(HistoryModel.SORT_ROLE)
        return self.bounds[0] <= float(ts or 0) < self.bounds[1]


def show_bounds(choice: int, now: float | None = None) -> tuple[float, float] | None:
    """The local-time span a "Show" choice stands for."""
    from datetime import date, timedelta

    today = date.fromtimestamp(time.time() if now is None else now)
    tomorrow = day_start(today + timedelta(days=1))
    if choice == SHOW_TODAY:
        return day_start(today), tomorrow
    if choice == SHOW_YESTERDAY:
        return day_start(today - timedelta(days=1)), day_start(today)
    if choice == SHOW_WEEK:
        return day_start(today - timedelta(days=6)), tomorrow
    return None


class HistoryTab(QWidget):
    totals_changed = Signal(int, float)  # tasks done, seconds of compute given
    days_changed = Signal(object)  # {"YYYY-MM-DD": seconds given} (the Now page's chart)

    def __init__(
        self,
        store_factory: Callable[[], Any] | None,
        parent: QWidget | None = None,
        *,
        titles_path: Path | None = None,
    ):
        super().__init__(parent)
        self._store_factory = store_factory
        self._store: Any = None
        self.model = HistoryModel(self, JobTitles(titles_path))
        self.proxy = _DayFilter(self)
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
        self.more_label = HelperLabel(
            self.tr("Showing the newest {n} tasks. Export CSV… writes all of them.").format(
                n=QLocale().toString(SHOWN_ROWS)
            )
        )
        self.more_label.setVisible(False)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setAccessibleName(self.tr("Export history as CSV"))
        self.export_button.clicked.connect(self.export_csv)
        self.show_combo = QComboBox()
        self.show_combo.addItems(
            [self.tr("All tasks"), self.tr("Today"), self.tr("Yesterday"), self.tr("Last 7 days")]
        )
        self.show_combo.setAccessibleName(self.tr("Show tasks from"))
        self.show_combo.currentIndexChanged.connect(self._show_changed)
        show_label = QLabel(self.tr("Sho&w:"))
        show_label.setBuddy(self.show_combo)

        bar = QHBoxLayout()
        bar.addWidget(self.totals_label, 1)
        bar.addWidget(show_label)
        bar.addWidget(self.show_combo)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.more_label)
        self.refresh()

    def _get_store(self) -> Any:
        if self._store is None and self._store_factory is not None:
            try:
                self._store = self._store_factory()
            except Exception as exc:  # store module missing or DB not created yet
                log.debug("history unavailable: %s", exc)
                return None
        return self._store

    def rows(self, limit: int | None) -> list[Any]:
        """The newest `limit` rows (None: every row, for the CSV export)."""
        store = self._get_store()
        if store is None:
            return []
        try:
            return list(store.history(limit=limit))
        except Exception as exc:
            log.warning("could not read history: %s", exc)
            return []

    def per_day(self, rows: list[Any]) -> dict[str, float]:
        """Compute given per local day for the chart: summed by the store, not from rows."""
        store = self._get_store()
        since = day_start(first_day())
        try:
            return dict(store.compute_per_day(since))
        except Exception as exc:  # no store, or one without the query: the rows at hand
            log.debug("per-day totals unavailable: %s", exc)
            return {d.isoformat(): s for d, s in daily_compute(rows)}

    def refresh(self, *_args: object) -> None:
        rows = self.rows(SHOWN_ROWS + 1)  # one more than shown: tells whether there are more
        more = len(rows) > SHOWN_ROWS
        rows = rows[:SHOWN_ROWS]
        self.more_label.setVisible(more)
        self.model.set_rows(rows)
        self._show_changed(self.show_combo.currentIndex())
        self.export_button.setEnabled(bool(rows))
        store = self._get_store()
        totals = None
        if store is not None:
            try:
                totals = store.totals()
            except Exception as exc:
                log.debug("totals unavailable: %s", exc)
        if totals is not None:
            done = row_field(totals, "tasks_done") or 0
            hours = float(row_field(totals, "compute_hours") or 0.0)
        else:
            done = sum(
                1
                for r in rows
                if str(getattr(row_field(r, "outcome"), "value", row_field(r, "outcome")))
                == "completed"
            )
            hours = sum(float(row_field(r, "duration_s") or 0) for r in rows) / 3600
        words = (
            self.tr("1 task done · {time} of compute given")
            if done == 1
            else self.tr("{done} tasks done · {time} of compute given")
        )
        self.totals_label.setText(words.format(done=done, time=format_duration(hours * 3600)))
        self.totals_changed.emit(int(done), hours * 3600)
        self.days_changed.emit(self.per_day(rows))

    def _show_changed(self, choice: int) -> None:
        self.proxy.set_bounds(show_bounds(choice))
        shown = self.proxy.rowCount()
        self.empty_label.setText(
            self.tr("No finished tasks yet.")
            if self.model.rowCount() == 0
            else self.tr("No tasks in this time.")
        )
        self.empty_label.setVisible(shown == 0)

    def remember_title(self, ev: Any) -> None:
        """A job got its title (JobDescribed): name it in every row of that job, now and later."""
        job_id, title = getattr(ev, "job_id", None), getattr(ev, "title", "")
        if job_id is None or not title:
            return
        rows = [r for r in self.model.rows() if row_field(r, "job_id") == job_id]
        server = str(row_field(rows[0], "server") or "") if rows else ""
        self.model.titles.remember(server, job_id, title)
        self.refresh()

    def show_details(self, index) -> None:
        from desktop_agent.gui.task_details import TaskDetailsDialog

        row = self.model.row_at(self.proxy.mapToSource(index).row())
        self.details = TaskDetailsDialog(row, self)
        self.details.open()

    def _open_result(self, index) -> None:
        src = self.proxy.mapToSource(index)
        open_web_url(str(row_field(self.model.row_at(src.row()), "result_url") or ""))

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
            write_history_csv(self.rows(None), Path(path))
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Export failed"),
                self.tr("Could not write {path}: {err}").format(path=path, err=exc),
            )

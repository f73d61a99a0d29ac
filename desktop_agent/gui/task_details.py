"""'What ran on my machine': one task's record, opened from the History tab (double-click or Enter).

Shows what the store recorded when the task ran: the script's SHA-256 and size, its requirements,
the data size, the sandbox it ran under (in plain words), how it ended, and links to its log and
result. Everything is read-only and selectable, so a volunteer can copy a hash into a report.
"""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from desktop_agent.engine.protocol import is_web_url
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.gui.error_words import plain_error
from desktop_agent.gui.status import outcome_title
from desktop_agent.gui.units import LocalNumber, with_unit


def open_web_url(url: str) -> bool:
    """Open a result link in the browser, only when it is http(s): the server chose it, and a
    `file:`, UNC or custom-scheme URL would open a local file or program instead."""
    if not is_web_url(url):
        return False
    return QDesktopServices.openUrl(QUrl(url))


def plain_tooltip(text: str) -> str:
    """Tooltips are rich text whenever they look like HTML: a stranger's text is escaped first."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def _get(row: Any, name: str) -> Any:
    if isinstance(row, dict):
        return row.get(name)
    return getattr(row, name, None)


def _size(n: Any) -> str:
    if n is None:
        return "—"
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            if unit == "bytes":
                return QCoreApplication.translate("TaskDetailsDialog", "{n:,} bytes").format(
                    n=int(value)
                )
            return with_unit(f"{value:.1f}", unit)
        value /= 1024
    return with_unit(f"{value:.1f}", "GB")


def cost_words(row: object) -> str:
    """CPU time, peak memory, peak GPU memory and energy; "not measured" rather than a guess."""
    cpu, rss, vram, wh = (
        _get(row, k) for k in ("cpu_seconds", "peak_rss_mb", "peak_vram_mb", "energy_wh")
    )
    parts = [
        QCoreApplication.translate("TaskDetailsDialog", "{cpu:.1f} s of CPU").format(
            cpu=LocalNumber(cpu)
        )
        if isinstance(cpu, (int, float))
        else QCoreApplication.translate("TaskDetailsDialog", "CPU time not measured"),
        QCoreApplication.translate("TaskDetailsDialog", "peak memory {mb:.0f} MB").format(mb=rss)
        if isinstance(rss, (int, float))
        else "",
        QCoreApplication.translate("TaskDetailsDialog", "peak GPU memory {mb:.0f} MB").format(
            mb=vram
        )
        if isinstance(vram, (int, float)) and vram > 0
        else "",
        (
            QCoreApplication.translate("TaskDetailsDialog", "energy {wh:.2f} Wh ({how})").format(
                wh=LocalNumber(wh),
                how=_get(row, "energy_source")
                or QCoreApplication.translate("TaskDetailsDialog", "measured"),
            )
            if isinstance(wh, (int, float))
            else QCoreApplication.translate("TaskDetailsDialog", "energy not measured")
        ),
    ]
    return " · ".join(p for p in parts if p)


def _sandbox_why(why: str) -> str:
    """Why there was no sandbox (engine/sandbox.py's English), in the app's language."""
    if not why:
        return QCoreApplication.translate("TaskDetailsDialog", "no sandbox available")
    if why == "bubblewrap is not installed":
        return QCoreApplication.translate("TaskDetailsDialog", "bubblewrap is not installed")
    if why.startswith("no sandbox on "):
        return QCoreApplication.translate("TaskDetailsDialog", "no sandbox on this system yet")
    broken = "bubblewrap does not work here: "
    if why.startswith(broken):  # the rest is the system's own words
        return QCoreApplication.translate(
            "TaskDetailsDialog", "bubblewrap does not work here: {why}"
        ).format(why=why[len(broken) :])
    return why


def sandbox_words(level: str | None) -> str:
    """The sandbox level in plain words."""
    if not level:
        return QCoreApplication.translate(
            "TaskDetailsDialog", "not recorded (the task did not get as far as running train.py)"
        )
    if level == "bwrap":
        return QCoreApplication.translate(
            "TaskDetailsDialog",
            "bwrap — contained: no network, no access to your files, only its own folder writable",
        )
    if level.startswith("none"):
        why = _sandbox_why(level[len("none") :].strip(" ()"))
        return QCoreApplication.translate(
            "TaskDetailsDialog",
            "none — ran without a sandbox ({why}); it could read what your account can read",
        ).format(why=why)
    return level


class TaskDetailsDialog(QDialog):
    def __init__(self, row: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("Task {task} — what ran").format(task=_get(row, "task_id")))
        self.setMinimumWidth(560)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}

        def add(key: str, label: str, value: str, monospace: bool = False) -> None:
            widget = QLabel(value)
            widget.setTextFormat(Qt.TextFormat.PlainText)  # a job's stderr, a server's words: data
            widget.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            widget.setWordWrap(True)
            if monospace:
                widget.setFont(mono)
            widget.setAccessibleName(label)
            self.fields[key] = widget
            form.addRow(label, widget)

        started = _get(row, "started_at")
        outcome = outcome_title(_get(row, "outcome") or _get(row, "phase")) or "—"
        duration = _get(row, "duration_s")
        add(
            "task",
            self.tr("Task"),
            self.tr("{task} (job {job})").format(
                task=_get(row, "task_id"), job=_get(row, "job_id") or "—"
            ),
        )
        add("server", self.tr("Server"), str(_get(row, "server") or "—"))
        add(
            "when",
            self.tr("Started"),
            time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(started)) if started else "—",
        )
        add(
            "outcome",
            self.tr("Outcome"),
            self.tr("{outcome} after {s:.1f} s").format(outcome=outcome, s=LocalNumber(duration))
            if isinstance(duration, (int, float))
            else outcome,
        )
        add("sandbox", self.tr("Sandbox"), sandbox_words(_get(row, "sandbox")))
        add("limits", self.tr("Limits enforced by"), str(_get(row, "limits") or "—"))
        add(
            "script_sha256",
            self.tr("train.py SHA-256"),
            str(_get(row, "script_sha256") or "—"),
            monospace=True,
        )
        add("script_bytes", self.tr("train.py size"), _size(_get(row, "script_bytes")))
        add("data_bytes", self.tr("Data size"), _size(_get(row, "data_bytes")))
        add("env_key", self.tr("Environment"), str(_get(row, "env_key") or "—"), monospace=True)
        exit_code = _get(row, "exit_code")
        add("exit_code", self.tr("Exit code"), "—" if exit_code is None else str(exit_code))
        add("cost", self.tr("What it cost"), cost_words(row))
        if _get(row, "error"):
            add("error", self.tr("Problem"), plain_error(str(_get(row, "error"))))
        if _get(row, "note"):
            add("note", self.tr("Note"), str(_get(row, "note")))

        self.requirements = QPlainTextEdit(
            str(_get(row, "requirements") or "").strip() or self.tr("(none)")
        )
        self.requirements.setReadOnly(True)
        self.requirements.setFont(mono)
        self.requirements.setMaximumHeight(120)
        self.requirements.setAccessibleName(self.tr("Requirements"))
        form.addRow(self.tr("Requirements"), self.requirements)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.open_log = QPushButton(self.tr("Open log"))
        log_path = _get(row, "log_path")
        self.open_log.setEnabled(bool(log_path) and Path(str(log_path)).is_file())
        self.open_log.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path)))
        )
        self.open_result = QPushButton(self.tr("Open result"))
        result_url = _get(row, "result_url")
        self.open_result.setEnabled(is_web_url(str(result_url or "")))
        self.open_result.clicked.connect(lambda: open_web_url(str(result_url or "")))
        buttons.addButton(self.open_log, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_result, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

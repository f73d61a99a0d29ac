"""Before a pause or snooze puts a task on hold: say what will happen, and offer the choice.

A task held paused for longer than `max_pause_with_task_s` is given back to
the server so someone else can finish it. Pausing must never do that
silently: `hold_warning()` says it beforehand, and `ask()` offers to finish
the task first instead.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from desktop_agent.gui.status import RESULT_PHASES
from desktop_agent.gui.task_status import TaskStatus

FINISH_FIRST = "finish"
GO_AHEAD = "go"
CANCEL = "cancel"


def hold_warning(status: TaskStatus, *, snooze_s: float | None = None) -> str | None:
    """The warning for pausing (or snoozing for `snooze_s`; inf: until tomorrow) now, or None.

    None when nothing can be given up: no task, a result that is only being
    delivered (delivery goes on while paused), or a snooze shorter than the limit.
    """
    if status.task is None:
        return None
    if status.phase is not None and status.phase.phase in RESULT_PHASES:
        return None
    limit = status.hold_limit_s
    if snooze_s is not None and snooze_s < limit:
        return None
    return QCoreApplication.translate(
        "HoldPrompt",
        "A task is in progress. While paused it is put on hold, and a task paused for more "
        "than {n} min is given back so someone else can finish it.",
    ).format(n=max(1, round(limit / 60)))


def ask(parent: QWidget | None, warning: str, go_label: str) -> str:
    """FINISH_FIRST, GO_AHEAD or CANCEL."""
    box, finish, go = message_box(parent, warning, go_label)
    box.exec()
    clicked = box.clickedButton()
    if clicked is finish:
        return FINISH_FIRST
    if clicked is go:
        return GO_AHEAD
    return CANCEL


def message_box(
    parent: QWidget | None, warning: str, go_label: str
) -> tuple[QMessageBox, QAbstractButton, QAbstractButton]:
    """The question, not yet shown: the box, its "finish first" and its "go ahead" buttons."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("HoldPrompt", "A task is in progress"))
    box.setText(warning)
    box.setInformativeText(QCoreApplication.translate("HoldPrompt", "Finish it first, then pause?"))
    finish = box.addButton(
        QCoreApplication.translate("HoldPrompt", "&Finish the task first"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    go = box.addButton(go_label, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(finish)
    return box, finish, go

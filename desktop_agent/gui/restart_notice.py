"""The one-time notice after the supervisor restarted the app: what happened, in plain words.

The supervisor (desktop_agent/supervisor.py) writes a notice when the app died and it started
it again; the next start reads it once and tells the volunteer, by a tray message or, without a
tray, a box on the window.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from desktop_agent.supervisor import take_notice

if TYPE_CHECKING:
    from desktop_agent.gui.controller import AppController

log = logging.getLogger(__name__)


def tell_about_restart(c: AppController) -> None:
    """Show the supervisor's notice once (it is removed as it is read); nothing when there is none."""
    notice = take_notice(c.paths.root)
    if notice is None:
        return
    try:
        had_task = bool(c.get_store().open_tasks())
    except Exception:  # an unreadable store is reported by the engine itself
        had_task = False
    when = _local_time(notice.stopped_at)
    if notice.gave_up:
        text = QCoreApplication.translate(
            "AppController",
            "Desktop Agent stopped unexpectedly several times in a row (last at {when}) and "
            "was not restarted automatically. If it happens again, please send the "
            "diagnostics report from the Help menu to the project.",
        ).format(when=when)
    elif had_task:
        text = QCoreApplication.translate(
            "AppController",
            "Desktop Agent stopped unexpectedly at {when} and started again by itself. "
            "It is continuing the task it was working on; nothing was lost.",
        ).format(when=when)
    else:
        text = QCoreApplication.translate(
            "AppController",
            "Desktop Agent stopped unexpectedly at {when} and started again by itself.",
        ).format(when=when)
    log.warning("%s (%s)", text, notice.how)
    c.restart_notice = text
    title = QCoreApplication.translate("AppController", "Desktop Agent restarted")
    if c.tray_available:
        c.tray.notify(title, text)
    else:
        from PySide6.QtCore import (
            Qt,
        )  # here: the `Qt` namespace costs ~0.9 MiB, the tray never needs it

        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=c.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _local_time(iso: str) -> str:
    """'14:02' (today) or '2 Dec 14:02' in local time, from the notice's UTC timestamp."""
    try:
        at = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    if at.date() == datetime.now().astimezone().date():
        return at.strftime("%H:%M")
    return at.strftime("%d %b %H:%M").lstrip("0")

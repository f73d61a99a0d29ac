"""The window's update line (gui/update_line.py): fed by the signed update check, plain text,
"Restart to update" only for a staged update and never while a task is in hand."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from desktop_agent.engine.events import Outcome, TaskFinished, TaskStarted
from desktop_agent.gui.update_line import UpdateLine, UpdateWatcher
from desktop_agent.updates import State, UpdateStatus

pytestmark = pytest.mark.timeout(60)

STAGED = UpdateStatus(State.STAGED, "0.1.0", "0.2.0", "Desktop Agent 0.2.0 has been downloaded")


class FakeUpdater:
    """Answers each check with the next status, from the checker's own thread."""

    def __init__(self, *statuses: UpdateStatus):
        self.statuses = list(statuses)
        self.threads: list[str] = []

    def check(self, download: bool | None = None, on_progress=None) -> UpdateStatus:
        self.threads.append(threading.current_thread().name)
        return self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]


def test_the_watcher_checks_on_start_and_again_and_delivers_on_the_gui_thread(qtbot):
    current = UpdateStatus(State.CURRENT, "0.1.0", message="newest")
    updater = FakeUpdater(current, STAGED)
    watcher = UpdateWatcher(updater, first_delay_s=0, every_s=0.05)
    seen: list[tuple[UpdateStatus, bool]] = []
    watcher.status_changed.connect(
        lambda st: seen.append((st, threading.current_thread() is threading.main_thread()))
    )
    watcher.start()
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=10_000)
    watcher.stop()
    assert [s.state for s, _ in seen[:2]] == [State.CURRENT, State.STAGED]
    assert all(on_gui for _, on_gui in seen)
    assert updater.threads[0] == "update-check"
    assert watcher.status is seen[-1][0]


def test_the_line_is_plain_text_and_only_there_when_there_is_something_to_say(qtbot):
    line = UpdateLine()
    qtbot.addWidget(line)
    line.show_status(None)
    assert line.isHidden()
    line.show_status(UpdateStatus(State.CURRENT, "0.1.0", message="newest"))
    assert line.isHidden()
    hostile = "Desktop Agent <b>9</b> is available. <a href='x'>click</a>"
    line.show_status(UpdateStatus(State.AVAILABLE, "0.1.0", "9", hostile))
    assert not line.isHidden()
    assert line.label.textFormat() == Qt.TextFormat.PlainText and line.label.text() == hostile
    assert line.button.isHidden()  # pip / .deb: only says how to get it
    line.show_status(UpdateStatus(State.DOWNLOADING, "0.1.0", "9", "Downloading … 40 %"))
    assert line.label.text() == "Downloading … 40 %" and line.button.isHidden()
    line.show_status(UpdateStatus(State.REFUSED, "0.1.0", message="Update refused: expired."))
    assert not line.isHidden() and line.button.isHidden()


def test_restart_to_update_waits_for_the_task(qtbot):
    line = UpdateLine()
    qtbot.addWidget(line)
    line.show_status(STAGED)
    assert not line.button.isHidden() and line.button.isEnabled()
    line.set_busy(True)
    assert not line.button.isEnabled() and "task is finished" in line.button.toolTip()
    line.set_busy(False)
    with qtbot.waitSignal(line.restart_requested, timeout=2000):
        qtbot.mouseClick(line.button, Qt.MouseButton.LeftButton)


def test_the_window_shows_the_update_and_restarts_only_between_tasks(qtbot, make_controller):
    c = make_controller()
    c.updates = UpdateWatcher(FakeUpdater(STAGED), c, first_delay_s=0)
    c.updates._deliver(STAGED)  # as if the first check had just answered
    line = c.window.update_line
    assert line.label.text() == STAGED.message and line.button.isEnabled()
    c.bridge.task_started.emit(TaskStarted(task_id=7, job_id=1, server="http://s"))
    assert not line.button.isEnabled()
    c.restart_to_update()  # even if called anyway: not while a task is in hand
    assert not c.update_on_exit and not c.stopping
    c.bridge.task_finished.emit(TaskFinished(7, 1, Outcome.COMPLETED, 1.0))
    assert line.button.isEnabled()
    qtbot.mouseClick(line.button, Qt.MouseButton.LeftButton)
    assert c.update_on_exit and c.stopping

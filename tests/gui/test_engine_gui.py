"""The window and tray driving the real Agent against the real DevServer."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from desktop_agent.engine.events import AgentState, Outcome, Phase
from desktop_agent.gui.history_tab import HistoryModel

from .helpers import registered_settings, submit_sample

pytestmark = pytest.mark.timeout(60)


def _is(state):
    return lambda ev: ev.state == state


def test_tray_pause_item_pauses_and_resumes_the_agent(qtbot, devserver, paths, make_controller):
    c = make_controller(registered_settings(devserver, paths))
    with qtbot.waitSignal(
        c.bridge.state_changed, timeout=20_000, check_params_cb=_is(AgentState.IDLE)
    ):
        c.start()
    action = c.tray.pause_action
    c.tray.menu.aboutToShow.emit()
    assert action.text() == "Pause" and action.isEnabled()

    with qtbot.waitSignal(
        c.bridge.state_changed, timeout=10_000, check_params_cb=_is(AgentState.PAUSED)
    ):
        action.trigger()
    assert c.bridge.agent.state == AgentState.PAUSED
    c.tray.menu.aboutToShow.emit()
    assert action.text() == "Resume (paused by you)"
    assert c.window.now_tab.pause_button.text() == "Resume"
    assert "Paused" in c.tray.icon.toolTip()

    with qtbot.waitSignal(
        c.bridge.state_changed, timeout=10_000, check_params_cb=_is(AgentState.IDLE)
    ):
        action.trigger()
    c.tray.menu.aboutToShow.emit()
    assert action.text() == "Pause"
    assert c.window.now_tab.pause_button.text() == "Pause"


TITLE = "Sentiment <b>classifier</b>\n  " + "x" * 100  # server text: never markup, one line
SHOWN = " ".join(TITLE.split())[:80]


def test_now_tab_follows_a_task_and_history_lists_it(qtbot, devserver, paths, make_controller):
    c = make_controller(registered_settings(devserver, paths))
    submit_sample(devserver, chunks=1, seconds=3.0, title=TITLE)
    now = c.window.now_tab
    seen_phases: list[str] = []
    seen_progress: list[int] = []
    tray_lines: list[str] = []

    def record(ev):
        seen_phases.append(now.phase_label.text())
        if now.progress.maximum() == 100:
            seen_progress.append(now.progress.value())
        tray_lines.append(c.tray.task_action.text())

    c.bridge.phase_progress.connect(record)
    c.start()
    qtbot.waitUntil(
        lambda: now.task is not None and now.task_box.isVisibleTo(c.window), timeout=20_000
    )
    assert now.job_label.text() in ("1", f"{SHOWN} (job 1)")  # the title may already be in
    qtbot.waitUntil(
        lambda: (
            now.phase is not None
            and now.phase.phase == Phase.TRAINING
            and 0 < now.progress.value() < 100
        ),
        timeout=20_000,
    )
    assert now.phase_label.text().startswith("Training")
    # The job is named as the server calls it, in the window and the tray alike.
    qtbot.waitUntil(lambda: now.job_label.text() == f"{SHOWN} (job 1)", timeout=10_000)
    assert now.state_label.text() == f"Working on “{SHOWN}”"
    assert c.tray.status_action.text() == now.state_label.text()
    assert now.state_label.textFormat() == now.job_label.textFormat() == Qt.TextFormat.PlainText
    # The Machine tab finds the training process and shows its share.
    c.window.machine_tab.refresh()
    assert c.job_pid() is not None
    assert not c.window.machine_tab.job_box.isHidden()
    assert c.window.machine_tab.last_sample.job.rss > 0
    assert now.elapsed_label.text() != "—"
    with qtbot.waitSignal(c.bridge.task_finished, timeout=30_000) as finished:
        pass
    assert finished.args[0].outcome == Outcome.COMPLETED
    assert any(p.startswith("Downloading") for p in seen_phases)
    assert any(p.startswith("Training") for p in seen_phases)
    assert any(0 < v < 100 for v in seen_progress)
    assert any(line.startswith("Training · ") and line.endswith("%") for line in tray_lines)
    assert not now.task_box.isVisibleTo(c.window)
    assert now.last_label.text().startswith(
        ("Last task: 1 — completed", f"Last task, for “{SHOWN}”: completed")
    )  # named by its job where the title came in time, as plain text

    # History refreshes on TaskFinished.
    model = c.window.history_tab.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5_000)
    assert model.index(0, HistoryModel.TASK).data() == "1"
    assert model.index(0, HistoryModel.OUTCOME).data() == "Completed"
    assert model.index(0, HistoryModel.RESULT).data() == "Open result"
    assert "1 task done" in c.window.history_tab.totals_label.text()
    assert "finished 1 task (" in now.totals_label.text()
    # Live log lines reached the Logs tab, including the job's own output.
    assert any("progress: 0.5" in line for line in c.window.logs_tab.visible_lines())


def test_quit_stops_the_engine_gracefully(qtbot, devserver, paths, make_controller):
    c = make_controller(registered_settings(devserver, paths))
    with qtbot.waitSignal(
        c.bridge.state_changed, timeout=20_000, check_params_cb=_is(AgentState.IDLE)
    ):
        c.start()
    with qtbot.waitSignal(c.finished, timeout=15_000):
        c.tray.quit_action.trigger()
        assert c.tray.status_action.text() == "Stopping…"
        assert "Stopping" in c.window.now_tab.state_label.text()
    assert c.quit_recorder.calls == 1
    assert not c.bridge.is_running()
    assert devserver.agent(c.bridge.agent.agent_id)["status"] == "OFFLINE"


def test_change_account_reruns_setup_and_restarts_the_engine(
    qtbot, devserver, paths, make_controller
):
    from PySide6.QtCore import Qt

    other = "second@example.com"
    devserver.add_owner(other)
    c = make_controller(registered_settings(devserver, paths))
    with qtbot.waitSignal(
        c.bridge.state_changed, timeout=20_000, check_params_cb=_is(AgentState.IDLE)
    ):
        c.start()
    first_agent = c.bridge.agent
    with qtbot.waitSignal(c.setup_shown, timeout=5_000):
        qtbot.mouseClick(
            c.window.settings_tab.change_button, Qt.LeftButton
        )  # nothing pending: no warning
    dlg = c.setup_dialog
    assert dlg.email_edit.text() == "volunteer@example.com"
    dlg.email_edit.clear()
    qtbot.keyClicks(dlg.email_edit, other)
    with qtbot.waitSignal(c.bridge.engine_stopped, timeout=20_000):
        qtbot.mouseClick(dlg.connect_button, Qt.LeftButton)
    qtbot.waitUntil(
        lambda: c.bridge.agent is not first_agent and c.bridge.state == AgentState.IDLE,
        timeout=20_000,
    )
    assert c.settings.email == other
    assert c.window.settings_tab.email_label.text() == other

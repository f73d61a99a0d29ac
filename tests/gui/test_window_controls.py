"""Pause and snooze never silently give up a task; the window carries the tray's commands without a tray."""

from __future__ import annotations

import pytest

from desktop_agent.config import Settings
from desktop_agent.engine.events import AgentState, Phase, PhaseProgress, StateChanged, TaskStarted
from desktop_agent.gui import hold_prompt

pytestmark = pytest.mark.timeout(60)


class RecordingAgent:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def __getattr__(self, name):
        return lambda *a, **k: self.calls.append((name, a, k))


def _controller(make_controller, **kw):
    c = make_controller(Settings(email="v@example.com", max_pause_with_task_s=1800.0), **kw)
    agent = RecordingAgent()
    c.bridge._agent = agent  # our own wiring only: what the controller asks the engine to do
    return c, agent


def _hold_a_task(c, phase=Phase.TRAINING):
    for ev in (
        StateChanged(AgentState.WORKING, mode="contributing", reason="Contributing"),
        TaskStarted(4, 2, "http://s"),
        PhaseProgress(4, phase, 0.3),
    ):
        c.bridge.emit_event(ev)


def test_pausing_with_a_task_says_what_happens_and_offers_to_finish_first(qtbot, make_controller):
    c, agent = _controller(make_controller)
    asked = []

    def answer(choice):
        def ask(parent, warning, go_label):
            asked.append((warning, go_label))
            return choice

        return ask

    c.ask_hold = answer(hold_prompt.FINISH_FIRST)
    c.pause()  # nothing in hand: no question
    assert asked == [] and agent.calls[-1][0] == "pause"

    _hold_a_task(c)
    qtbot.waitUntil(lambda: c.status.phase is not None)
    c.pause()
    warning, go = asked[-1]
    assert "given back so someone else can finish it" in warning and "30 min" in warning
    assert go == "&Pause anyway"
    assert agent.calls[-1][0] == "finish_then_pause"

    c.ask_hold = answer(hold_prompt.GO_AHEAD)
    c.snooze("tomorrow")
    assert asked[-1][1] == "&Snooze anyway" and agent.calls[-1] == (
        "snooze",
        (),
        {"until": "tomorrow"},
    )
    c.ask_hold = answer(hold_prompt.CANCEL)
    n = len(agent.calls)
    c.pause()
    assert len(agent.calls) == n  # cancelled: nothing sent

    # A snooze shorter than the limit cannot lose the task: no question.
    before = len(asked)
    c.snooze(600.0)
    assert len(asked) == before and agent.calls[-1] == ("snooze", (600.0,), {})


def test_no_question_while_the_result_is_only_being_delivered(qtbot, make_controller):
    c, agent = _controller(make_controller)
    c.ask_hold = lambda *a: pytest.fail("asked while only delivering")
    _hold_a_task(c, Phase.UPLOADING)
    qtbot.waitUntil(lambda: c.status.phase is not None)
    c.pause()
    assert agent.calls[-1][0] == "pause"


def test_without_a_tray_the_window_has_snooze_finish_and_quit(qtbot, make_controller):
    c, agent = _controller(make_controller, tray_available=False)
    c.ask_hold = lambda *a: hold_prompt.GO_AHEAD
    now = c.window.now_tab
    c.window.show()
    assert now.snooze_button.isVisible() and now.quit_button.isVisible()
    assert not now.finish_button.isVisible() or not now.finish_button.isEnabled()
    _hold_a_task(c)
    qtbot.waitUntil(lambda: now.finish_button.isEnabled())
    now.finish_button.click()
    assert agent.calls[-1][0] == "finish_then_pause"
    now.snooze_hour_action.trigger()
    assert agent.calls[-1] == ("snooze", (3600.0,), {})
    with qtbot.waitSignal(now.quit_requested):
        now.quit_button.click()


def test_with_a_tray_the_window_leaves_the_commands_to_it(qtbot, make_controller):
    c, _ = _controller(make_controller, tray_available=True)
    c.window.show()
    now = c.window.now_tab
    assert not now.snooze_button.isVisible() and not now.quit_button.isVisible()


def test_first_close_says_the_app_keeps_running_in_the_tray_once(qtbot, make_controller):
    c, _ = _controller(make_controller, tray_available=True)
    hints = []
    c.window.tray_hint_shown.connect(hints.append)
    c.window.show_tray_hint = lambda text: None  # no box in the test
    c.window.show()
    c.window.close()
    assert not c.window.isVisible() and len(hints) == 1 and "system tray" in hints[0]
    c.window.show()
    c.window.close()
    assert len(hints) == 1  # once only, remembered in the data folder
    assert c.quit_recorder.calls == 0


def test_mnemonics_do_not_clash(qtbot, make_controller):
    from PySide6.QtGui import QKeySequence

    c, _ = _controller(make_controller, tray_available=True)
    w = c.window
    keys = [QKeySequence.mnemonic(w.tabs.tabText(i)).toString() for i in range(w.tabs.count())]
    keys += [QKeySequence.mnemonic(a.text()).toString() for a in w.menuBar().actions()]
    keys = [k for k in keys if k]
    assert len(keys) == len(set(keys)) == w.tabs.count() + len(w.menuBar().actions()), keys


def test_help_menu_has_about(qtbot, make_controller):
    c, _ = _controller(make_controller, tray_available=True)
    texts = [a.text() for a in c.window.menuBar().actions()[0].menu().actions()]
    assert "&About Desktop Agent" in texts
    assert "Desktop Agent 0." in c.window.about_text() and "pause" in c.window.about_text()

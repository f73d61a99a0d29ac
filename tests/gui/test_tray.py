"""Tray icon state, menu text and the few notifications it may raise."""

from __future__ import annotations

import pytest

from desktop_agent.engine.events import (
    AgentState,
    Outcome,
    ProblemCleared,
    ProblemKind,
    ProblemRaised,
    StateChanged,
    TaskFinished,
)
from desktop_agent.gui import states
from desktop_agent.gui.tray import Tray

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def tray(qtbot):
    line = {"text": ""}
    t = Tray(lambda: line["text"], unreachable_after_s=0.2)
    t.line = line
    yield t
    t.hide()


def test_icon_and_tooltip_follow_state(tray):
    for state, icon in [
        (AgentState.IDLE, states.ICON_IDLE),
        (AgentState.WORKING, states.ICON_WORKING),
        (AgentState.PAUSED, states.ICON_PAUSED),
        (AgentState.CONNECTING, states.ICON_OFFLINE),
    ]:
        tray.on_state(StateChanged(state))
        assert tray.icon_name() == icon
        assert states.state_words(state) in tray.icon.toolTip()
    tray.on_state(StateChanged(AgentState.IDLE))
    tray.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "Can't reach the server"))
    assert tray.icon_name() == states.ICON_OFFLINE
    assert "Can't reach the server" in tray.icon.toolTip()


def test_menu_text_is_rebuilt_on_show(tray):
    tray.on_state(StateChanged(AgentState.WORKING))
    tray.line["text"] = "Task 55 · training 42 %"
    tray.menu.aboutToShow.emit()
    assert tray.task_action.text() == "Task 55 · training 42 %"
    assert not tray.task_action.isEnabled()
    texts = [a.text() for a in tray.menu.actions() if a.text()]
    required = ["Open dashboard", "Contribute", "Task 55 · training 42 %", "Quit"]
    assert [
        t for t in texts if t in required
    ] == required  # in this order; other controls may sit between
    tray.set_stopping()
    assert tray.task_action.text() == "Stopping…"
    assert not tray.contribute_action.isEnabled() and not tray.quit_action.isEnabled()


def test_unreachable_is_notified_only_after_a_while(qtbot, tray):
    got = []
    tray.notified.connect(lambda title, msg: got.append(title))
    tray.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "Server unreachable"))
    assert got == []
    tray.on_problem_cleared(ProblemCleared(ProblemKind.SERVER_UNREACHABLE))
    qtbot.wait(400)  # the timer was cancelled: nothing comes
    assert got == []
    with qtbot.waitSignal(tray.notified, timeout=5_000):
        tray.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "Server unreachable"))
    assert got == ["Can't reach the server"]


def test_finished_task_and_setup_problem_notify(qtbot, tray):
    with qtbot.waitSignal(tray.notified) as sig:
        tray.on_task_finished(TaskFinished(7, 1, Outcome.COMPLETED, 3.0))
    assert sig.args == ["Task done", "Task 7 finished. Thank you!"]
    with qtbot.waitSignal(tray.notified) as sig:
        tray.on_problem(ProblemRaised(ProblemKind.EMAIL_UNKNOWN, "Register on the website first"))
    assert sig.args[0] == "Setup needed"


def test_open_and_quit_actions(qtbot, tray):
    with qtbot.waitSignal(tray.open_requested):
        tray.open_action.trigger()
    with qtbot.waitSignal(tray.open_requested):
        tray.icon.activated.emit(tray.icon.ActivationReason.Trigger)
    with qtbot.waitSignal(tray.quit_requested):
        tray.quit_action.trigger()


def test_a_rule_pause_still_offers_pause_and_shows_the_reason(qtbot, tray):
    """Engines that report `mode`/`reason` (contribution controls): a battery rule is not a user pause."""
    from dataclasses import make_dataclass

    Ev = make_dataclass("Ev", [("state", object), ("detail", str), ("mode", str), ("reason", str)])
    tray.on_state(Ev(AgentState.PAUSED, "Paused", "contributing", "Waiting: on battery"))
    tray.menu.aboutToShow.emit()
    assert tray.contribute_action.isChecked()
    assert "Waiting: on battery" in tray.icon.toolTip()
    tray.on_state(Ev(AgentState.PAUSED, "Paused", "snoozed", "Snoozed until 14:30"))
    tray.menu.aboutToShow.emit()
    assert not tray.contribute_action.isChecked()

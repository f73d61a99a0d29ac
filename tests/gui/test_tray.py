"""Tray icon state, menu text and the few notifications it may raise."""

from __future__ import annotations

import pytest

from desktop_agent.engine.events import (
    AgentState,
    Outcome,
    Phase,
    PhaseProgress,
    TaskStarted,
    ProblemCleared,
    ProblemKind,
    ProblemRaised,
    StateChanged,
    TaskFinished,
)
from desktop_agent.engine.reasons import Lead, Reason, ReasonCode, Why
from desktop_agent.gui import states
from desktop_agent.gui.tray import Tray

pytestmark = pytest.mark.timeout(60)


class Clock:
    """The tray's clock, moved by the test: an outage "lasts" without anyone waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def tray(qtbot, clock):
    t = Tray(unreachable_after_s=300, clock=clock)
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
        assert tray.status_action.text() in tray.icon.toolTip()
    tray.on_state(StateChanged(AgentState.IDLE))
    tray.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "Can't reach the server"))
    assert tray.icon_name() == states.ICON_OFFLINE
    assert "server isn't answering" in tray.icon.toolTip()
    tray.on_problem(ProblemRaised(ProblemKind.DISK_LOW, "Low disk space"))
    assert "Low disk space" in tray.icon.toolTip()


def _visible_texts(menu):
    return [a.text().replace("\u00a0", " ") for a in menu.actions() if a.text() and a.isVisible()]


def test_menu_order_status_first_then_the_commands(tray):
    tray.on_state(StateChanged(AgentState.WORKING, mode="contributing", reason="Contributing"))
    tray.on_task_started(TaskStarted(55, 3, "http://s"))
    tray.on_phase(PhaseProgress(55, Phase.TRAINING, 0.42))
    tray.menu.aboutToShow.emit()
    assert _visible_texts(tray.menu) == [
        "Working on a task",
        "Training · 42 %",
        "Pause",
        "Snooze",
        "Finish current task, then pause",
        "Open dashboard",
        "Quit",
    ]
    # The status lines are inert but drawn readable; every shown command is enabled.
    assert not tray.status_action.isEnabled() and tray.status_action.font().bold()
    assert "disabled" in tray.menu.styleSheet() and "window-text" in tray.menu.styleSheet()
    assert all(a.isEnabled() for a in (tray.pause_action, tray.finish_action, tray.quit_action))
    assert [a.text() for a in tray.snooze_menu.actions()] == [
        "For 1 hour",
        "Until tomorrow morning (07:00)",
    ]
    tray.set_stopping()
    assert tray.status_action.text() == "Stopping…"
    assert not tray.pause_action.isVisible() and not tray.quit_action.isEnabled()


def _today_at(hour: int, minute: int) -> float:
    from datetime import datetime

    return datetime.now().replace(hour=hour, minute=minute, second=0).timestamp()


SNOOZED = Why(Lead.SNOOZED, until=_today_at(14, 30))


def test_pause_item_says_resume_with_the_reason(qtbot, tray):
    tray.on_state(StateChanged(AgentState.PAUSED, mode="snoozed", why=SNOOZED))
    tray.menu.aboutToShow.emit()
    from PySide6.QtCore import QLocale, QTime

    clock = QLocale().toString(QTime(14, 30), QLocale.FormatType.ShortFormat)  # 14:30 or 2:30 PM
    assert tray.status_action.text() == f"Snoozed until {clock}"
    assert tray.pause_action.text() == f"Resume (snoozed until {clock})"
    with qtbot.waitSignal(tray.resume_requested):
        tray.pause_action.trigger()
    tray.on_state(StateChanged(AgentState.IDLE, mode="contributing", reason="Contributing"))
    assert tray.pause_action.text() == "Pause"
    assert not tray.finish_action.isVisible()  # nothing in hand to finish
    with qtbot.waitSignal(tray.pause_requested):
        tray.pause_action.trigger()


def test_tooltip_matches_the_window_and_has_the_time_left(qtbot, tray):
    from desktop_agent.gui.now_tab import NowTab

    tab = NowTab()
    qtbot.addWidget(tab)
    events = [
        StateChanged(AgentState.WORKING, mode="finish_then_pause", reason="x", at=100.0),
        TaskStarted(8, 2, "http://s", at=100.0),
        PhaseProgress(8, Phase.TRAINING, 0.10, at=100.0),
        PhaseProgress(8, Phase.TRAINING, 0.40, at=160.0),
    ]
    for ev in events:
        for target in (tray, tab):
            {
                StateChanged: target.on_state,
                TaskStarted: target.on_task_started,
                PhaseProgress: target.on_phase,
            }[type(ev)](ev)
    tip = tray.icon.toolTip().replace("\u00a0", " ")
    assert tab.state_label.text() == "Finishing this task, then pausing"
    assert tab.state_label.text() in tip and tray.status_action.text() == tab.state_label.text()
    assert tab.pause_button.text() == "Resume"
    assert "Training · 40 %" in tip and "left" in tip  # the time left, when known
    assert tab.progress.value() == 40 and tab.progress.text() == "40\u00a0%"


def test_unreachable_is_notified_only_after_a_while(qtbot, tray, clock):
    got = []
    tray.notified.connect(lambda title, msg: got.append(title))
    tray.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "Server unreachable"))
    clock.now += 299
    tray.refresh()
    assert got == []
    tray.on_problem_cleared(ProblemCleared(ProblemKind.SERVER_UNREACHABLE))
    clock.now += 600
    tray.refresh()  # that outage is over: nothing comes, and no "back online" either
    assert got == []
    tray.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "Server unreachable"))
    clock.now += 300
    tray.refresh()
    assert got == ["The server isn't answering"]


def test_one_popup_per_outage_not_per_retry(qtbot, tray, clock):
    got = []
    tray.notified.connect(lambda title, msg: got.append(title))
    tray.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "x"))
    for _ in range(20):  # every retry re-raises it; the ticker keeps looking
        clock.now += 60
        tray.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "x"))
        tray.refresh()
    assert got == ["The server isn't answering"]


def test_problem_popups_can_be_turned_off(qtbot, tray, clock):
    got = []
    tray.notified.connect(lambda title, msg: got.append(title))
    tray.notify_problems = False
    tray.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "x"))
    clock.now += 3600
    tray.refresh()
    tray.on_problem_cleared(ProblemCleared(ProblemKind.SERVER_UNREACHABLE))
    assert got == []
    tray.on_problem(ProblemRaised(ProblemKind.EMAIL_UNKNOWN, "Register on the website first"))
    assert got == ["Setup needed"]  # not a passing outage: always told


def test_back_online_waits_for_the_result_to_be_delivered(qtbot, tray, clock):
    got = []
    tray.notified.connect(lambda title, msg: got.append((title, msg)))
    tray.on_task_started(TaskStarted(9, 2, "http://s"))
    tray.on_phase(PhaseProgress(9, Phase.UPLOADING))
    tray.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "x"))
    clock.now += 301
    tray.refresh()
    assert got[0][0] == "The server isn't answering"
    assert "your result is saved and will be sent automatically" in got[0][1]
    tray.on_problem_cleared(ProblemCleared(ProblemKind.SERVER_UNREACHABLE))
    assert len(got) == 1  # not yet: the result is still on its way
    tray.on_task_finished(TaskFinished(9, 2, Outcome.COMPLETED, 3.0))
    assert got[1:] == [("Back online", "Back online — your result was delivered. Thank you!")]


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
    """A battery rule is not a user pause: Pause stays on offer."""
    tray.on_state(
        StateChanged(
            AgentState.PAUSED,
            "Paused",
            mode="contributing",
            why=Why(Lead.WAITING, (Reason.of(ReasonCode.ON_BATTERY),)),
        )
    )
    tray.menu.aboutToShow.emit()
    assert tray.pause_action.text() == "Pause"
    assert "Waiting: on battery" in tray.icon.toolTip()
    tray.on_state(StateChanged(AgentState.PAUSED, "Paused", mode="snoozed", why=SNOOZED))
    tray.menu.aboutToShow.emit()
    assert tray.pause_action.text().startswith("Resume")


def test_back_online_is_said_after_an_outage_notice(qtbot, tray, clock):
    got = []
    tray.notified.connect(lambda title, msg: got.append((title, msg)))
    tray.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "x"))
    clock.now += 300
    tray.refresh()
    assert got[0][0] == "The server isn't answering" and "automatically" in got[0][1]
    tray.on_problem_cleared(ProblemCleared(ProblemKind.SERVER_UNREACHABLE))
    assert got[-1] == ("Back online", "The Grid-X server is answering again.")


def test_the_ticker_tells_a_long_outage_by_itself(qtbot):
    """The real clock and the tray's own 1 s tick, with a short threshold: no test hook needed."""
    t = Tray(unreachable_after_s=0.1)
    try:
        with qtbot.waitSignal(t.notified, timeout=5_000) as sig:
            t.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "x"))
        assert sig.args[0] == "The server isn't answering"
    finally:
        t.hide()


def test_task_done_popup_can_be_turned_off(qtbot, tray):
    got = []
    tray.notified.connect(lambda title, msg: got.append(title))
    tray.notify_task_done = False
    tray.on_task_finished(TaskFinished(7, 1, Outcome.COMPLETED, 3.0))
    tray.on_task_finished(TaskFinished(8, 1, Outcome.FAILED, 3.0))
    assert got == ["Task failed"]  # a failure is still worth saying


def test_the_app_passes_both_notification_settings_to_the_tray(qtbot, make_controller):
    from desktop_agent.config import Settings

    c = make_controller(Settings(notify_problems=False, notify_task_done=False))
    assert (c.tray.notify_problems, c.tray.notify_task_done) == (False, False)
    c.rules_saved({"notify_problems": True, "notify_task_done": True})
    assert (c.tray.notify_problems, c.tray.notify_task_done) == (True, True)

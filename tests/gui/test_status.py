"""The one status sentence, over the engine's states: it never contradicts itself."""

from __future__ import annotations

import pytest

from desktop_agent.engine.events import (
    AgentState,
    Phase,
    PhaseProgress,
    ProblemCleared,
    ProblemKind,
    ProblemRaised,
    RetryScheduled,
    StateChanged,
    TaskStarted,
)
from desktop_agent.engine.reasons import Lead, Reason, ReasonCode as Code, Why
from desktop_agent.gui.status import Snapshot, describe, eta_words
from desktop_agent.gui.task_status import TaskStatus


def sp(text: str) -> str:
    """Non-breaking spaces keep "40 %" together on screen; compare them as spaces."""
    return text.replace("\u00a0", " ")


W, P, IDLE = AgentState.WORKING, AgentState.PAUSED, AgentState.IDLE
BATTERY = Reason.of(Code.ON_BATTERY)
STEAM = Reason.of(Code.PROGRAM_RUNNING, "Steam")
CONTRIBUTING = Why(Lead.CONTRIBUTING)
PAUSED = Why(Lead.PAUSED)


def waiting(*reasons: Reason) -> Why:
    return Why(Lead.WAITING, reasons)


def test_finish_then_pause_is_never_called_contributing():
    s = describe(
        Snapshot(
            W,
            "finish_then_pause",
            Why(Lead.FINISHING),
            task_id=1,
            phase=Phase.TRAINING,
            fraction=0.3,
        )
    )
    assert s.headline == "Finishing this task, then pausing"
    assert "Contributing" not in s.headline and s.paused_by_user and s.control_text() == "Resume"
    held = describe(
        Snapshot(P, "finish_then_pause", Why(Lead.WAITING_THEN_PAUSING, (BATTERY,)), task_id=1)
    )
    assert held.headline == "Finishing this task, then pausing"
    assert held.explanation == "On hold for now: on battery"


@pytest.mark.parametrize(
    "snap",
    [
        Snapshot(P, "paused", PAUSED),
        Snapshot(P, "paused", PAUSED, task_id=3, phase=Phase.TRAINING, fraction=0.5),
        Snapshot(P, "snoozed", Why(Lead.SNOOZED, until=2e9)),
        Snapshot(P, "", None),  # an engine that does not report the mode
    ],
)
def test_paused_never_promises_new_work(snap):
    s = describe(snap)
    text = s.headline + " " + s.explanation
    assert "picked up automatically" not in text and "Contributing" not in s.headline
    assert s.control_text() == "Resume" and s.eta == ""


def test_paused_with_a_task_says_it_is_given_back_later():
    s = describe(Snapshot(P, "paused", PAUSED, task_id=3, hold_limit_s=1800))
    assert "given back" in s.explanation and "30 min" in s.explanation


def test_ready_and_rule_waiting():
    ready = describe(Snapshot(IDLE, "contributing", CONTRIBUTING, detail="Waiting for work"))
    assert ready.headline == "Ready — waiting for work"
    assert ready.explanation == "New work is picked up automatically."
    assert ready.control_text() == "Pause"
    battery = describe(Snapshot(IDLE, "contributing", waiting(BATTERY)))
    assert battery.headline == "Waiting: on battery" and battery.control_text() == "Pause"
    rule_hold = describe(Snapshot(P, "contributing", waiting(BATTERY), task_id=2))
    assert rule_hold.headline == "Waiting: on battery" and not rule_hold.paused_by_user


def test_the_monthly_transfer_limit_is_said_with_when_it_resets():
    limit = Reason.of(Code.MONTHLY_LIMIT, limit=5 * 2**30, day=1, month=1)
    st = describe(Snapshot(IDLE, "contributing", waiting(limit), detail="anything"))
    assert sp(st.headline) == (
        "Paused: this month's transfer limit (5 GB) is used up — work resumes on 1 January"
    )
    assert "still sent" in st.explanation and st.control_text() == "Pause"
    # With a task in hand the engine says it is finishing it; the window says it works on it.
    busy = describe(Snapshot(W, "contributing", Why(Lead.FINISHING_IN_HAND, (limit,)), task_id=3))
    assert busy.headline == "Working on a task"


def test_one_percentage_and_no_eta_until_meaningful():
    s = describe(
        Snapshot(W, "contributing", None, task_id=1, phase=Phase.TRAINING, fraction=0.4, eta_s=None)
    )
    assert s.percent == 40 and sp(s.progress) == "Training · 40 %" and s.eta == ""
    assert sp(s.task_line()) == "Training · 40 %"
    s = describe(
        Snapshot(W, "contributing", None, task_id=1, phase=Phase.TRAINING, fraction=0.4, eta_s=0.0)
    )
    assert s.eta == "less than a minute"  # never "about 0 s"
    assert sp(s.task_line()) == "Training · 40 % · less than a minute left"
    assert sp(eta_words(300)) == "about 5 min" and sp(eta_words(3900)) == "about 1 h 05 min"


def test_outage_while_delivering_stops_the_bar_and_reassures():
    s = describe(
        Snapshot(
            W,
            "contributing",
            None,
            task_id=1,
            phase=Phase.UPLOADING,
            unreachable=True,
            retry_in_s=40,
        )
    )
    assert s.headline == "Your result is ready — waiting for the server"
    assert s.percent is None and not s.busy and s.progress == "Waiting for the server"
    assert sp(s.outage) == (
        "The Grid-X server isn't answering — your result is saved and will be sent "
        "automatically. Next try in 40 s."
    )
    idle = describe(Snapshot(IDLE, "contributing", None, unreachable=True))
    assert idle.headline == "The Grid-X server isn't answering"
    assert "agent" not in (idle.outage + s.outage).lower()
    assert "/agent" not in s.tooltip("App")


def test_stopping_and_stopped_offer_no_control():
    assert not describe(Snapshot(W, "contributing", None, task_id=1, stopping=True)).can_control
    stopped = describe(Snapshot(AgentState.STOPPED, detail="Stopped"))
    assert stopped.headline == "Stopped" and stopped.explanation == "" and not stopped.can_control


def test_eta_needs_progress_seen_in_this_run():
    """A task picked up at 18 % after a restart: no "about 0 s"; an ETA once progress is seen."""
    m = TaskStatus()
    m.on_state(StateChanged(W, at=100.0))
    m.on_task_started(TaskStarted(5, 1, "http://s", resumed=True, at=100.0))
    m.on_phase(PhaseProgress(5, Phase.TRAINING, 0.18, at=101.0))
    assert m.eta_seconds(now=101.0) is None
    assert m.status(now=101.0).eta == ""
    m.on_phase(PhaseProgress(5, Phase.TRAINING, 0.20, at=103.0))
    assert m.eta_seconds(now=103.0) is None  # 2 s of progress: noise
    m.on_phase(PhaseProgress(5, Phase.TRAINING, 0.28, at=121.0))
    assert m.eta_seconds(now=121.0) == pytest.approx(20 * 0.72 / 0.10)


def test_retry_countdown_comes_from_the_engine_and_ends_with_the_outage():
    m = TaskStatus()
    m.on_state(StateChanged(IDLE))
    m.on_problem(ProblemRaised(ProblemKind.SERVER_UNREACHABLE, "x"))
    m.on_retry(RetryScheduled(1040.0, "heartbeat"))
    assert "Next try in 40 s." in sp(m.status(now=1000.0).outage)
    assert "Trying again now" in m.status(now=1041.0).outage
    m.on_problem_cleared(ProblemCleared(ProblemKind.SERVER_UNREACHABLE))
    assert m.status(now=1041.0).outage == "" and m.retry_at is None


def test_the_job_is_named_when_the_server_says_its_title():
    from desktop_agent.engine.events import JobDescribed

    m = TaskStatus()
    m.on_state(StateChanged(W, mode="contributing", reason="Contributing"))
    m.on_task_started(TaskStarted(5, 2, "http://s"))
    assert m.status().headline == "Working on a task"
    m.on_job(JobDescribed(2, "Sentiment classifier"))
    assert m.status().headline == "Working on “Sentiment classifier”"
    m.on_job(JobDescribed(3, "Another job"))  # not the job in hand
    assert m.status().headline == "Working on “Sentiment classifier”"


def test_a_program_rule_names_the_program():
    held = describe(Snapshot(P, "contributing", waiting(STEAM), task_id=2))
    assert held.headline == "Paused while Steam is running"
    idle = describe(Snapshot(IDLE, "contributing", waiting(STEAM)))
    assert idle.headline == "Paused while Steam is running"
    both = describe(Snapshot(P, "contributing", waiting(BATTERY, STEAM), task_id=2))
    assert both.headline == "Waiting: on battery; Steam is running"  # every reason said


def test_a_rule_that_cannot_apply_is_said_beside_ready_and_working():
    unknown = Reason.of(Code.CPU_TEMP_UNKNOWN, "no sensor")
    note = "CPU temperature unknown (no sensor) — the CPU temperature limit cannot apply"
    ready = describe(Snapshot(IDLE, "contributing", Why(Lead.CONTRIBUTING, notes=(unknown,))))
    assert ready.headline == "Ready — waiting for work" and note in ready.explanation
    idle = Reason.of(Code.IDLE_UNKNOWN, "no idle time on this desktop")
    working = describe(
        Snapshot(W, "contributing", Why(Lead.CONTRIBUTING, notes=(unknown, idle)), task_id=1)
    )
    assert (
        working.explanation
        == f'{note}; no idle time on this desktop — "only when idle" cannot apply'
    )
    assert describe(Snapshot(W, "contributing", CONTRIBUTING, task_id=1)).explanation == ""


def test_a_name_that_reads_like_english_is_only_a_name():
    """The window words the engine's data, never its English: a program called "on battery"
    is a program, and the words around it are the window's own."""
    odd = describe(
        Snapshot(IDLE, "contributing", waiting(Reason.of(Code.PROGRAM_RUNNING, "on battery")))
    )
    assert odd.headline == "Paused while on battery is running"


def test_every_reason_the_engine_can_give_has_window_words():
    from desktop_agent.engine.reasons import ENGLISH
    from desktop_agent.gui.reason_words import REASON_WORDS, reason_words

    assert set(REASON_WORDS) == set(Code) == set(ENGLISH)
    schedule = reason_words(Reason.of(Code.OUTSIDE_SCHEDULE, day=0, hour=9, minute=0))
    from PySide6.QtCore import QLocale, QTime

    nine = QLocale().toString(QTime(9, 0), QLocale.FormatType.ShortFormat)
    monday = QLocale().dayName(1, QLocale.FormatType.ShortFormat)
    assert schedule == f"outside the schedule (until {monday} {nine})"
    assert sp(reason_words(Reason.of(Code.LOW_DISK, free=10, needed=500))) == (
        "low disk space (10 MB free, 500 MB needed)"
    )


def test_a_snooze_says_until_when_in_the_windows_words():
    from datetime import datetime, timedelta

    from desktop_agent.gui.reason_words import until_words

    from PySide6.QtCore import QLocale, QTime

    clock = QLocale().toString(QTime(14, 30), QLocale.FormatType.ShortFormat)  # the locale's clock
    now = datetime(2026, 6, 3, 10, 0).timestamp()
    later = datetime(2026, 6, 3, 14, 30).timestamp()
    assert until_words(later, now) == clock
    assert until_words(later + timedelta(days=1).total_seconds(), now) == f"tomorrow {clock}"
    st = describe(Snapshot(P, "snoozed", Why(Lead.SNOOZED, until=later)))
    assert st.headline.startswith("Snoozed until ") and st.control_reason.startswith("snoozed")

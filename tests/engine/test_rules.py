"""rules.py: each rule over its seam, the schedule across DST and its grammar (modes: test_modes.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, UTC

import pytest

from desktop_agent.config import Settings
from desktop_agent.engine.modes import ModeState, decide
from desktop_agent.engine.reasons import Reason, ReasonCode as Code, words
from desktop_agent.engine.rules import Rules, in_schedule, next_window_start
from desktop_agent.settings_grammar import schedule_problem
from tests.helpers.knobs import BERLIN

pytestmark = pytest.mark.timeout(30)


def rules(knobs, **settings):
    return Rules(Settings(**settings), knobs.seams())


def said(reasons) -> tuple[str, ...]:
    """The reasons in the English of the CLI and the logs."""
    return tuple(words(r) for r in reasons)


def test_idle_rule(knobs):
    r = rules(knobs, run_when_idle_only=True, idle_minutes=5)
    knobs.idle = 10.0
    assert r.evaluate().suspend == (Reason.of(Code.COMPUTER_IN_USE, idle=0, limit=5),)
    assert said(r.evaluate().suspend) == ("computer in use (idle 0 of 5 min)",)
    knobs.idle = 301.0
    assert r.evaluate().clear
    knobs.idle = None  # no way to know: say so, don't silently never run
    v = r.evaluate()
    assert v.clear and v.notes == (Reason.of(Code.IDLE_UNKNOWN, "idle detection unavailable"),)
    assert "idle detection unavailable" in decide(ModeState(), v, holding_task=False).reason


def test_battery_rule(knobs):
    r = rules(knobs, pause_on_battery=True)
    knobs.battery = True
    assert r.evaluate().suspend == (Reason.of(Code.ON_BATTERY),)
    assert said(r.evaluate().suspend) == ("on battery",)
    knobs.battery = None  # a desktop, or the OS does not say
    assert r.evaluate().clear
    assert rules(knobs, pause_on_battery=False).evaluate().clear


def test_no_sandbox_and_unsandboxed_not_allowed_takes_no_work(knobs):
    knobs.sandbox_missing = "bubblewrap is not installed"
    v = rules(knobs, allow_unsandboxed=False).evaluate()
    assert v.no_new_work == (Reason.of(Code.NO_SANDBOX, "bubblewrap is not installed"),)
    assert "install bubblewrap" in words(v.no_new_work[0])
    assert "install bubblewrap" in decide(ModeState(), v, holding_task=False).reason
    assert (
        rules(knobs, allow_unsandboxed=True).evaluate().clear
    )  # allowed: the task runs, history says so
    knobs.sandbox_missing = None
    assert rules(knobs, allow_unsandboxed=False).evaluate().clear


def test_gpu_temperature_with_hysteresis(knobs):
    r = rules(knobs, gpu_max_temp_c=80, gpu_temp_hysteresis_c=10)
    knobs.temps = [70.0]
    assert r.evaluate().clear
    knobs.temps = [65.0, 81.0]
    assert said(r.evaluate().suspend) == ("GPU too hot (81 °C; resumes below 70 °C)",)
    knobs.temps = [75.0]  # cooler, but not by the hysteresis yet
    assert r.evaluate().suspend
    knobs.temps = [70.0]
    assert r.evaluate().clear
    assert rules(knobs, gpu_max_temp_c=80, use_gpu=False).evaluate().clear


def test_metered_disk_fullscreen_memory(knobs):
    knobs.metered = True
    assert said(rules(knobs).evaluate().no_new_work) == ("on a metered connection",)
    knobs.metered = None  # unknown: not metered
    assert rules(knobs).evaluate().clear
    knobs.free_mb = 10
    v = rules(knobs, min_free_disk_mb=500).evaluate()
    assert v.no_new_work == (Reason.of(Code.LOW_DISK, free=10, needed=500),) and not v.suspend
    assert said(v.no_new_work) == ("low disk space (10 MB free, 500 MB needed)",)
    knobs.free_mb = 1e6
    knobs.fullscreen = True
    assert rules(knobs).evaluate().clear  # off by default
    assert said(rules(knobs, pause_when_fullscreen=True).evaluate().suspend) == (
        "a full-screen app is in front",
    )
    knobs.job_pct = 60.0
    memory = Reason.of(Code.JOB_MEMORY, share=60, limit=50)
    assert rules(knobs, memory_max_pct=50).evaluate().suspend == (memory,)
    assert rules(knobs, memory_max_pct=50, memory_action="stop").evaluate().stop_job == memory
    assert words(memory) == "the job uses 60 % of memory (limit 50 %)"


def test_schedule_rule_and_next_window(knobs):
    sched = {"wed": ["09:00-11:00", "22:00-02:00"], "fri": ["08:00-17:00"]}
    r = rules(knobs, schedule=sched)
    knobs.now = datetime(2026, 6, 3, 12, 0, tzinfo=BERLIN)  # Wednesday noon
    assert r.evaluate().suspend == (
        Reason.of(Code.OUTSIDE_SCHEDULE, day=2, hour=22, minute=0),
    )  # day 2: Wednesday
    assert said(r.evaluate().suspend) == ("outside the schedule (until Wed 22:00)",)
    knobs.now = datetime(2026, 6, 3, 10, 0, tzinfo=BERLIN)
    assert r.evaluate().clear
    knobs.now = datetime(
        2026, 6, 4, 1, 30, tzinfo=BERLIN
    )  # Thursday 01:30: Wednesday's night window
    assert r.evaluate().clear
    knobs.now = datetime(2026, 6, 4, 2, 0, tzinfo=BERLIN)
    assert said(r.evaluate().suspend) == ("outside the schedule (until Fri 08:00)",)


def test_schedule_on_dst_days_follows_the_wall_clock():
    sched = {"sun": ["01:00-03:30"], "sat": ["00:00-24:00"]}
    # 29 March 2026, Berlin: 02:00 CET jumps to 03:00 CEST.
    before = datetime(2026, 3, 29, 1, 59, tzinfo=BERLIN)
    after = (before.astimezone(UTC) + timedelta(minutes=1)).astimezone(BERLIN)
    assert after.hour == 3  # the clock jumped
    assert in_schedule(sched, before) and in_schedule(sched, after)
    late = (after.astimezone(UTC) + timedelta(minutes=31)).astimezone(BERLIN)  # 03:31 CEST
    assert not in_schedule(sched, late)
    # 25 October 2026: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice, inside both times.
    first = datetime(2026, 10, 25, 2, 30, fold=0, tzinfo=BERLIN)
    second = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN)
    assert second.timestamp() - first.timestamp() == 3600
    assert in_schedule({"sun": ["02:00-03:00"]}, first) and in_schedule(
        {"sun": ["02:00-03:00"]}, second
    )
    nxt = next_window_start({"mon": ["09:00-10:00"]}, datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN))
    assert (nxt.day, nxt.hour, nxt.utcoffset()) == (
        30,
        9,
        timedelta(hours=2),
    )  # after the change: CEST


def test_schedule_grammar():
    assert schedule_problem({"mon": ["09:00-17:00"], "sun": ["22:00-06:00", "00:00-24:00"]}) is None
    assert "unknown weekday" in schedule_problem({"monday": ["09:00-17:00"]})
    assert "not a window" in schedule_problem({"mon": ["9-5"]})
    assert "not a window" in schedule_problem({"mon": ["25:00-26:00"]})
    assert "list" in schedule_problem({"mon": "09:00-17:00"})

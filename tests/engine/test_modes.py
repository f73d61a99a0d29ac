"""modes.py: the mode hierarchy in `decide`, snooze words and expiry across DST, the stored mode."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_agent.engine.modes import ALL_CLEAR, Mode, ModeState, Verdict, decide, snooze_end
from desktop_agent.engine.reasons import Lead, Reason, ReasonCode, Why
from tests.helpers.knobs import BERLIN

pytestmark = pytest.mark.timeout(30)


def test_mode_hierarchy():
    battery = Reason.of(ReasonCode.ON_BATTERY)
    on_battery = Verdict(suspend=(battery,))
    d = decide(ModeState(Mode.PAUSED), ALL_CLEAR, holding_task=True)
    assert (d.may_take_work, d.must_suspend, d.reason) == (False, True, "Paused by you")
    d = decide(ModeState(Mode.CONTRIBUTING), on_battery, holding_task=False)
    assert (d.may_take_work, d.must_suspend, d.reason) == (False, True, "Waiting: on battery")
    assert d.why == Why(Lead.WAITING, (battery,))  # what a display words, in its language
    d = decide(ModeState(Mode.CONTRIBUTING), ALL_CLEAR, holding_task=False)
    assert (d.may_take_work, d.must_suspend, d.reason) == (True, False, "Contributing")
    # A user's pause beats the rules; a rule is never overridden silently by a mode.
    assert decide(ModeState(Mode.PAUSED), on_battery, holding_task=False).reason == "Paused by you"
    d = decide(ModeState(Mode.FINISH_THEN_PAUSE), ALL_CLEAR, holding_task=True)
    assert (d.may_take_work, d.must_suspend, d.mode) == (False, False, Mode.FINISH_THEN_PAUSE)
    d = decide(ModeState(Mode.FINISH_THEN_PAUSE), on_battery, holding_task=True)
    assert d.must_suspend and d.reason == "Waiting: on battery — then pausing"
    assert d.why == Why(Lead.WAITING_THEN_PAUSING, (battery,))
    assert (
        decide(ModeState(Mode.FINISH_THEN_PAUSE), ALL_CLEAR, holding_task=False).mode is Mode.PAUSED
    )
    metered = Verdict(no_new_work=(Reason.of(ReasonCode.METERED),))
    d = decide(ModeState(), metered, holding_task=True)
    assert (d.may_take_work, d.must_suspend) == (
        False,
        False,
    )  # finish the task, download nothing new
    assert d.reason == "Contributing — finishing the task in hand"
    assert d.why.lead is Lead.FINISHING_IN_HAND
    assert (
        decide(ModeState(), metered, holding_task=False).reason
        == "Waiting: on a metered connection"
    )


def test_snooze_words_and_expiry():
    d = decide(ModeState(Mode.SNOOZED, until=1000.0), ALL_CLEAR, holding_task=False, now=900.0)
    assert d.mode is Mode.SNOOZED and d.reason.startswith("Snoozed until ") and d.must_suspend
    assert d.why == Why(Lead.SNOOZED, until=1000.0)
    d = decide(ModeState(Mode.SNOOZED, until=1000.0), ALL_CLEAR, holding_task=False, now=1000.0)
    assert d.mode is Mode.CONTRIBUTING and d.may_take_work


def test_snooze_until_tomorrow_is_0700_local_even_across_dst():
    # The night clocks go back in Berlin (26 Oct 2025): a 25-hour day.
    now = datetime(2025, 10, 25, 22, 0, tzinfo=BERLIN)
    end = datetime.fromtimestamp(snooze_end(until="tomorrow", now=now), BERLIN)
    assert (end.day, end.hour, end.minute) == (26, 7, 0)
    assert end.timestamp() - now.timestamp() == 10 * 3600  # 9 h on the clock + the repeated hour


def test_mode_state_round_trip_and_garbage():
    assert ModeState.from_json(ModeState(Mode.SNOOZED, 5.0).to_json()) == ModeState(
        Mode.SNOOZED, 5.0
    )
    assert ModeState.from_json({"mode": "bogus"}) == ModeState()
    assert (
        ModeState.from_json({"mode": "snoozed"}) == ModeState()
    )  # a snooze without an end is no snooze


def test_notes_ride_along_in_english_and_as_data():
    note = Reason.of(ReasonCode.CPU_TEMP_UNKNOWN, "no sensor")
    d = decide(ModeState(), Verdict(notes=(note,)), holding_task=False)
    assert d.may_take_work and d.why == Why(Lead.CONTRIBUTING, notes=(note,))
    assert d.reason == (
        "Contributing (CPU temperature unknown (no sensor) — the CPU temperature limit cannot apply)"
    )
    assert d.note_words() == [d.reason.removeprefix("Contributing (")[:-1]]

"""Contribution modes: one clear hierarchy, and the one function that decides.

The user picks a mode; the rules (engine/rules.py) only matter while the mode
is *Contributing*. Nothing overrides a user's pause, and no mode silently
overrides the rules (the BOINC "run always" confusion):

| mode              | takes new work        | task in hand                     | back by itself      |
|-------------------|-----------------------|----------------------------------|---------------------|
| contributing      | when the rules allow  | runs; suspended while a rule says | —                   |
| finish_then_pause | never                 | runs (rules still apply)          | becomes *paused*    |
| snoozed           | never                 | suspended                         | yes, at `until`     |
| paused            | never                 | suspended                         | no: until resumed   |

Pure: `decide()` takes the mode, the rules' verdict and the time, and says
what to do and why: as data (`Decision.why`, engine/reasons.py) that each display words in
its own language, and in the one English sentence `desktop-agent status` and the logs show.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from desktop_agent.engine.reasons import Lead, Reason, Why, sentence, words

TOMORROW_HOUR = 7  # "Snooze until tomorrow" ends at 07:00 local time the next day


class Mode(StrEnum):
    CONTRIBUTING = "contributing"
    PAUSED = "paused"
    SNOOZED = "snoozed"
    FINISH_THEN_PAUSE = "finish_then_pause"


MODE_WORDS = {
    Mode.CONTRIBUTING: "Contributing",
    Mode.PAUSED: "Paused",
    Mode.SNOOZED: "Snoozed",
    Mode.FINISH_THEN_PAUSE: "Finishing the current task, then pausing",
}


@dataclass(frozen=True)
class ModeState:
    mode: Mode = Mode.CONTRIBUTING
    until: float | None = None  # epoch seconds; only for SNOOZED

    def to_json(self) -> dict[str, str | float | None]:
        return {"mode": self.mode.value, "until": self.until}

    @classmethod
    def from_json(cls, raw: object) -> ModeState:
        if not isinstance(raw, dict):
            return cls()
        try:
            mode = Mode(raw.get("mode") or "")
        except ValueError:
            return cls()
        if mode is not Mode.SNOOZED:
            return cls(mode, None)
        until = raw.get("until")
        if not isinstance(until, (int, float)):
            return cls()
        return cls(mode, float(until))


@dataclass(frozen=True)
class Verdict:
    """What the rules say right now (engine/reasons.py). Empty tuples: nothing stands in the way."""

    no_new_work: tuple[Reason, ...] = ()  # not to take a new task (on a metered connection)
    suspend: tuple[Reason, ...] = ()  # to suspend the task in hand (on battery)
    stop_job: Reason | None = None  # stop the job and give the task back (memory rule, "stop")
    notes: tuple[Reason, ...] = ()  # worth saying, stopping nothing (idle detection unavailable)

    @property
    def clear(self) -> bool:
        return not (self.no_new_work or self.suspend or self.stop_job)


ALL_CLEAR = Verdict()


@dataclass(frozen=True)
class Decision:
    mode: Mode
    may_take_work: bool
    must_suspend: bool
    why: Why  # why the agent is or is not working right now, as data (what displays word)
    reason: str = ""  # the same in one English sentence (reasons.sentence): CLI, logs, metrics
    stop_job: Reason | None = None

    @property
    def notes(self) -> tuple[Reason, ...]:
        return self.why.notes

    def note_words(self) -> list[str]:
        """The notes in English, for `desktop-agent status`."""
        return [words(n) for n in self.why.notes]


def snooze_end(
    seconds: float | None = None, *, until: str | float | None = None, now: datetime | None = None
) -> float:
    """Epoch seconds a snooze ends: after `seconds`, at epoch `until`, or `until="tomorrow"` (07:00 next day)."""
    now = now or datetime.now().astimezone()
    if seconds is not None:
        return now.timestamp() + float(seconds)
    if isinstance(until, (int, float)):
        return float(until)
    if until == "tomorrow":
        day = (now + timedelta(days=1)).date()
        # Wall-clock 07:00 in the local zone of that day (DST-safe: built from the date, not +24 h).
        end = datetime(day.year, day.month, day.day, TOMORROW_HOUR, tzinfo=now.tzinfo)
        return end.timestamp()
    raise ValueError("snooze needs seconds, an epoch time or until='tomorrow'")


def decide(
    state: ModeState, verdict: Verdict, *, holding_task: bool, now: float | None = None
) -> Decision:
    """What the engine may do now, and why (`Decision.why`, worded by `reasons.sentence`)."""
    now = time.time() if now is None else now
    mode = state.mode
    if mode is Mode.SNOOZED and state.until is not None and now >= state.until:
        mode = Mode.CONTRIBUTING  # the caller also switches its stored mode back
    notes = verdict.notes

    def said(
        mode: Mode, take: bool, suspend: bool, why: Why, stop_job: Reason | None = None
    ) -> Decision:
        return Decision(mode, take, suspend, why, sentence(why, now), stop_job)

    if mode is Mode.PAUSED:
        return said(mode, False, True, Why(Lead.PAUSED, notes=notes))
    if mode is Mode.SNOOZED:
        return said(mode, False, True, Why(Lead.SNOOZED, notes=notes, until=state.until or now))
    if verdict.stop_job and holding_task:
        why = Why(Lead.WAITING, (verdict.stop_job,), notes)
        return said(mode, False, True, why, stop_job=verdict.stop_job)
    blocked = verdict.suspend + tuple(r for r in verdict.no_new_work if r not in verdict.suspend)
    if mode is Mode.FINISH_THEN_PAUSE:
        if not holding_task:
            return said(Mode.PAUSED, False, True, Why(Lead.PAUSED, notes=notes))
        if verdict.suspend:
            return said(mode, False, True, Why(Lead.WAITING_THEN_PAUSING, verdict.suspend, notes))
        return said(mode, False, False, Why(Lead.FINISHING, notes=notes))
    if verdict.suspend:
        return said(mode, False, True, Why(Lead.WAITING, blocked, notes))
    if verdict.no_new_work:
        lead = Lead.FINISHING_IN_HAND if holding_task else Lead.WAITING
        return said(mode, False, False, Why(lead, blocked, notes))
    return said(mode, True, False, Why(Lead.CONTRIBUTING, notes=notes))

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
what to do and why, in words the tray and `desktop-agent status` show.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

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
    """What the rules say right now. Empty tuples: nothing stands in the way."""

    no_new_work: tuple[str, ...] = ()  # reasons not to take a new task ("on a metered connection")
    suspend: tuple[str, ...] = ()  # reasons to suspend the task in hand ("on battery")
    stop_job: str | None = None  # stop the job and give the task back (memory rule, action "stop")
    notes: tuple[
        str, ...
    ] = ()  # things worth saying that stop nothing ("idle detection unavailable")

    @property
    def clear(self) -> bool:
        return not (self.no_new_work or self.suspend or self.stop_job)


ALL_CLEAR = Verdict()


@dataclass(frozen=True)
class Decision:
    mode: Mode
    may_take_work: bool
    must_suspend: bool
    reason: str  # the one sentence: why the agent is or is not working right now
    stop_job: str | None = None
    notes: tuple[str, ...] = field(default=())


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


def clock_words(epoch: float, now: float | None = None) -> str:
    """ "14:30", or "tomorrow 07:00", or "Mon 07:00" for the snooze's end."""
    now = time.time() if now is None else now
    end = datetime.fromtimestamp(epoch).astimezone()
    today = datetime.fromtimestamp(now).astimezone().date()
    hhmm = end.strftime("%H:%M")
    if end.date() == today:
        return hhmm
    if end.date() == today + timedelta(days=1):
        return f"tomorrow {hhmm}"
    return end.strftime("%a ") + hhmm


def _waiting(reasons: tuple[str, ...]) -> str:
    return "Waiting: " + "; ".join(reasons)


def decide(
    state: ModeState, verdict: Verdict, *, holding_task: bool, now: float | None = None
) -> Decision:
    """What the engine may do now, and the words for it."""
    now = time.time() if now is None else now
    mode = state.mode
    if mode is Mode.SNOOZED and state.until is not None and now >= state.until:
        mode = Mode.CONTRIBUTING  # the caller also switches its stored mode back
    notes = verdict.notes
    if mode is Mode.PAUSED:
        return Decision(mode, False, True, "Paused by you", notes=notes)
    if mode is Mode.SNOOZED:
        return Decision(
            mode, False, True, f"Snoozed until {clock_words(state.until or now, now)}", notes=notes
        )
    if verdict.stop_job and holding_task:
        return Decision(
            mode, False, True, _waiting((verdict.stop_job,)), stop_job=verdict.stop_job, notes=notes
        )
    blocked = verdict.suspend + tuple(r for r in verdict.no_new_work if r not in verdict.suspend)
    if mode is Mode.FINISH_THEN_PAUSE:
        if not holding_task:
            return Decision(Mode.PAUSED, False, True, "Paused by you", notes=notes)
        if verdict.suspend:
            return Decision(
                mode, False, True, _waiting(verdict.suspend) + " — then pausing", notes=notes
            )
        return Decision(mode, False, False, "Finishing the current task, then pausing", notes=notes)
    if verdict.suspend:
        return Decision(mode, False, True, _waiting(blocked), notes=notes)
    if verdict.no_new_work:
        reason = "Contributing — finishing the task in hand" if holding_task else _waiting(blocked)
        return Decision(mode, False, False, reason, notes=notes)
    reason = "Contributing" + ("".join(f" ({n})" for n in notes))
    return Decision(mode, True, False, reason, notes=notes)

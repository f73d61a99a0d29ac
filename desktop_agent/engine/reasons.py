"""Why the agent is or is not working, as data: what the rules and the modes say.

A rule gives a `Reason` (a `ReasonCode` plus the few numbers or names it depends on), the
mode decision (engine/modes.py) a `Why` (its `Lead` plus the reasons and notes behind it),
and the events carry the `Why` as it is. Every display words it for itself: the English
sentence of the CLI, the logs and the metrics is `sentence()` here, the only place that
writes it; the window words the same data in the volunteer's language (gui/status.py) and
never reads the English. A `value` is a name the person wrote (a program) or the platform's
own words (why idle detection is unavailable): shown as it is, never translated.

| code             | value                   | args                                  |
|------------------|-------------------------|---------------------------------------|
| COMPUTER_IN_USE  | —                       | idle, limit (minutes)                 |
| ON_BATTERY       | —                       | —                                     |
| OUTSIDE_SCHEDULE | —                       | day (0 = Monday), hour, minute of the next window; none: no window ahead |
| LOW_DISK         | —                       | free, needed (MB)                     |
| METERED          | —                       | —                                     |
| GPU_TOO_HOT      | —                       | celsius, resume_below (°C)            |
| CPU_TOO_HOT      | —                       | celsius, resume_below (°C)            |
| JOB_MEMORY       | —                       | share, limit (% of memory)            |
| NO_SANDBOX       | why no sandbox          | —                                     |
| FULLSCREEN       | —                       | —                                     |
| PROGRAM_RUNNING  | the program's name      | —                                     |
| MONTHLY_LIMIT    | —                       | limit (bytes), day, month (1-12) work resumes on |
| IDLE_UNKNOWN     | why (note)              | —                                     |
| CPU_TEMP_UNKNOWN | why (note)              | —                                     |
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

MIB = 1024 * 1024
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

Number = int | float


class ReasonCode(StrEnum):
    """What a rule says (see the table above for each one's value and args)."""

    COMPUTER_IN_USE = "computer_in_use"
    ON_BATTERY = "on_battery"
    OUTSIDE_SCHEDULE = "outside_schedule"
    LOW_DISK = "low_disk"
    METERED = "metered"
    GPU_TOO_HOT = "gpu_too_hot"
    CPU_TOO_HOT = "cpu_too_hot"
    JOB_MEMORY = "job_memory"
    NO_SANDBOX = "no_sandbox"
    FULLSCREEN = "fullscreen"
    PROGRAM_RUNNING = "program_running"
    MONTHLY_LIMIT = "monthly_limit"
    IDLE_UNKNOWN = "idle_unknown"
    CPU_TEMP_UNKNOWN = "cpu_temp_unknown"


class Lead(StrEnum):
    """What a decision says first; its reasons and notes follow (`Why`)."""

    PAUSED = "paused"  # "Paused by you"
    SNOOZED = "snoozed"  # "Snoozed until 14:30" (Why.until)
    FINISHING = "finishing"  # "Finishing the current task, then pausing"
    WAITING = "waiting"  # "Waiting: on battery; Steam is running"
    WAITING_THEN_PAUSING = "waiting_then_pausing"  # "Waiting: on battery — then pausing"
    FINISHING_IN_HAND = "finishing_in_hand"  # "Contributing — finishing the task in hand"
    CONTRIBUTING = "contributing"  # "Contributing", then each note in brackets


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    value: str | None = None  # a name or the platform's words, shown as they are
    args: tuple[
        tuple[str, Number], ...
    ] = ()  # the numbers, by name (sorted: equal reasons compare equal)

    @classmethod
    def of(cls, code: ReasonCode, value: str | None = None, **args: Number) -> Reason:
        """A reason; a whole float is kept as an int, so it reads "5", not "5.0"."""
        clean = {
            k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in args.items()
        }
        return cls(code, value, tuple(sorted(clean.items())))

    @property
    def kw(self) -> dict[str, Number]:
        return dict(self.args)


@dataclass(frozen=True)
class Why:
    """A decision's why: its lead, the reasons that hold work back, and notes that stop nothing."""

    lead: Lead
    reasons: tuple[Reason, ...] = ()
    notes: tuple[Reason, ...] = ()
    until: float | None = None  # epoch seconds a snooze ends (Lead.SNOOZED)


# --- English: the CLI's, the logs' and the metrics' words ---------------------------------

ENGLISH: dict[ReasonCode, str] = {
    ReasonCode.COMPUTER_IN_USE: "computer in use (idle {idle} of {limit} min)",
    ReasonCode.ON_BATTERY: "on battery",
    ReasonCode.OUTSIDE_SCHEDULE: "outside the schedule",
    ReasonCode.LOW_DISK: "low disk space ({free} MB free, {needed} MB needed)",
    ReasonCode.METERED: "on a metered connection",
    ReasonCode.GPU_TOO_HOT: "GPU too hot ({celsius} °C; resumes below {resume_below} °C)",
    ReasonCode.CPU_TOO_HOT: "CPU too hot ({celsius} °C; resumes below {resume_below} °C)",
    ReasonCode.JOB_MEMORY: "the job uses {share} % of memory (limit {limit} %)",
    ReasonCode.NO_SANDBOX: "jobs cannot be sandboxed here ({value}) and unsandboxed jobs are not"
    " allowed — install bubblewrap, or allow unsandboxed jobs",
    ReasonCode.FULLSCREEN: "a full-screen app is in front",
    ReasonCode.PROGRAM_RUNNING: "{value} is running",
    ReasonCode.MONTHLY_LIMIT: "this month's transfer limit ({limit}) is used up — work resumes on {day}",
    ReasonCode.IDLE_UNKNOWN: '{value} — "only when idle" cannot apply',
    ReasonCode.CPU_TEMP_UNKNOWN: "CPU temperature unknown ({value}) — the CPU temperature limit"
    " cannot apply",
}


def size_words(n_bytes: float) -> str:
    """ "5 GB", "1.2 GB", "300 MB", "12 KB" (binary units, as the settings use)."""
    if n_bytes >= 1024 * MIB:
        value, unit = n_bytes / (1024 * MIB), "GB"
    elif n_bytes >= MIB:
        value, unit = n_bytes / MIB, "MB"
    else:
        value, unit = n_bytes / 1024, "KB"
    return f"{size_number(value)}\u00a0{unit}"


def size_number(value: float) -> str:
    """ "5", "1.2", "300": a size's number as every display writes it."""
    return f"{value:.0f}" if value >= 100 or value == int(value) else f"{value:.1f}"


def day_words(day: date) -> str:
    """ "1 January": the day a limit resets."""
    return f"{day.day} {MONTHS[day.month - 1]}"


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
    return f"{WEEKDAYS[end.weekday()]} {hhmm}"


def words(reason: Reason) -> str:
    """One reason in English ("on battery", "Steam is running")."""
    kw: dict[str, object] = {**reason.kw, "value": reason.value or ""}
    code = reason.code
    if code is ReasonCode.MONTHLY_LIMIT:
        kw["limit"] = size_words(reason.kw.get("limit", 0))
        kw["day"] = f"{reason.kw.get('day', 1)} {MONTHS[int(reason.kw.get('month', 1)) - 1]}"
    text = ENGLISH[code].format(**kw)
    if code is ReasonCode.OUTSIDE_SCHEDULE and "day" in reason.kw:
        a = reason.kw
        text += f" (until {WEEKDAYS[int(a['day'])]} {int(a['hour']):02d}:{int(a['minute']):02d})"
    return text


def sentence(why: Why, now: float | None = None) -> str:
    """The decision in one English sentence ("Waiting: on battery", "Snoozed until 14:30")."""
    said = "; ".join(words(r) for r in why.reasons)
    if why.lead is Lead.PAUSED:
        return "Paused by you"
    if why.lead is Lead.SNOOZED:
        now = time.time() if now is None else now
        return f"Snoozed until {clock_words(why.until if why.until is not None else now, now)}"
    if why.lead is Lead.FINISHING:
        return "Finishing the current task, then pausing"
    if why.lead is Lead.WAITING:
        return f"Waiting: {said}"
    if why.lead is Lead.WAITING_THEN_PAUSING:
        return f"Waiting: {said} — then pausing"
    if why.lead is Lead.FINISHING_IN_HAND:
        return "Contributing — finishing the task in hand"
    return "Contributing" + "".join(f" ({words(n)})" for n in why.notes)

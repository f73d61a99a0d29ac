"""The engine's reasons in the volunteer's language: the one wording of engine/reasons.py.

The engine says why it waits as data (a `ReasonCode` and its numbers, `Reason`); this is the
only place the window turns that into words, each through the catalogue, so a German window
says "im Akkubetrieb" where the CLI says "on battery". Nothing here reads the engine's English
sentence. A program's name and the platform's own words (`Reason.value`) go in as they are.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QTime

from desktop_agent.engine.reasons import Reason, ReasonCode as Code
from desktop_agent.gui.units import size_text, with_unit

# What each rule says, in the app's language: the one wording of engine/reasons.py's codes.
REASON_WORDS = {
    Code.COMPUTER_IN_USE: QT_TRANSLATE_NOOP(
        "Reasons", "computer in use (idle {idle} of {limit} min)"
    ),
    Code.ON_BATTERY: QT_TRANSLATE_NOOP("Reasons", "on battery"),
    Code.OUTSIDE_SCHEDULE: QT_TRANSLATE_NOOP("Reasons", "outside the schedule"),
    Code.LOW_DISK: QT_TRANSLATE_NOOP("Reasons", "low disk space ({free} free, {needed} needed)"),
    Code.METERED: QT_TRANSLATE_NOOP("Reasons", "on a metered connection"),
    Code.GPU_TOO_HOT: QT_TRANSLATE_NOOP(
        "Reasons", "GPU too hot ({celsius} °C; resumes below {resume_below} °C)"
    ),
    Code.CPU_TOO_HOT: QT_TRANSLATE_NOOP(
        "Reasons", "CPU too hot ({celsius} °C; resumes below {resume_below} °C)"
    ),
    Code.JOB_MEMORY: QT_TRANSLATE_NOOP(
        "Reasons", "the job uses {share} % of memory (limit {limit} %)"
    ),
    Code.NO_SANDBOX: QT_TRANSLATE_NOOP(
        "Reasons",
        "jobs cannot be sandboxed here ({why}) and unsandboxed jobs are not allowed — install "
        "bubblewrap, or allow unsandboxed jobs",
    ),
    Code.FULLSCREEN: QT_TRANSLATE_NOOP("Reasons", "a full-screen app is in front"),
    Code.PROGRAM_RUNNING: QT_TRANSLATE_NOOP("Reasons", "{program} is running"),
    Code.MONTHLY_LIMIT: QT_TRANSLATE_NOOP(
        "Reasons", "this month's transfer limit ({limit}) is used up — work resumes on {day}"
    ),
    Code.IDLE_UNKNOWN: QT_TRANSLATE_NOOP("Reasons", '{why} — "only when idle" cannot apply'),
    Code.CPU_TEMP_UNKNOWN: QT_TRANSLATE_NOOP(
        "Reasons", "CPU temperature unknown ({why}) — the CPU temperature limit cannot apply"
    ),
}


def _translated(text: str) -> str:
    """A string marked for the catalogue elsewhere (QT_TRANSLATE_NOOP), in the app's language."""
    return QCoreApplication.translate("Reasons", text)


def _clock(hour: int, minute: int) -> str:
    return QLocale().toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)


def until_words(epoch: float, now: float | None = None) -> str:
    """ "14:30", "tomorrow 07:00", "Mon 07:00": when a snooze ends, in the app's language."""
    end = datetime.fromtimestamp(epoch)
    today = datetime.fromtimestamp(time.time() if now is None else now).date()
    clock = _clock(end.hour, end.minute)
    if end.date() == today:
        return clock
    if end.date() == today + timedelta(days=1):
        return QCoreApplication.translate("Reasons", "tomorrow {time}").format(time=clock)
    return f"{QLocale().dayName(end.isoweekday(), QLocale.FormatType.ShortFormat)} {clock}"


def reasons_words(reasons: tuple[Reason, ...]) -> str:
    """Several reasons in one line ("on battery; Steam is running")."""
    return QCoreApplication.translate("Reasons", "; ").join(reason_words(r) for r in reasons)


def reason_words(reason: Reason) -> str:
    """One reason of the engine's in the app's language ("on battery", "Steam is running").

    Built from the reason's code and numbers only; a name or the platform's words (`value`)
    are put in as they are."""
    a = reason.kw
    value = reason.value or ""
    text = _translated(str(REASON_WORDS.get(reason.code, reason.code.value)))
    if reason.code is Code.OUTSIDE_SCHEDULE and "day" in a:
        day = QLocale().dayName(int(a["day"]) + 1, QLocale.FormatType.ShortFormat)
        when = f"{day} {_clock(int(a['hour']), int(a['minute']))}"
        return QCoreApplication.translate("Reasons", "outside the schedule (until {when})").format(
            when=when
        )
    if reason.code is Code.LOW_DISK:
        return text.format(
            free=with_unit(str(a.get("free", 0)), "MB"),
            needed=with_unit(str(a.get("needed", 0)), "MB"),
        )
    if reason.code is Code.MONTHLY_LIMIT:
        resumes = QDate(date.today().year, int(a.get("month", 1)), int(a.get("day", 1)))
        return text.format(
            limit=size_text(a.get("limit", 0)),
            # the catalogue says how a day is written: "1 January", "1. Januar", "1月1日"
            day=QLocale().toString(resumes, QCoreApplication.translate("Reasons", "d MMMM")),
        )
    return text.format(**a, why=value, program=value)

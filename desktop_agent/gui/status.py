"""The one status sentence: what the app is doing, written from the engine's state alone.

The window's headline, the tray's first menu line and the tray tooltip all come
from `describe()`, so they cannot disagree: finishing a task before a pause is
never called "Contributing" beside a Resume button, a pause never promises that
new work is picked up, an outage never shows a moving upload bar, and the
percentage is computed once. `describe()` is pure (a `Snapshot` in, a `Status`
out); `TaskStatus` builds the snapshot from the engine's events.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_agent.engine.events import AgentState, Outcome, Phase
from desktop_agent.engine.reasons import Lead, Reason, ReasonCode as Code, Why
from desktop_agent.gui.reason_words import reasons_words, until_words

SERVER_NAME = "Grid-X"
# Phases after the result exists: an outage here means "saved, sent later", not lost work.
RESULT_PHASES = (Phase.UPLOADING, Phase.COMPLETING)


@dataclass(frozen=True)
class Snapshot:
    """What the engine last said, reduced to what the status words depend on."""

    state: AgentState = AgentState.STARTING
    mode: str = ""  # "contributing", "paused", "snoozed", "finish_then_pause"; "" from old engines
    why: Why | None = None  # the engine's why, as data (engine/reasons.py); None from old engines
    detail: str = ""
    task_id: int | None = None
    job_title: str = ""  # what the server calls the job ("" until known)
    phase: Phase | None = None
    fraction: float | None = None
    eta_s: float | None = None  # None until the progress so far makes a guess meaningful
    unreachable: bool = False  # the server has not answered for a while
    retry_in_s: float | None = None  # the next try at the server, when the engine said
    stopping: bool = False
    hold_limit_s: float = 1800.0  # a task held paused longer than this is given back


@dataclass(frozen=True)
class Status:
    headline: str  # the one sentence
    explanation: str = ""  # why, or what happens next; "" when the headline says it all
    progress: str = ""  # "Training · 42 %"; "" without a task
    percent: int | None = None  # the one percentage (the bar shows the same); None: unknown
    busy: bool = False  # a task is moving but cannot say how far (busy bar)
    eta: str = ""  # "about 5 min"; "" until meaningful
    outage: str = ""  # the reassuring outage sentence, with the next try
    paused_by_user: bool = False  # the control offers Resume
    control_reason: str = ""  # "snoozed until 14:30": said beside Resume
    can_control: bool = True

    def control_text(self) -> str:
        return (
            QCoreApplication.translate("Status", "Resume")
            if self.paused_by_user
            else QCoreApplication.translate("Status", "Pause")
        )

    def task_line(self) -> str:
        """ "Training · 42 % · about 5 min left"; "" without a task."""
        left = (
            QCoreApplication.translate("Status", "{eta} left").format(eta=self.eta)
            if self.eta
            else ""
        )
        return " · ".join(p for p in (self.progress, left) if p)

    def tooltip(self, app_name: str) -> str:
        lines = [f"{app_name} — {self.headline}"]
        if self.task_line():
            lines.append(self.task_line())
        elif self.explanation:
            lines.append(self.explanation)
        if self.outage:
            lines.append(self.outage)
        return "\n".join(lines)


def phase_words(phase: Phase) -> str:
    return {
        Phase.DOWNLOADING: QCoreApplication.translate("Status", "Downloading"),
        Phase.PREPARING: QCoreApplication.translate("Status", "Preparing environment"),
        Phase.TRAINING: QCoreApplication.translate("Status", "Training"),
        Phase.UPLOADING: QCoreApplication.translate("Status", "Sending the result"),
        Phase.COMPLETING: QCoreApplication.translate("Status", "Reporting to the server"),
    }.get(phase, str(phase.value))


# How a task ended, one wording for every place that says it: lower case, so it reads inside
# "Last task: 8 — {outcome} after 5 s"; `outcome_title` starts it with a capital for a column.
# Module level, so marked for the catalogue and translated where shown.
OUTCOME_WORDS = {
    "": QT_TRANSLATE_NOOP("Status", "in progress"),
    Outcome.COMPLETED.value: QT_TRANSLATE_NOOP("Status", "completed"),
    Outcome.FAILED.value: QT_TRANSLATE_NOOP("Status", "the job's code failed"),
    Outcome.REJECTED.value: QT_TRANSLATE_NOOP("Status", "not accepted by the server"),
    Outcome.RELEASED.value: QT_TRANSLATE_NOOP("Status", "given back for someone else"),
    Outcome.CANCELLED.value: QT_TRANSLATE_NOOP("Status", "stopped and not sent"),
}


def outcome_words(value: object) -> str:
    """A task's stored outcome (or phase) in the app's language; a value it does not know, as is."""
    text = str(getattr(value, "value", value) or "")
    if text in OUTCOME_WORDS:
        return QCoreApplication.translate("Status", str(OUTCOME_WORDS[text]))
    if text in {p.value for p in Phase}:
        return phase_words(Phase(text))
    return text


def outcome_title(value: object) -> str:
    """`outcome_words` starting with a capital, for a table cell or a field of its own."""
    words = outcome_words(value)
    return words[:1].upper() + words[1:]


def percent_of(fraction: float | None) -> int | None:
    if fraction is None:
        return None
    return round(min(max(fraction, 0.0), 1.0) * 100)


NBSP = "\u00a0"  # keeps "40 s" and "5 min" on one line


def eta_words(seconds: float | None) -> str:
    """ "about 5 min"; never "about 0 s": the last minute is "less than a minute"."""
    if seconds is None:
        return ""
    if seconds < 60:
        return QCoreApplication.translate("Status", "less than a minute")
    minutes = round(seconds / 60)
    if minutes < 60:
        return (
            QCoreApplication.translate("Status", "about {n} min")
            .format(n=minutes)
            .replace(" min", NBSP + "min")
        )
    h, m = divmod(minutes, 60)
    return (
        QCoreApplication.translate("Status", "about {h} h {m:02d} min")
        .format(h=h, m=m)
        .replace(" h ", NBSP + "h ")
    )


def outage_words(*, holding_result: bool, retry_in_s: float | None) -> str:
    text = (
        QCoreApplication.translate(
            "Status",
            "The {server} server isn't answering — your result is saved and will be sent automatically.",
        )
        if holding_result
        else QCoreApplication.translate(
            "Status",
            "The {server} server isn't answering — nothing is lost; it is tried again automatically.",
        )
    ).format(server=SERVER_NAME)
    if retry_in_s is not None:
        if retry_in_s >= 1:
            text += " " + QCoreApplication.translate("Status", "Next try in {n} s.").format(
                n=round(retry_in_s)
            ).replace(" s.", NBSP + "s.")
        else:
            text += " " + QCoreApplication.translate("Status", "Trying again now…")
    return text


def _minutes(seconds: float) -> int:
    return max(1, round(seconds / 60))


def _on_hold_words(s: Snapshot) -> str:
    return QCoreApplication.translate(
        "Status",
        "The task is on hold. A task paused for more than {n} min is given back so someone else can finish it.",
    ).format(n=_minutes(s.hold_limit_s))


def _waiting_headline(reasons: tuple[Reason, ...]) -> str:
    """ "Waiting: on battery"; a program rule alone reads "Paused while Steam is running"."""
    if len(reasons) == 1 and reasons[0].code is Code.PROGRAM_RUNNING:
        return QCoreApplication.translate("Status", "Paused while {program} is running").format(
            program=reasons[0].value or ""
        )
    return QCoreApplication.translate("Status", "Waiting: {why}").format(why=reasons_words(reasons))


def _waiting(why: Why | None) -> tuple[Reason, ...]:
    """What holds the work back, when the engine says it waits for something."""
    if why is None or why.lead not in (Lead.WAITING, Lead.WAITING_THEN_PAUSING):
        return ()
    return why.reasons


def _rule_notes(why: Why | None) -> str:
    """What the rules say that stops nothing ("CPU temperature unknown (…) — …")."""
    return reasons_words(why.notes) if why is not None else ""


def describe(s: Snapshot) -> Status:
    """The status a volunteer sees, from the engine's state only (pure)."""
    has_task = s.task_id is not None
    holding_result = has_task and s.phase in RESULT_PHASES
    suspended = s.state == AgentState.PAUSED and has_task
    mode = s.mode or ("paused" if s.state == AgentState.PAUSED and not has_task else "")
    user_paused = mode in ("paused", "snoozed", "finish_then_pause")

    # The task's progress: one percentage; none while it is frozen by an outage.
    progress, percent, busy, eta = "", None, False, ""
    if has_task:
        if s.unreachable and holding_result:
            progress = QCoreApplication.translate("Status", "Waiting for the server")
        elif s.phase is None:
            progress, busy = QCoreApplication.translate("Status", "Starting"), not suspended
        else:
            percent = percent_of(s.fraction)
            progress = phase_words(s.phase)
            if percent is not None:
                progress += f" · {percent}{NBSP}%"
            busy = percent is None and not suspended
        if (
            s.state == AgentState.WORKING
            and s.phase == Phase.TRAINING
            and not (s.unreachable and holding_result)
        ):
            eta = eta_words(s.eta_s)
    outage = (
        outage_words(holding_result=holding_result, retry_in_s=s.retry_in_s)
        if s.unreachable
        else ""
    )
    base = dict(progress=progress, percent=percent, busy=busy, eta=eta, outage=outage)

    def status(headline: str, explanation: str = "", **kw: object) -> Status:
        fields: dict = {
            **base,
            "paused_by_user": user_paused,
            "control_reason": "",
            "can_control": True,
        }
        fields.update(kw)
        return Status(headline, explanation, **fields)

    if s.stopping or s.state == AgentState.STOPPING:
        return status(
            QCoreApplication.translate("Status", "Stopping…"),
            QCoreApplication.translate(
                "Status", "The task in hand is kept and continues next time."
            )
            if has_task
            else "",
            can_control=False,
            eta="",
            busy=False,
        )
    if s.state == AgentState.STOPPED:
        detail = s.detail if s.detail and s.detail != "Stopped" else ""
        return Status(QCoreApplication.translate("Status", "Stopped"), detail, can_control=False)
    if s.state == AgentState.SETUP_NEEDED:
        return Status(
            QCoreApplication.translate("Status", "Needs setup"), s.detail, can_control=False
        )
    if s.state == AgentState.STARTING:
        return status(QCoreApplication.translate("Status", "Starting…"))
    if s.state == AgentState.CONNECTING:
        if s.unreachable:
            return status(
                QCoreApplication.translate("Status", "Can't reach the {server} server yet").format(
                    server=SERVER_NAME
                ),
                QCoreApplication.translate("Status", "It is tried again automatically."),
            )
        return status(QCoreApplication.translate("Status", "Connecting to the server…"))
    if s.state == AgentState.RELEASING:
        return status(
            QCoreApplication.translate("Status", "Giving a task back to the server…"),
            QCoreApplication.translate(
                "Status", "Resting a few minutes so the server can hand it to someone else."
            ),
        )

    if mode == "paused":
        return status(
            QCoreApplication.translate("Status", "Paused by you"),
            _on_hold_words(s)
            if has_task
            else QCoreApplication.translate("Status", "Nothing runs until you resume."),
            control_reason=QCoreApplication.translate("Status", "paused by you"),
        )
    if mode == "snoozed":
        until = s.why.until if s.why is not None else None
        reason = (
            QCoreApplication.translate("Status", "Snoozed until {when}").format(
                when=until_words(until)
            )
            if until is not None
            else QCoreApplication.translate("Status", "Snoozed")
        )
        more = QCoreApplication.translate("Status", "Contributing starts again by itself.")
        if has_task:
            more += " " + _on_hold_words(s)
        return status(reason, more, control_reason=reason[:1].lower() + reason[1:])
    if mode == "finish_then_pause":
        if not has_task:
            return status(
                QCoreApplication.translate("Status", "Paused by you"),
                QCoreApplication.translate("Status", "Nothing runs until you resume."),
                control_reason=QCoreApplication.translate("Status", "paused by you"),
            )
        held = reasons_words(_waiting(s.why)) if suspended else ""
        return status(
            QCoreApplication.translate("Status", "Finishing this task, then pausing"),
            QCoreApplication.translate("Status", "On hold for now: {why}").format(why=held)
            if held
            else QCoreApplication.translate("Status", "No new task is taken."),
            control_reason=QCoreApplication.translate(
                "Status", "keep contributing after this task"
            ),
        )

    # Contributing: the rules decide; the user may pause.
    if has_task:
        if suspended:
            why = _waiting(s.why)
            return status(
                _waiting_headline(why)
                if why
                else QCoreApplication.translate("Status", "Task on hold"),
                QCoreApplication.translate(
                    "Status", "The task continues by itself when that changes."
                ),
            )
        if s.unreachable and holding_result:
            return status(
                QCoreApplication.translate(
                    "Status", "Your result is ready — waiting for the server"
                )
            )
        if s.job_title:
            return status(
                QCoreApplication.translate("Status", "Working on “{title}”").format(
                    title=s.job_title
                ),
                _rule_notes(s.why),
            )
        return status(QCoreApplication.translate("Status", "Working on a task"), _rule_notes(s.why))
    if s.unreachable or "unreachable" in s.detail.lower():
        return status(
            QCoreApplication.translate("Status", "The {server} server isn't answering").format(
                server=SERVER_NAME
            )
        )
    waiting = _waiting(s.why)
    if any(r.code is Code.MONTHLY_LIMIT for r in waiting):  # a limit the volunteer chose
        return status(
            QCoreApplication.translate("Status", "Paused: {why}").format(
                why=reasons_words(waiting)
            ),
            QCoreApplication.translate(
                "Status",
                "A result already in hand is still sent; the limit can be changed in Settings.",
            ),
        )
    if waiting:
        return status(
            _waiting_headline(waiting),
            QCoreApplication.translate("Status", "Work starts by itself when that changes."),
        )
    more = QCoreApplication.translate("Status", "New work is picked up automatically.")
    notes = _rule_notes(s.why)
    return status(
        QCoreApplication.translate("Status", "Ready — waiting for work"),
        f"{more} {notes}" if notes else more,
    )

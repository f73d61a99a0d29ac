"""A task's recorded problem, in a volunteer's words.

The store keeps the engine's own error text (with the API path and the
server's detail, useful in the log and in diagnostics). A person reading the
task's details gets a sentence in the app's language instead: what happened
and whether anything is wrong with their computer. Each engine wording is
matched here (`_released_words`, `_job_words`); what the job itself printed
(the last lines of its output, a download's address) goes into the sentence as
it is, and a text nothing here knows passes through unchanged, shown as plain
text.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

_API = re.compile(r"^/agent/(?P<call>[a-z_]+): (?P<rest>.*)$", re.DOTALL)
_HELD = re.compile(r"held paused for more than (?P<n>\d+) min")


def _api_words(call: str, rest: str) -> str:
    low = rest.lower()
    if "not assigned" in low or "not found" in low or "no longer" in low:
        return QCoreApplication.translate(
            "ErrorWords",
            "The server had already handed this task to someone else, so this result was not "
            "needed. Nothing is wrong with your computer.",
        )
    if "server error" in low or "server busy" in low or "http 5" in low:
        return _server_trouble()
    if any(w in low for w in ("connection broke", "no answer arrived", "in full", "timeout")):
        return QCoreApplication.translate(
            "ErrorWords", "The connection to the server broke; it was tried again automatically."
        )
    if call == "upload_result":
        return QCoreApplication.translate("ErrorWords", "The server did not accept the result.")
    if call == "complete_task":
        return QCoreApplication.translate(
            "ErrorWords", "The server did not accept the report that this task was finished."
        )
    return QCoreApplication.translate(
        "ErrorWords", "The server gave an answer this app could not use."
    )


_MEMORY_RULE = re.compile(r"^the job uses (?P<share>\d+) % of memory \(limit (?P<limit>\d+) %\)$")
_EXITED = re.compile(r"^train\.py exited with code (?P<code>-?\d+)(?:: (?P<tail>.*))?$", re.DOTALL)
_TIMED_OUT = re.compile(r"^train\.py ran past the (?P<s>\d+) s limit and was stopped")
_OOM = re.compile(r"^train\.py used more than (?P<mb>\d+) MB of memory")
_TOO_BIG = re.compile(
    r"^model\.pth is (?P<size>\d+) MB, more than the (?P<quota>\d+) MB disk quota"
)
_ANSWERED = re.compile(r"^the server answered (?P<status>\d+) to /")


def _released_words(reason: str) -> str:
    """Why a task was given back, from the engine's reason after "released: "."""
    held = _HELD.search(reason)
    if held:
        return QCoreApplication.translate(
            "ErrorWords",
            "Given back to the server after it was paused for more than {n} min, so someone "
            "else could finish it.",
        ).format(n=held.group("n"))
    memory = _MEMORY_RULE.match(reason)
    if memory:
        from desktop_agent.engine.reasons import Reason, ReasonCode
        from desktop_agent.gui.reason_words import reason_words

        rule = Reason.of(
            ReasonCode.JOB_MEMORY, share=int(memory["share"]), limit=int(memory["limit"])
        )
        why = reason_words(rule)
    elif reason == "completion unconfirmed":
        why = QCoreApplication.translate(
            "ErrorWords", "the server did not confirm that it had the finished task"
        )
    elif reason.startswith("the disk holding the work folder filled up again"):
        why = QCoreApplication.translate(
            "ErrorWords", "the disk filled up again while this task ran"
        )
    elif reason.startswith("the disk holding the agent's work folder is full"):
        why = QCoreApplication.translate(
            "ErrorWords", "the disk holding the app's work folder is full"
        )
    elif reason.startswith("Can't reach the server"):
        why = QCoreApplication.translate(
            "ErrorWords", "the server could not be reached for a long time"
        )
    elif _API.match(reason) or _ANSWERED.match(reason):
        api = _API.match(reason)
        why = _api_words(api["call"], api["rest"]) if api else _server_trouble()
    else:
        why = reason or QCoreApplication.translate("ErrorWords", "not said")
    return QCoreApplication.translate(
        "ErrorWords", "Given back to the server so someone else can finish it. Why: {why}"
    ).format(why=why)


def _server_trouble() -> str:
    return QCoreApplication.translate(
        "ErrorWords", "The server had a problem of its own; it was tried again automatically."
    )


def _job_words(text: str) -> str | None:
    """The engine's words about a job that failed here, or None for a text it did not write."""
    if m := _EXITED.match(text):
        words = QCoreApplication.translate(
            "ErrorWords", "The job's script stopped with an error (exit code {code})."
        )
        words = words.format(code=m["code"])
        if tail := (m["tail"] or "").strip():
            words += " " + QCoreApplication.translate(
                "ErrorWords", "Its last lines: {lines}"
            ).format(lines=tail)
        return words
    if m := _TIMED_OUT.match(text):
        return QCoreApplication.translate(
            "ErrorWords", "The job's script ran past its time limit ({s} s) and was stopped."
        ).format(s=m["s"])
    if m := _OOM.match(text):
        return QCoreApplication.translate(
            "ErrorWords", "The job's script used more than {mb} MB of memory and was stopped."
        ).format(mb=m["mb"])
    if m := _TOO_BIG.match(text):
        return QCoreApplication.translate(
            "ErrorWords",
            "The job's result ({size} MB) is larger than the {quota} MB allowed, so it was not "
            "sent.",
        ).format(size=m["size"], quota=m["quota"])
    if text.startswith("train.py finished but wrote no model.pth"):
        return QCoreApplication.translate(
            "ErrorWords", "The job's script finished without writing its result."
        )
    if text.startswith("model.pth is a hard link") or text.startswith("model.pth is a symbolic"):
        return QCoreApplication.translate(
            "ErrorWords", "The job's result pointed at another file, so it was not sent."
        )
    if text.startswith("the server or machine id changed"):
        return QCoreApplication.translate(
            "ErrorWords",
            "This app was connected to another server or account before the task finished.",
        )
    return None


def plain_error(error: str | None) -> str:
    """The sentence to show for a task's stored error ("" for none)."""
    text = (error or "").strip()
    if not text:
        return ""
    if text.startswith("released"):
        reason = text.removeprefix("released").lstrip(": ").strip()
        return _released_words(reason.removeprefix("released:").strip())
    api = _API.match(text)
    if api:
        return _api_words(api.group("call"), api.group("rest"))
    words = _job_words(text)
    return words if words is not None else text


def problem_words(kind: object, message: str) -> str:
    """A raised problem as the window and tray say it: the engine's text, minus protocol detail."""
    from desktop_agent.engine.events import ProblemKind

    if kind == ProblemKind.SERVER_ERROR:
        return QCoreApplication.translate(
            "ErrorWords",
            "The server gave an answer this app could not use; it is tried again automatically.",
        )
    if kind == ProblemKind.EMAIL_UNKNOWN:
        return QCoreApplication.translate(
            "ErrorWords",
            "This email has no account yet — create one on the project's website, then choose "
            "Set up again.",
        )
    return plain_error(message)

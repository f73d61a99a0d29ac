"""A task's recorded problem, in a volunteer's words.

The store keeps the engine's own error text (with the API path and the
server's detail, useful in the log and in diagnostics). A person reading the
task's details gets a sentence instead: what happened and whether anything is
wrong with their computer. Unknown texts from the job itself (a script's
error) pass through unchanged; they are the job's words, shown as plain text.
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
        return QCoreApplication.translate(
            "ErrorWords", "The server had a problem of its own; it was tried again automatically."
        )
    if "connection broke" in low or "no answer arrived" in low or "timeout" in low:
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


def plain_error(error: str | None) -> str:
    """The sentence to show for a task's stored error ("" for none)."""
    text = (error or "").strip()
    if not text:
        return ""
    if text.startswith("released"):
        reason = text.removeprefix("released").lstrip(": ").strip()
        held = _HELD.search(reason)
        if held:
            return QCoreApplication.translate(
                "ErrorWords",
                "Given back to the server after it was paused for more than {n} min, so someone "
                "else could finish it.",
            ).format(n=held.group("n"))
        reason = reason.removeprefix("released:").strip()
        api = _API.match(reason)
        if api:
            reason = _api_words(api.group("call"), api.group("rest"))
        return QCoreApplication.translate(
            "ErrorWords", "Given back to the server so someone else can finish it. Why: {why}"
        ).format(why=reason or QCoreApplication.translate("ErrorWords", "not said"))
    api = _API.match(text)
    if api:
        return _api_words(api.group("call"), api.group("rest"))
    return text


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

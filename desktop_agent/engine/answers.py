"""What an HTTP status means for the agent: one table used by every call it makes.

Every request the agent sends (the `/agent/*` calls and the job's file downloads) sorts the
server's status into one of three answers, so that "which codes end a task and which are tried
again" is decided here and nowhere else:

- `RETRY`: the server is busy or broken right now (408, 425, 429, every 5xx); the same request
  may work later, so the caller backs off and sends it again.
- `ENDS_TASK`: the server understood the request and refused it for good (every other 4xx: 400,
  404 gone, 409 conflict, 410, 413 too large, 422 invalid, ...). Sending the same request again
  gets the same refusal, so the task ends and the refusal is recorded in the person's words.
- `UNEXPECTED`: an answer the API never gives (1xx, a 3xx where no redirect is followed); a
  server fault, retried with backoff like `RETRY`, but reported as a protocol problem.
"""

from __future__ import annotations

import enum


class Answer(enum.Enum):
    OK = "ok"
    RETRY = "retry"
    ENDS_TASK = "ends_task"
    UNEXPECTED = "unexpected"


RETRIED_4XX = frozenset({408, 425, 429})
"""The 4xx codes that mean "not now" rather than "never": request timeout, too early, too many."""

WORDS = {
    400: "refused as a bad request",
    401: "refused: not authorised",
    403: "refused: forbidden",
    404: "not found",
    405: "refused: method not allowed",
    409: "refused: it conflicts with the server's state",
    410: "gone",
    413: "refused as too large",
    415: "refused: unsupported format",
    422: "refused as invalid",
    429: "busy (too many requests)",
}
"""How a status reads in a message a person sees."""


def classify(status: int) -> Answer:
    """The agent's answer to an HTTP status (see the module docstring)."""
    if 200 <= status < 300:
        return Answer.OK
    if status in RETRIED_4XX or 500 <= status < 600:
        return Answer.RETRY
    if 400 <= status < 500:
        return Answer.ENDS_TASK
    return Answer.UNEXPECTED


def meaning(status: int) -> str:
    """ "refused as too large": the status in words."""
    if 500 <= status < 600:
        return "failed with a server error"
    return WORDS.get(status, "refused")


def words(status: int) -> str:
    """ "refused as too large (HTTP 413)": the status in words, with the number for support."""
    return f"{meaning(status)} (HTTP {status})"

"""Errors the engine raises, split by who can fix them.

`HostFault`s are this machine's or the network's problem and are retried;
`JobFault`s are the job's own problem and end the task as failed.
"""

from __future__ import annotations


class AgentError(Exception):
    """Base class; `str(err)` is a sentence a person can act on."""


# --- talking to the server -------------------------------------------------


class ApiError(AgentError):
    def __init__(self, message: str, *, status: int | None = None, detail: str | None = None):
        super().__init__(message)
        self.status = status
        self.detail = detail


# What a volunteer reads when the server knows no account for the email (CLI, setup dialog,
# tray problem). The server lower-cases the email it is given but matches it exactly against
# the stored one, and the website stores it as typed: an account with capitals before the @ can
# never link, and only the project's operator (or a new, lower-case sign-up) can fix that.
EMAIL_UNKNOWN_MESSAGE = (
    "This email has no account yet — register on the website first. Already registered? If the "
    "address you signed up with has capital letters before the @, the server can never match it: "
    "ask the project to change your account's email to lower case, or sign up again with the "
    "address all in lower case."
)


class EmailNotFound(ApiError):
    """404 "Owner email not found" on register: the owner must sign up first."""


class NotThisServer(ApiError):
    """Something answers at the address, but not this API (404/405/501 on register, a web page):
    retrying cannot help; the address is wrong."""


def not_this_server_words(server: str, what: str) -> str:
    return (
        f"The server at {server} answered, but it does not look like a Grid-X server ({what}) "
        "— check the server address"
    )


class AgentNotRegistered(ApiError):
    """404 "Agent not registered" on heartbeat: the server forgot us; register again."""


class TaskRejected(ApiError):
    """400/404 on complete/upload: the task is no longer ours (re-queued or gone)."""


class RetryableError(ApiError):
    """Certainly not delivered: refused connection, DNS, 5xx. Safe to send again."""


class ServerUnreachable(RetryableError):
    pass


class MaybeDelivered(ApiError):
    """Timeout or reset after the request was sent: the server may have acted on it."""


class ProtocolViolation(ApiError):
    """The server answered something that does not fit the API (bad JSON, wrong types)."""


# --- running a task ---------------------------------------------------------


class HostFault(AgentError):
    """This machine cannot run the task right now (network, index, disk); retry later."""


class JobFault(AgentError):
    """The job itself is broken (bad script, impossible requirement, no model.pth)."""

    def __init__(self, message: str, *, exit_code: int | None = None, log_tail: str = ""):
        super().__init__(message)
        self.exit_code = exit_code
        self.log_tail = log_tail


class DataDirLocked(AgentError):
    """Another agent is already using this data folder."""


class DataFolderBroken(AgentError):
    """A file in the data folder cannot be used as it is (damaged, not text, a folder, too new).

    The message names the file and what to do; the CLI shows it as one line and exits with
    its own code, never a traceback."""


class DiskFull(HostFault):
    """The disk holding the data folder is full: the host's problem, waited out with backoff."""

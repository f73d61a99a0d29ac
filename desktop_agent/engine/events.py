"""The one typed stream of things the engine reports.

The engine calls a single `emit(event)` callback from its own thread; the CLI
prints these, the GUI's bridge (`gui/bridge.py`) re-emits them as Qt signals,
and tests collect them. Events are frozen so a subscriber can keep them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from collections.abc import Callable

from desktop_agent.engine.modes import Mode
from desktop_agent.engine.reasons import Why


class AgentState(StrEnum):
    """What the agent is doing, in the words the UI uses."""

    STARTING = "starting"  # opening the store, reading identity
    CONNECTING = "connecting"  # registering; the server may be unreachable
    SETUP_NEEDED = "setup_needed"  # no email, or the server does not know it
    IDLE = "idle"  # contributing, waiting for work
    WORKING = "working"  # a task is in hand
    PAUSED = "paused"  # paused by the user (a task in hand stays held)
    RELEASING = "releasing"  # gave a task back: silent until the server re-queues it
    STOPPING = "stopping"
    STOPPED = "stopped"


class Phase(StrEnum):
    DOWNLOADING = "downloading"
    PREPARING = "preparing environment"
    TRAINING = "training"
    UPLOADING = "uploading"
    COMPLETING = "reporting"


class Outcome(StrEnum):
    COMPLETED = "completed"  # result delivered and acknowledged
    FAILED = "failed"  # job fault: completed with result_url "" as the reference worker does
    REJECTED = "rejected"  # server answered 400/404 to complete_task
    RELEASED = "released"  # given back through the server's no-heartbeat rule; never completed
    CANCELLED = "cancelled"  # stopped locally and not delivered (e.g. data dir wiped)


class ProblemKind(StrEnum):
    EMAIL_UNKNOWN = "email_unknown"
    SERVER_UNREACHABLE = "server_unreachable"
    SERVER_ERROR = "server_error"
    DISK_LOW = "disk_low"
    HOST_FAULT = "host_fault"


def _now() -> float:
    return time.time()


@dataclass(frozen=True)
class StateChanged:
    state: AgentState
    detail: str = ""  # plain words: "Waiting for work", "Server unreachable — retrying"
    heartbeat_status: str | None = None  # what the server is told (see reporter.heartbeat_status)
    at: float = field(default_factory=_now)
    # Contribution controls (engine/modes.py): the mode the user chose (None when not known; a
    # str enum, so it compares equal to "paused" etc.) and why the agent is or is not working
    # right now: as data (`why`, engine/reasons.py: what a display words, in its language) and
    # in one English sentence for the CLI, logs and metrics (`reason`: "Waiting: on battery").
    mode: Mode | None = None
    reason: str = ""
    why: Why | None = None


@dataclass(frozen=True)
class TaskStarted:
    task_id: int
    job_id: int | None
    server: str
    resumed: bool = False  # picked up again after a restart
    at: float = field(default_factory=_now)


@dataclass(frozen=True)
class PhaseProgress:
    """A task's phase and how far along it is.

    `fraction` is 0..1 when known (bytes of a download, the script's own
    progress lines), None when the phase cannot tell.
    """

    task_id: int
    phase: Phase
    fraction: float | None = None
    message: str = ""
    at: float = field(default_factory=_now)


@dataclass(frozen=True)
class LogLine:
    text: str
    level: str = "INFO"  # DEBUG / INFO / WARNING / ERROR
    task_id: int | None = None  # set for the job's own output
    stream: str = "app"  # "app", "stdout", "stderr", "installer"
    at: float = field(default_factory=_now)


@dataclass(frozen=True)
class TaskFinished:
    task_id: int
    job_id: int | None
    outcome: Outcome
    duration_s: float
    result_url: str | None = None
    exit_code: int | None = None
    error: str | None = None
    at: float = field(default_factory=_now)
    # What the task used, as the store recorded it (accounting.py); None: not measured.
    bytes_down: int = 0
    bytes_up: int = 0
    cpu_seconds: float | None = None
    energy_wh: float | None = None


@dataclass(frozen=True)
class ProblemRaised:
    """Something a person should know and can act on; `message` says what to do."""

    kind: ProblemKind
    message: str
    at: float = field(default_factory=_now)


@dataclass(frozen=True)
class ProblemCleared:
    kind: ProblemKind
    at: float = field(default_factory=_now)


@dataclass(frozen=True)
class JobDescribed:
    """What the server calls a job (`GET /jobs/{id}` → `title`), for a display to name it.

    Server text: shown as plain text, already collapsed to one line and capped.
    """

    job_id: int
    title: str
    at: float = field(default_factory=_now)


@dataclass(frozen=True)
class RetryScheduled:
    """The server did not answer; the engine tries again at `at` (epoch seconds).

    Lets a display count down to the next try ("Next try in 40 s") instead of
    only saying that something is wrong.
    """

    at: float
    what: str = ""  # "heartbeat", "upload", "complete", ...


@dataclass(frozen=True)
class HeartbeatSent:
    status: str
    ok: bool
    at: float = field(default_factory=_now)


Event = (
    StateChanged
    | TaskStarted
    | PhaseProgress
    | LogLine
    | TaskFinished
    | ProblemRaised
    | ProblemCleared
    | HeartbeatSent
    | RetryScheduled
    | JobDescribed
)

EventSink = Callable[[Event], None]


def discard(_event: Event) -> None:
    """A sink for callers that do not listen."""

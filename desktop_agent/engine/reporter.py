"""What the engine tells its listeners: state changes, log lines, problems, and progress.

Every event goes through `Reporter.emit`, so a broken subscriber can never stop the engine and
the status snapshot always knows the latest progress. A `StateChanged` carries the mode and the
reason in words; one that would repeat the last one exactly is not sent (a retry loop
re-asserting its state is not news).

What the server is told, by engine state (`heartbeat_status`):

| engine state                    | heartbeat status | why                                        |
|---------------------------------|------------------|--------------------------------------------|
| idle (waiting for work)         | IDLE             | dashboard: "Inactive"                      |
| paused, no task in hand         | IDLE             | not working, but alive                     |
| working / paused with a task    | BUSY             | a task is held until completion is acked   |
| restarted with a task in hand   | BUSY             | from the first beat, before it is picked up |
| releasing a task                | (none sent)      | silence lets the server re-queue the task  |
| stopped gracefully              | OFFLINE          | sent once on the way out                   |

`WORKING` is never sent: the real dashboard shows it as "Offline".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import cast

from desktop_agent.engine.events import (
    AgentState,
    Event,
    EventSink,
    LogLine,
    PhaseProgress,
    ProblemCleared,
    ProblemKind,
    ProblemRaised,
    StateChanged,
)
from desktop_agent.engine.modes import Decision
from desktop_agent.engine.reasons import Why

log = logging.getLogger("desktop_agent.engine")

_LEVELS = {
    "DEBUG": logging.DEBUG,
    "INFO": logging.INFO,
    "WARNING": logging.WARNING,
    "ERROR": logging.ERROR,
}


def heartbeat_status(state: AgentState, holding_task: bool) -> str | None:
    """The table in this module's docstring, as code."""
    if state is AgentState.RELEASING:
        return None
    if state is AgentState.STOPPED:
        return "OFFLINE"
    return "BUSY" if holding_task else "IDLE"


class Reporter:
    """The engine's voice, and the keeper of its state in words (`state`, `detail`)."""

    def __init__(
        self,
        sink: EventSink,
        *,
        decision: Callable[[], Decision],
        holding: Callable[[], bool],
    ):
        self._sink = sink
        self._decision = decision
        self._holding = holding
        self.state = AgentState.STARTING  # set directly for a change that is not news
        self.detail = ""
        self.last_phase: PhaseProgress | None = None
        self._last_state_key: tuple[AgentState, str, str, Why] | None = None
        self._problems: set[ProblemKind] = set()

    def emit(self, event: object) -> None:
        """Send one event (engine/events.py) to the subscriber."""
        if isinstance(event, PhaseProgress):
            self.last_phase = event
        try:
            self._sink(cast(Event, event))
        except Exception:  # a broken subscriber must never stop the engine
            log.exception("event subscriber failed")

    def log(self, level: str, text: str) -> None:
        log.log(_LEVELS.get(level, logging.INFO), text)
        self.emit(LogLine(text, level))

    def set_state(self, state: AgentState, detail: str = "") -> None:
        d = self._decision()
        key = (state, detail, d.mode.value, d.why)
        if key == self._last_state_key:
            return  # a retry loop re-asserting its state is not news
        self._last_state_key = key
        self.detail = detail
        self.state = state
        self.emit(
            StateChanged(
                state,
                detail,
                heartbeat_status(state, self._holding()),
                mode=d.mode,
                reason=d.reason,
                why=d.why,
            )
        )

    def current_heartbeat_status(self) -> str | None:
        return heartbeat_status(self.state, self._holding())

    def has_problem(self, kind: ProblemKind) -> bool:
        return kind in self._problems

    def raise_problem(self, kind: ProblemKind, message: str) -> None:
        self._problems.add(kind)
        self.emit(ProblemRaised(kind, message))

    def clear_problem(self, kind: ProblemKind) -> None:
        if kind in self._problems:
            self._problems.discard(kind)
            self.emit(ProblemCleared(kind))

"""How each engine state looks: icon and accent colour. The words are gui/status.py's."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from desktop_agent.engine.events import AgentState
from desktop_agent.paths import resource_path

ICON_IDLE = "state-idle"
ICON_WORKING = "state-working"
ICON_PAUSED = "state-paused"
ICON_OFFLINE = "state-offline"

_ICON_FOR = {
    AgentState.STARTING: ICON_OFFLINE,
    AgentState.CONNECTING: ICON_OFFLINE,
    AgentState.SETUP_NEEDED: ICON_OFFLINE,
    AgentState.IDLE: ICON_IDLE,
    AgentState.WORKING: ICON_WORKING,
    AgentState.PAUSED: ICON_PAUSED,
    AgentState.RELEASING: ICON_PAUSED,
    AgentState.STOPPING: ICON_OFFLINE,
    AgentState.STOPPED: ICON_OFFLINE,
}

# Accents only: text colour comes from the palette.
ACCENT = {
    ICON_IDLE: "#2e9d57",
    ICON_WORKING: "#2f6fde",
    ICON_PAUSED: "#d08a00",
    ICON_OFFLINE: "#8a8f98",
}


def icon_name(state: AgentState, *, problem: bool = False) -> str:
    if problem and state not in (AgentState.PAUSED, AgentState.WORKING):
        return ICON_OFFLINE
    return _ICON_FOR.get(state, ICON_OFFLINE)


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def app_icon() -> QIcon:
    return icon("app")

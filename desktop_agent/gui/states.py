"""How each engine state looks: words, icon, accent colour. One table, used by tray and window."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication
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


def _tr(text: str) -> str:
    return QCoreApplication.translate("States", text)


def state_words(state: AgentState) -> str:
    words = {
        AgentState.STARTING: _tr("Starting…"),
        AgentState.CONNECTING: _tr("Connecting to the server…"),
        AgentState.SETUP_NEEDED: _tr("Needs setup"),
        AgentState.IDLE: _tr("Contributing — waiting for work"),
        AgentState.WORKING: _tr("Contributing — working on a task"),
        AgentState.PAUSED: _tr("Paused"),
        AgentState.RELEASING: _tr("Giving a task back to the server…"),
        AgentState.STOPPING: _tr("Stopping…"),
        AgentState.STOPPED: _tr("Stopped"),
    }
    return words.get(state, str(state))


USER_PAUSED_MODES = ("paused", "snoozed", "finish_then_pause")


def user_paused(ev) -> bool:
    """Whether the *user* asked for a pause (so the control offers "Resume").

    Newer engines say so in `mode`; a PAUSED state with mode "contributing"
    is a rule (battery, schedule) holding work back, and "Pause" stays on offer.
    """
    mode = getattr(ev, "mode", "") or ""
    if mode:
        return mode in USER_PAUSED_MODES
    return ev.state == AgentState.PAUSED


def detail_words(ev) -> str:
    return getattr(ev, "reason", "") or ev.detail


def icon_name(state: AgentState, *, problem: bool = False) -> str:
    if problem and state not in (AgentState.PAUSED, AgentState.WORKING):
        return ICON_OFFLINE
    return _ICON_FOR.get(state, ICON_OFFLINE)


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def app_icon() -> QIcon:
    return icon("app")

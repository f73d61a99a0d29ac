"""Is a full-screen application in front? Best effort.

| OS      | how                                                            | status      |
|---------|----------------------------------------------------------------|-------------|
| X11     | `xprop`: _NET_ACTIVE_WINDOW's _NET_WM_STATE has _NET_WM_STATE_FULLSCREEN | best effort (needs an EWMH window manager) |
| Windows | SHQueryUserNotificationState (busy / D3D full screen / presentation)      | best effort |
| Wayland, macOS | no public interface                                     | unknown (never full screen) |
"""

from __future__ import annotations

import os
import re
import sys

from desktop_agent.platform._util import Cached, run_tool


def x11_fullscreen(display: str | None = None) -> bool | None:
    display = display or os.environ.get("DISPLAY")
    if not display:
        return None
    out = run_tool("xprop", "-display", display, "-root", "_NET_ACTIVE_WINDOW", timeout=1.0)
    m = re.search(r"window id # (0x[0-9a-fA-F]+)", out or "")
    if not m or int(m.group(1), 16) == 0:
        return None if out is None else False
    state = run_tool("xprop", "-display", display, "-id", m.group(1), "_NET_WM_STATE", timeout=1.0)
    return state is not None and "_NET_WM_STATE_FULLSCREEN" in state


def windows_fullscreen() -> bool | None:
    import ctypes

    state = ctypes.c_int()
    try:
        if ctypes.windll.shell32.SHQueryUserNotificationState(ctypes.byref(state)) != 0:  # type: ignore[attr-defined]
            return None
    except (AttributeError, OSError):
        return None
    return state.value in (
        2,
        3,
        4,
    )  # QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN, QUNS_PRESENTATION_MODE


def _probe() -> bool | None:
    try:
        if sys.platform == "win32":
            return windows_fullscreen()
        if sys.platform.startswith("linux") and os.environ.get("DISPLAY"):
            return x11_fullscreen()
    except Exception:
        return None
    return None


_cached = Cached(_probe, ttl=2.0)


def fullscreen_in_front() -> bool | None:
    return _cached()

"""Seconds since the person last touched the keyboard or mouse.

| OS / desktop | how                                                           | status        |
|--------------|---------------------------------------------------------------|---------------|
| Linux X11    | XScreenSaver extension (libXss) through ctypes                | implemented, tested under Xvfb |
| Wayland      | GNOME Mutter IdleMonitor, else org.freedesktop.ScreenSaver over D-Bus (`gdbus`) | best effort |
| Windows      | GetLastInputInfo                                              | implemented (untested here) |
| macOS        | `ioreg -c IOHIDSystem` HIDIdleTime                            | implemented (untested here) |
| anything else| —                                                             | "idle detection unavailable" |

`detector()` picks the first that answers. `idle_seconds()` is None when
nothing can tell; the idle rule then says so instead of never running.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import sys
import threading
from collections.abc import Callable

from desktop_agent.platform._util import run_tool


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("eventMask", ctypes.c_ulong),
    ]


_x11_lock = threading.Lock()
_x11_libs: tuple | None = None


def _load_x11() -> tuple | None:
    global _x11_libs
    if _x11_libs is None:
        try:
            xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
            xss = ctypes.CDLL(ctypes.util.find_library("Xss") or "libXss.so.1")
        except OSError:
            _x11_libs = ()
            return None
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        xlib.XFree.argtypes = [ctypes.c_void_p]
        xss.XScreenSaverQueryExtension.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        ]
        xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
        xss.XScreenSaverQueryInfo.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_XScreenSaverInfo),
        ]
        _x11_libs = (xlib, xss)
    return _x11_libs or None


def x11_idle_seconds(display: str | None = None) -> float | None:
    """Idle time from the X server's screensaver extension; None without X or the extension.

    The display is opened for each question and closed again: a long-held
    connection would make Xlib end the whole process if the X server went away.
    """
    display = display if display is not None else os.environ.get("DISPLAY")
    if not display:
        return None
    libs = _load_x11()
    if libs is None:
        return None
    xlib, xss = libs
    with _x11_lock:
        dpy = xlib.XOpenDisplay(display.encode())
        if not dpy:
            return None
        try:
            ev, err = ctypes.c_int(), ctypes.c_int()
            if not xss.XScreenSaverQueryExtension(dpy, ctypes.byref(ev), ctypes.byref(err)):
                return None
            info = xss.XScreenSaverAllocInfo()
            if not info:
                return None
            try:
                if not xss.XScreenSaverQueryInfo(dpy, xlib.XDefaultRootWindow(dpy), info):
                    return None
                return info.contents.idle / 1000.0
            finally:
                xlib.XFree(info)
        finally:
            xlib.XCloseDisplay(dpy)


def _gdbus_idle_ms(dest: str, path: str, method: str) -> float | None:
    """Ask a desktop's idle interface over the session bus; its answer is in milliseconds."""
    out = run_tool(
        "gdbus",
        "call",
        "--session",
        "--dest",
        dest,
        "--object-path",
        path,
        "--method",
        method,
        timeout=1.0,
    )
    m = re.search(r"(\d+)", out or "")
    return int(m.group(1)) / 1000.0 if m else None


def mutter_idle_seconds() -> float | None:
    """GNOME (X11 or Wayland)."""
    return _gdbus_idle_ms(
        "org.gnome.Mutter.IdleMonitor",
        "/org/gnome/Mutter/IdleMonitor/Core",
        "org.gnome.Mutter.IdleMonitor.GetIdletime",
    )


def freedesktop_idle_seconds() -> float | None:
    """KDE and others."""
    return _gdbus_idle_ms(
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver.GetSessionIdleTime",
    )


def windows_idle_seconds() -> float | None:
    if sys.platform != "win32":
        return None

    class LASTINPUTINFO(ctypes.Structure):
        _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

    info = LASTINPUTINFO()
    info.cbSize = ctypes.sizeof(info)
    user32 = ctypes.windll.user32
    kernel32 = ctypes.windll.kernel32
    if not user32.GetLastInputInfo(ctypes.byref(info)):
        return None
    return ((kernel32.GetTickCount() - info.dwTime) & 0xFFFFFFFF) / 1000.0


def parse_ioreg_idle(text: str) -> float | None:
    m = re.search(r'"HIDIdleTime"\s*=\s*(\d+)', text)
    return int(m.group(1)) / 1e9 if m else None


def macos_idle_seconds() -> float | None:
    if sys.platform != "darwin":
        return None
    return parse_ioreg_idle(run_tool("ioreg", "-c", "IOHIDSystem", "-d", "4") or "")


class IdleDetector:
    """The first method that answers on this machine, remembered."""

    def __init__(self, methods: list[tuple[str, Callable[[], float | None]]]):
        self._methods = methods
        self.method: str | None = None
        self.unavailable_reason = ""
        self._chosen: Callable[[], float | None] | None = None

    def idle_seconds(self) -> float | None:
        if self._chosen is not None:
            value = self._chosen()
            if value is not None:
                return value
            self._chosen = None  # the session changed (X server gone?): look again
        for name, fn in self._methods:
            try:
                value = fn()
            except Exception:  # a backend must never break the engine
                value = None
            if value is not None:
                self.method, self._chosen = name, fn
                self.unavailable_reason = ""
                return value
        self.method = None
        self.unavailable_reason = "idle detection unavailable on this desktop"
        return None


def detector() -> IdleDetector:
    if sys.platform == "win32":
        return IdleDetector([("GetLastInputInfo", windows_idle_seconds)])
    if sys.platform == "darwin":
        return IdleDetector([("ioreg HIDIdleTime", macos_idle_seconds)])
    wayland = os.environ.get("XDG_SESSION_TYPE") == "wayland" or bool(
        os.environ.get("WAYLAND_DISPLAY")
    )
    x11 = ("X11 XScreenSaver", x11_idle_seconds)
    dbus = [
        ("GNOME Mutter IdleMonitor", mutter_idle_seconds),
        ("org.freedesktop.ScreenSaver", freedesktop_idle_seconds),
    ]
    # Under Wayland, XWayland only sees input to X clients: ask the compositor first.
    return IdleDetector([*dbus, x11] if wayland else [x11, *dbus])

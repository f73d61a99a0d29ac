"""Start at login, the way each OS expects, always with `--minimized` (straight to the tray).

| OS      | entry                                                                  |
|---------|------------------------------------------------------------------------|
| Linux   | `$XDG_CONFIG_HOME/autostart/desktop-agent.desktop` (XDG autostart spec) |
| macOS   | `~/Library/LaunchAgents/org.desktop-agent.app.plist` (LaunchAgent, RunAtLoad) |
| Windows | `HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run` value `Desktop Agent` |

The writers are pure functions (`desktop_entry`, `launch_agent_plist`,
`run_key_value`) so every OS's content is tested everywhere; `enable()`,
`disable()` and `is_enabled()` act on this machine.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from pathlib import Path
from collections.abc import Sequence

APP_ID = "desktop-agent"
LAUNCH_AGENT_LABEL = (
    "org.desktop-agent.app"  # same names as desktop_agent/uninstall.py and the installers
)
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "Desktop Agent"
MINIMIZED = "--minimized"


def launch_command() -> list[str]:
    """How to start this installation: the frozen app, else this Python with `-m desktop_agent`."""
    if getattr(sys, "frozen", False):
        return [sys.executable, MINIMIZED]
    return [sys.executable, "-m", "desktop_agent", MINIMIZED]


# --- the pure writers ------------------------------------------------------------------


def _desktop_exec_quote(arg: str) -> str:
    """Quote one argument for a .desktop Exec line (the spec's rules, not the shell's)."""
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`%"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return '"' + escaped.replace("%", "%%") + '"'


def desktop_entry(command: Sequence[str]) -> str:
    exec_line = " ".join(_desktop_exec_quote(a) for a in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Desktop Agent\n"
        "Comment=Lend this computer to train ML jobs, in the background\n"
        f"Exec={exec_line}\n"
        "Icon=desktop-agent\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
        "X-GNOME-Autostart-Delay=10\n"
    )


def launch_agent_plist(command: Sequence[str]) -> bytes:
    return plistlib.dumps(
        {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "KeepAlive": False,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",
        }
    )


def run_key_value(command: Sequence[str]) -> str:
    """The Run key's REG_SZ: a command line with Windows quoting."""
    return subprocess.list2cmdline(list(command))


# --- where -----------------------------------------------------------------------------


def linux_entry_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart" / f"{APP_ID}.desktop"


def macos_plist_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"


# --- acting on this machine ------------------------------------------------------------


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def supported() -> bool:
    """Whether this OS has a start-at-login entry this module can write."""
    return sys.platform in ("win32", "darwin") or sys.platform.startswith(("linux", "freebsd"))


def enable(command: Sequence[str] | None = None) -> None:
    command = list(command or launch_command())
    if sys.platform == "win32":
        import winreg

        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, run_key_value(command))
    elif sys.platform == "darwin":
        _write(macos_plist_path(), launch_agent_plist(command))
    else:
        _write(linux_entry_path(), desktop_entry(command).encode())


def disable() -> None:
    if sys.platform == "win32":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, RUN_VALUE)
        except FileNotFoundError:
            pass
    elif sys.platform == "darwin":
        macos_plist_path().unlink(missing_ok=True)
    else:
        linux_entry_path().unlink(missing_ok=True)


def is_enabled() -> bool:
    if sys.platform == "win32":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, RUN_VALUE)
            return True
        except FileNotFoundError:
            return False
    if sys.platform == "darwin":
        return macos_plist_path().is_file()
    path = linux_entry_path()
    if not path.is_file():
        return False
    # A user may have switched it off in their desktop's settings without deleting it.
    text = path.read_text(encoding="utf-8", errors="replace")
    return "Hidden=true" not in text and "X-GNOME-Autostart-enabled=false" not in text


def describe() -> str:
    if sys.platform == "win32":
        return "the Run key in the registry (HKCU)"
    if sys.platform == "darwin":
        return str(macos_plist_path())
    return str(linux_entry_path())


__all__ = [
    "describe",
    "desktop_entry",
    "disable",
    "enable",
    "is_enabled",
    "launch_agent_plist",
    "launch_command",
    "linux_entry_path",
    "macos_plist_path",
    "run_key_value",
    "supported",
]

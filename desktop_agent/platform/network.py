"""Is the connection metered (mobile data, a phone hotspot)?

| OS      | how                                                                          | status      |
|---------|------------------------------------------------------------------------------|-------------|
| Linux   | NetworkManager's global `Metered` property over D-Bus (`gdbus`), else `nmcli -t -f GENERAL.METERED dev show` | implemented |
| Windows | WinRT ConnectionCost through PowerShell                                      | best effort |
| macOS   | no public interface                                                          | unknown     |

Unknown counts as not metered, and `metered_reason()` says so. Answers are
cached for a minute (asking runs a command), "the system does not say" for ten.
"""

from __future__ import annotations

import re
import sys

from desktop_agent.platform._util import Cached, run_tool

# NMMetered: 0 unknown, 1 yes, 2 no, 3 guess-yes, 4 guess-no
_NM_METERED = {1: True, 2: False, 3: True, 4: False}


def parse_nm_dbus(text: str) -> bool | None:
    m = re.search(r"uint32\s+(\d+)", text)
    return _NM_METERED.get(int(m.group(1))) if m else None


def parse_nmcli(text: str) -> bool | None:
    """`GENERAL.METERED:yes (guessed)` lines, one per device: metered if any connected device is."""
    values = [
        line.split(":", 1)[1].strip().lower()
        for line in text.splitlines()
        if line.startswith("GENERAL.METERED:")
    ]
    if any(v.startswith("yes") for v in values):
        return True
    if any(v.startswith("no") for v in values):
        return False
    return None


def _linux() -> bool | None:
    out = run_tool(
        "gdbus",
        "call",
        "--system",
        "--dest",
        "org.freedesktop.NetworkManager",
        "--object-path",
        "/org/freedesktop/NetworkManager",
        "--method",
        "org.freedesktop.DBus.Properties.Get",
        "org.freedesktop.NetworkManager",
        "Metered",
        timeout=1.5,
    )
    if out:
        value = parse_nm_dbus(out)
        if value is not None:
            return value
    out = run_tool("nmcli", "-t", "-f", "GENERAL.METERED", "dev", "show", timeout=2.0)
    return parse_nmcli(out) if out else None


_PS_COST = (
    "[void][Windows.Networking.Connectivity.NetworkInformation,Windows.Networking.Connectivity,"
    "ContentType=WindowsRuntime];$p=[Windows.Networking.Connectivity.NetworkInformation]::"
    "GetInternetConnectionProfile();if($p){$p.GetConnectionCost().NetworkCostType}"
)


def _windows() -> bool | None:
    out = run_tool(
        "powershell", "-NoProfile", "-NonInteractive", "-Command", _PS_COST, timeout=10.0
    )
    if not out or not out.strip():
        return None
    return out.strip().lower() in ("fixed", "variable")  # "unrestricted" / "unknown": not metered


def _probe() -> bool | None:
    try:
        if sys.platform.startswith("linux"):
            return _linux()
        if sys.platform == "win32":
            return _windows()
    except Exception:
        return None
    return None


_cached = Cached(_probe, ttl=60.0, unknown_ttl=600.0)


def metered() -> bool | None:
    """True / False, or None when the OS does not say (treated as not metered)."""
    return _cached()


def metered_reason() -> str:
    value = metered()
    if value is None:
        return "the system does not say whether the connection is metered; treated as not metered"
    return "metered connection" if value else "not metered"

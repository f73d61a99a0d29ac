"""What some setting values must look like: the schedule, the PyTorch build, the metrics address.

Both the settings validator (config.py) and the code that uses each value
(engine/rules.py, engine/torch_backend.py, metrics.py) read these grammars, so
they live below both: pure functions with no imports of the engine, the GUI or
the metrics server, so validating a settings file loads none of them.
"""

from __future__ import annotations

import re
from typing import Any

# --- the weekly schedule: {"mon": ["09:00-17:00"], ...} ---------------------------------

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_window(text: str) -> tuple[int, int]:
    """ "09:00-17:30" → (540, 1050) minutes; "22:00-06:00" runs past midnight; "00:00-24:00" is all day."""
    m = _WINDOW.match(text)
    if not m:
        raise ValueError(f'{text!r} is not a window like "09:00-17:00"')
    h1, m1, h2, m2 = map(int, m.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if h1 > 23 or m1 > 59 or m2 > 59 or end > 24 * 60 or start == end:
        raise ValueError(f'{text!r} is not a window like "09:00-17:00"')
    return start, end


def schedule_problem(value: Any) -> str | None:
    """None when `value` is a valid schedule, else what is wrong (for the settings validator)."""
    if not isinstance(value, dict):
        return 'must be an object of weekday → list of "HH:MM-HH:MM"'
    for day, windows in value.items():
        if day not in DAYS:
            return f"has unknown weekday {day!r} (use {', '.join(DAYS)})"
        if not isinstance(windows, list) or not all(isinstance(w, str) for w in windows):
            return f'[{day!r}] must be a list of "HH:MM-HH:MM" strings'
        for w in windows:
            try:
                parse_window(w)
            except ValueError as exc:
                return f"[{day!r}]: {exc}"
    return None


# --- the PyTorch build: torch_backend ----------------------------------------------------

_TORCH_BACKEND = re.compile(r"^(auto|cpu|default|cu\d{2,3}|rocm\d+(\.\d+)*|xpu)$")


def valid_torch_backend(value: str) -> bool:
    """True for "auto", "default", "cpu" or a PyTorch build name ("cu126", "rocm6.2", "xpu")."""
    return bool(_TORCH_BACKEND.match(value.strip().lower()))


# --- the metrics address: metrics_address ------------------------------------------------

DEFAULT_METRICS_HOST = "127.0.0.1"


def parse_address(text: str) -> tuple[str, int]:
    """`"9810"`, `":9810"`, `"0.0.0.0:9810"`, `"[::1]:9810"` → (host, port); ValueError says why.

    A bare port binds loopback only: exposing the page to the network is a
    choice the operator writes down, never a default.
    """
    value = text.strip()
    if not value:
        raise ValueError("is empty")
    host, sep, port_text = value.rpartition(":")
    if not sep:
        host, port_text = "", value
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif ":" in host:
        raise ValueError("must write an IPv6 address in brackets, e.g. [::1]:9810")
    if not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        raise ValueError("must end in a port number from 0 to 65535, e.g. 127.0.0.1:9810")
    if any(c.isspace() or c in "/?#@" for c in host):
        raise ValueError("must be HOST:PORT, e.g. 127.0.0.1:9810")
    return host or DEFAULT_METRICS_HOST, int(port_text)


def address_problem(value: Any) -> str | None:
    """The check for `metrics_address`: "" (off) or an address `parse_address` takes."""
    if value == "":
        return None
    try:
        parse_address(value)
    except ValueError as exc:
        return str(exc)
    return None

"""The CPU's temperature in °C, or None with the reason it is unknown.

| OS      | how                                                                 | status |
|---------|---------------------------------------------------------------------|--------|
| Linux   | psutil.sensors_temperatures() (the kernel's hwmon drivers): Intel `coretemp` "Package id N" (the hottest package), AMD `k10temp` "Tdie" else "Tctl", `zenpower` the same, `cpu_thermal` (ARM boards, Raspberry Pi), then `acpitz` (the firmware's zone, often the CPU's) | works where a driver is loaded; none in most virtual machines |
| Windows | —  | unknown: Windows gives programs the CPU temperature only through a vendor driver (WMI's MSAcpi_ThermalZoneTemperature needs administrator rights and is mostly a fixed value) |
| macOS   | —  | unknown: no public interface (the SMC needs private calls) |

`pick()` is the parser, fed psutil's own shape (`{"coretemp": [shwtemp(label, current, high, critical), ...]}`)
so it is tested without the hardware. A reading outside 1-150 °C is a broken sensor, not a temperature.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any

import psutil

from desktop_agent.platform._util import Cached

# (driver, labels in order of preference; "" = any entry of that driver)
SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("coretemp", ("package id",)),
    ("k10temp", ("tdie", "tctl")),
    ("zenpower", ("tdie", "tctl")),
    ("cpu_thermal", ("",)),
    ("acpitz", ("",)),
)
PLAUSIBLE = (1.0, 150.0)
NO_SENSOR = "no CPU temperature sensor found (none in most virtual machines; on Linux the lm-sensors drivers may not be loaded)"
WINDOWS_REASON = "Windows does not report the CPU temperature to programs without a vendor driver"
MACOS_REASON = "macOS does not report the CPU temperature to programs"


def _plausible(value: Any) -> float | None:
    try:
        c = float(value)
    except (TypeError, ValueError):
        return None
    return c if PLAUSIBLE[0] <= c <= PLAUSIBLE[1] else None


def pick(sensors: Mapping[str, Sequence[Any]]) -> float | None:
    """The CPU package temperature from psutil's readings (the hottest matching entry)."""
    for driver, labels in SOURCES:
        entries = sensors.get(driver) or ()
        for wanted in labels:
            found = [
                c
                for e in entries
                if str(getattr(e, "label", "") or "").lower().startswith(wanted)
                and (c := _plausible(getattr(e, "current", None))) is not None
            ]
            if found:
                return max(found)
        if driver == "coretemp":  # no package entry (old kernels): the hottest core
            cores = [
                c for e in entries if (c := _plausible(getattr(e, "current", None))) is not None
            ]
            if cores:
                return max(cores)
    return None


def unavailable_reason() -> str:
    """Why `cpu_temperature()` says None here."""
    if sys.platform == "win32":
        return WINDOWS_REASON
    if sys.platform == "darwin":
        return MACOS_REASON
    return NO_SENSOR


def _read() -> float | None:
    if not sys.platform.startswith("linux"):
        return None
    reader = getattr(psutil, "sensors_temperatures", None)
    if reader is None:
        return None
    try:
        return pick(reader())
    except Exception:  # a driver's odd files: unknown, never a crash
        return None


_cached = Cached(_read, ttl=2.0)


def cpu_temperature() -> float | None:
    """°C of the CPU package now (read at most every 2 s), or None when unknown."""
    return _cached()

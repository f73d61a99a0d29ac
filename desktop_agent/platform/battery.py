"""On battery? psutil on every OS; a computer without a battery is never on battery."""

from __future__ import annotations

import psutil


def on_battery() -> bool | None:
    try:
        status = psutil.sensors_battery()
    except Exception:  # psutil raises odd errors on some laptops' ACPI tables
        return None
    if status is None:
        return False  # no battery (a desktop, a server): never "on battery"
    if status.power_plugged is None:
        return None
    return not status.power_plugged

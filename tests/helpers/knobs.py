"""Every input a rule reads, as a knob a test turns by hand (the `knobs` fixture in tests/conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from desktop_agent.engine.rules import Seams

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass
class Knobs:
    """Every input a rule reads, settable from a test."""

    now: datetime = field(
        default_factory=lambda: datetime(2026, 6, 3, 12, 0, tzinfo=BERLIN)
    )  # a Wednesday
    idle: float | None = 3600.0
    battery: bool | None = False
    temps: list = field(default_factory=list)
    metered: bool | None = False
    fullscreen: bool | None = False
    free_mb: float = 1e6
    job_pct: float | None = None
    sandbox_missing: str | None = None

    def seams(self) -> Seams:
        return Seams(
            clock=lambda: self.now,
            idle_seconds=lambda: self.idle,
            on_battery=lambda: self.battery,
            gpu_temperatures=lambda: list(self.temps),
            metered=lambda: self.metered,
            fullscreen=lambda: self.fullscreen,
            free_disk_mb=lambda: self.free_mb,
            job_memory_pct=lambda: self.job_pct,
            sandbox_missing=lambda: self.sandbox_missing,
        )

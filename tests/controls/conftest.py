"""Contribution-controls fixtures: seams the tests turn by hand, a CPU-busy job, the reference backend."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import psutil
import pytest

from desktop_agent.engine.rules import Seams
from tests.e2e.conftest import srv  # noqa: F401  (the reference backend fixture)
from tests.gui.conftest import devserver, make_controller, paths  # noqa: F401  (GUI fixtures)

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


@pytest.fixture
def knobs() -> Knobs:
    return Knobs()


# A job that burns CPU in itself and in a child until it has used `cpu_s` seconds of its own CPU
# time (so a pause delays it but does not change its result), then writes the sample job's result.
BUSY_CODE = b"""
import hashlib, json, subprocess, sys, time
from pathlib import Path
raw = Path("data.csv").read_bytes()
child = subprocess.Popen([sys.executable, "-c", "import time\\nwhile True:\\n    sum(range(20000)); time.sleep(0.002)"])
target = CPU_S
step = 0
while time.process_time() < target:
    sum(range(20000))
    time.sleep(0.002)
    s = int(4 * time.process_time() / target)
    if s > step:
        step = s
        print(f"progress: {min(s, 4) / 4}", flush=True)
child.kill()
Path("model.pth").write_text(json.dumps({"sha256_of_data": hashlib.sha256(raw).hexdigest()}))
print("saved model.pth", flush=True)
"""


def busy_code(cpu_s: float = 1.5) -> bytes:
    return BUSY_CODE.replace(b"CPU_S", repr(cpu_s).encode())


def tree_cpu(pid: int) -> float:
    """User+system CPU seconds of a process and its live descendants."""
    total = 0.0
    try:
        leader = psutil.Process(pid)
        procs = [leader, *leader.children(recursive=True)]
    except psutil.Error:
        return total
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total

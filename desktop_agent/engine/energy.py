"""What a task cost in electricity, from readings only (never a guess).

Two sources, each optional:

- **GPU (NVML).** Where the GPU has the cumulative energy counter
  (`GpuSample.energy_mj`, Volta and newer), the task's energy is the counter's
  difference across the run. Otherwise power samples (`power_w`) are
  integrated over their real timestamps with the trapezoid rule; one sample
  alone gives nothing (multiplying a single reading by the duration is a
  guess). A GPU counts only if the job used it (its processes appeared in
  NVML's list) or NVML cannot say which processes use it.
- **CPU package (Linux RAPL).** `/sys/class/powercap/intel-rapl:N/energy_uj`
  (AMD Zen exposes the same files) is a wrapping microjoule counter, read at
  every sample so a wrap (`max_energy_range_uj`) is never missed twice. The
  package also powers everything else the computer does, so the task is
  charged its share: package energy × (the job tree's CPU seconds / all busy
  CPU seconds during the run). Most distributions make `energy_uj`
  root-only; unreadable means "not measured".
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable

from desktop_agent.gpu import GpuSample

RAPL_ROOT = Path("/sys/class/powercap")
JOULES_PER_WH = 3600.0


def trapezoid(points: list[tuple[float, float]]) -> float:
    """∫ power dt over (time s, power W) points in time order: joules. Fewer than two points: 0."""
    total = 0.0
    for (t0, w0), (t1, w1) in itertools.pairwise(points):
        if t1 > t0:
            total += (w0 + w1) / 2.0 * (t1 - t0)
    return total


@dataclass
class _RaplZone:
    energy_file: Path
    max_range_uj: int
    last_uj: int
    joules: float = 0.0


class Rapl:
    """CPU package energy counters under `root` (injectable for tests)."""

    def __init__(self, root: Path = RAPL_ROOT):
        self.zones: list[_RaplZone] = []
        self.reason = ""
        try:
            candidates = sorted(root.glob("intel-rapl:*"))
        except OSError:
            candidates = []
        for zone in candidates:
            if zone.name.count(":") != 1:  # intel-rapl:0:1 (core, dram...) is inside its package
                continue
            try:
                name = (zone / "name").read_text().strip()
                if not name.startswith("package"):
                    continue
                energy = int((zone / "energy_uj").read_text().strip())
                max_range = int((zone / "max_energy_range_uj").read_text().strip())
            except (OSError, ValueError) as exc:
                self.reason = f"RAPL counters are not readable ({type(exc).__name__})"
                continue
            self.zones.append(_RaplZone(zone / "energy_uj", max_range, energy))
        if not self.zones and not self.reason:
            self.reason = "no RAPL package counters on this system"

    @property
    def available(self) -> bool:
        return bool(self.zones)

    def read(self) -> None:
        """Add what each package used since the last read (a counter that went down has wrapped once)."""
        for zone in self.zones:
            try:
                now = int(zone.energy_file.read_text().strip())
            except (OSError, ValueError):
                continue
            delta = now - zone.last_uj
            if delta < 0:
                delta += zone.max_range_uj
            zone.last_uj = now
            zone.joules += delta / 1e6

    @property
    def joules(self) -> float:
        return sum(zone.joules for zone in self.zones)


@dataclass
class GpuEnergy:
    """Energy of the GPUs a job used, from the samples taken during its run."""

    indexes: set[int] | None = None  # GPUs the job may use; None: all
    first_mj: dict[int, float] = field(default_factory=dict)
    last_mj: dict[int, float] = field(default_factory=dict)
    counter_broken: set[int] = field(default_factory=set)
    power: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)  # the job's pids were seen on these
    unattributable: set[int] = field(default_factory=set)  # NVML gave no process list for these
    seen: set[int] = field(default_factory=set)

    def add(
        self, at: float, samples: Iterable[GpuSample], job_pids: set[int] | None = None
    ) -> None:
        for s in samples:
            if self.indexes is not None and s.index not in self.indexes:
                continue
            self.seen.add(s.index)
            if s.processes is None:
                self.unattributable.add(s.index)
            elif job_pids and job_pids & set(s.processes):
                self.used.add(s.index)
            if s.energy_mj is None:
                self.counter_broken.add(s.index)
            else:
                if s.index in self.last_mj and s.energy_mj < self.last_mj[s.index]:
                    self.counter_broken.add(s.index)  # driver reloaded: the counter restarted
                self.first_mj.setdefault(s.index, s.energy_mj)
                self.last_mj[s.index] = s.energy_mj
            if s.power_w is not None:
                self.power.setdefault(s.index, []).append((at, s.power_w))

    def result(self) -> tuple[float, str] | None:
        """(joules, source) over the GPUs the job used, or None when nothing was measured."""
        counted = sorted(
            i for i in self.seen if i in self.used or (i in self.unattributable and not self.used)
        )
        joules = 0.0
        sources: set[str] = set()
        for i in counted:
            if i not in self.counter_broken and i in self.first_mj:
                joules += (self.last_mj[i] - self.first_mj[i]) / 1000.0
                sources.add("nvml-counter")
            elif len(self.power.get(i, [])) >= 2:
                joules += trapezoid(self.power[i])
                sources.add("nvml-power")
        if not sources:
            return None
        return joules, "+".join(sorted(sources))


def combine(
    gpu: tuple[float, str] | None, cpu_joules: float | None
) -> tuple[float | None, str | None]:
    """(Wh, source) for the store: None, None when there was no reading at all."""
    parts = []
    joules = 0.0
    if gpu is not None:
        joules += gpu[0]
        parts.append(gpu[1])
    if cpu_joules is not None:
        joules += cpu_joules
        parts.append("rapl")
    if not parts:
        return None, None
    return joules / JOULES_PER_WH, "+".join(parts)


def format_kwh(wh: float | None) -> str:
    """'12.4 kWh', '830 Wh', '3.2 Wh', or 'not measured'."""
    if wh is None:
        return "not measured"
    if wh >= 1000:
        return f"{wh / 1000:.1f} kWh"
    if wh >= 100:
        return f"{wh:.0f} Wh"
    return f"{wh:.1f} Wh" if wh >= 0.1 else f"{wh:.2f} Wh"

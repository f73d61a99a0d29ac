"""What one train.py run used: peak RAM, CPU seconds, peak VRAM, GPU use and energy.

`JobSampler` runs beside the job (the pipeline starts it before `job.run()`
and stops it after): every `interval` seconds it walks the job's process tree
with psutil, asks NVML (`gpu.backend()`) which of those pids hold VRAM, and
reads the energy counters (energy.py). Sampling is a few syscalls per
process, once a second after the first two seconds (faster at the start so
that short jobs get readings too).

CPU seconds on POSIX come from `getrusage(RUSAGE_CHILDREN)` across the run:
the kernel's exact count for the job and every descendant it waited for,
including processes too short-lived to be sampled (one task runs at a time,
and nothing else the agent starts runs during it). Elsewhere, and as a floor,
the sum of the last CPU time seen for every pid of the tree.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

import psutil

from desktop_agent import gpu
from desktop_agent.engine import energy, proctree

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

FAST_PHASE_S = 2.0
FAST_INTERVAL_S = 0.2


@dataclass(frozen=True)
class JobUsage:
    peak_rss_mb: float | None
    cpu_seconds: float | None
    peak_vram_mb: float | None  # None: NVML gave no per-process VRAM (or no GPU)
    gpu_util_pct: float | None  # mean utilisation of the GPUs the job used, while it ran
    energy_wh: float | None  # None: not measured
    energy_source: str | None
    samples: int

    def store_fields(self) -> dict[str, float | str | None]:
        return {
            "peak_rss_mb": self.peak_rss_mb,
            "cpu_seconds": self.cpu_seconds,
            "peak_vram_mb": self.peak_vram_mb,
            "energy_wh": self.energy_wh,
            "energy_source": self.energy_source,
        }


def gpu_indexes(use_gpu: bool, gpu_devices: str) -> set[int] | None:
    """The GPUs a job may use under the settings: None for all."""
    if not use_gpu:
        return set()
    parts = [p.strip() for p in gpu_devices.split(",") if p.strip()]
    return {int(p) for p in parts if p.isdigit()} or None


def _children_cpu() -> float | None:
    if resource is None:
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _busy_cpu() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


class JobSampler:
    def __init__(
        self,
        pid: Callable[[], int | None],
        *,
        interval: float = 1.0,
        gpu_backend: gpu.GpuBackend | None = None,
        gpus: set[int] | None = None,
        rapl_root: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._pid = pid
        self.interval = interval
        self._gpu = gpu_backend
        self._clock = clock
        self._rapl = energy.Rapl(rapl_root or energy.RAPL_ROOT)
        self._gpu_energy = energy.GpuEnergy(indexes=gpus)
        self._procs: dict[int, psutil.Process] = {}
        self._cpu_by_pid: dict[int, float] = {}
        self._peak_rss = 0
        self._peak_vram: float | None = None
        self._util: list[float] = []
        self._samples = 0
        self._task: asyncio.Task[None] | None = None
        self._started = 0.0
        self._children_cpu0: float | None = None
        self._busy0 = 0.0
        self._lock = threading.Lock()  # the loop samples in a worker thread; stop() samples too

    # --- lifecycle -------------------------------------------------------------

    def start(self) -> None:
        self._started = self._clock()
        self._children_cpu0 = _children_cpu()
        self._busy0 = _busy_cpu()
        self.sample_once()
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> JobUsage:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
        self.sample_once()  # the last counter readings, after the job ended
        return self.usage()

    async def _loop(self) -> None:
        while True:
            fast = self._clock() - self._started < FAST_PHASE_S
            await asyncio.sleep(min(self.interval, FAST_INTERVAL_S) if fast else self.interval)
            try:
                await asyncio.to_thread(self.sample_once)
            except Exception:  # accounting must never break the task
                pass

    # --- sampling --------------------------------------------------------------

    def _tree(self) -> list[psutil.Process]:
        return proctree.descendants(self._pid(), self._procs)

    def sample_once(self) -> None:
        with self._lock:
            self._sample()

    def _sample(self) -> None:
        now = self._clock()
        rss = 0
        alive: dict[int, psutil.Process] = {}
        for proc in self._tree():
            known = self._procs.get(proc.pid, proc)
            try:
                with known.oneshot():
                    rss += known.memory_info().rss
                    t = known.cpu_times()
                    self._cpu_by_pid[proc.pid] = max(
                        self._cpu_by_pid.get(proc.pid, 0.0), t.user + t.system
                    )
                alive[proc.pid] = known
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        self._procs = alive
        self._peak_rss = max(self._peak_rss, rss)
        self._samples += 1

        backend = self._gpu or gpu.backend()
        samples = backend.sample() if backend.available else []
        pids = set(alive)
        self._gpu_energy.add(now, samples, pids)
        vram: float | None = None
        util_parts: list[float] = []
        for s in samples:
            if self._gpu_energy.indexes is not None and s.index not in self._gpu_energy.indexes:
                continue
            if s.processes is not None:
                mine = sum(mb for p, mb in s.processes.items() if p in pids)
                vram = (vram or 0.0) + mine
                if mine and s.utilization_pct is not None:
                    util_parts.append(s.utilization_pct)
        if vram is not None and pids:
            self._peak_vram = max(self._peak_vram or 0.0, vram)
        if util_parts:
            self._util.append(sum(util_parts) / len(util_parts))
        self._rapl.read()

    def usage(self) -> JobUsage:
        sampled_cpu = sum(self._cpu_by_pid.values())
        cpu = sampled_cpu
        now_children = _children_cpu()
        if now_children is not None and self._children_cpu0 is not None:
            cpu = max(cpu, now_children - self._children_cpu0)
        cpu_joules: float | None = None
        if self._rapl.available:
            busy = max(0.0, _busy_cpu() - self._busy0)
            share = min(1.0, cpu / busy) if busy > 0 else 0.0
            cpu_joules = self._rapl.joules * share
        wh, source = energy.combine(self._gpu_energy.result(), cpu_joules)
        return JobUsage(
            peak_rss_mb=self._peak_rss / 2**20 if self._samples and self._peak_rss else None,
            cpu_seconds=round(cpu, 3),
            peak_vram_mb=self._peak_vram,
            gpu_util_pct=sum(self._util) / len(self._util) if self._util else None,
            energy_wh=wh,
            energy_source=source,
            samples=self._samples,
        )


def gpu_environ(use_gpu: bool, gpu_devices: str) -> dict[str, str]:
    """The job's GPU variables: which GPUs CUDA shows it, numbered as NVML (and the Settings) number them."""
    if not use_gpu:
        return {"CUDA_VISIBLE_DEVICES": ""}
    devices = ",".join(p.strip() for p in gpu_devices.split(",") if p.strip())
    if not devices:
        return {}
    return {"CUDA_VISIBLE_DEVICES": devices, "CUDA_DEVICE_ORDER": "PCI_BUS_ID"}

"""Machine and job resource sampling (no Qt).

`Monitor.sample()` is cheap enough to call once a second from the GUI thread:
psutil's non-blocking `cpu_percent(interval=None)` (the first call after
creation returns 0.0 — psutil compares against the previous call) and one
NVML query per GPU through `gpu.backend()`.

The job's share is the CPU and resident memory of the training process and
all its children, plus the VRAM NVML attributes to those pids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import psutil

from desktop_agent import gpu
from desktop_agent.engine import proctree


@dataclass(frozen=True)
class JobShare:
    pid: int
    cpu_pct: float  # summed over the process tree; can exceed 100 on many cores
    rss: int  # bytes, summed over the tree
    vram_mb: float | None  # None when NVML reports no per-process memory
    processes: int  # how many processes in the tree are alive
    gpu_util_pct: float | None = None  # mean utilisation of the GPUs where the job holds memory


@dataclass(frozen=True)
class MachineSample:
    cpu_pct: float
    ram_used: int  # bytes
    ram_total: int  # bytes
    gpus: list[gpu.GpuSample] = field(default_factory=list)
    job: JobShare | None = None
    cpu_count: int = 1


class Monitor:
    def __init__(self) -> None:
        self._job_pid: int | None = None
        # psutil.Process objects are kept between samples: per-process
        # cpu_percent() measures since the previous call on the same object.
        self._usage = proctree.TreeUsage()
        self._cpu_count = psutil.cpu_count() or 1
        psutil.cpu_percent(interval=None)  # prime the system-wide counter

    @property
    def job_pid(self) -> int | None:
        return self._job_pid

    def set_job_pid(self, pid: int | None) -> None:
        if pid != self._job_pid:
            self._job_pid = pid
            self._usage = proctree.TreeUsage()

    def sample(self) -> MachineSample:
        vm = psutil.virtual_memory()
        backend = gpu.backend()
        gpus = backend.sample() if backend.available else []
        return MachineSample(
            cpu_pct=psutil.cpu_percent(interval=None),
            ram_used=int(vm.total - vm.available),
            ram_total=int(vm.total),
            gpus=gpus,
            job=self._job_share(gpus),
            cpu_count=self._cpu_count,
        )

    def _job_share(self, gpus: list[gpu.GpuSample]) -> JobShare | None:
        pid = self._job_pid
        if pid is None:
            return None
        tree = proctree.descendants(pid, self._usage.alive)
        if not tree:
            self._usage = proctree.TreeUsage()
            return None
        cpu, rss = self._usage.sample(tree)
        alive = self._usage.alive
        vram: float | None = None
        util: list[float] = []
        for g in gpus:
            if g.processes:
                mine = [mb for p, mb in g.processes.items() if p in alive]
                for mb in mine:
                    vram = (vram or 0.0) + mb
                if mine and g.utilization_pct is not None:
                    util.append(g.utilization_pct)
        return JobShare(
            pid=pid,
            cpu_pct=cpu,
            rss=rss,
            vram_mb=vram,
            processes=len(alive),
            gpu_util_pct=sum(util) / len(util) if util else None,
        )


def format_bytes(n: float | None) -> str:
    if n is None:
        return "—"
    value = float(n)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(value) < 1024 or unit == "TB":
            return f"{value:.0f} {unit}" if unit in ("B", "KB") else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"

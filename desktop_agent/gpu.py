"""The one seam to NVIDIA's management library (NVML, via nvidia-ml-py).

Everything that wants GPU facts (registration's `gpu_model`, the dashboard's
live readings) asks a `GpuBackend`. `NvmlBackend` is the real one; tests swap
in a small fake with `set_backend()`. Without an NVIDIA driver `nvmlInit()`
fails and `NoGpu` answers instead, so callers never see NVML exceptions.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Protocol
from collections.abc import Callable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GpuInfo:
    index: int
    name: str
    uuid: str
    memory_total_mb: int


@dataclass(frozen=True)
class GpuSample:
    index: int
    utilization_pct: float | None
    memory_used_mb: float | None
    memory_total_mb: float | None
    temperature_c: float | None
    power_w: float | None
    energy_mj: float | None = None  # cumulative since driver load, where the GPU has the counter
    processes: dict[int, float] | None = None  # pid -> VRAM MB, where NVML reports it


class GpuBackend(Protocol):
    available: bool
    reason: str  # why there is no GPU, in words, when `available` is False

    def gpus(self) -> list[GpuInfo]: ...

    def sample(self) -> list[GpuSample]: ...

    def driver_version(self) -> str | None: ...

    # optional (contribution controls): cap power, None restores; returns None or why not
    def set_power_limit(
        self, watts: float | None, indices: list[int] | None = None
    ) -> str | None: ...


class NoGpu:
    available = False

    def __init__(self, reason: str = "No NVIDIA GPU found"):
        self.reason = reason

    def gpus(self) -> list[GpuInfo]:
        return []

    def sample(self) -> list[GpuSample]:
        return []

    def driver_version(self) -> str | None:
        return None

    def set_power_limit(self, watts: float | None, indices: list[int] | None = None) -> str | None:
        return self.reason


class NvmlBackend:
    available = True
    reason = ""

    def __init__(self) -> None:
        import pynvml  # nvidia-ml-py

        self._nv = pynvml
        pynvml.nvmlInit()
        self._handles = [
            pynvml.nvmlDeviceGetHandleByIndex(i) for i in range(pynvml.nvmlDeviceGetCount())
        ]

    def _try(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except self._nv.NVMLError:
            return None

    def gpus(self) -> list[GpuInfo]:
        out = []
        for i, h in enumerate(self._handles):
            name = self._try(self._nv.nvmlDeviceGetName, h) or "NVIDIA GPU"
            uuid = self._try(self._nv.nvmlDeviceGetUUID, h) or ""
            mem = self._try(self._nv.nvmlDeviceGetMemoryInfo, h)
            out.append(
                GpuInfo(
                    index=i,
                    name=name.decode() if isinstance(name, bytes) else name,
                    uuid=uuid.decode() if isinstance(uuid, bytes) else uuid,
                    memory_total_mb=int(mem.total / 2**20) if mem else 0,
                )
            )
        return out

    def sample(self) -> list[GpuSample]:
        nv = self._nv
        out = []
        for i, h in enumerate(self._handles):
            util = self._try(nv.nvmlDeviceGetUtilizationRates, h)
            mem = self._try(nv.nvmlDeviceGetMemoryInfo, h)
            temp = self._try(nv.nvmlDeviceGetTemperature, h, nv.NVML_TEMPERATURE_GPU)
            power = self._try(nv.nvmlDeviceGetPowerUsage, h)
            energy = self._try(nv.nvmlDeviceGetTotalEnergyConsumption, h)
            procs = self._try(nv.nvmlDeviceGetComputeRunningProcesses, h) or []
            out.append(
                GpuSample(
                    index=i,
                    utilization_pct=float(util.gpu) if util else None,
                    memory_used_mb=mem.used / 2**20 if mem else None,
                    memory_total_mb=mem.total / 2**20 if mem else None,
                    temperature_c=float(temp) if temp is not None else None,
                    power_w=power / 1000.0 if power is not None else None,
                    energy_mj=float(energy) if energy is not None else None,
                    processes={
                        p.pid: (p.usedGpuMemory or 0) / 2**20
                        for p in procs
                        if getattr(p, "usedGpuMemory", None) is not None
                    },
                )
            )
        return out

    def driver_version(self) -> str | None:
        v = self._try(self._nv.nvmlSystemGetDriverVersion)
        return v.decode() if isinstance(v, bytes) else v

    def set_power_limit(self, watts: float | None, indices: list[int] | None = None) -> str | None:
        """Cap (or, with None, restore the default of) the GPUs' power; None when done, else why not.

        NVML allows this only to root / Administrator on most drivers: a refusal is reported, not raised.
        """
        nv = self._nv
        for i, h in enumerate(self._handles):
            if indices is not None and i not in indices:
                continue
            try:
                if watts is None:
                    target = nv.nvmlDeviceGetPowerManagementDefaultLimit(h)
                else:
                    lo, hi = nv.nvmlDeviceGetPowerManagementLimitConstraints(h)
                    target = int(min(max(watts * 1000, lo), hi))
                nv.nvmlDeviceSetPowerManagementLimit(h, target)
            except nv.NVMLError as exc:
                return f"GPU {i}: {exc}"
        return None


_backend: GpuBackend | None = None
_lock = threading.Lock()


def backend() -> GpuBackend:
    """The process-wide backend, opened on first use."""
    global _backend
    with _lock:
        if _backend is None:
            try:
                _backend = NvmlBackend()
                if not _backend.gpus():
                    _backend = NoGpu("NVIDIA driver found, but no GPU")
            except Exception as exc:  # NVMLError_LibraryNotFound, DriverNotLoaded, ImportError...
                log.debug("NVML unavailable: %s", exc)
                _backend = NoGpu()
        return _backend


def set_backend(new: GpuBackend | None) -> None:
    """Swap the backend (tests); None re-detects on next use."""
    global _backend
    with _lock:
        _backend = new


def gpu_model_summary() -> str:
    """What registration sends as `gpu_model`: "NVIDIA RTX 4090", "2 x NVIDIA A100", or "CPU only"."""
    gpus = backend().gpus()
    if not gpus:
        return "CPU only"
    names = [g.name for g in gpus]
    if len(set(names)) == 1 and len(names) > 1:
        return f"{len(names)} x {names[0]}"
    return ", ".join(names)

"""A fake NVML behind `gpu.set_backend`, scripted sample by sample."""

from __future__ import annotations

from desktop_agent.gpu import GpuInfo, GpuSample


class FakeNvml:
    available = True
    reason = ""

    def __init__(
        self,
        driver: str | None = "560.35.03",
        names: tuple[str, ...] = ("NVIDIA RTX 4090",),
        samples: list[list[GpuSample]] | None = None,
    ):
        self.driver = driver
        self.names = names
        self.samples = list(samples or [])
        self.calls = 0

    def gpus(self) -> list[GpuInfo]:
        return [GpuInfo(i, n, f"GPU-{i}", 24_000) for i, n in enumerate(self.names)]

    def sample(self) -> list[GpuSample]:
        self.calls += 1
        if not self.samples:
            return []
        return self.samples.pop(0) if len(self.samples) > 1 else self.samples[0]

    def driver_version(self) -> str | None:
        return self.driver


def gpu_sample(
    index: int = 0,
    *,
    power_w: float | None = None,
    energy_mj: float | None = None,
    processes: dict[int, float] | None = None,
    util: float | None = 50.0,
) -> GpuSample:
    return GpuSample(
        index=index,
        utilization_pct=util,
        memory_used_mb=1000.0,
        memory_total_mb=24_000.0,
        temperature_c=60.0,
        power_w=power_w,
        energy_mj=energy_mj,
        processes=processes,
    )

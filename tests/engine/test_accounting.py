"""Energy and resource accounting with a fake NVML behind gpu.set_backend and a fake RAPL folder."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest

from desktop_agent import gpu
from desktop_agent.engine import accounting, energy

from tests.helpers.fake_nvml import FakeNvml, gpu_sample

ME = os.getpid()


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture(autouse=True)
def _no_real_gpu(monkeypatch, tmp_path):
    gpu.set_backend(gpu.NoGpu())
    monkeypatch.setattr(energy, "RAPL_ROOT", tmp_path / "no-powercap")
    yield
    gpu.set_backend(None)


def run_samples(nvml: FakeNvml, times: list[float], **kwargs) -> accounting.JobUsage:
    gpu.set_backend(nvml)
    clock = Clock()
    sampler = accounting.JobSampler(lambda: ME, clock=clock, **kwargs)
    for t in times:
        clock.t = t
        sampler.sample_once()
    return sampler.usage()


def test_energy_from_the_cumulative_counter():
    nvml = FakeNvml(
        samples=[
            [gpu_sample(energy_mj=1_000_000.0, power_w=300.0, processes={ME: 512.0})],
            [gpu_sample(energy_mj=2_800_000.0, power_w=50.0, processes={ME: 2048.0})],
            [gpu_sample(energy_mj=4_600_000.0, power_w=10.0, processes={})],
        ]
    )
    usage = run_samples(nvml, [0.0, 5.0, 10.0])
    assert usage.energy_source == "nvml-counter"
    assert usage.energy_wh == pytest.approx(1.0)  # 3,600,000 mJ = 3600 J, not any power reading
    assert usage.peak_vram_mb == 2048.0
    assert usage.gpu_util_pct == 50.0


def test_energy_from_power_samples_uses_real_timestamps():
    nvml = FakeNvml(
        samples=[
            [gpu_sample(power_w=100.0, processes={ME: 100.0})],
            [gpu_sample(power_w=200.0, processes={ME: 100.0})],
            [gpu_sample(power_w=200.0, processes={ME: 100.0})],
        ]
    )
    usage = run_samples(nvml, [0.0, 10.0, 30.0])  # uneven spacing on purpose
    assert usage.energy_source == "nvml-power"
    assert usage.energy_wh == pytest.approx(
        (1500.0 + 4000.0) / 3600
    )  # trapezoids, not 200 W x 30 s
    assert energy.trapezoid([(0.0, 100.0)]) == 0.0  # one reading is no measurement


def test_counter_that_restarts_falls_back_to_power():
    nvml = FakeNvml(
        samples=[
            [gpu_sample(energy_mj=9_000_000.0, power_w=100.0, processes={ME: 1.0})],
            [gpu_sample(energy_mj=10.0, power_w=100.0, processes={ME: 1.0})],
        ]
    )
    usage = run_samples(nvml, [0.0, 36.0])
    assert usage.energy_source == "nvml-power" and usage.energy_wh == pytest.approx(1.0)


def test_gpu_the_job_did_not_use_is_not_charged():
    nvml = FakeNvml(
        samples=[
            [gpu_sample(energy_mj=0.0, processes={1: 10.0})],
            [gpu_sample(energy_mj=3_600_000.0, processes={1: 10.0})],
        ]
    )
    usage = run_samples(nvml, [0.0, 1.0])
    assert usage.energy_wh is None and usage.energy_source is None
    assert usage.peak_vram_mb == 0.0  # NVML lists processes, and the job holds no VRAM


def test_gpus_outside_the_settings_are_ignored():
    nvml = FakeNvml(
        names=("A", "B"),
        samples=[
            [
                gpu_sample(0, energy_mj=0.0, processes={ME: 1.0}),
                gpu_sample(1, energy_mj=0.0, processes={ME: 1.0}),
            ],
            [
                gpu_sample(0, energy_mj=3_600_000.0, processes={ME: 1.0}),
                gpu_sample(1, energy_mj=7_200_000.0, processes={ME: 1.0}),
            ],
        ],
    )
    assert run_samples(nvml, [0.0, 1.0], gpus={1}).energy_wh == pytest.approx(2.0)


def test_no_reading_is_not_measured():
    usage = run_samples(gpu.NoGpu(), [0.0, 1.0])  # type: ignore[arg-type]
    assert usage.energy_wh is None and usage.energy_source is None and usage.peak_vram_mb is None
    assert usage.peak_rss_mb and usage.peak_rss_mb > 1
    assert energy.format_kwh(None) == "not measured"
    fields = usage.store_fields()
    assert fields["energy_wh"] is None and set(fields) == {
        "peak_rss_mb",
        "cpu_seconds",
        "peak_vram_mb",
        "energy_wh",
        "energy_source",
    }


def fake_rapl(root, *zones):
    for name, uj, max_uj in zones:
        d = root / name
        d.mkdir(parents=True)
        (d / "name").write_text(
            ("package-" + name.split(":")[1]) if name.count(":") == 1 else "core"
        )
        (d / "energy_uj").write_text(str(uj))
        (d / "max_energy_range_uj").write_text(str(max_uj))
    return root


def test_rapl_package_counters_with_wrap_around(tmp_path):
    root = fake_rapl(
        tmp_path / "powercap",
        ("intel-rapl:0", 900_000_000, 1_000_000_000),
        ("intel-rapl:0:0", 5, 1_000_000_000),
        ("intel-rapl:1", 0, 1_000_000_000),
    )
    rapl = energy.Rapl(root)
    assert rapl.available and len(rapl.zones) == 2  # the core subzone is part of its package
    (root / "intel-rapl:0" / "energy_uj").write_text("100000000")  # wrapped: +200 J
    (root / "intel-rapl:1" / "energy_uj").write_text("50000000")  # +50 J
    rapl.read()
    assert rapl.joules == pytest.approx(250.0)
    (root / "intel-rapl:0" / "energy_uj").write_text("400000000")  # +300 J
    rapl.read()
    assert rapl.joules == pytest.approx(550.0)


def test_unreadable_rapl_is_skipped(tmp_path):
    root = fake_rapl(tmp_path / "powercap", ("intel-rapl:0", 1, 10))
    (root / "intel-rapl:0" / "energy_uj").unlink()
    (root / "intel-rapl:0" / "energy_uj").mkdir()  # reading fails like a root-only file does
    rapl = energy.Rapl(root)
    assert not rapl.available and "not readable" in rapl.reason
    assert not energy.Rapl(tmp_path / "nothing-here").available


def test_cpu_energy_is_the_jobs_share_of_the_package(tmp_path, monkeypatch):
    root = fake_rapl(tmp_path / "powercap", ("intel-rapl:0", 0, 10**12))
    busy = iter([100.0, 140.0])  # 40 busy CPU seconds on the machine during the run...
    monkeypatch.setattr(accounting, "_busy_cpu", lambda: next(busy))
    children = iter([10.0, 20.0])  # ...10 of them the job's
    monkeypatch.setattr(accounting, "_children_cpu", lambda: next(children))
    clock = Clock()
    sampler = accounting.JobSampler(lambda: None, clock=clock, rapl_root=root)
    sampler._children_cpu0 = accounting._children_cpu()
    sampler._busy0 = accounting._busy_cpu()
    (root / "intel-rapl:0" / "energy_uj").write_text(str(3600 * 4 * 10**6))  # 4 Wh for the package
    sampler.sample_once()
    usage = sampler.usage()
    assert usage.cpu_seconds == 10.0
    assert usage.energy_source == "rapl" and usage.energy_wh == pytest.approx(1.0)


def test_sampler_measures_a_real_process_tree():
    async def main() -> accounting.JobUsage:
        code = (
            "import subprocess,sys,time\n"
            "c=subprocess.Popen([sys.executable,'-c','x=bytearray(40<<20);import time;time.sleep(0.8)'])\n"
            # 0.6 s of its own CPU time, however busy the machine; then a pause for a last sample
            "while time.process_time()<0.6: pass\nc.wait()\ntime.sleep(0.3)"
        )
        proc = await asyncio.create_subprocess_exec(sys.executable, "-c", code)
        sampler = accounting.JobSampler(lambda: proc.pid, interval=0.1)
        sampler.start()
        await proc.wait()
        return await sampler.stop()

    usage = asyncio.run(main())
    assert usage.samples >= 3
    assert usage.peak_rss_mb is not None and usage.peak_rss_mb > 40
    assert usage.cpu_seconds is not None and usage.cpu_seconds >= 0.4
    assert usage.energy_wh is None  # no GPU, no RAPL here: not measured


def test_gpu_environment_for_the_job():
    assert accounting.gpu_environ(True, "") == {}
    assert accounting.gpu_environ(False, "0,1") == {"CUDA_VISIBLE_DEVICES": ""}
    assert accounting.gpu_environ(True, "0, 2") == {
        "CUDA_VISIBLE_DEVICES": "0,2",
        "CUDA_DEVICE_ORDER": "PCI_BUS_ID",
    }
    assert accounting.gpu_indexes(True, "") is None
    assert accounting.gpu_indexes(False, "") == set()
    assert accounting.gpu_indexes(True, "1,3") == {1, 3}


def test_format_kwh():
    assert energy.format_kwh(12_400.0) == "12.4 kWh"
    assert energy.format_kwh(830.4) == "830 Wh"
    assert energy.format_kwh(3.21) == "3.2 Wh"
    assert energy.format_kwh(0.0) == "0.00 Wh"

"""engine/cputhrottle.py: a throttled busy job gets its share of one core, by the kernel's count."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import psutil
import pytest

from desktop_agent.config import Settings
from desktop_agent.engine import cgroups, cputhrottle, limits, runner
from desktop_agent.engine.jobspec import JobSpec
from desktop_agent.platform import winjob
from tests.helpers.busy_job import spin_code, spun_cpu_s, tree_cpu

pytestmark = [
    pytest.mark.timeout(90),
    pytest.mark.skipif(sys.platform == "win32", reason="the Job Object path is tested by plan"),
]

BUSY_S = 3.0


def test_quota_and_the_windows_rate():
    assert cputhrottle.quota_us(25, 1) == 25_000  # a quarter of each 100 ms period
    assert cputhrottle.quota_us(25, 4) == 100_000  # 25 % of 4 cores: one core's worth
    assert cputhrottle.quota_us(1, 1) == 10_000 // 10  # never under the kernel's 1 ms
    assert winjob.cpu_rate(0, 8, 25) == 2500  # 25 % of all 8 cores
    assert winjob.cpu_rate(2, 8, 50) == 1250  # half of 2 cores of 8
    assert winjob.cpu_rate(0, 8, 100) == 0 and winjob.cpu_rate(2, 8) == 2500  # as before


def test_the_throttle_is_frozen_into_the_job_spec():
    assert JobSpec.from_settings(Settings(cpu_throttle_pct=25)).limits.cpu_pct == 25
    assert limits.from_settings(Settings()).cpu_pct == 100


def _run_busy(tmp_path: Path, pct: int) -> tuple[runner.RunResult, float]:
    ws = tmp_path / "ws"
    ws.mkdir(exist_ok=True)
    (ws / "train.py").write_text(spin_code(BUSY_S))
    affinity = getattr(psutil.Process(), "cpu_affinity", None)  # none on macOS
    one_core = (sorted(affinity())[-1],) if affinity else None
    spec = JobSpec(time_limit=30, limits=limits.JobLimits(0, 0, 0, cpu_pct=pct), cores=one_core)
    job = runner.JobProcess(
        Path(sys.executable), ws, spec, log_path=tmp_path / "job.log", grace_s=1.0
    )
    result = asyncio.run(job.run())
    assert result.exit_code == 0, result.log_tail
    return result, spun_cpu_s(result.log_tail)


def test_a_cgroup_quota_holds_a_busy_job_to_its_share(tmp_path):
    if cgroups.controller_parent("cpu") is None:
        pytest.skip("no cgroup with the cpu controller that this user may write here")
    result, cpu_s = _run_busy(tmp_path, 25)
    assert "CPU time: kernel (cgroup-" in result.enforcement and "25 %" in result.enforcement
    assert cpu_s <= 0.35 * BUSY_S, f"{cpu_s:.2f} s of CPU in {BUSY_S} s at a 25 % throttle"


def test_without_a_cgroup_the_job_is_stopped_in_turns(tmp_path, monkeypatch):
    monkeypatch.setattr(cputhrottle.cgroups, "controller_parent", lambda controller: None)
    result, cpu_s = _run_busy(tmp_path, 25)
    assert "stopped and continued in turns (25 %" in result.enforcement
    assert cpu_s <= 0.35 * BUSY_S, f"{cpu_s:.2f} s of CPU in {BUSY_S} s at a 25 % throttle"


def test_no_throttle_is_said_nowhere_and_costs_nothing(tmp_path):
    result, _cpu = _run_busy(tmp_path, 100)
    assert "CPU time" not in result.enforcement


def test_the_duty_cycle_never_continues_a_suspended_job(tmp_path, monkeypatch):
    monkeypatch.setattr(cputhrottle.cgroups, "controller_parent", lambda controller: None)
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "train.py").write_text("while True:\n    pass\n")
    spec = JobSpec(time_limit=30, limits=limits.JobLimits(0, 0, 0, cpu_pct=50))
    job = runner.JobProcess(Path(sys.executable), ws, spec, log_path=tmp_path / "j.log")

    async def main() -> float:
        started = asyncio.Event()
        job.on_started = lambda _job: started.set()
        run = asyncio.create_task(job.run())
        await started.wait()
        await asyncio.sleep(0.5)
        job.suspend()
        await asyncio.sleep(0.5)  # the stop delivered
        assert job.pid is not None
        before = tree_cpu(job.pid)
        await asyncio.sleep(2.5)  # two and a half turns of the duty cycle
        grew = tree_cpu(job.pid) - before
        job.resume()
        job.cancel("done")
        await run
        return grew

    assert asyncio.run(main()) < 0.05


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="cgroups: Linux")
def test_cgroup_v2_quota_goes_into_the_jobs_one_cgroup(tmp_path):
    """v2 lets a process be in one cgroup only: the pids cap's folder carries cpu.max too."""
    from desktop_agent.engine.proccap import _PidsCgroup

    folder = tmp_path / "job"
    folder.mkdir()
    (folder / "cpu.max").write_text("max 100000")  # as the kernel shows an unlimited cgroup
    throttle = cputhrottle.open_throttle(25, 2, processes=_PidsCgroup(folder, "cgroup-v2"))
    assert (folder / "cpu.max").read_text() == "50000 100000"  # half a core per 100 ms
    assert throttle.kind == "kernel (cgroup-v2 CPU quota, 25 %)" and throttle.prefix() == []
    bare = tmp_path / "bare"  # `cpu` not delegated: no cpu.max, so the duty cycle
    bare.mkdir()
    fallback = cputhrottle.open_throttle(25, 2, processes=_PidsCgroup(bare, "cgroup-v2"))
    assert fallback.kind.startswith("stopped and continued in turns")
    assert not (bare / "cpu.max").exists()

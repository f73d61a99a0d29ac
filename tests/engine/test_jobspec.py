"""jobspec: one frozen spec per task, built from the settings of the moment it starts."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_agent.config import Settings
from desktop_agent.engine import events as ev
from desktop_agent.engine import limits
from desktop_agent.engine.jobspec import JobSpec, job_environment
from tests.e2e.conftest import SAMPLE, AgentThread, sample_code, settings_for, srv, wait_until  # noqa: F401


def test_spec_is_frozen_and_carries_every_part():
    spec = JobSpec.from_settings(
        Settings(task_time_limit=12.0, use_gpu=False, job_low_priority=False, max_workspace_mb=512)
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.time_limit = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        spec.env["X"] = "1"  # type: ignore[index]
    assert spec.time_limit == 12.0
    assert spec.env == {"CUDA_VISIBLE_DEVICES": ""}  # the GPU variables, once
    assert spec.gpus == () and not spec.use_gpu
    assert spec.nice == 0 and spec.limits is not None and spec.limits.workspace_mb == 512
    assert spec.sandbox_tmp_mb == 512


def test_priority_is_decided_in_one_place():
    assert JobSpec.from_settings(Settings()).nice == limits.DEFAULT_NICE
    assert limits.from_settings(Settings(job_low_priority=False)).nice == 0


def test_sandbox_tmp_is_capped():
    assert JobSpec.from_settings(Settings()).sandbox_tmp_mb == 2048
    assert JobSpec.from_settings(Settings(max_workspace_mb=0)).sandbox_tmp_mb == 2048


def test_cores_and_thread_variables():
    spec = JobSpec.from_settings(Settings(cpu_max_cores=1, gpu_devices="1"))
    assert spec.env["OMP_NUM_THREADS"] == "1" and spec.env["CUDA_VISIBLE_DEVICES"] == "1"
    assert spec.gpus == (1,)
    assert spec.cores is None or len(spec.cores) == 1


@pytest.mark.timeout(120)
def test_new_settings_reach_the_next_task(srv, tmp_path):  # noqa: F811
    """Lowering the time limit in Settings applies to the task that starts after it."""
    srv.submit_job(SAMPLE, code=sample_code(seconds=8.0), chunks=1)
    settings = settings_for(srv, task_time_limit=600.0)
    run = AgentThread(settings, tmp_path / "agent", max_tasks=1)
    run.agent.pause()
    with run:
        wait_until(lambda: run.agent.status()["state"] == "paused", 30)
        run.agent.update_settings(dataclasses.replace(settings, task_time_limit=1.0))
        run.agent.resume()
        wait_until(lambda: run.of(ev.TaskFinished), 60)
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.FAILED, finished
    assert "1 s limit" in (finished.error or "")


def test_a_new_env_cache_budget_applies_without_a_restart(tmp_path):
    from desktop_agent.config import DataPaths
    from desktop_agent.engine.env_cache import EnvCache
    from desktop_agent.engine.loop import Agent

    envs = EnvCache(tmp_path / "envs", budget_mb=20_000)
    agent = Agent(Settings(), DataPaths(tmp_path / "agent"), env_cache=envs)
    agent.update_settings(Settings(env_cache_budget_mb=500))
    assert envs.budget_mb == 500 and agent.settings.env_cache_budget_mb == 500


def test_job_environment():
    assert job_environment(Settings()) == {}
    env = job_environment(Settings(cpu_max_cores=2, use_gpu=False))
    assert (
        env["OMP_NUM_THREADS"] == env["MKL_NUM_THREADS"] == "2"
        and env["CUDA_VISIBLE_DEVICES"] == ""
    )
    env = job_environment(Settings(gpu_devices="1, 2"))
    assert (
        env["CUDA_VISIBLE_DEVICES"] == "1,2" and env["CUDA_DEVICE_ORDER"] == "PCI_BUS_ID"
    )  # numbered as in Settings

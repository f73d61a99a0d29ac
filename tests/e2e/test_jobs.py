"""Real jobs at real size against the reference backend: Range-resume, accounting columns, torch choice."""

from __future__ import annotations

import asyncio
import hashlib
from typing import ClassVar

import httpx
import pytest

from desktop_agent import gpu
from desktop_agent.engine import events as ev
from desktop_agent.engine import fetch
from desktop_agent.engine.env_cache import EnvCache
from desktop_agent.engine.store import Store
from tests.e2e.conftest import (
    SAMPLE,
    AgentThread,
    expected_result,
    settings_for,
    uploaded_result,
)

pytestmark = pytest.mark.timeout(120)


def big_csv(rows: int) -> bytes:
    lines = ["a,b,c"] + [f"{i},{i * 0.5},{i % 7}" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def test_a_chunk_cut_in_the_middle_resumes_with_range_and_matches(srv, tmp_path):
    job_id = srv.submit_job(SAMPLE, data=big_csv(400_000), chunks=2)  # two chunks of ~3 MB
    sub = srv.subtasks(job_id)[0]
    path = f"/files/jobs/{job_id}/chunk_{sub['chunk_index']}.csv"
    whole = httpx.get(srv.url + path).content
    assert len(whole) > 3_000_000
    srv.faults.truncate_next_file(keep_bytes=1_500_000)
    before = len(srv.calls(path))

    async def main() -> fetch.DownloadResult:
        async def no_wait(_s: float) -> bool:
            return False

        async with httpx.AsyncClient() as client:
            return await fetch.download(
                client, srv.url + path, tmp_path / "data.csv", max_bytes=64 * 2**20, wait=no_wait
            )

    result = asyncio.run(main())
    calls = srv.calls(path)[before:]
    assert [c.fault for c in calls] == ["truncate", None]
    assert calls[0].range is None and calls[1].range == "bytes=1500000-"
    assert result.resumed and result.attempts == 2 and result.bytes == len(whole)
    assert (
        hashlib.sha256((tmp_path / "data.csv").read_bytes()).digest()
        == hashlib.sha256(whole).digest()
    )
    # Constant memory at 1 GB is measured by benchmarks/download.py (the devserver shares this process).


def test_agent_resumes_a_cut_download_and_records_the_runs_cost(srv, tmp_path):
    job_id = srv.submit_job(SAMPLE, data=big_csv(50_000), chunks=1)
    task_id = srv.subtasks(job_id)[0]["id"]
    srv.faults.truncate_next_file(
        keep_bytes=100
    )  # the first file the agent fetches is cut at byte 100
    gpu.set_backend(gpu.NoGpu())
    try:
        with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=1) as run:
            run.thread.join(60)
    finally:
        gpu.set_backend(None)
    assert [f.outcome for f in run.of(ev.TaskFinished)] == [ev.Outcome.COMPLETED]
    resumed = [c for c in srv.calls("/files/") if c.range]
    assert [c.range for c in resumed] == ["bytes=100-"]
    assert (
        uploaded_result(srv, task_id)["sha256_of_data"]
        == expected_result(srv, task_id)["sha256_of_data"]
    )
    row = Store(tmp_path / "agent" / "agent.db").history()[0]
    assert row.peak_rss_mb is not None and row.peak_rss_mb > 1
    assert row.cpu_seconds is not None and row.cpu_seconds > 0
    assert row.peak_vram_mb is None  # no GPU: not measured
    assert row.torch_backend is None  # the sample job needs no PyTorch


class RecordingCache(EnvCache):
    """Builds the bare env whatever is asked (no torch in CI) and records the torch build asked for."""

    asked: ClassVar[list[tuple[str, str | None]]] = []

    async def ensure(self, requirements_text, *, on_line=None, torch_backend=None):  # type: ignore[override]
        self.asked.append((requirements_text, torch_backend))
        return await super().ensure("", on_line=on_line, torch_backend=torch_backend)


def test_a_torch_job_gets_the_cpu_build_without_a_gpu_and_says_why(srv, tmp_path):
    srv.submit_job(SAMPLE, requirements=b"torch\npandas\n", chunks=1)
    cache = RecordingCache(
        tmp_path / "agent" / "envs", budget_mb=10_000, uv_cache_dir=tmp_path / "uv"
    )
    gpu.set_backend(gpu.NoGpu("No NVIDIA GPU found"))
    try:
        with AgentThread(
            settings_for(srv), tmp_path / "agent", max_tasks=1, env_cache=cache
        ) as run:
            run.thread.join(60)
    finally:
        gpu.set_backend(None)
    assert cache.asked == [("torch\npandas\n", "cpu")]
    said = [e.text for e in run.of(ev.LogLine) if "PyTorch build" in e.text]
    assert (
        said
        and "cpu" in said[0]
        and "no usable NVIDIA GPU" in said[0]
        and "download.pytorch.org/whl/cpu" in said[0]
    )
    row = Store(tmp_path / "agent" / "agent.db").history()[0]
    assert row.torch_backend == "cpu" and row.outcome == "completed"

"""Prometheus metrics (desktop_agent/metrics.py): scraped over real HTTP with httpx."""

from __future__ import annotations

import math
import re
import time

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from desktop_agent import __version__, gpu
from desktop_agent.config import DEFAULTS, SettingsError, load_settings
from desktop_agent.engine import events as ev
from desktop_agent.metrics import AgentMetrics
from desktop_agent.settings_grammar import parse_address
from tests.e2e.conftest import OWNER, SAMPLE, agent_output, sample_code, spawn_agent, wait_until


def scrape(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample on the page: (name, sorted labels) -> value."""
    text = httpx.get(url, timeout=10).text
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


@pytest.fixture
def served():
    metrics = AgentMetrics(sandbox_kind="bwrap", gpu_backend=lambda: gpu.NoGpu())
    host, port, stop = metrics.serve("0")
    try:
        yield metrics, f"http://{host}:{port}/metrics"
    finally:
        stop()


def test_events_become_metrics(served):
    metrics, url = served
    now = time.time()
    for event in [
        ev.StateChanged(ev.AgentState.IDLE, "Waiting for work", "IDLE", mode="contributing"),
        ev.HeartbeatSent("IDLE", True, at=now - 3),
        ev.HeartbeatSent("IDLE", False),
        ev.TaskStarted(4711, 12, "http://x"),
        ev.PhaseProgress(4711, ev.Phase.TRAINING, 0.25),
        ev.StateChanged(ev.AgentState.WORKING, "Training", "BUSY", mode="contributing"),
    ]:
        metrics(event)
    got = scrape(url)
    assert got[("desktop_agent_state", (("state", "working"),))] == 1
    assert got[("desktop_agent_state", (("state", "idle"),))] == 0
    assert got[("desktop_agent_mode", (("mode", "contributing"),))] == 1
    assert got[("desktop_agent_task_in_hand", ())] == 1
    assert got[("desktop_agent_task_phase", (("phase", "training"),))] == 1
    assert got[("desktop_agent_task_phase", (("phase", "downloading"),))] == 0
    assert got[("desktop_agent_task_progress_ratio", ())] == 0.25
    assert got[("desktop_agent_heartbeats_total", ())] == 2
    assert got[("desktop_agent_heartbeat_failures_total", ())] == 1
    assert 3 <= got[("desktop_agent_heartbeat_age_seconds", ())] < 30
    assert got[("desktop_agent_server_reachable", ())] == 1
    assert got[("desktop_agent_info", (("sandbox", "bwrap"), ("version", __version__)))] == 1

    metrics(
        ev.TaskFinished(
            4711,
            12,
            ev.Outcome.COMPLETED,
            duration_s=7.5,
            bytes_down=1000,
            bytes_up=200,
            cpu_seconds=6.0,
            energy_wh=0.5,
        )
    )
    metrics(ev.TaskFinished(4712, 12, ev.Outcome.RELEASED, duration_s=100.0, bytes_down=10))
    metrics(ev.ProblemRaised(ev.ProblemKind.SERVER_UNREACHABLE, "The server cannot be reached"))
    got = scrape(url)
    assert got[("desktop_agent_tasks_finished_total", (("outcome", "completed"),))] == 1
    assert got[("desktop_agent_tasks_finished_total", (("outcome", "released"),))] == 1
    assert got[("desktop_agent_tasks_finished_total", (("outcome", "failed"),))] == 0
    assert got[("desktop_agent_compute_seconds_total", ())] == 7.5  # a release is no compute
    assert got[("desktop_agent_download_bytes_total", ())] == 1010
    assert got[("desktop_agent_upload_bytes_total", ())] == 200
    assert got[("desktop_agent_job_cpu_seconds_total", ())] == 6.0
    assert got[("desktop_agent_job_energy_joules_total", ())] == 1800.0
    assert got[("desktop_agent_task_in_hand", ())] == 0
    assert math.isnan(got[("desktop_agent_task_progress_ratio", ())])
    assert got[("desktop_agent_server_reachable", ())] == 0
    assert got[("desktop_agent_problem", (("kind", "server_unreachable"),))] == 1
    metrics(ev.ProblemCleared(ev.ProblemKind.SERVER_UNREACHABLE))
    got = scrape(url)
    assert got[("desktop_agent_server_reachable", ())] == 1
    assert got[("desktop_agent_problem", (("kind", "server_unreachable"),))] == 0


def test_no_task_or_job_id_reaches_a_label(served):
    metrics, url = served
    metrics(ev.TaskStarted(987654, 123456, "http://x"))
    metrics(ev.PhaseProgress(987654, ev.Phase.DOWNLOADING, 0.5, message="chunk 987654"))
    metrics(ev.TaskFinished(987654, 123456, ev.Outcome.FAILED, 1.0, error="boom 987654"))
    text = httpx.get(url).text
    assert "987654" not in text and "123456" not in text
    names = {n for n, _ in scrape(url)}
    assert all(n.startswith("desktop_agent_") for n in names), names


def test_agent_process_and_gpu_readings(tmp_path):
    class FakeGpus:
        available = True
        reason = ""

        def sample(self):
            return [
                gpu.GpuSample(0, 87.0, 2048.0, 24576.0, 71.0, 230.5, energy_mj=5_000_000.0),
                gpu.GpuSample(1, None, None, None, None, None),
            ]

    (tmp_path / "envs" / "a").mkdir(parents=True)
    (tmp_path / "envs" / "a" / "f").write_bytes(b"x" * 100_000)
    metrics = AgentMetrics(
        env_cache=(tmp_path / "envs", tmp_path / "uv-cache"),
        sandbox_kind="none",
        gpu_backend=FakeGpus,
    )
    host, port, stop = metrics.serve("127.0.0.1:0")
    try:
        url = f"http://{host}:{port}/metrics"
        got = scrape(url)
        assert got[("desktop_agent_process_resident_memory_bytes", ())] > 10 * 2**20
        assert got[("desktop_agent_process_cpu_seconds_total", ())] > 0
        assert got[("desktop_agent_gpu_utilisation_ratio", (("gpu", "0"),))] == 0.87
        assert got[("desktop_agent_gpu_memory_used_bytes", (("gpu", "0"),))] == 2048 * 2**20
        assert got[("desktop_agent_gpu_temperature_celsius", (("gpu", "0"),))] == 71.0
        assert got[("desktop_agent_gpu_power_watts", (("gpu", "0"),))] == 230.5
        assert got[("desktop_agent_gpu_energy_joules_total", (("gpu", "0"),))] == 5000.0
        assert ("desktop_agent_gpu_utilisation_ratio", (("gpu", "1"),)) not in got  # no reading
        # the env cache is measured off the scrape's thread, then shown
        wait_until(lambda: scrape(url)[("desktop_agent_env_cache_bytes", ())] >= 100_000, 10)
    finally:
        stop()


def test_address_defaults_to_loopback_and_bad_ones_are_refused(tmp_path):
    assert DEFAULTS.metrics_address == ""  # off unless asked
    assert parse_address("9810") == ("127.0.0.1", 9810)
    assert parse_address(":9810") == ("127.0.0.1", 9810)
    assert parse_address("0.0.0.0:9810") == ("0.0.0.0", 9810)
    assert parse_address("[::1]:9810") == ("::1", 9810)
    for bad in ["abc", "127.0.0.1:99999", "::1:9810", "http://x:1", "1.2.3.4:"]:
        with pytest.raises(SettingsError, match="metrics_address"):
            load_settings(tmp_path, {"metrics_address": bad}, environ={})
    got = load_settings(tmp_path, environ={"DESKTOP_AGENT_METRICS": "9811"})
    assert got.metrics_address == "9811"


def test_a_broken_reading_never_reaches_the_engine(served):
    metrics, url = served
    metrics(ev.TaskFinished(1, 1, ev.Outcome.COMPLETED, duration_s=-5.0, bytes_down=-1))
    assert scrape(url)[("desktop_agent_compute_seconds_total", ())] == 0

    class Broken:
        def labels(self, *_):
            raise RuntimeError("metric store broken")

    metrics.state = Broken()  # type: ignore[assignment]
    seen: list = []
    sink = metrics.tee(seen.append)
    event = ev.StateChanged(ev.AgentState.IDLE, "Waiting for work", "IDLE")
    sink(event)  # must not raise into the engine, and the next sink still gets the event
    assert seen == [event]


def test_run_serves_metrics_while_it_works_a_task(tmp_path):
    """`desktop-agent run --metrics 0` against the reference backend: loopback only, live state, counters."""
    import signal

    import psutil

    from desktop_agent.devserver import DevServer

    with DevServer(data_dir=tmp_path / "server") as srv:
        srv.add_owner(OWNER)
        srv.submit_job(SAMPLE, code=sample_code(seconds=3), chunks=1)
        proc = spawn_agent(srv.url, tmp_path / "agent", "--metrics", "0")
        found = wait_until(
            lambda: re.search(
                r"Metrics at (http://127\.0\.0\.1:(\d+)/metrics)", agent_output(proc)
            ),
            60,
        )
        url, port = found.group(1), int(found.group(2))  # type: ignore[union-attr]
        listening = [
            c.laddr
            for c in psutil.Process(proc.pid).net_connections("inet")
            if c.status == psutil.CONN_LISTEN and c.laddr.port == port
        ]
        assert [a.ip for a in listening] == ["127.0.0.1"]
        wait_until(
            lambda: scrape(url)[("desktop_agent_task_phase", (("phase", "training"),))] == 1, 60
        )
        got = scrape(url)
        assert got[("desktop_agent_state", (("state", "working"),))] == 1
        assert got[("desktop_agent_task_in_hand", ())] == 1
        assert got[("desktop_agent_job_processes", ())] >= 1  # train.py, seen from outside
        done = ("desktop_agent_tasks_finished_total", (("outcome", "completed"),))
        wait_until(lambda: scrape(url)[done] == 1, 60)
        got = scrape(url)
        assert got[("desktop_agent_state", (("state", "idle"),))] == 1
        assert got[("desktop_agent_download_bytes_total", ())] > 0
        assert got[("desktop_agent_upload_bytes_total", ())] > 0
        assert got[("desktop_agent_compute_seconds_total", ())] >= 3
        assert got[("desktop_agent_heartbeat_age_seconds", ())] < 10
        assert got[("desktop_agent_server_reachable", ())] == 1
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0, agent_output(proc)

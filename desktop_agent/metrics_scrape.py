"""What the Prometheus page shows that no engine event carries, read when Prometheus scrapes.

The agent process's RSS and CPU (psutil); the task's process tree (every process the agent
started while it holds a task: the environment build, then train.py under its sandbox — one
task runs at a time); the GPUs (NVML through `gpu.backend()`); the heartbeat's age; and the
size of the environment cache, which is a walk of tens of thousands of files, so it runs at most
once a minute on its own thread and a scrape never waits for it (it shows the last size).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

import psutil
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from desktop_agent.engine import proctree
from desktop_agent.engine.env_eviction import DiskUsage

ENV_CACHE_RESCAN_S = 60.0
_GPU_GAUGES = (  # (key, name, help): one labelled series per GPU
    ("util", "desktop_agent_gpu_utilisation_ratio", "GPU utilisation (0..1)."),
    ("used", "desktop_agent_gpu_memory_used_bytes", "GPU memory in use (all processes)."),
    ("total", "desktop_agent_gpu_memory_total_bytes", "GPU memory."),
    ("temp", "desktop_agent_gpu_temperature_celsius", "GPU temperature."),
    ("power", "desktop_agent_gpu_power_watts", "GPU power draw."),
    (
        "job",
        "desktop_agent_job_gpu_memory_bytes",
        "GPU memory held by the task's processes (where the driver reports it).",
    ),
)


class EnvCacheSize:
    """Disk used by the envs and uv's cache, each hard-linked file once (env_eviction.DiskUsage)."""

    def __init__(self, envs: Path, uv_cache: Path):
        self._envs = envs
        self._uv_cache = uv_cache
        self._bytes = math.nan
        self._scanned_at = -math.inf
        self._scan: threading.Thread | None = None
        self._lock = threading.Lock()

    def changed(self) -> None:
        """Measure again at the next scrape (a task may have built or evicted an env)."""
        self._scanned_at = -math.inf

    def bytes(self) -> float:
        """The last measured size (NaN before the first); starts a fresh walk when it is stale."""
        with self._lock:
            stale = time.monotonic() - self._scanned_at > ENV_CACHE_RESCAN_S
            if stale and (self._scan is None or not self._scan.is_alive()):
                self._scanned_at = time.monotonic()
                self._scan = threading.Thread(
                    target=self._measure, name="metrics-env-scan", daemon=True
                )
                self._scan.start()
        return self._bytes

    def _measure(self) -> None:
        self._bytes = float(DiskUsage.scan([self._envs], self._uv_cache).total)


class ScrapeSource(Protocol):
    """What the collector reads from the agent's metrics (metrics.AgentMetrics)."""

    process: psutil.Process
    gpu_backend: Callable[[], Any]
    env_cache: EnvCacheSize | None

    def heartbeat_age(self) -> float: ...

    def job_processes(self) -> list[psutil.Process]: ...


class ScrapeCollector(Collector):
    """The readings above, as metric families, each time Prometheus asks."""

    def __init__(self, source: ScrapeSource):
        self.m = source
        # kept between scrapes: cpu_percent() measures since the last call on the same object
        self._job_usage = proctree.TreeUsage()

    def describe(self) -> list[Any]:
        return []  # samples depend on the machine (GPUs); nothing to check at registration

    def collect(self) -> Iterable[Any]:
        m = self.m
        yield from self._agent_process()
        age = GaugeMetricFamily(
            "desktop_agent_heartbeat_age_seconds",
            "Seconds since the server last accepted a heartbeat (NaN: none yet).",
        )
        age.add_metric([], m.heartbeat_age())
        yield age
        env = GaugeMetricFamily(
            "desktop_agent_env_cache_bytes",
            "Disk used by cached job environments and their package cache.",
        )
        env.add_metric([], m.env_cache.bytes() if m.env_cache is not None else math.nan)
        yield env
        job_pids = yield from self._job_tree()
        yield from self._gpus(job_pids)

    def _agent_process(self) -> Iterable[Any]:
        proc = self.m.process
        try:
            with proc.oneshot():
                rss = proc.memory_info().rss
                times = proc.cpu_times()
        except psutil.Error:
            return
        g = GaugeMetricFamily(
            "desktop_agent_process_resident_memory_bytes",
            "Resident memory of the agent process (jobs not included).",
        )
        g.add_metric([], float(rss))
        yield g
        c = CounterMetricFamily(
            "desktop_agent_process_cpu_seconds",
            "CPU seconds used by the agent process (jobs not included).",
        )
        c.add_metric([], float(times.user + times.system))
        yield c

    def _job_tree(self) -> Any:
        cpu, rss = self._job_usage.sample(self.m.job_processes())
        alive = self._job_usage.alive
        cores = psutil.cpu_count() or 1
        for name, text, value in (
            ("desktop_agent_job_processes", "Processes of the task in hand.", float(len(alive))),
            (
                "desktop_agent_job_cpu_utilisation_ratio",
                "CPU used by the task's processes, as a share of the whole machine (0..1).",
                cpu / 100.0 / cores,
            ),
            (
                "desktop_agent_job_memory_rss_bytes",
                "Resident memory of the task's processes.",
                float(rss),
            ),
        ):
            g = GaugeMetricFamily(name, text)
            g.add_metric([], value)
            yield g
        return set(alive)

    def _gpus(self, job_pids: set[int]) -> Iterable[Any]:
        try:
            backend = self.m.gpu_backend()
            samples = backend.sample() if backend.available else []
        except Exception:
            samples = []
        families = {
            key: GaugeMetricFamily(name, text, labels=["gpu"]) for key, name, text in _GPU_GAUGES
        }
        energy = CounterMetricFamily(
            "desktop_agent_gpu_energy_joules",
            "The GPU's own energy counter (since the driver loaded), where it has one.",
            labels=["gpu"],
        )
        mb = 1024.0 * 1024.0
        for s in samples:
            label = [str(s.index)]
            for key, value, scale in (
                ("util", s.utilization_pct, 0.01),
                ("used", s.memory_used_mb, mb),
                ("total", s.memory_total_mb, mb),
                ("temp", s.temperature_c, 1.0),
                ("power", s.power_w, 1.0),
            ):
                if value is not None:
                    families[key].add_metric(label, float(value) * scale)
            if s.processes is not None:
                mine = sum(v for p, v in s.processes.items() if p in job_pids)
                families["job"].add_metric(label, float(mine) * mb)
            if s.energy_mj is not None:
                energy.add_metric(label, float(s.energy_mj) / 1000.0)
        yield from families.values()
        yield energy

"""Prometheus metrics for fleets: what one agent is doing, served on a local HTTP port.

long: one exporter; most of its length is the metric definitions, each with its help text.

Off unless the operator asks (`metrics_address` in settings.json or
`desktop-agent run --metrics ADDR`). `AgentMetrics` is an event sink: the
engine's events (engine/events.py) set the state, mode, phase, outcome counters,
bytes, compute and energy. What no event carries is read when Prometheus
scrapes, by one collector: the agent process's RSS and CPU (psutil), the task's
process tree (every process the agent started while it holds a task: the
environment build, then train.py under its sandbox — one task runs at a time),
the GPUs (NVML through `gpu.backend()`) and the size of the environment cache
(a disk walk, at most once a minute, on its own thread so a scrape never waits
for it).

Names follow Prometheus's conventions (`desktop_agent_` prefix, base units,
`_total` for counters, `_seconds`, `_bytes`, `_joules`, `_ratio`). Labels hold
only small fixed sets (state, mode, phase, outcome, problem kind, GPU index):
task and job ids change every few minutes and would make a new series each
time, so they are never labels.

Bound to 127.0.0.1 unless the address names another host: the page tells
anyone who can read it what the machine is doing and when it is idle.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import psutil
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Info,
    disable_created_metrics,
    start_http_server,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from desktop_agent import __version__, gpu
from desktop_agent.engine import events as ev
from desktop_agent.engine.modes import Mode
from desktop_agent.settings_grammar import parse_address

DEFAULT_PORT = 9810  # what installers/fleet uses; any free port works
ENV_CACHE_RESCAN_S = 60.0

_STATES = [s.value for s in ev.AgentState]
_MODES = [m.value for m in Mode]
_PHASES = {
    p: p.name.lower() for p in ev.Phase
}  # short label values: "preparing", not "preparing environment"
_OUTCOMES = [o.value for o in ev.Outcome]
_PROBLEMS = [k.value for k in ev.ProblemKind]
_COMPUTE_OUTCOMES = (ev.Outcome.COMPLETED, ev.Outcome.FAILED)  # work the server accepted


def _sandbox_kind() -> str:
    """ "bwrap" or "none": what jobs on this machine would run under (the probe is cached by sandbox.py)."""
    from desktop_agent.engine import sandbox

    info = sandbox.detect()
    return "bwrap" if info.available else "none"


def _tree_bytes(roots: Iterable[Path]) -> int:
    """Disk used under `roots`, each hard-linked file once (uv links envs to its cache)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                try:
                    st = os.lstat(os.path.join(dirpath, name))
                except OSError:
                    continue
                inode = (st.st_dev, st.st_ino)
                if inode in seen:
                    continue
                seen.add(inode)
                total += st.st_blocks * 512 if hasattr(st, "st_blocks") else st.st_size
    return total


class AgentMetrics:
    """The agent's metrics, fed by its events; call it as the engine's sink or wrap one with `tee`."""

    def __init__(
        self,
        *,
        env_roots: Iterable[Path] = (),
        sandbox_kind: str | None = None,
        process: psutil.Process | None = None,
        gpu_backend: Callable[[], Any] = gpu.backend,
        clock: Callable[[], float] = time.time,
    ):
        disable_created_metrics()  # process-wide; `_created` series only double the page here
        self.registry = CollectorRegistry(auto_describe=True)
        self._clock = clock
        self._process = process or psutil.Process()
        self._gpu_backend = gpu_backend
        self._env_roots = list(env_roots)
        self._holding = False
        self._last_heartbeat_ok: float | None = None
        self._env_bytes: float = math.nan
        self._env_scanned_at = -math.inf
        self._env_scan: threading.Thread | None = None
        self._lock = threading.Lock()
        r = self.registry

        Info(
            "desktop_agent", "The agent's version and the sandbox its jobs run under.", registry=r
        ).info({"version": __version__, "sandbox": sandbox_kind or _sandbox_kind()})
        Gauge(
            "desktop_agent_start_time_seconds",
            "When this agent process started (Unix time).",
            registry=r,
        ).set(self._process.create_time())
        self.state = Gauge(
            "desktop_agent_state",
            "1 for the state the agent is in, 0 for the others.",
            ["state"],
            registry=r,
        )
        self.mode = Gauge(
            "desktop_agent_mode",
            "1 for the contribution mode the owner chose, 0 for the others.",
            ["mode"],
            registry=r,
        )
        self.task_in_hand = Gauge(
            "desktop_agent_task_in_hand",
            "1 while a task is held (working, suspended or delivering).",
            registry=r,
        )
        self.phase = Gauge(
            "desktop_agent_task_phase",
            "1 for the phase of the task in hand, 0 for the others.",
            ["phase"],
            registry=r,
        )
        self.progress = Gauge(
            "desktop_agent_task_progress_ratio",
            "How far the phase in hand is (0..1; NaN when it cannot tell).",
            registry=r,
        )
        self.finished = Counter(
            "desktop_agent_tasks_finished", "Tasks finished, by outcome.", ["outcome"], registry=r
        )
        self.compute = Counter(
            "desktop_agent_compute_seconds",
            "Wall-clock seconds of tasks finished as completed or failed (work the server accepted).",
            registry=r,
        )
        self.job_cpu = Counter(
            "desktop_agent_job_cpu_seconds", "CPU seconds used by finished tasks' jobs.", registry=r
        )
        self.job_energy = Counter(
            "desktop_agent_job_energy_joules",
            "Energy measured for finished tasks (tasks without a reading add nothing).",
            registry=r,
        )
        self.down = Counter(
            "desktop_agent_download_bytes",
            "Bytes downloaded for finished tasks (code, requirements, data).",
            registry=r,
        )
        self.up = Counter(
            "desktop_agent_upload_bytes", "Bytes of results uploaded by finished tasks.", registry=r
        )
        self.heartbeats = Counter("desktop_agent_heartbeats", "Heartbeats sent.", registry=r)
        self.heartbeat_failures = Counter(
            "desktop_agent_heartbeat_failures",
            "Heartbeats the server did not accept (or never got).",
            registry=r,
        )
        self.heartbeat_last = Gauge(
            "desktop_agent_heartbeat_last_success_timestamp_seconds",
            "When the server last accepted a heartbeat (Unix time; 0: never).",
            registry=r,
        )
        self.reachable = Gauge(
            "desktop_agent_server_reachable",
            "1 while the server answers, 0 while it cannot be reached.",
            registry=r,
        )
        self.problem = Gauge(
            "desktop_agent_problem",
            "1 for each problem the owner is being told about.",
            ["kind"],
            registry=r,
        )
        for name in _STATES:
            self.state.labels(name).set(0)
        for name in _MODES:
            self.mode.labels(name).set(0)
        for name in _PHASES.values():
            self.phase.labels(name).set(0)
        for name in _OUTCOMES:
            self.finished.labels(name)
        for name in _PROBLEMS:
            self.problem.labels(name).set(0)
        self.state.labels(ev.AgentState.STARTING.value).set(1)
        self.progress.set(math.nan)
        self.reachable.set(0)
        r.register(_ScrapeCollector(self))

    # --- the sink --------------------------------------------------------------------------

    def tee(self, sink: ev.EventSink) -> ev.EventSink:
        """A sink that records the event here, then hands it on to `sink`."""

        def both(event: ev.Event) -> None:
            self(event)
            sink(event)

        return both

    def __call__(self, event: ev.Event) -> None:
        try:
            self._record(event)
        except Exception:  # metrics must never take the engine down
            pass

    def _record(self, event: ev.Event) -> None:
        if isinstance(event, ev.StateChanged):
            for name in _STATES:
                self.state.labels(name).set(1 if name == event.state.value else 0)
            if event.mode:
                for name in _MODES:
                    self.mode.labels(name).set(1 if name == event.mode else 0)
            if event.state in (ev.AgentState.IDLE, ev.AgentState.WORKING):
                self.reachable.set(1)  # registered: the server answered
        elif isinstance(event, ev.TaskStarted):
            self._holding = True
            self.task_in_hand.set(1)
            self._set_phase(None)
        elif isinstance(event, ev.PhaseProgress):
            self._set_phase(event.phase)
            self.progress.set(math.nan if event.fraction is None else event.fraction)
        elif isinstance(event, ev.TaskFinished):
            self._holding = False
            self.task_in_hand.set(0)
            self._set_phase(None)
            self.finished.labels(event.outcome.value).inc()
            if event.outcome in _COMPUTE_OUTCOMES:
                self.compute.inc(max(0.0, event.duration_s))
            for counter, value, scale in (
                (self.down, event.bytes_down, 1.0),
                (self.up, event.bytes_up, 1.0),
                (self.job_cpu, event.cpu_seconds, 1.0),
                (self.job_energy, event.energy_wh, 3600.0),
            ):
                if value is not None and value > 0:
                    counter.inc(value * scale)
            self._env_scanned_at = -math.inf  # a task may have built or evicted an env
        elif isinstance(event, ev.HeartbeatSent):
            self.heartbeats.inc()
            if event.ok:
                self._last_heartbeat_ok = event.at
                self.heartbeat_last.set(event.at)
                self.reachable.set(1)
            else:
                self.heartbeat_failures.inc()
        elif isinstance(event, ev.ProblemRaised):
            self.problem.labels(event.kind.value).set(1)
            if event.kind is ev.ProblemKind.SERVER_UNREACHABLE:
                self.reachable.set(0)
        elif isinstance(event, ev.ProblemCleared):
            self.problem.labels(event.kind.value).set(0)
            if event.kind is ev.ProblemKind.SERVER_UNREACHABLE:
                self.reachable.set(1)

    def _set_phase(self, phase: ev.Phase | None) -> None:
        current = _PHASES.get(phase) if phase is not None else None
        for name in _PHASES.values():
            self.phase.labels(name).set(1 if name == current else 0)
        if phase is None:
            self.progress.set(math.nan)

    # --- read at scrape time ---------------------------------------------------------------

    def heartbeat_age(self) -> float:
        last = self._last_heartbeat_ok
        return math.nan if last is None else max(0.0, self._clock() - last)

    def env_cache_bytes(self) -> float:
        """The last measured size; starts a fresh walk in the background when it is a minute old."""
        with self._lock:
            stale = time.monotonic() - self._env_scanned_at > ENV_CACHE_RESCAN_S
            if (
                self._env_roots
                and stale
                and (self._env_scan is None or not self._env_scan.is_alive())
            ):
                self._env_scanned_at = time.monotonic()
                self._env_scan = threading.Thread(
                    target=self._scan_env_cache, name="metrics-env-scan", daemon=True
                )
                self._env_scan.start()
        return self._env_bytes

    def _scan_env_cache(self) -> None:
        self._env_bytes = float(_tree_bytes(self._env_roots))

    def job_processes(self) -> list[psutil.Process]:
        """The task's processes: everything the agent started, while it holds a task."""
        if not self._holding:
            return []
        try:
            return list(self._process.children(recursive=True))
        except psutil.Error:
            return []

    # --- serving ---------------------------------------------------------------------------

    def serve(self, address: str) -> tuple[str, int, Callable[[], None]]:
        """Start the HTTP endpoint on its own thread; returns (host, port actually bound, stop)."""
        host, port = parse_address(address)
        server, thread = start_http_server(port, addr=host, registry=self.registry)
        bound_port = int(server.server_address[1])

        def stop() -> None:
            server.shutdown()
            server.server_close()
            thread.join(5)

        return host, bound_port, stop


class _ScrapeCollector(Collector):
    """What no event carries, read when Prometheus asks: the agent process, the job tree, the GPUs."""

    def __init__(self, metrics: AgentMetrics):
        self.m = metrics
        self._job_procs: dict[
            int, psutil.Process
        ] = {}  # kept: cpu_percent() measures since the last call

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
        env.add_metric([], m.env_cache_bytes())
        yield env
        job_pids = yield from self._job_tree()
        yield from self._gpus(job_pids)

    def _agent_process(self) -> Iterable[Any]:
        proc = self.m._process
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
        procs = self.m.job_processes()
        cpu = 0.0
        rss = 0
        alive: dict[int, psutil.Process] = {}
        for proc in procs:
            known = self._job_procs.get(proc.pid, proc)
            try:
                with known.oneshot():
                    cpu += known.cpu_percent(interval=None)
                    rss += known.memory_info().rss
                alive[proc.pid] = known
            except psutil.Error:
                continue
        self._job_procs = alive
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
            backend = self.m._gpu_backend()
            samples = backend.sample() if backend.available else []
        except Exception:
            samples = []
        families = {
            "util": GaugeMetricFamily(
                "desktop_agent_gpu_utilisation_ratio", "GPU utilisation (0..1).", labels=["gpu"]
            ),
            "used": GaugeMetricFamily(
                "desktop_agent_gpu_memory_used_bytes",
                "GPU memory in use (all processes).",
                labels=["gpu"],
            ),
            "total": GaugeMetricFamily(
                "desktop_agent_gpu_memory_total_bytes", "GPU memory.", labels=["gpu"]
            ),
            "temp": GaugeMetricFamily(
                "desktop_agent_gpu_temperature_celsius", "GPU temperature.", labels=["gpu"]
            ),
            "power": GaugeMetricFamily(
                "desktop_agent_gpu_power_watts", "GPU power draw.", labels=["gpu"]
            ),
            "job": GaugeMetricFamily(
                "desktop_agent_job_gpu_memory_bytes",
                "GPU memory held by the task's processes (where the driver reports it).",
                labels=["gpu"],
            ),
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


class MetricsUnavailable(RuntimeError):
    """The metrics address cannot be served; the message says what to change."""


def start_for_run(
    address: str, data_root: Path, sink: ev.EventSink
) -> tuple[ev.EventSink, str, Callable[[], None]]:
    """What `desktop-agent run` does with `metrics_address`: serve, and wrap its sink.

    Returns (the sink to give the Agent, the URL being served, stop).
    """
    metrics = AgentMetrics(env_roots=[data_root / "envs", data_root / "uv-cache"])
    try:
        host, port, stop = metrics.serve(address)
    except OSError as exc:
        raise MetricsUnavailable(
            f"cannot serve metrics on {address} ({exc.strerror or exc}); "
            "choose another address with --metrics or the metrics_address setting"
        ) from exc
    shown = f"[{host}]" if ":" in host else host
    return metrics.tee(sink), f"http://{shown}:{port}/metrics", stop

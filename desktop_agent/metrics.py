"""Prometheus metrics for fleets: what one agent is doing, served on a local HTTP port.

Off unless the operator asks (`metrics_address` in settings.json or
`desktop-agent run --metrics ADDR`). `AgentMetrics` is an event sink: the
engine's events (engine/events.py) set the state, mode, phase, outcome counters,
bytes, compute and energy; its metrics are defined here. What no event carries
(the agent's and the task's processes, the GPUs, the environment cache's size)
is read at scrape time by metrics_scrape.py; metrics_http.py serves the page.

Names follow Prometheus's conventions (`desktop_agent_` prefix, base units,
`_total` for counters, `_seconds`, `_bytes`, `_joules`, `_ratio`). Labels hold
only small fixed sets (state, mode, phase, outcome, problem kind, GPU index):
task and job ids change every few minutes and would make a new series each
time, so they are never labels.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Info,
    disable_created_metrics,
)

from desktop_agent import __version__, gpu
from desktop_agent.engine import events as ev
from desktop_agent.engine.modes import Mode
from desktop_agent.metrics_http import serve
from desktop_agent.metrics_scrape import EnvCacheSize, ScrapeCollector

DEFAULT_PORT = 9810  # what installers/fleet uses; any free port works

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


class AgentMetrics:
    """The agent's metrics, fed by its events; call it as the engine's sink or wrap one with `tee`.

    `env_cache` (the envs folder, uv's cache) is measured for the cache-size metric; without
    it that metric is NaN.
    """

    def __init__(
        self,
        *,
        env_cache: tuple[Path, Path] | None = None,
        sandbox_kind: str | None = None,
        process: psutil.Process | None = None,
        gpu_backend: Callable[[], Any] = gpu.backend,
        clock: Callable[[], float] = time.time,
    ):
        disable_created_metrics()  # process-wide; `_created` series only double the page here
        self.registry = CollectorRegistry(auto_describe=True)
        self._clock = clock
        self.process = process or psutil.Process()
        self.gpu_backend = gpu_backend
        self.env_cache = EnvCacheSize(*env_cache) if env_cache is not None else None
        self._holding = False
        self._last_heartbeat_ok: float | None = None
        r = self.registry

        Info(
            "desktop_agent", "The agent's version and the sandbox its jobs run under.", registry=r
        ).info({"version": __version__, "sandbox": sandbox_kind or _sandbox_kind()})

        def gauge(name: str, text: str, *labels: str) -> Gauge:
            return Gauge(f"desktop_agent_{name}", text, labels, registry=r)

        def counter(name: str, text: str, *labels: str) -> Counter:
            return Counter(f"desktop_agent_{name}", text, labels, registry=r)

        started = gauge("start_time_seconds", "When this agent process started (Unix time).")
        started.set(self.process.create_time())
        self.state = gauge("state", "1 for the state the agent is in, 0 for the others.", "state")
        self.mode = gauge(
            "mode", "1 for the contribution mode the owner chose, 0 for the others.", "mode"
        )
        self.task_in_hand = gauge(
            "task_in_hand", "1 while a task is held (working, suspended or delivering)."
        )
        self.phase = gauge(
            "task_phase", "1 for the phase of the task in hand, 0 for the others.", "phase"
        )
        self.progress = gauge(
            "task_progress_ratio", "How far the phase in hand is (0..1; NaN when it cannot tell)."
        )
        self.finished = counter("tasks_finished", "Tasks finished, by outcome.", "outcome")
        self.compute = counter(
            "compute_seconds",
            "Wall-clock seconds of tasks finished as completed or failed (work the server accepted).",
        )
        self.job_cpu = counter("job_cpu_seconds", "CPU seconds used by finished tasks' jobs.")
        self.job_energy = counter(
            "job_energy_joules",
            "Energy measured for finished tasks (tasks without a reading add nothing).",
        )
        self.down = counter(
            "download_bytes", "Bytes downloaded for finished tasks (code, requirements, data)."
        )
        self.up = counter("upload_bytes", "Bytes of results uploaded by finished tasks.")
        self.heartbeats = counter("heartbeats", "Heartbeats sent.")
        self.heartbeat_failures = counter(
            "heartbeat_failures", "Heartbeats the server did not accept (or never got)."
        )
        self.heartbeat_last = gauge(
            "heartbeat_last_success_timestamp_seconds",
            "When the server last accepted a heartbeat (Unix time; 0: never).",
        )
        self.reachable = gauge(
            "server_reachable", "1 while the server answers, 0 while it cannot be reached."
        )
        self.problem = gauge("problem", "1 for each problem the owner is being told about.", "kind")
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
        r.register(ScrapeCollector(self))

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
            if self.env_cache is not None:
                self.env_cache.changed()  # a task may have built or evicted an env
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

    def job_processes(self) -> list[psutil.Process]:
        """The task's processes: everything the agent started, while it holds a task."""
        if not self._holding:
            return []
        try:
            return list(self.process.children(recursive=True))
        except psutil.Error:
            return []

    def serve(self, address: str) -> tuple[str, int, Callable[[], None]]:
        """Start the HTTP endpoint on its own thread; returns (host, port actually bound, stop)."""
        return serve(self.registry, address)


class MetricsUnavailable(RuntimeError):
    """The metrics address cannot be served; the message says what to change."""


def start_for_run(
    address: str, data_root: Path, sink: ev.EventSink
) -> tuple[ev.EventSink, str, Callable[[], None]]:
    """What `desktop-agent run` does with `metrics_address`: serve, and wrap its sink.

    Returns (the sink to give the Agent, the URL being served, stop).
    """
    metrics = AgentMetrics(env_cache=(data_root / "envs", data_root / "uv-cache"))
    try:
        host, port, stop = metrics.serve(address)
    except OSError as exc:
        raise MetricsUnavailable(
            f"cannot serve metrics on {address} ({exc.strerror or exc}); "
            "choose another address with --metrics or the metrics_address setting"
        ) from exc
    shown = f"[{host}]" if ":" in host else host
    return metrics.tee(sink), f"http://{shown}:{port}/metrics", stop

"""Slow disk and process work never holds up the heartbeat that shares the engine's event loop.

The slow parts are made slower on purpose (each takes 3 s here, as deleting a 10 GB workspace,
walking a large env cache, scanning every process of the user or waiting for a pids cgroup to
empty can on a real machine); the heartbeats the server receives meanwhile must keep their
interval within a second.
"""

from __future__ import annotations

import itertools
import time

import pytest

from desktop_agent.engine import events as ev
from desktop_agent.engine import proccap, runner
from desktop_agent.engine.env_cache import EnvCache
from tests.e2e.conftest import SAMPLE, AgentThread, sample_code, settings_for, srv, wait_until  # noqa: F401

pytestmark = pytest.mark.timeout(180)

SLOW_S = 3.0
INTERVAL_S = 0.2


def _slowed(fn, when=lambda *a, **k: True):
    def slow(*args, **kwargs):
        if when(*args, **kwargs):
            time.sleep(SLOW_S)
        return fn(*args, **kwargs)

    return slow


def test_heartbeat_keeps_time_while_the_slow_work_runs(srv, tmp_path, monkeypatch):  # noqa: F811
    import shutil

    monkeypatch.setattr(
        shutil,
        "rmtree",
        _slowed(
            shutil.rmtree, lambda path, *a, **k: str(path).rsplit("/", 1)[-1].startswith("task-")
        ),
    )
    monkeypatch.setattr(EnvCache, "evict", _slowed(EnvCache.evict))
    for cap_class in {proccap.ProcessCap, *proccap.ProcessCap.__subclasses__()}:
        monkeypatch.setattr(cap_class, "close", _slowed(cap_class.close))
    monkeypatch.setattr(
        runner.JobProcess,
        "_members",
        _slowed(runner.JobProcess._members, lambda job: job.suspended),
    )

    srv.submit_job(SAMPLE, code=sample_code(seconds=3.0), chunks=1)
    settings = settings_for(srv, heartbeat_interval=INTERVAL_S)
    with AgentThread(settings, tmp_path / "agent", max_tasks=1) as run:
        wait_until(lambda: run.agent.job is not None and run.agent.job.pid is not None, 90)
        started = run.of(ev.TaskStarted)[0].at  # the env build (and its eviction) comes after it
        run.agent.pause()  # the suspend finds the job's processes: slow
        wait_until(lambda: run.agent.job is not None and run.agent.job.suspended, 10)
        time.sleep(SLOW_S + 0.5)
        run.agent.resume()
        wait_until(lambda: run.of(ev.TaskFinished), 90)  # cap close, workspace removal: slow
        time.sleep(SLOW_S + 0.5)
        ended = time.time()
        run.thread.join(30)
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.COMPLETED
    beats = [c.wall for c in srv.calls("/agent/heartbeat") if started <= c.wall <= ended]
    gaps = [b - a for a, b in itertools.pairwise(beats)]
    assert beats and max(gaps) < INTERVAL_S + 1.0, f"heartbeat held up for {max(gaps):.1f} s"

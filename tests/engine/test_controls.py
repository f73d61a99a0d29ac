"""Modes and rules against the real engine, real job processes and the reference backend."""

from __future__ import annotations

import time

import pytest

from desktop_agent.engine import events as ev
from desktop_agent.engine.modes import Mode
from desktop_agent.engine.reasons import Lead, Reason, ReasonCode, Why
from tests.helpers.busy_job import busy_code, tree_cpu
from tests.e2e.conftest import (
    SAMPLE,
    AgentThread,
    expected_result,
    sample_code,
    settings_for,
    uploaded_result,
    wait_until,
)

pytestmark = pytest.mark.timeout(120)


def controls(srv, **overrides):
    base = dict(rules_interval_s=0.2, pause_on_battery=True, pause_on_metered=True)
    base.update(overrides)
    return settings_for(srv, **base)


def training_job(run):
    """The job process once train.py is running."""
    wait_until(lambda: run.agent.job is not None and run.agent.job.pid is not None, 60)
    return run.agent.job


def states(run):
    return [(e.state, e.mode, e.reason) for e in run.of(ev.StateChanged)]


def test_pause_suspends_the_whole_tree_and_resume_finishes_with_the_right_result(
    srv, tmp_path, knobs
):
    srv.submit_job(SAMPLE, code=busy_code(1.5), chunks=1)
    with AgentThread(controls(srv), tmp_path / "agent", max_tasks=1, seams=knobs.seams()) as run:
        job = training_job(run)
        wait_until(lambda: len(job._members()) >= 2 and tree_cpu(job.pid) > 0.1, 30)
        run.agent.pause()
        wait_until(lambda: job.suspended, 10)
        time.sleep(0.3)  # signals delivered
        before = tree_cpu(job.pid)
        beats_before = len(srv.calls("/agent/heartbeat"))
        time.sleep(1.5)
        after = tree_cpu(job.pid)
        assert after - before < 0.05, f"CPU time grew by {after - before:.3f} s while paused"
        paused_beats = [c.body["status"] for c in srv.calls("/agent/heartbeat")[beats_before:]]
        assert paused_beats and set(paused_beats) == {
            "BUSY"
        }  # the server still sees us holding the task
        st = run.agent.status()
        assert (
            st["mode"] == "paused" and st["reason"] == "Paused by you" and st["task"]["suspended"]
        )
        run.agent.resume()
        wait_until(lambda: run.of(ev.TaskFinished), 60)
        run.thread.join(30)
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.COMPLETED
    assert uploaded_result(srv, finished.task_id) == expected_result(srv, finished.task_id)
    seen = states(run)
    assert (ev.AgentState.PAUSED, "paused", "Paused by you") in seen
    assert any(s == ev.AgentState.WORKING and m == "contributing" for s, m, _ in seen)


def test_snooze_expires_by_itself(srv, tmp_path, knobs):
    srv.submit_job(SAMPLE, chunks=1)
    run = AgentThread(controls(srv), tmp_path / "agent", max_tasks=1, seams=knobs.seams())
    run.agent.snooze(2.5)
    snoozed_at = time.time()
    with run:
        wait_until(lambda: run.of(ev.TaskStarted), 30)
        run.thread.join(30)
    started = run.of(ev.TaskStarted)[0].at
    assert started >= snoozed_at + 2.4
    snoozed = [
        e
        for e in run.of(ev.StateChanged)
        if e.mode == "snoozed" and e.state is ev.AgentState.PAUSED
    ]
    assert snoozed and snoozed[0].reason.startswith("Snoozed until ")
    assert run.agent.mode is Mode.CONTRIBUTING
    assert [f.outcome for f in run.of(ev.TaskFinished)] == [ev.Outcome.COMPLETED]


def test_finish_then_pause_takes_no_new_task(srv, tmp_path, knobs):
    job_id = srv.submit_job(SAMPLE, code=sample_code(seconds=2.0), chunks=2)
    with AgentThread(controls(srv), tmp_path / "agent", seams=knobs.seams()) as run:
        training_job(run)
        run.agent.finish_then_pause()
        wait_until(lambda: run.of(ev.TaskFinished), 60)
        wait_until(lambda: run.agent.mode is Mode.PAUSED, 10)
        asked = len(srv.calls("/agent/request_task"))
        time.sleep(1.5)
        assert len(srv.calls("/agent/request_task")) == asked
        assert len(run.of(ev.TaskStarted)) == 1
        assert run.agent.status()["reason"] == "Paused by you"
        # Still paused after a restart? The mode is kept in the data folder.
    assert (tmp_path / "agent" / "mode.json").exists()
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.COMPLETED
    pending = [s for s in srv.subtasks(job_id) if str(s["status"]).upper() == "PENDING"]
    assert len(pending) == 1
    ftp = [e for e in run.of(ev.StateChanged) if e.mode == "finish_then_pause"]
    assert ftp and ftp[0].reason == "Finishing the current task, then pausing"


def test_a_long_pause_releases_the_task_and_never_completes_it(srv, tmp_path, knobs):
    srv.submit_job(SAMPLE, code=busy_code(3.0), chunks=1)
    settings = controls(srv, max_pause_with_task_s=1.0, release_quiet_s=2.0)
    with AgentThread(settings, tmp_path / "agent", seams=knobs.seams()) as run:
        job = training_job(run)
        run.agent.pause()
        wait_until(lambda: run.of(ev.TaskFinished), 30)
        released_at = run.of(ev.TaskFinished)[0].at
        wait_until(
            lambda: any(c.wall > released_at + 2.0 for c in srv.calls("/agent/heartbeat")), 20
        )
        assert not job._members(), "the released job's processes must be gone"
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.RELEASED
    assert "paused for more than" in (finished.error or "")
    assert srv.calls("/agent/complete_task") == [] and srv.calls("/agent/upload_result") == []
    beats = srv.calls("/agent/heartbeat")
    quiet = [c for c in beats if released_at < c.wall < released_at + 1.9]
    assert quiet == [], "heartbeats must stop so the server can hand the task on"
    after = [c.body["status"] for c in beats if c.wall > released_at + 2.0]
    assert after and after[0] == "IDLE"  # paused, no task: alive and idle
    assert any(e.state is ev.AgentState.RELEASING for e in run.of(ev.StateChanged))


def test_battery_rule_waits_then_suspends_and_resumes_a_task(srv, tmp_path, knobs):
    srv.submit_job(SAMPLE, code=busy_code(1.5), chunks=1)
    knobs.battery = True
    with AgentThread(controls(srv), tmp_path / "agent", max_tasks=1, seams=knobs.seams()) as run:
        battery = Why(Lead.WAITING, (Reason.of(ReasonCode.ON_BATTERY),))
        wait_until(lambda: any(e.why == battery for e in run.of(ev.StateChanged)), 10)
        said = next(e for e in run.of(ev.StateChanged) if e.why == battery)
        assert said.reason == "Waiting: on battery"  # the CLI's and the logs' words
        time.sleep(0.6)
        assert srv.calls("/agent/request_task") == []  # no work taken on battery
        assert run.agent.status()["state"] == "idle"
        knobs.battery = False
        job = training_job(run)
        knobs.battery = True  # unplugged mid-task: the job is suspended, not killed
        wait_until(lambda: job.suspended and run.agent.state is ev.AgentState.PAUSED, 10)
        assert run.agent.status()["reason"] == "Waiting: on battery"
        assert run.agent.mode is Mode.CONTRIBUTING
        knobs.battery = False
        wait_until(lambda: run.of(ev.TaskFinished), 60)
    assert run.of(ev.TaskFinished)[0].outcome is ev.Outcome.COMPLETED


def test_memory_rule_stop_releases_the_task(srv, tmp_path, knobs):
    srv.submit_job(SAMPLE, code=busy_code(5.0), chunks=1)
    settings = controls(srv, memory_max_pct=50.0, memory_action="stop", release_quiet_s=0.5)
    with AgentThread(settings, tmp_path / "agent", max_tasks=1, seams=knobs.seams()) as run:
        training_job(run)
        knobs.job_pct = 80.0
        wait_until(lambda: run.of(ev.TaskFinished), 30)
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.RELEASED and "80 % of memory" in (finished.error or "")
    assert srv.calls("/agent/complete_task") == []


def test_cpu_cores_and_gpu_switch_reach_the_job(srv, tmp_path, knobs):
    code = (
        b"import json, os\nfrom pathlib import Path\n"
        b"env = {k: os.environ.get(k) for k in ('OMP_NUM_THREADS', 'CUDA_VISIBLE_DEVICES')}\n"
        b"env['affinity'] = sorted(os.sched_getaffinity(0))\nenv['nice'] = os.nice(0)\n"
        b"Path('model.pth').write_text(json.dumps(env))\n"
    )
    srv.submit_job(SAMPLE, code=code, chunks=1)
    settings = controls(srv, cpu_max_cores=1, use_gpu=False)
    with AgentThread(settings, tmp_path / "agent", max_tasks=1, seams=knobs.seams()) as run:
        run.thread.join(60)
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.COMPLETED, finished.error
    got = uploaded_result(srv, finished.task_id)
    assert got["OMP_NUM_THREADS"] == "1" and got["CUDA_VISIBLE_DEVICES"] == ""
    assert len(got["affinity"]) == 1
    assert got["nice"] >= 10  # lower priority by default

"""The engine against the reference backend over real HTTP (issue 3's "done when" list)."""

from __future__ import annotations

import signal
import socket
import time

import psutil
import pytest

from desktop_agent.engine import events as ev
from desktop_agent.engine.store import Store
from desktop_agent.devserver import DevServer
from tests.e2e.conftest import (
    OWNER,
    SAMPLE,
    AgentThread,
    agent_output,
    assert_job_done_once,
    sample_code,
    settings_for,
    spawn_agent,
    wait_until,
)

pytestmark = pytest.mark.timeout(120)


def job_completed(srv, job_id):
    return lambda: str(srv.job(job_id)["status"]).upper() == "COMPLETED"


def test_all_chunks_completed_with_the_right_results(srv, tmp_path):
    job_id = srv.submit_job(SAMPLE)
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=5) as run:
        run.thread.join(60)
    assert_job_done_once(srv, job_id)
    finished = run.of(ev.TaskFinished)
    assert [f.outcome for f in finished] == [ev.Outcome.COMPLETED] * 5
    # Phases were reported in order for every task.
    phases = [p.phase for p in run.of(ev.PhaseProgress) if p.task_id == finished[0].task_id]
    order = [
        ev.Phase.DOWNLOADING,
        ev.Phase.PREPARING,
        ev.Phase.TRAINING,
        ev.Phase.UPLOADING,
        ev.Phase.COMPLETING,
    ]
    assert [p for i, p in enumerate(phases) if i == 0 or phases[i - 1] != p] == order
    # The server was told BUSY while a task was held and OFFLINE at the end.
    statuses = [c.body["status"] for c in srv.calls("/agent/heartbeat")]
    assert statuses[-1] == "OFFLINE"
    assert "WORKING" not in statuses


def test_second_task_with_same_requirements_reuses_the_env(srv, tmp_path):
    srv.submit_job(SAMPLE, chunks=2)
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=2) as run:
        run.thread.join(60)
    texts = [e.text for e in run.of(ev.LogLine) if e.task_id is None and "environment" in e.text]
    assert any("built" in t for t in texts[:1]), texts
    assert any("reused" in t for t in texts[1:]), texts
    store = Store(tmp_path / "agent" / "agent.db")
    keys = {row.env_key for row in store.history()}
    assert len(keys) == 1


def test_failing_job_is_recorded_and_completed_with_empty_result(srv, tmp_path):
    job_id = srv.submit_job(
        SAMPLE, code=b"import sys\nprint('boom', file=sys.stderr)\nsys.exit(3)\n", chunks=1
    )
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=1) as run:
        run.thread.join(60)
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.FAILED and finished.exit_code == 3
    assert "boom" in (finished.error or "")
    [complete] = srv.calls("/agent/complete_task")
    assert complete.body["result_url"] == ""
    assert srv.calls("/agent/upload_result") == []
    assert str(srv.job(job_id)["status"]).upper() == "COMPLETED"


def test_missing_model_is_a_job_fault(srv, tmp_path):
    srv.submit_job(SAMPLE, code=b"print('progress: 1.0')\n", chunks=1)
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=1) as run:
        run.thread.join(60)
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.FAILED and "no model.pth" in finished.error


def test_heartbeats_keep_flowing_during_a_long_task(srv, tmp_path):
    srv.submit_job(SAMPLE, code=sample_code(seconds=8), chunks=1)
    settings = settings_for(srv, heartbeat_interval=0.5)
    with AgentThread(settings, tmp_path / "agent", max_tasks=1) as run:
        run.thread.join(90)
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.COMPLETED
    training = [p.at for p in run.of(ev.PhaseProgress) if p.phase is ev.Phase.TRAINING]
    start, end = min(training), max(training)
    beats = [c.wall for c in srv.calls("/agent/heartbeat") if start <= c.wall <= end]
    assert end - start > 6  # a dozen intervals and more
    gaps = [b - a for a, b in zip([start, *beats], [*beats, end], strict=True)]
    assert max(gaps) < 2.0, gaps  # every few intervals at most, never a long silence
    assert {c.body["status"] for c in srv.calls("/agent/heartbeat") if start <= c.wall <= end} == {
        "BUSY"
    }


def test_server_forgets_the_agent_mid_task(srv, tmp_path):
    srv.submit_job(SAMPLE, code=sample_code(seconds=3), chunks=1)
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=1) as run:
        wait_until(
            lambda: any(
                isinstance(e, ev.PhaseProgress) and e.phase is ev.Phase.TRAINING for e in run.events
            )
        )
        srv.faults.forget_agents()
        run.thread.join(60)
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.COMPLETED
    assert len(srv.calls("/agent/register")) >= 2
    assert any(c.status == 404 for c in srv.calls("/agent/heartbeat"))


def test_upload_and_complete_faults_still_complete_exactly_once(srv, tmp_path):
    job_id = srv.submit_job(SAMPLE, chunks=3)
    srv.faults.fail_next("/agent/upload_result", n=2, status=500)
    srv.faults.drop_next("/agent/upload_result", n=1)
    srv.faults.fail_next("/agent/complete_task", n=1, status=503)
    srv.faults.drop_next("/agent/complete_task", n=1, after_commit=False)
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=3) as run:
        run.thread.join(90)
    assert_job_done_once(srv, job_id)
    assert [f.outcome for f in run.of(ev.TaskFinished)] == [ev.Outcome.COMPLETED] * 3


def test_maybe_delivered_complete_is_not_sent_twice(srv, tmp_path):
    """The connection drops *after* the server committed: the agent checks before resending."""
    job_id = srv.submit_job(SAMPLE, chunks=1)
    srv.faults.drop_next("/agent/complete_task", n=1, after_commit=True)
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=1) as run:
        run.thread.join(60)
    assert_job_done_once(srv, job_id)
    assert len(srv.calls("/agent/complete_task")) == 1


def test_rejected_completion_is_recorded_not_retried(srv, tmp_path):
    """The racy server hands one task to two machines: the second completion gets 400 → rejected."""
    srv.submit_job(SAMPLE, code=sample_code(seconds=2), chunks=1)
    srv.faults.racy = True
    with AgentThread(settings_for(srv), tmp_path / "a") as first:
        wait_until(
            lambda: any(
                isinstance(e, ev.PhaseProgress) and e.phase is ev.Phase.TRAINING
                for e in first.events
            )
        )
        with AgentThread(settings_for(srv), tmp_path / "b") as second:
            wait_until(lambda: second.of(ev.TaskStarted))
            srv.faults.racy = False  # one collision, as at the real server's unlucky instant
            wait_until(lambda: second.of(ev.TaskFinished) and first.of(ev.TaskFinished), timeout=60)
    assert [f.outcome for f in first.of(ev.TaskFinished)] == [ev.Outcome.REJECTED]
    assert [f.outcome for f in second.of(ev.TaskFinished)] == [ev.Outcome.COMPLETED]
    assert srv.credits(1) == 1
    assert len(srv.calls("/agent/complete_task")) == 2  # one each; the rejected one is not retried


def test_server_down_at_start_comes_up_later(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = DevServer(data_dir=tmp_path / "server", port=port, sweep_interval=0.2)
    proc = spawn_agent(server.url, tmp_path / "agent", "--max-tasks", "2")
    try:
        # The agent starts against a closed port and keeps trying for a few back-offs.
        wait_until(lambda: "unreachable" in agent_output(proc).lower(), timeout=30)
        time.sleep(3)
        with server:
            server.add_owner(OWNER)
            job_id = server.submit_job(SAMPLE, chunks=2)
            assert proc.wait(timeout=60) == 0, agent_output(proc)
            assert_job_done_once(server, job_id)
    finally:
        if proc.poll() is None:
            proc.kill()
    out = agent_output(proc)
    assert out.count("warning: Server unreachable") == 1, (
        out
    )  # one line per outage, not per attempt
    assert out.count("[connecting] Server unreachable") == 1, out


def test_unknown_email_exits_nonzero_with_a_reason(srv, tmp_path):
    proc = spawn_agent(srv.url, tmp_path / "agent", env={})
    proc.args  # noqa: B018
    proc.kill()
    proc.wait()
    import subprocess
    import sys

    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_agent",
            "run",
            "--server",
            srv.url,
            "--email",
            "nobody@example.com",
            "--data-dir",
            str(tmp_path / "agent2"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 3
    assert "register on the website first" in out.stderr


def test_sigterm_is_graceful_and_keeps_the_task(srv, tmp_path):
    job_id = srv.submit_job(SAMPLE, code=sample_code(seconds=30), chunks=1)
    proc = spawn_agent(srv.url, tmp_path / "agent")
    try:
        wait_until(lambda: "training" in agent_output(proc), timeout=60)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert srv.calls("/agent/heartbeat")[-1].body["status"] == "OFFLINE"
    store = Store(tmp_path / "agent" / "agent.db")
    [row] = store.open_tasks()
    assert row.outcome is None  # kept for the next start
    assert srv.credits(row.task_id) == 0
    assert not _job_processes(tmp_path / "agent")
    del job_id


def _job_processes(data_dir):
    work = str(data_dir / "work")
    found = []
    for proc in psutil.process_iter(["cwd"]):
        try:
            if (proc.info.get("cwd") or "").startswith(work):
                found.append(proc)
        except psutil.Error:
            pass
    return found


def _same_process_alive(pid: int, born: float) -> bool:
    try:
        proc = psutil.Process(pid)
        return proc.create_time() == born and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


@pytest.mark.parametrize(
    "crash_at", ["after_fetch", "during_run", "after_run", "after_upload", "after_complete"]
)
def test_killed_at_each_phase_then_restarted_completes_once(srv, tmp_path, crash_at):
    # Long enough during_run that the orphaned job is still running when the agent restarts.
    job_id = srv.submit_job(
        SAMPLE, code=sample_code(seconds=8 if crash_at == "during_run" else 2), chunks=1
    )
    data = tmp_path / "agent"
    env = {} if crash_at == "during_run" else {"DESKTOP_AGENT_CRASH_AT": crash_at}
    first = spawn_agent(srv.url, data, "--max-tasks", "1", env=env)
    try:
        if crash_at == "during_run":
            wait_until(lambda: "training" in agent_output(first), timeout=60)
            wait_until(lambda: _job_processes(data), timeout=30)
            first_jobs = {p.pid: p.create_time() for p in _job_processes(data)}
            first.send_signal(signal.SIGKILL)
        assert first.wait(timeout=60) in (137, -9), agent_output(first)
    finally:
        if first.poll() is None:
            first.kill()
    second = spawn_agent(srv.url, data, "--max-tasks", "1", log=tmp_path / "second.log")
    if crash_at == "during_run":
        # Whether the sandbox took the job down with the agent or the restart killed the stray,
        # no process of the first run may still be there once the task runs again.
        wait_until(lambda: "training" in agent_output(second), timeout=60)
        survivors = [pid for pid, born in first_jobs.items() if _same_process_alive(pid, born)]
        assert not survivors, survivors
    assert second.wait(timeout=90) == 0, agent_output(second)
    assert_job_done_once(srv, job_id)
    assert not _job_processes(data), "a job process outlived the agent"
    history = Store(data / "agent.db").history()
    assert [row.outcome for row in history] == ["completed"]
    if crash_at == "after_complete":
        assert (
            len(srv.calls("/agent/complete_task")) == 1
        )  # delivered before the crash: not sent again


def test_low_disk_takes_no_work_and_says_so(srv, tmp_path):
    srv.submit_job(SAMPLE, chunks=1)
    with AgentThread(settings_for(srv, min_free_disk_mb=10**9), tmp_path / "agent") as run:
        problem = wait_until(
            lambda: [p for p in run.of(ev.ProblemRaised) if p.kind is ev.ProblemKind.DISK_LOW]
        )
        time.sleep(1.0)  # several poll intervals: still no request for work
    assert "free some space" in problem[0].message
    assert srv.calls("/agent/request_task") == []


def test_task_logs_are_bounded(srv, tmp_path):
    srv.submit_job(SAMPLE, chunks=3)
    with AgentThread(settings_for(srv, task_logs_keep=2), tmp_path / "agent", max_tasks=3) as run:
        run.thread.join(60)
    assert len(list((tmp_path / "agent" / "logs" / "tasks").glob("*.log"))) == 2


def test_long_host_fault_releases_the_task_instead_of_faking_a_result(srv, tmp_path, monkeypatch):
    """The package index is unreachable for longer than the limit: give the task back, never complete it."""
    monkeypatch.setenv("UV_INDEX_URL", "http://127.0.0.1:9/simple")  # nothing listens on port 9
    monkeypatch.setenv("UV_DEFAULT_INDEX", "http://127.0.0.1:9/simple")
    monkeypatch.setenv("UV_HTTP_RETRIES", "0")  # uv's own retries would add 10 s to each attempt
    srv.submit_job(SAMPLE, requirements=b"six\n", chunks=1)
    settings = settings_for(srv, release_after_s=1.0, release_quiet_s=3.0)
    with AgentThread(settings, tmp_path / "agent") as run:
        wait_until(lambda: run.of(ev.TaskFinished), timeout=60)
        wait_until(
            lambda: any(
                s.state is ev.AgentState.IDLE
                for s in run.of(ev.StateChanged)
                if s.at > run.of(ev.TaskFinished)[0].at
            ),
            timeout=30,
        )
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.RELEASED
    assert srv.calls("/agent/complete_task") == []
    released_at = finished.at
    after = [c.wall for c in srv.calls("/agent/heartbeat") if c.wall > released_at]
    assert after and after[0] - released_at >= 2.5  # silent for the quiet period, then back


def test_stop_while_asking_for_work_keeps_the_task_instead_of_going_quiet(srv, tmp_path):
    """A stop that lands during request_task waits for the answer and keeps the task for next time."""
    srv.submit_job(SAMPLE, chunks=1)
    srv.faults.hang_next("/agent/request_task", n=1, seconds=1.5)
    with AgentThread(settings_for(srv), tmp_path / "agent") as run:
        wait_until(lambda: srv.calls("/agent/request_task") or srv.faults.armed() == 0, timeout=30)
        time.sleep(0.3)  # the request is hanging at the server now
        run.agent.stop()
        run.join()
    store = Store(tmp_path / "agent" / "agent.db")
    [row] = store.open_tasks()
    assert row.phase == "assigned"
    assert not (tmp_path / "agent" / "request-in-flight").exists()
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=1) as again:
        again.thread.join(60)
    assert [f.outcome for f in again.of(ev.TaskFinished)] == [ev.Outcome.COMPLETED]
    assert not any("going quiet" in e.text for e in again.of(ev.LogLine))
    assert srv.credits(row.task_id) == 1

"""The pipeline stopped or given back in each phase, its job title, and its clean-up.

A stop (the app quitting) cancels `TaskPipeline.run()`: the row stays open where it was, for the
next start. A release (the controls give the task back: a pause held too long, the user's
"give back") ends the task as RELEASED with nothing sent, so the server's liveness rule hands it
on. Each test runs one task against the devserver (tests/engine/pipeline_harness.py).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import psutil
import pytest

from desktop_agent.devserver import DevServer
from desktop_agent.engine import runner
from desktop_agent.engine.events import JobDescribed, Outcome, TaskFinished
from desktop_agent.engine.pipeline import ReleaseTask
from desktop_agent.engine.store import TaskPhase
from tests.engine.pipeline_harness import DATA, NO_REQUIREMENTS, QUICK, Harness

pytestmark = pytest.mark.timeout(60)
SLOW = b"import time\nprint('progress: 0.1', flush=True)\ntime.sleep(30)\n"
PAUSED_TOO_LONG = "held paused for more than 30 min"


def stop_when(h: Harness, row, ready: Callable[[], object], timeout: float = 30.0) -> None:
    """Run the task, and cancel it (the app stopping) once `ready()` holds."""

    async def go() -> None:
        task = asyncio.ensure_future(h.arun(row, h.settings()))
        deadline = asyncio.get_running_loop().time() + timeout
        while not ready():
            assert not task.done(), task.result()
            assert asyncio.get_running_loop().time() < deadline, "never reached the phase"
            await asyncio.sleep(0.02)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(go())


def nothing_sent(srv: DevServer) -> bool:
    return srv.calls("/agent/upload_result") == [] and srv.calls("/agent/complete_task") == []


def job_gone(job: runner.JobProcess) -> bool:
    return (
        job.pid is None
        or not psutil.pid_exists(job.pid)
        or (psutil.Process(job.pid).status() == psutil.STATUS_ZOMBIE)
    )


def test_stop_during_the_download_keeps_the_task_to_start_again(h, srv):
    h.submit()
    row = h.take()
    srv.faults.hang_next("/files/", n=3, seconds=10)
    stop_when(h, row, lambda: srv.faults.armed() == 0)  # all three files are hanging
    stored = h.row(row)
    assert stored.outcome is None and stored.phase == TaskPhase.ASSIGNED
    assert (stored.touched_at or 0) > (row.touched_at or 0)  # the moment the app stopped
    assert not list(h.paths.work.rglob("*.part"))  # no half file kept
    assert nothing_sent(srv)
    finished = h.run(h.store.resume(row.id))
    assert finished.outcome is Outcome.COMPLETED
    assert srv.credits(row.task_id) == 1


def test_stop_while_paused_before_training_starts_nothing(h, srv):
    h.submit()
    row = h.take()
    paused = asyncio.Event()

    async def never_resumed() -> None:
        paused.set()
        await asyncio.Event().wait()

    h.before_resume = never_resumed
    stop_when(h, row, paused.is_set)
    stored = h.row(row)
    assert stored.outcome is None and stored.phase == TaskPhase.FETCHED
    assert stored.runs == 0 and h.jobs == []  # the env key is saved with the training phase
    assert nothing_sent(srv)


def test_stop_during_training_ends_the_job_and_keeps_the_task(h, srv):
    h.submit(code=SLOW)
    row = h.take()
    stop_when(h, row, lambda: h.jobs and h.jobs[0].pid)
    stored = h.row(row)
    assert stored.outcome is None and stored.phase == TaskPhase.FETCHED
    assert stored.runs == 1 and stored.result_path is None
    assert job_gone(h.jobs[0])
    assert nothing_sent(srv)
    assert srv.subtask(row.task_id)["status"].upper() == "RUNNING"


def test_a_pause_held_too_long_before_training_releases_the_task(h, srv):
    h.submit()
    row = h.take()

    async def paused_too_long() -> None:
        raise ReleaseTask(PAUSED_TOO_LONG)

    h.before_resume = paused_too_long
    finished = h.run(row)
    assert finished.outcome is Outcome.RELEASED
    stored = h.row(row)
    assert stored.outcome == "released" and stored.error == f"released: {PAUSED_TOO_LONG}"
    assert stored.runs == 0 and h.jobs == []
    assert nothing_sent(srv)
    assert not (h.paths.work / f"task-{row.id}").exists()


def test_a_release_during_training_stops_the_job_and_sends_nothing(h, srv):
    h.submit(code=SLOW)
    row = h.take()

    def release_soon(job: runner.JobProcess) -> None:
        asyncio.get_running_loop().call_later(
            0.5, lambda: job.cancel(PAUSED_TOO_LONG, kind=runner.CancelKind.RELEASE)
        )

    h.on_job = release_soon
    finished = h.run(row)
    assert finished.outcome is Outcome.RELEASED
    assert finished.duration_s < 20
    stored = h.row(row)
    assert stored.error == f"released: {PAUSED_TOO_LONG}" and stored.result_path is None
    assert job_gone(h.jobs[0])
    assert nothing_sent(srv)
    assert srv.subtask(row.task_id)["status"].upper() == "RUNNING"
    assert not (h.paths.work / f"task-{row.id}").exists()


def test_the_job_title_is_shown_on_one_line_and_capped(h, srv):
    srv.submit_job(
        code=QUICK,
        requirements=NO_REQUIREMENTS,
        data=DATA,
        chunks=1,
        title="  Sentiment\n\tclassifier  " + "x" * 200,
    )
    row = h.take()
    finished = h.run(row)
    assert finished.outcome is Outcome.COMPLETED
    [described] = [e for e in h.events if isinstance(e, JobDescribed)]
    assert described.title.startswith("Sentiment classifier x") and len(described.title) == 80


def test_a_job_page_that_fails_leaves_the_job_unnamed_and_the_task_runs(h, srv):
    job_id = h.submit()
    row = h.take()
    srv.faults.fail_next(f"/jobs/{job_id}", n=1, status=500)
    finished = h.run(row)
    assert isinstance(finished, TaskFinished) and finished.outcome is Outcome.COMPLETED
    assert not [e for e in h.events if isinstance(e, JobDescribed)]
    assert srv.credits(row.task_id) == 1


def test_kept_workspaces_stay_but_the_uploaded_result_goes(h, srv):
    h.submit()
    row = h.take()
    finished = h.run(row, h.settings(keep_workspaces=True))
    assert finished.outcome is Outcome.COMPLETED
    workspace = h.paths.work / f"task-{row.id}"
    assert (workspace / "train.py").read_bytes() == QUICK
    assert not list(h.paths.results.iterdir())


def test_stop_with_the_completion_in_flight_is_judged_on_the_next_run(h, srv):
    h.submit()
    row = h.take()
    srv.faults.hang_next("/agent/complete_task", n=1, seconds=2.5)
    stop_when(h, row, lambda: srv.faults.armed() == 0)  # the send is out, unanswered
    stored = h.row(row)
    assert stored.outcome is None and stored.phase == TaskPhase.COMPLETING
    assert stored.complete_sends == 1 and stored.result_url
    assert stored.complete_sent_at is not None and stored.complete_sent_at <= time.time()
    # The server is still at the send: the next start waits what is left of the late-landing
    # grace (10 s: twice the 5 s timeout, less the time since the send) before judging again.
    h.sleep_cap = 5.0  # really waited, cut short: the send lands meanwhile
    finished = h.run(h.store.resume(row.id))
    assert finished.outcome is Outcome.COMPLETED
    # The stopped send ends at the server too; only then are the credits final.
    deadline = time.monotonic() + 10
    while not [c for c in srv.calls("/agent/complete_task") if c.fault == "hang"]:
        assert time.monotonic() < deadline, "the stopped send never ended at the server"
        time.sleep(0.05)
    assert len(srv.calls("/agent/upload_result")) == 1
    assert len(srv.calls("/agent/complete_task")) == 1  # never sent again
    assert srv.credits(row.task_id) == 1
    assert "already has the completion" in h.log_text()
    [late] = h.waits
    assert 5.0 < late <= 10.0

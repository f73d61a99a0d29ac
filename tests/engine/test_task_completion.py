"""The pipeline's branches once a result exists: upload, complete_task's answers, and resuming.

Each test runs `TaskPipeline.run()` against the devserver (tests/engine/pipeline_harness.py)
and checks the outcome, the store and what the server saw, credits above all: complete_task
credits the owner on every accepted call, so "exactly once" is counted at the server. The
crash-and-restart paths of the whole agent are in tests/e2e/test_exactly_once.py and
tests/e2e/test_agent.py; these are the single-task branches they do not reach.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from desktop_agent.devserver import DevServer
from desktop_agent.engine.events import Outcome
from desktop_agent.engine.store import TaskPhase
from tests.engine.pipeline_harness import OWNER, Harness, post

pytestmark = pytest.mark.timeout(60)


def accepted(srv: DevServer, path: str) -> list:
    return [c for c in srv.calls(path) if c.status == 200 and c.fault is None]


def run_until_stopped(h: Harness, row, waits: int = 3, **settings):
    """Run until the pipeline has asked to wait `waits` times, then let `ctx.wait` say stop."""
    h.stop_after_waits = len(h.waits) + waits
    with pytest.raises(asyncio.CancelledError):
        h.run(row, h.settings(**settings))
    h.stop_after_waits = None
    stored = h.row(row)
    assert stored.outcome is None  # kept open for the next start
    return stored


def stopped_after_a_send_with_no_answer(h: Harness, srv):
    """A task whose earlier run uploaded, sent complete_task once and got no answer."""
    h.submit()
    row = h.take()
    srv.faults.fail_next("/agent/heartbeat", n=1000, status=503)
    stored = run_until_stopped(h, row)
    srv.faults.reset()
    h.store.record_complete_send(row.id, 0)
    return row, stored


def test_success_uploads_once_completes_once_and_cleans_up(h, srv):
    h.submit()
    row = h.take()
    finished = h.run(row)
    assert finished.outcome is Outcome.COMPLETED and finished.error is None
    stored = h.row(row)
    assert stored.outcome == "completed" and stored.complete_sends == 1
    [upload] = srv.calls("/agent/upload_result")
    [complete] = srv.calls("/agent/complete_task")
    assert complete.body["result_url"] == stored.result_url == finished.result_url
    assert stored.bytes_up == upload.body["file"]["size"] > 0
    assert srv.credits(row.task_id) == 1
    # The fence beat (BUSY) went out right before the send.
    beats = [c for c in srv.calls("/agent/heartbeat") if c.monotonic < complete.monotonic]
    assert beats and beats[-1].body["status"] == "BUSY"
    # Once recorded, the local copies are gone.
    assert not Path(stored.result_path or "").is_file()
    assert not (h.paths.work / f"task-{row.id}").exists()


def test_an_upload_error_is_retried_and_delivered_once(h, srv):
    h.submit()
    row = h.take()
    srv.faults.fail_next("/agent/upload_result", n=2, status=502)
    finished = h.run(row)
    assert finished.outcome is Outcome.COMPLETED
    assert [c.status for c in srv.calls("/agent/upload_result")] == [502, 502, 200]
    assert len(h.waits) == 2
    assert srv.credits(row.task_id) == 1
    assert h.row(row).result_url == srv.subtask(row.task_id)["result_url"]


def test_an_upload_the_server_does_not_know_is_rejected_and_not_completed(h, srv):
    h.submit()
    real = h.take()
    # The same files, but a task id the server never handed out: upload answers 404.
    row = h.store.open_task(
        server=srv.url,
        agent_id=h.agent_id,
        task_id=real.task_id + 1000,
        job_id=real.job_id,
        code_url=real.code_url,
        requirements_url=real.requirements_url,
        chunk_data_url=real.chunk_data_url,
    )
    finished = h.run(row)
    assert finished.outcome is Outcome.REJECTED
    assert h.row(row).outcome == "rejected" and h.row(row).result_url is None
    assert [c.status for c in srv.calls("/agent/upload_result")] == [404]
    assert srv.calls("/agent/complete_task") == []


def test_a_completion_for_a_task_given_to_another_machine_is_rejected(h, srv):
    h.submit()
    row = h.take()
    # The server re-queued it and another machine took it (the liveness rule, simulated).
    srv.faults.racy = True
    post(srv, "/agent/register", id="other", email=OWNER)
    assert post(srv, "/agent/request_task", agent_id="other").json()["task_id"] == row.task_id
    srv.faults.racy = False
    finished = h.run(row)
    assert finished.outcome is Outcome.REJECTED
    assert "not assigned" in (h.row(row).error or "")
    assert [c.status for c in srv.calls("/agent/complete_task")] == [400]
    assert srv.credits(row.task_id) == 0


def test_server_down_before_the_upload_keeps_the_result_for_later(h, srv):
    h.submit()
    row = h.take()

    async def go_down():
        await asyncio.to_thread(srv.stop)

    h.before_resume = go_down  # the server goes away while train.py runs
    stored = run_until_stopped(h, row)
    assert stored.phase == TaskPhase.RAN and Path(stored.result_path or "").is_file()
    assert stored.result_url is None
    srv.start()
    h.before_resume = None
    finished = h.run(h.store.resume(row.id))
    assert finished.outcome is Outcome.COMPLETED
    assert h.row(row).runs == 1  # not trained again
    assert len(accepted(srv, "/agent/upload_result")) == 1
    assert srv.credits(row.task_id) == 1


def test_server_down_at_the_completion_keeps_the_upload_and_completes_once_later(h, srv):
    h.submit()
    row = h.take()
    srv.faults.fail_next("/agent/heartbeat", n=1000, status=503)  # the fence beat cannot go out
    stored = run_until_stopped(h, row)
    assert stored.phase == TaskPhase.UPLOADED and stored.result_url
    assert stored.complete_sends == 0  # nothing was sent: nothing is in doubt
    assert srv.calls("/agent/complete_task") == []
    srv.faults.reset()
    finished = h.run(h.store.resume(row.id))
    assert finished.outcome is Outcome.COMPLETED
    assert len(srv.calls("/agent/upload_result")) == 1  # the upload is not repeated
    [complete] = srv.calls("/agent/complete_task")
    assert complete.body["result_url"] == stored.result_url
    assert srv.credits(row.task_id) == 1


def test_a_completion_whose_answer_is_lost_is_judged_before_a_resend(h, srv):
    h.submit()
    row = h.take()
    srv.faults.drop_next("/agent/complete_task", n=1, after_commit=False)
    finished = h.run(row)
    assert finished.outcome is Outcome.COMPLETED
    # The dropped send did not land (the fence's BUSY still showed): sent again, credited once.
    assert [c.fault for c in srv.calls("/agent/complete_task")] == ["drop_before", None]
    assert srv.credits(row.task_id) == 1
    assert h.row(row).complete_sends == 2


def test_a_slow_completion_that_lands_late_is_not_sent_again(h, srv):
    """The send times out while the server is still at it: looked at again before any resend."""
    h.submit()
    row = h.take()
    srv.faults.hang_next("/agent/complete_task", n=1, seconds=1.5)
    h.sleep_cap = 3.0  # the late-landing grace is really waited (cut short to 3 s)
    finished = h.run(row, h.settings(complete_timeout_s=0.5))
    assert finished.outcome is Outcome.COMPLETED
    # The hung send is recorded when the server is done with it.
    deadline = time.monotonic() + 5
    while not [c for c in srv.calls("/agent/complete_task") if c.fault == "hang"]:
        assert time.monotonic() < deadline, "the hung send never ended"
        time.sleep(0.05)
    assert len(srv.calls("/agent/complete_task")) == 1
    assert srv.credits(row.task_id) == 1
    assert "already has the completion" in h.log_text()


def test_resume_after_a_send_with_no_answer_that_did_not_land_sends_once(h, srv):
    row, _ = stopped_after_a_send_with_no_answer(h, srv)
    # The server still showed BUSY after the send.
    h.store.update(row.id, complete_evidence="BUSY")
    finished = h.run(h.store.resume(row.id))
    assert finished.outcome is Outcome.COMPLETED
    assert len(srv.calls("/agent/complete_task")) == 1
    assert srv.credits(row.task_id) == 1


@pytest.mark.parametrize(
    ("sent_ago", "grace"),
    [
        (4.0, (5.0, 6.5)),  # stopped 4 s after the send: what is left of the 10 s
        (None, (10.0, 10.0)),  # a row from before the send's time was kept: the whole grace
        (-3600.0, (10.0, 10.0)),  # the clock was set back an hour: never more than the whole
        (3600.0, None),  # a backup restored from long ago: the grace is long over
    ],
    ids=["remainder", "unknown", "clock-set-back", "long-ago"],
)
def test_resume_waits_only_what_is_left_of_the_late_grace(h, srv, sent_ago, grace):
    row, _ = stopped_after_a_send_with_no_answer(h, srv)
    # That send went out `sent_ago` seconds ago and never landed.
    sent_at = None if sent_ago is None else time.time() - sent_ago
    h.store.update(row.id, complete_sent_at=sent_at)
    before = len(h.waits)
    finished = h.run(h.store.resume(row.id), h.settings(complete_timeout_s=5.0))
    assert finished.outcome is Outcome.COMPLETED
    waits = h.waits[before:]
    if grace is None:
        assert waits == []
    else:
        [late] = waits
        assert grace[0] <= late <= grace[1]
    assert len(srv.calls("/agent/complete_task")) == 1
    assert srv.credits(row.task_id) == 1


def test_resume_after_a_send_that_landed_does_not_send_again(h, srv):
    row, stored = stopped_after_a_send_with_no_answer(h, srv)
    # That send landed but its answer was lost; what the server showed is unknown.
    post(
        srv,
        "/agent/complete_task",
        agent_id=h.agent_id,
        task_id=row.task_id,
        result_url=stored.result_url,
    )
    finished = h.run(h.store.resume(row.id))
    assert finished.outcome is Outcome.COMPLETED
    assert len(srv.calls("/agent/complete_task")) == 1  # only the earlier one
    assert srv.credits(row.task_id) == 1
    assert h.row(row).outcome == "completed"


def test_resume_with_the_saved_result_gone_trains_again(h, srv):
    h.submit()
    row = h.take()

    async def go_down():
        await asyncio.to_thread(srv.stop)

    h.before_resume = go_down
    stored = run_until_stopped(h, row)
    Path(stored.result_path or "").unlink()
    srv.start()
    h.before_resume = None
    finished = h.run(h.store.resume(row.id))
    assert finished.outcome is Outcome.COMPLETED
    assert h.row(row).runs == 2
    assert "saved result is missing" in h.log_text()
    assert len(accepted(srv, "/agent/upload_result")) == 1
    assert srv.credits(row.task_id) == 1


def test_a_5xx_answer_to_complete_task_is_judged_then_sent_once_more(h, srv):
    h.submit()
    row = h.take()
    srv.faults.fail_next("/agent/complete_task", n=1, status=500)
    finished = h.run(row)
    assert finished.outcome is Outcome.COMPLETED
    assert [c.status for c in srv.calls("/agent/complete_task")] == [500, 200]
    assert srv.credits(row.task_id) == 1
    assert h.row(row).complete_sends == 2
    assert "did not get the completion" in h.log_text()


def test_no_baseline_read_means_no_send_until_the_server_answers(h, srv):
    job_id = h.submit()
    row = h.take()
    # The job page read just before the send finds no server: nothing is sent, the pause is
    # waited out with the heartbeat released, and the fence and the read are taken again.
    h.on_hold = lambda: srv.faults.drop_next(f"/jobs/{job_id}", n=1) if h.holds == 1 else None
    finished = h.run(row)
    assert finished.outcome is Outcome.COMPLETED
    assert h.holds == 2 and len(h.waits) == 1
    assert len(srv.calls("/agent/complete_task")) == 1 and srv.credits(row.task_id) == 1
    fences = [c for c in srv.calls("/agent/heartbeat") if c.body["status"] == "BUSY"]
    assert len(fences) == 2


def test_a_5xx_on_the_pages_read_to_judge_does_not_lose_the_result(h, srv):
    job_id = h.submit()
    row = h.take()

    def arm() -> None:  # from the fence on: the baseline and the judgement's reads
        srv.faults.drop_next("/agent/complete_task", n=1)
        srv.faults.fail_next(f"/jobs/{job_id}", n=2, status=503)
        srv.faults.fail_next("/stats/agents/online", n=1, status=503)

    h.on_hold = lambda: arm() if h.holds == 1 else None
    finished = h.run(row)
    assert finished.outcome is Outcome.COMPLETED, h.row(row).note
    assert srv.credits(row.task_id) == 1


def test_a_completion_for_a_task_the_server_does_not_know_is_rejected(h, srv):
    h.submit()
    real = h.take()
    row = h.store.open_task(
        server=srv.url,
        agent_id=h.agent_id,
        task_id=real.task_id + 1000,
        job_id=real.job_id,
        code_url=real.code_url,
        requirements_url=real.requirements_url,
        chunk_data_url=real.chunk_data_url,
    )
    # A job fault's empty result needs no upload: the completion itself meets the 404.
    h.store.set_phase(row.id, TaskPhase.RAN, result_path=None, error="train.py exited with code 1")
    finished = h.run(h.store.get(row.id))
    assert finished.outcome is Outcome.REJECTED
    assert [c.status for c in srv.calls("/agent/complete_task")] == [404]
    assert srv.calls("/agent/upload_result") == [] and srv.credits(real.task_id) == 0

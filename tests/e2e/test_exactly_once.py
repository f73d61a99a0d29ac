"""The server dies inside complete_task, at each of its points: never a second accepted completion.

The rule the agent follows is engine/delivery.py's; these tests kill the devserver (whose job page,
agent rows and /stats pages answer like the real server's) at each point of the last and of a
middle complete_task, with the server staying up or going away and coming back.
"""

from __future__ import annotations

import threading

import pytest

from desktop_agent.devserver.faults import COMPLETE_POINTS
from desktop_agent.engine import events as ev
from desktop_agent.engine.pipeline import half_merged_words
from desktop_agent.engine.store import Store
from tests.e2e.conftest import SAMPLE, AgentThread, settings_for

pytestmark = pytest.mark.timeout(120)


def finished_rows(tmp_path):
    return Store(tmp_path / "agent" / "agent.db").history()


@pytest.mark.parametrize("down_for", [None, 1.0], ids=["stays-up", "restarts"])
@pytest.mark.parametrize("point", COMPLETE_POINTS)
def test_killed_in_the_last_complete_task(srv, tmp_path, point, down_for):
    job_id = srv.submit_job(SAMPLE, chunks=1)
    srv.faults.kill_complete_task(point, down_for=down_for)
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=1) as run:
        run.thread.join(90)
    [sub] = srv.subtasks(job_id)
    assert srv.credits(sub["id"]) == 1, "credited twice" if srv.credits(sub["id"]) else "lost"
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.COMPLETED
    [row] = finished_rows(tmp_path)
    logs = [e.text for e in run.of(ev.LogLine)]
    words = half_merged_words(job_id)
    if point in ("after_commit", "during_merge"):
        assert srv.job(job_id)["status"] == "RUNNING"  # the server never repairs it itself
        assert row.note == words
        assert sum(words in text.lower() for text in logs) == 1
        assert len(srv.calls("/agent/complete_task")) == 1
    else:
        assert row.note is None
        assert srv.job(job_id)["status"] == "COMPLETED"
        assert not any(words in text.lower() for text in logs)
    if point == "before_commit":
        assert len(srv.calls("/agent/complete_task")) == 2  # it did not land: sent again
    else:
        assert len(srv.calls("/agent/complete_task")) == 1


@pytest.mark.parametrize("down_for", [None, 2.0], ids=["stays-up", "restarts"])
@pytest.mark.parametrize("point", ["before_commit", "after_commit"])
def test_killed_in_a_middle_complete_task(srv, tmp_path, point, down_for):
    """Not the last subtask: the count and this machine's row on the online list decide. While
    the server is down the heartbeat is held, so no beat overwrites the row before it is read."""
    job_id = srv.submit_job(SAMPLE, chunks=2)
    srv.faults.kill_complete_task(point, down_for=down_for)
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=2) as run:
        run.thread.join(90)
    for sub in srv.subtasks(job_id):
        assert srv.credits(sub["id"]) == 1, sub
    assert srv.job(job_id)["status"] == "COMPLETED"
    assert [f.outcome for f in run.of(ev.TaskFinished)] == [ev.Outcome.COMPLETED] * 2
    assert len(srv.calls("/agent/complete_task")) == (3 if point == "before_commit" else 2)


def test_when_it_cannot_be_told_it_is_not_sent_again(srv, tmp_path):
    """Another machine completes a subtask meanwhile and this agent's row is gone from the
    online list: undecidable, so the agent does not send again and says so in history."""
    job_id = srv.submit_job(SAMPLE, chunks=3)
    srv.faults.kill_complete_task("before_commit")
    settings = settings_for(srv, release_quiet_s=0.5)

    def meddle(event) -> None:
        # The instant the kill fires: another machine completes a subtask, and the server
        # forgets this machine's row (as if it had been swept off the online list).
        if isinstance(event, ev.LogLine) and "no answer" in event.text and not meddle.done:
            meddle.done = True
            import httpx

            other = next(s for s in srv.subtasks(job_id) if s["status"] == "PENDING")
            with httpx.Client(base_url=srv.url) as http:
                http.post("/agent/register", json={"id": "other", "email": "owner@example.com"})
                got = http.post("/agent/request_task", json={"agent_id": "other"}).json()
                assert got["task_id"] == other["id"]
                http.post(
                    "/agent/complete_task",
                    json={"agent_id": "other", "task_id": other["id"], "result_url": ""},
                )
            srv.storage.forget_agents()

    meddle.done = False
    run = AgentThread(settings, tmp_path / "agent", max_tasks=1, on_event=meddle)
    with run:
        run.thread.join(60)
    first = run.of(ev.TaskFinished)[0]
    assert first.outcome is ev.Outcome.RELEASED
    assert srv.credits(first.task_id) == 0  # it had not landed; and it was not sent again
    ours = [
        c
        for c in srv.calls("/agent/complete_task")
        if c.agent_id != "other" and c.body["task_id"] == first.task_id
    ]
    assert len(ours) == 1
    [row] = [r for r in finished_rows(tmp_path) if r.task_id == first.task_id]
    assert row.note and "never be credited twice" in row.note


def test_restart_with_a_task_in_hand_is_busy_from_the_first_beat(srv, tmp_path):
    """The agent stops (kept for next time) while the server is down mid-completion; the next
    start's very first heartbeat already says BUSY.

    The server goes down, and the agent is told to stop, on the engine's own thread the moment
    the agent sees the send cut, before its loop runs on: however slow or loaded the machine,
    the agent cannot judge the cut send while the server is still up and send it again, which
    would finish the task before the restart this test is about."""
    job_id = srv.submit_job(SAMPLE, chunks=1)
    srv.faults.kill_complete_task("before_commit")
    cut = threading.Event()

    def down_at_the_cut(event) -> None:
        text = event.text if isinstance(event, ev.LogLine) else ""
        if "complete_task" in text and "no answer" in text and not cut.is_set():
            srv.stop()  # blocks the engine's loop until the server is gone: nothing more lands
            first.agent.stop()
            cut.set()

    first = AgentThread(settings_for(srv), tmp_path / "agent", on_event=down_at_the_cut)
    with first:
        assert cut.wait(60), "the send was never cut"
    assert srv.calls("/agent/complete_task")[0].fault == "kill_before_commit"
    srv.start()  # same port, same data
    first_new = len(srv.calls("/agent/heartbeat"))
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=1) as second:
        second.thread.join(60)
    calls = srv.calls("/agent/heartbeat")[first_new:]
    beats = [c.body["status"] for c in calls]
    assert beats[0] == "BUSY", beats
    done = srv.subtask(srv.subtasks(job_id)[0]["id"])["completed_at"]
    assert all(c.body["status"] == "BUSY" for c in calls if c.wall < done - 0.01), beats
    [sub] = srv.subtasks(job_id)
    assert srv.credits(sub["id"]) == 1
    assert len(srv.calls("/agent/complete_task")) == 2  # the cut send, and one after the restart
    assert first.of(ev.TaskFinished) == []  # stopped while in doubt: kept for the next start
    assert [e.outcome for e in second.of(ev.TaskFinished)] == [ev.Outcome.COMPLETED]

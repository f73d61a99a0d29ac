"""Each fault switch, as a client sees it and as the server's state records it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from desktop_agent.devserver import DevServer

from .helpers import OWNER, SAMPLE_JOB, complete, register, request_task, wait_until

pytestmark = pytest.mark.timeout(30)
BROKEN = (httpx.RemoteProtocolError, httpx.ReadError)


def test_faults_are_off_unless_asked_for(tmp_path: Path) -> None:
    server = DevServer(data_dir=tmp_path)
    with pytest.raises(RuntimeError):
        server.faults.fail_next("/agent/heartbeat")
    server.close()


def test_fail_next_answers_the_status_n_times(
    client: httpx.Client, srv: DevServer, owner_id: int
) -> None:
    register(client, "a")
    srv.faults.fail_next("/agent/heartbeat", n=2, status=503)
    assert srv.faults.armed() == 2
    beat = {"id": "a", "status": "IDLE"}
    answers = [client.post("/agent/heartbeat", json=beat) for _ in range(3)]
    assert [r.status_code for r in answers] == [503, 503, 200]
    assert answers[0].json() == {"detail": "Injected fault"}
    assert [c.fault for c in srv.calls("/agent/heartbeat")] == ["fail", "fail", None]


def test_fail_next_matches_a_folder_prefix_only(
    client: httpx.Client, srv: DevServer, job_id: int
) -> None:
    srv.faults.fail_next("/files/", status=500)
    assert client.post("/agent/request_task", json={"agent_id": "a"}).status_code == 200
    assert client.get(f"/files/jobs/{job_id}/train.py").status_code == 500
    assert client.get(f"/files/jobs/{job_id}/train.py").status_code == 200


def test_hang_next_delays_then_handles(client: httpx.Client, srv: DevServer, owner_id: int) -> None:
    srv.faults.hang_next("/agent/register", seconds=0.5)
    started = time.monotonic()
    assert register(client, "a").status_code == 200
    assert time.monotonic() - started >= 0.5
    with pytest.raises(httpx.ReadTimeout):
        srv.faults.hang_next("/agent/register", seconds=1)
        client.post("/agent/register", json={"id": "a", "email": OWNER}, timeout=0.3)


def test_drop_before_commit_changes_nothing(
    client: httpx.Client, srv: DevServer, owner_id: int, job_id: int
) -> None:
    register(client, "a")
    task_id = request_task(client, "a")["task_id"]
    srv.faults.drop_next("/agent/complete_task")
    with pytest.raises(BROKEN):
        complete(client, "a", task_id, "u")
    assert srv.subtask(task_id)["status"] == "RUNNING"
    assert srv.credits(task_id) == 0
    call = srv.calls("/agent/complete_task")[-1]
    assert (call.fault, call.status, call.agent_id) == ("drop_before", None, "a")


def test_drop_after_commit_is_the_maybe_delivered_case(
    client: httpx.Client, srv: DevServer, owner_id: int, job_id: int
) -> None:
    register(client, "a")
    task_id = request_task(client, "a")["task_id"]
    srv.faults.drop_next("/agent/complete_task", after_commit=True)
    with pytest.raises(BROKEN):
        complete(client, "a", task_id, "u")
    assert srv.subtask(task_id)["status"] == "COMPLETED"
    assert srv.credits(task_id) == 1
    call = srv.calls("/agent/complete_task")[-1]
    assert (call.fault, call.status) == ("drop_after", 200)
    # A blind retry is accepted and credited again: exactly what an agent must avoid.
    assert complete(client, "a", task_id, "u").status_code == 200
    assert srv.credits(task_id) == 2


def test_forget_agents_makes_heartbeat_404(
    client: httpx.Client, srv: DevServer, owner_id: int
) -> None:
    register(client, "a")
    srv.faults.forget_agents()
    response = client.post("/agent/heartbeat", json={"id": "a", "status": "IDLE"})
    assert response.status_code == 404 and response.json() == {"detail": "Agent not registered"}
    assert register(client, "a").json()["status"] == "created"


def test_truncated_download_announces_full_length(
    client: httpx.Client, srv: DevServer, job_id: int
) -> None:
    url = request_task(client, "a")["code_url"]
    full = (SAMPLE_JOB / "train.py").read_bytes()
    srv.faults.truncate_next_file(keep_bytes=100)
    received = bytearray()
    with pytest.raises(BROKEN), client.stream("GET", url) as response:
        assert response.headers["content-length"] == str(len(full))
        for chunk in response.iter_raw():
            received.extend(chunk)
    assert bytes(received) == full[:100]
    assert srv.calls("/files/")[-1].fault == "truncate"
    # The rest can be fetched with a Range request, and the next download is whole again.
    rest = client.get(url, headers={"Range": "bytes=100-"})
    assert rest.status_code == 206 and bytes(received) + rest.content == full


def test_corrupted_download_has_right_length_wrong_bytes(
    client: httpx.Client, srv: DevServer, job_id: int
) -> None:
    url = request_task(client, "a")["chunk_data_url"]
    good = client.get(url).content
    srv.faults.corrupt_next_file()
    bad = client.get(url)
    assert bad.status_code == 200 and len(bad.content) == len(good) and bad.content != good
    assert client.get(url).content == good


def test_racy_hands_the_same_subtask_to_a_second_agent(
    client: httpx.Client, srv: DevServer, job_id: int
) -> None:
    srv.faults.racy = True
    first = request_task(client, "a")["task_id"]
    second = request_task(client, "b")["task_id"]
    assert first == second
    assert complete(client, "a", first).status_code == 400
    assert complete(client, "b", first).status_code == 200


def test_reset_disarms_everything(client: httpx.Client, srv: DevServer, job_id: int) -> None:
    srv.faults.fail_next("/agent/request_task")
    srv.faults.racy = True
    srv.faults.reset()
    assert srv.faults.racy is False
    first = request_task(client, "a")["task_id"]
    assert request_task(client, "b")["task_id"] != first


def test_stop_is_quick_while_a_request_hangs(
    client: httpx.Client, srv: DevServer, owner_id: int
) -> None:
    srv.faults.hang_next("/agent/register", seconds=30)
    errors: list[BaseException] = []

    def hang() -> None:
        try:
            register(client, "a")
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=hang)
    thread.start()
    assert wait_until(lambda: srv.faults.armed() == 0)
    started = time.monotonic()
    srv.stop()
    assert time.monotonic() - started < 2.5
    thread.join(5)
    assert len(errors) == 1 and isinstance(errors[0], BROKEN)


def _last_of_two(client: httpx.Client, srv: DevServer) -> tuple[int, int]:
    """A two-subtask job with its first subtask completed: the next completion is the last."""
    job = srv.submit_job(SAMPLE_JOB, chunks=2)
    register(client, "a")
    first = request_task(client, "a")["task_id"]
    last = request_task(client, "a")["task_id"]
    assert complete(client, "a", first, "u1").status_code == 200
    client.post("/agent/heartbeat", json={"id": "a", "status": "BUSY"})
    return job, last


# point → (subtask status, credits, job status, agent status) left behind by the kill
KILLED_STATE = {
    "before_commit": ("RUNNING", 0, "RUNNING", "BUSY"),
    "after_commit": ("COMPLETED", 1, "RUNNING", "IDLE"),
    "during_merge": ("COMPLETED", 1, "RUNNING", "IDLE"),
    "after_merge": ("COMPLETED", 1, "COMPLETED", "IDLE"),
}


@pytest.mark.parametrize("point", list(KILLED_STATE))
def test_kill_inside_the_last_complete_task_keeps_what_was_committed(
    client: httpx.Client, srv: DevServer, owner_id: int, point: str
) -> None:
    job, last = _last_of_two(client, srv)
    wallet = srv.wallet(owner_id)
    srv.faults.kill_complete_task(point)
    with pytest.raises(BROKEN):
        complete(client, "a", last, "u2")
    state = (
        srv.subtask(last)["status"],
        srv.credits(last),
        srv.job(job)["status"],
        srv.agent("a")["status"],  # type: ignore[index]
    )
    assert state == KILLED_STATE[point]
    assert srv.wallet(owner_id) == wallet + KILLED_STATE[point][1]
    page = client.get(f"/jobs/{job}").json()
    assert page["completed_subtasks"] == (1 if point == "before_commit" else 2)
    assert (page["final_result_url"] is not None) == (point == "after_merge")
    call = srv.calls("/agent/complete_task")[-1]
    assert call.fault == f"kill_{point}"
    assert srv.faults.killed.is_set()


def test_kill_with_down_for_takes_the_server_away_and_back(
    client: httpx.Client, srv: DevServer, owner_id: int
) -> None:
    job, last = _last_of_two(client, srv)
    srv.faults.kill_complete_task("during_merge", down_for=0.5)
    with pytest.raises(BROKEN):
        complete(client, "a", last, "u2")
    assert wait_until(lambda: not srv.running, timeout=5)
    assert wait_until(lambda: srv.running, timeout=10)
    page = client.get(f"/jobs/{job}").json()
    assert (page["status"], page["completed_subtasks"], page["total_subtasks"]) == ("RUNNING", 2, 2)


def test_complete_task_writes_the_agent_row_like_the_real_server(
    client: httpx.Client, srv: DevServer, owner_id: int, job_id: int
) -> None:
    register(client, "a")
    task_id = request_task(client, "a")["task_id"]
    client.post("/agent/heartbeat", json={"id": "a", "status": "BUSY"})
    before = srv.agent("a")["last_heartbeat"]  # type: ignore[index]
    time.sleep(0.05)
    assert complete(client, "a", task_id, "u").status_code == 200
    row = srv.agent("a")
    assert row is not None and row["status"] == "IDLE" and row["last_heartbeat"] > before
    [online] = client.get("/stats/agents/online").json()
    assert (online["id"], online["status"]) == ("a", "IDLE")
    assert srv.subtask(task_id)["completed_at"] is not None

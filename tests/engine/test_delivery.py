"""The "did my completion land?" rule (engine/delivery.py) against the devserver's real pages."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from desktop_agent.devserver import DevServer
from desktop_agent.engine import delivery
from desktop_agent.engine.protocol import ApiClient
from desktop_agent.paths import sample_job_dir

pytestmark = pytest.mark.timeout(60)
OWNER = "owner@example.com"


@pytest.fixture
def srv(tmp_path) -> Iterator[DevServer]:
    server = DevServer(data_dir=tmp_path, faults_enabled=True)
    with server:
        server.add_owner(OWNER)
        yield server
    server.close()


def _post(srv: DevServer, path: str, **body: object) -> httpx.Response:
    return httpx.post(f"{srv.url}{path}", json=body)


def judge(srv: DevServer, job_id: int, baseline: int | None, evidence: str | None):
    async def go():
        async with httpx.AsyncClient() as http:
            return await delivery.judge(ApiClient(srv.url, http), "me", job_id, baseline, evidence)

    return asyncio.run(go())


def _take(srv: DevServer, agent: str) -> int:
    _post(srv, "/agent/register", id=agent, email=OWNER)
    task = _post(srv, "/agent/request_task", agent_id=agent).json()["task_id"]
    _post(srv, "/agent/heartbeat", id=agent, status="BUSY")
    return int(task)


def _complete(srv: DevServer, agent: str, task: int) -> None:
    assert (
        _post(srv, "/agent/complete_task", agent_id=agent, task_id=task, result_url="").status_code
        == 200
    )


def test_each_branch_of_the_rule(srv):
    job = srv.submit_job(sample_job_dir(), chunks=3)
    mine = _take(srv, "me")
    # Nothing completed since the baseline: certainly not landed, by the count alone.
    assert judge(srv, job, 0, None).landed is False
    # The fence's BUSY is still on this machine's row: not landed, whatever the count says.
    other = _take(srv, "other")
    _complete(srv, "other", other)
    assert judge(srv, job, 0, "read").landed is False
    # The count grew because of another machine and the row tells nothing: undecidable.
    verdict = judge(srv, job, 0, None)
    assert verdict.landed is None and "from 0 to 1" in verdict.reason
    assert judge(srv, job, 0, "OFFLINE").landed is None
    # Our completion lands: the row says IDLE.
    _complete(srv, "me", mine)
    assert judge(srv, job, 1, "read").landed is True
    # The last subtask dies between the server's two commits: every subtask completed, job
    # still RUNNING: landed, and half-merged.
    last = _take(srv, "other")
    srv.faults.kill_complete_task("during_merge")
    with pytest.raises(httpx.HTTPError):
        _complete(srv, "other", last)
    verdict = judge(srv, job, 2, None)
    assert (verdict.landed, verdict.half_merged) == (True, True)


def test_a_completed_job_is_landed_and_not_half_merged(srv):
    job = srv.submit_job(sample_job_dir(), chunks=1)
    mine = _take(srv, "me")
    _complete(srv, "me", mine)
    verdict = judge(srv, job, 0, None)
    assert (verdict.landed, verdict.half_merged) == (True, False)


def test_an_unreachable_server_raises_so_the_caller_waits(srv):
    job = srv.submit_job(sample_job_dir(), chunks=1)
    srv.stop()
    from desktop_agent.engine import errors

    with pytest.raises(errors.RetryableError):
        judge(srv, job, 0, "read")

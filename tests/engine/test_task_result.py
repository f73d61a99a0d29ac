"""The pipeline's branches before a result exists: downloads, requirements, environment, train.py.

Each test runs one task through `TaskPipeline.run()` against the devserver (tests/engine/
pipeline_harness.py) and checks three things: the outcome, what the store recorded, and what the
server saw. The whole-agent paths (a plain job fault, a missing model.pth, an unreachable package
index) are in tests/e2e/test_agent.py; these are the branches it does not reach.
"""

from __future__ import annotations

import asyncio

import pytest

from desktop_agent.devserver import DevServer
from desktop_agent.engine.events import Outcome
from desktop_agent.engine.store import TaskPhase
from tests.engine.pipeline_harness import DATA, NO_REQUIREMENTS, QUICK, Harness

pytestmark = pytest.mark.timeout(60)


def assert_failed_and_completed_empty(h: Harness, srv: DevServer, finished, row) -> None:
    """A job fault: FAILED, no result kept, completed once with "" as the reference worker does."""
    assert finished.outcome is Outcome.FAILED
    stored = h.row(row)
    assert stored.outcome == "failed" and stored.result_path is None
    assert stored.result_url == ""
    assert srv.calls("/agent/upload_result") == []
    [complete] = srv.calls("/agent/complete_task")
    assert complete.body["result_url"] == "" and complete.status == 200
    assert srv.credits(row.task_id) == 1


def test_a_download_the_server_refuses_is_a_job_fault(h, srv):
    h.submit()
    row = h.take()
    srv.faults.fail_next("/files/", n=1, status=404)
    finished = h.run(row)
    assert_failed_and_completed_empty(h, srv, finished, row)
    assert "404" in (finished.error or "")
    assert h.row(row).env_key is None  # nothing past the download ran
    assert any(c.fault == "fail" and c.status == 404 for c in srv.calls("/files/"))


def test_a_download_that_keeps_failing_releases_the_task(h, srv):
    h.submit()
    row = h.take()
    srv.faults.fail_next("/files/", n=1000, status=500)
    finished = h.run(row, h.settings(release_after_s=0.0))
    assert finished.outcome is Outcome.RELEASED
    stored = h.row(row)
    assert stored.outcome == "released" and (stored.error or "").startswith("released: ")
    assert "Could not download" in (stored.error or "")
    # Given back through the server's liveness rule: nothing is uploaded or completed.
    assert srv.calls("/agent/upload_result") == [] and srv.calls("/agent/complete_task") == []
    assert srv.subtask(row.task_id)["status"].upper() == "RUNNING"
    assert len(srv.calls("/files/")) > 3  # each file was retried before the host fault
    assert h.waits  # and the pipeline waited between rounds
    assert not h.row(row).result_path and not (h.paths.work / f"task-{row.id}").exists()


def test_a_failed_download_round_is_retried_and_the_task_completes(h, srv):
    h.submit()
    row = h.take()
    srv.faults.fail_next("/files/", n=1, status=503)
    srv.faults.truncate_next_file(n=1)  # the next file stops halfway: resumed with a Range
    finished = h.run(row)
    assert finished.outcome is Outcome.COMPLETED, finished.error
    assert h.row(row).bytes_down == len(QUICK) + len(NO_REQUIREMENTS) + len(DATA)
    faults = [c.fault for c in srv.calls("/files/") if c.fault]
    assert sorted(faults) == ["fail", "truncate"]
    assert any(c.range for c in srv.calls("/files/"))
    assert srv.credits(row.task_id) == 1


def test_an_oversized_data_chunk_is_a_job_fault(h, srv):
    h.submit(data=b"a,b\n" + b"1,2\n" * 400_000)  # 1.6 MB against a 1 MB cap
    row = h.take()
    finished = h.run(row, h.settings(max_data_mb=1))
    assert_failed_and_completed_empty(h, srv, finished, row)
    assert "data.csv is larger than the 1 MB cap" in (finished.error or "")
    assert h.row(row).env_key is None and h.row(row).runs == 0


def test_refused_requirements_are_a_job_fault_and_build_nothing(h, srv):
    h.submit(requirements=b"evil @ https://example.com/evil-1.0-py3-none-any.whl\n")
    row = h.take()
    finished = h.run(row)
    assert_failed_and_completed_empty(h, srv, finished, row)
    assert "Refusing requirement line" in (finished.error or "")
    stored = h.row(row)
    assert stored.env_key is None and stored.runs == 0
    assert "evil @" in (stored.requirements or "")  # what was asked for is on record


def test_requirements_that_cannot_be_installed_are_a_job_fault(h, srv, monkeypatch):
    # The devserver has no package index: every lookup is a 404, "not found", not "unreachable".
    monkeypatch.setenv("UV_INDEX_URL", f"{srv.url}/simple")
    monkeypatch.setenv("UV_DEFAULT_INDEX", f"{srv.url}/simple")
    monkeypatch.setenv("UV_OFFLINE", "0")
    h.submit(requirements=b"no-such-package-xyz==1.0\n")
    row = h.take()
    finished = h.run(row)
    assert_failed_and_completed_empty(h, srv, finished, row)
    assert "cannot be installed" in (finished.error or ""), finished.error
    assert h.row(row).runs == 0


def test_a_job_past_its_time_limit_is_stopped_as_a_job_fault(h, srv):
    h.submit(code=b"import time\ntime.sleep(30)\n")
    row = h.take()
    finished = h.run(row, h.settings(task_time_limit=0.5))
    assert_failed_and_completed_empty(h, srv, finished, row)
    assert "ran past the" in (finished.error or "")
    assert finished.duration_s < 20
    assert h.row(row).runs == 1 and h.row(row).log_path


def test_a_job_exiting_non_zero_keeps_its_code_and_log_tail(h, srv):
    h.submit(
        code=b"import sys\nprint('step 1')\nprint('bad things', file=sys.stderr)\nsys.exit(7)\n"
    )
    row = h.take()
    finished = h.run(row)
    assert_failed_and_completed_empty(h, srv, finished, row)
    stored = h.row(row)
    assert stored.exit_code == 7 == finished.exit_code
    assert "code 7" in (stored.error or "") and "bad things" in (stored.error or "")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (b"import os\nos.symlink('data.csv', 'model.pth')\n", "symbolic link"),
        (b"import os\nos.link('data.csv', 'model.pth')\n", "hard link"),
        (b"import os\nos.mkdir('model.pth')\n", "wrote no model.pth"),
    ],
    ids=["symlink", "hardlink", "directory"],
)
def test_a_model_that_is_not_a_plain_file_is_never_uploaded(h, srv, code, words):
    h.submit(code=code)
    row = h.take()
    finished = h.run(row)
    assert_failed_and_completed_empty(h, srv, finished, row)
    assert words in (finished.error or "")


def test_an_oversized_result_is_a_job_fault(h, srv):
    h.submit(code=b"open('model.pth', 'wb').write(b'x' * 3 * 1024 * 1024)\n")
    row = h.take()
    finished = h.run(row, h.settings(max_workspace_mb=1))
    assert_failed_and_completed_empty(h, srv, finished, row)
    assert "model.pth is 3 MB, more than the 1 MB disk quota" in (finished.error or "")
    assert not list(h.paths.results.iterdir())  # nothing kept for an upload


def test_a_stop_while_a_download_is_retried_keeps_the_task(h, srv):
    h.submit()
    row = h.take()
    srv.faults.fail_next("/files/", n=1000, status=500)
    h.stop_after_waits = 1  # the app stops during the first pause between attempts
    with pytest.raises(asyncio.CancelledError):
        h.run(row)
    stored = h.row(row)
    assert stored.outcome is None and stored.phase == TaskPhase.ASSIGNED
    assert srv.calls("/agent/upload_result") == [] and srv.calls("/agent/complete_task") == []

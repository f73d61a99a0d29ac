"""Hostile `train.py` scripts: each is stopped by a limit, recorded as a job fault, and leaves nothing behind.

Every test is bounded twice: by the agent's own limits (tens of MB, a few seconds) and by
pytest-timeout, so a regression cannot take the machine down with it.
"""

from __future__ import annotations

import time

import pytest

from desktop_agent.engine import events as ev
from desktop_agent.engine import proccap
from tests.helpers.leftovers import processes_with
from tests.helpers.one_task import completions, run_one_task

pytestmark = pytest.mark.usefixtures("no_job_left_behind")

DATA = b"x,y\n1,2\n"


def submit(srv, code: str) -> int:
    return srv.submit_job(code=code.encode(), requirements=b"", data=DATA, chunks=1)


def assert_failed_and_completed_empty(srv, ran, message: str) -> None:
    assert ran.finished.outcome is ev.Outcome.FAILED, ran.finished
    assert message in (ran.finished.error or ""), ran.finished.error
    assert ran.row.outcome == "failed" and message in (ran.row.error or "")
    assert [c["result_url"] for c in completions(srv)] == [""]  # as the reference worker does
    assert srv.calls("/agent/upload_result") == []


@pytest.mark.timeout(60)
def test_memory_hog_is_stopped_at_the_cap(srv, tmp_path):
    submit(
        srv,
        "import time\nhog = []\n"
        "for _ in range(200):\n    hog.append(bytearray(10 * 2**20))\n    time.sleep(0.05)\n"
        "time.sleep(60)\n",
    )
    ran = run_one_task(srv, tmp_path / "agent", max_job_memory_mb=64)
    assert_failed_and_completed_empty(srv, ran, "used more than 64 MB of memory")


@pytest.mark.timeout(60)
def test_fork_bomb_is_contained_by_the_process_cap(srv, tmp_path):
    if proccap.process_cap_enforced_by_kernel() is None:
        pytest.skip(
            "no pids cgroup and running as root: a fork bomb cannot be safely contained here"
        )
    submit(
        srv,
        "import os, time\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        time.sleep(0.01)\n",
    )
    ran = run_one_task(srv, tmp_path / "agent", max_job_processes=24, task_time_limit=30.0)
    assert_failed_and_completed_empty(srv, ran, "24 or more processes")


@pytest.mark.timeout(60)
def test_script_that_runs_forever_hits_the_time_limit(srv, tmp_path):
    submit(srv, "import time\nwhile True:\n    time.sleep(1)\n")
    ran = run_one_task(srv, tmp_path / "agent", task_time_limit=2.0)
    assert_failed_and_completed_empty(srv, ran, "ran past the 2 s limit")


@pytest.mark.timeout(60)
def test_writing_past_the_workspace_quota_is_stopped(srv, tmp_path):
    submit(
        srv,
        "import time\nwith open('junk.bin', 'wb') as f:\n"
        "    for _ in range(100):\n        f.write(b'x' * 2**20)\n        f.flush()\n        time.sleep(0.02)\n"
        "time.sleep(60)\n",
    )
    ran = run_one_task(srv, tmp_path / "agent", max_workspace_mb=20)
    assert_failed_and_completed_empty(srv, ran, "wrote more than 20 MB into its folder")
    assert not (tmp_path / "agent" / "work" / f"task-{ran.row.id}").exists()  # workspace deleted


@pytest.mark.timeout(60)
def test_script_ignoring_sigterm_is_killed(srv, tmp_path):
    submit(
        srv,
        "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nprint('ignoring SIGTERM', flush=True)\n"
        "while True:\n    time.sleep(0.1)\n",
    )
    started = time.monotonic()
    ran = run_one_task(srv, tmp_path / "agent", task_time_limit=2.0)
    assert_failed_and_completed_empty(srv, ran, "ran past the 2 s limit")
    assert time.monotonic() - started < 30  # SIGKILL after the grace period, not never


@pytest.mark.timeout(60)
@pytest.mark.parametrize("sandboxed", [True, False], ids=["bwrap", "no-sandbox"])
def test_daemon_that_outlives_the_script_is_killed(srv, tmp_path, monkeypatch, sandboxed):
    from desktop_agent.engine import sandbox

    if sandboxed and not sandbox.detect().available:
        pytest.skip("no working bubblewrap here")
    if not sandboxed:  # the task token and the process group must find it without a PID namespace
        monkeypatch.setattr(
            sandbox, "detect", lambda **_: sandbox.SandboxInfo(False, "none (test)", None, "test")
        )
    started = time.monotonic()
    marker = f"da-daemon-{time.time_ns()}"
    submit(
        srv,
        "import os, subprocess, sys\n"
        "if os.fork() == 0:\n    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(300)', '{marker}'])\n"
        "    os._exit(0)\n"
        "open('model.pth', 'w').write('{}')\nprint('left a daemon behind', flush=True)\n",
    )
    ran = run_one_task(srv, tmp_path / "agent")
    assert ran.finished.outcome is ev.Outcome.COMPLETED  # the script itself did its job
    assert (
        time.monotonic() - started < 30
    )  # the daemon holding the output pipes does not stall the run
    deadline = time.monotonic() + 10
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_with(marker) == []


@pytest.mark.timeout(60)
def test_missing_model_is_a_job_fault(srv, tmp_path):
    submit(srv, "print('progress: 1.0')\n")
    ran = run_one_task(srv, tmp_path / "agent")
    assert_failed_and_completed_empty(srv, ran, "wrote no model.pth")


@pytest.mark.timeout(60)
def test_model_symlink_out_of_the_workspace_is_refused(srv, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("volunteer's secret")
    submit(srv, f"import os\nos.symlink({str(secret)!r}, 'model.pth')\n")
    ran = run_one_task(srv, tmp_path / "agent")
    assert_failed_and_completed_empty(srv, ran, "model.pth is a symbolic link")

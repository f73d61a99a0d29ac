"""A task kept over a stop and finished at the next start counts only the time the app held it."""

from __future__ import annotations

import time

import pytest

from desktop_agent.engine import events as ev
from tests.e2e.conftest import SAMPLE, AgentThread, sample_code, settings_for, srv, wait_until  # noqa: F401

pytestmark = pytest.mark.timeout(120)


def test_resumed_task_duration_leaves_out_the_time_the_app_was_stopped(srv, tmp_path):  # noqa: F811
    srv.submit_job(SAMPLE, code=sample_code(seconds=4.0), chunks=1)
    settings = settings_for(srv)
    with AgentThread(settings, tmp_path / "agent") as first:
        wait_until(
            lambda: (
                first.agent.status()["task"] and first.agent.status()["task"]["phase"] == "training"
            ),
            60,
        )
    assert not first.of(ev.TaskFinished)  # stopped with the task in hand
    time.sleep(6.0)  # the app is not running
    restarted = time.time()
    with AgentThread(settings, tmp_path / "agent", max_tasks=1) as second:
        wait_until(lambda: second.of(ev.TaskFinished), 90)
    [finished] = second.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.COMPLETED
    held = (time.time() - restarted) + (restarted - 6.0 - first.of(ev.TaskStarted)[0].at)
    assert finished.duration_s < held + 1.0, (finished.duration_s, held)

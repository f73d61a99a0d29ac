"""The work loop against the reference backend: how often an idle agent asks for work."""

from __future__ import annotations

import time
from itertools import pairwise

import pytest

from desktop_agent.engine import events as ev
from desktop_agent.engine.worker import IDLE_POLL_MAX_FACTOR, idle_poll_wait
from tests.e2e.conftest import SAMPLE, AgentThread, settings_for, wait_until

pytestmark = pytest.mark.timeout(120)


def test_the_wait_between_empty_answers_doubles_up_to_six_intervals():
    waits = [idle_poll_wait(10.0, n) for n in range(1, 8)]
    assert waits == [10.0, 20.0, 40.0, 60.0, 60.0, 60.0, 60.0]
    assert idle_poll_wait(10.0, 10_000) == 10.0 * IDLE_POLL_MAX_FACTOR


def asks(srv) -> list[float]:
    return [c.monotonic for c in srv.calls("/agent/request_task")]


def test_an_idle_agent_asks_less_and_less_often_and_still_picks_up_a_new_job(srv, tmp_path):
    settings = settings_for(srv, poll_interval=0.2)
    with AgentThread(settings, tmp_path / "agent") as run:
        wait_until(lambda: len(asks(srv)) >= 5, 30)
        gaps = [b - a for a, b in pairwise(asks(srv))]
        # 0.2, 0.4, 0.8, 1.2 s: every interval at least the one before it (timer slack aside)
        assert gaps[3] > 1.0, gaps
        assert all(later > earlier * 0.9 for earlier, later in pairwise(gaps)), gaps
        # at the longest wait, a job submitted now is still taken within 6 poll intervals
        srv.submit_job(SAMPLE, chunks=1)
        submitted = time.monotonic()
        wait_until(lambda: run.of(ev.TaskStarted), 30)
        assert time.monotonic() - submitted < 0.2 * IDLE_POLL_MAX_FACTOR + 1.0
        wait_until(lambda: run.of(ev.TaskFinished), 60)
        finished = time.monotonic()
        wait_until(lambda: len([t for t in asks(srv) if t > finished - 1.0]) >= 2, 10)
    # after a task, the wait starts again from one interval (0.2 s, not the 1.2 s it had reached)
    after = [t for t in asks(srv) if t > finished - 1.0]
    assert after[1] - after[0] < 0.8, after


def test_resume_asks_at_once_even_after_a_long_idle_wait(srv, tmp_path):
    settings = settings_for(srv, poll_interval=2.0)
    with AgentThread(settings, tmp_path / "agent") as run:
        wait_until(lambda: len(asks(srv)) >= 2, 30)  # the next wait is 4 s
        run.agent.pause()
        wait_until(lambda: run.agent.state is ev.AgentState.PAUSED, 10)
        before = len(asks(srv))
        run.agent.resume()
        resumed = time.monotonic()
        wait_until(lambda: len(asks(srv)) > before, 10)
        assert asks(srv)[before] - resumed < 1.5

"""How often the rules are checked: quickly while a task is in hand, at the heartbeat's pace without."""

from __future__ import annotations

import pytest

from desktop_agent.engine import events as ev
from tests.e2e.conftest import SAMPLE, AgentThread, settings_for, wait_until
from tests.helpers.busy_job import busy_code

pytestmark = pytest.mark.timeout(120)


class Counting:
    """The knobs' seams, counting how often the rules read the battery."""

    def __init__(self, knobs):
        self.knobs = knobs
        self.reads: list[float] = []

    def seams(self):
        import time

        seams = self.knobs.seams()

        def on_battery():
            self.reads.append(time.monotonic())
            return self.knobs.battery

        seams.on_battery = on_battery
        return seams


def rate(reads: list[float], since: float, until: float) -> int:
    return sum(1 for t in reads if since <= t < until)


def test_idle_rules_follow_the_heartbeat_and_a_task_brings_back_their_own_interval(
    srv, tmp_path, knobs
):
    import time

    counting = Counting(knobs)
    settings = settings_for(
        srv, rules_interval_s=0.1, heartbeat_interval=1.0, poll_interval=0.2, pause_on_battery=True
    )
    with AgentThread(settings, tmp_path / "agent", max_tasks=1, seams=counting.seams()) as run:
        wait_until(lambda: run.agent.state is ev.AgentState.IDLE, 30)
        t0 = time.monotonic()
        time.sleep(2.5)
        idle_reads = rate(counting.reads, t0, time.monotonic())
        assert 1 <= idle_reads <= 4, idle_reads  # once a second, not ten times
        srv.submit_job(SAMPLE, code=busy_code(2.0), chunks=1)
        wait_until(lambda: run.agent.job is not None and run.agent.job.pid is not None, 60)
        t1 = time.monotonic()
        time.sleep(1.0)
        busy_reads = rate(counting.reads, t1, time.monotonic())
        assert busy_reads >= 5, busy_reads  # every 0.1 s while the job runs
        knobs.battery = True  # unplugged mid-task: suspended within the quick interval
        wait_until(lambda: run.agent.job is not None and run.agent.job.suspended, 5)
        knobs.battery = False
        wait_until(lambda: run.of(ev.TaskFinished), 60)


def test_idle_agent_sees_a_rule_clear_within_the_heartbeat_interval(srv, tmp_path, knobs):
    import time

    knobs.battery = True
    settings = settings_for(
        srv, rules_interval_s=0.1, heartbeat_interval=1.0, poll_interval=0.2, pause_on_battery=True
    )
    with AgentThread(settings, tmp_path / "agent", seams=knobs.seams()) as run:
        wait_until(lambda: run.agent.status()["reason"] == "Waiting: on battery", 30)
        assert srv.calls("/agent/request_task") == []
        knobs.battery = False
        plugged = time.monotonic()
        wait_until(lambda: srv.calls("/agent/request_task"), 10)
        assert srv.calls("/agent/request_task")[0].monotonic - plugged < 1.0 + 0.8

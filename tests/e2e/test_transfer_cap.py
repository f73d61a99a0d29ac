"""The monthly transfer limit end to end: the real engine against the devserver over HTTP."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from desktop_agent.config import DataPaths
from desktop_agent.engine import events as ev
from desktop_agent.engine.rules import Seams
from desktop_agent.engine.store import Store
from desktop_agent.engine.transfer import MIB, month_key
from tests.e2e.conftest import SAMPLE, AgentThread, settings_for, wait_until

pytestmark = pytest.mark.timeout(120)

BERLIN = ZoneInfo("Europe/Berlin")


class Calendar:
    """The engine's local clock, moved by the test (the rules read the same clock)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def seams(self) -> Seams:
        return Seams(
            clock=lambda: self.now,
            idle_seconds=lambda: 3600.0,
            on_battery=lambda: False,
            gpu_temperatures=list,
            metered=lambda: False,
            fullscreen=lambda: False,
            free_disk_mb=lambda: 1e6,
            job_memory_pct=lambda: None,
        )


def seed(data_dir, month: str, n_bytes: int) -> None:
    """What earlier runs counted this month."""
    paths = DataPaths(data_dir)
    paths.ensure()
    store = Store(paths.db)
    store.add_transfer(month, n_bytes, 0)
    store.close()


def counted(data_dir, month: str) -> int:
    store = Store(DataPaths(data_dir).db)
    try:
        return sum(store.transfer(month))
    finally:
        store.close()


def requests(srv) -> int:
    return len(srv.calls("/agent/request_task"))


def test_past_the_limit_the_task_in_hand_finishes_then_no_more_work(srv, tmp_path):
    """Just under the limit: one task is taken, crosses it, is still delivered; then none,
    and the reason is said — also after a restart."""
    srv.submit_job(SAMPLE, chunks=3)
    cal = Calendar(datetime(2026, 12, 10, 12, 0, tzinfo=BERLIN))
    data = tmp_path / "agent"
    seed(data, "2026-12", MIB - 10)
    settings = settings_for(srv, monthly_transfer_mb=1, rules_interval_s=0.2)
    with AgentThread(settings, data, seams=cal.seams()) as run:
        wait_until(lambda: run.of(ev.TaskFinished))
        wait_until(lambda: "transfer limit" in run.agent.status()["reason"])
        asked = requests(srv)
        time.sleep(1.0)  # several poll and rules intervals
        status = run.agent.status()
    [done] = run.of(ev.TaskFinished)
    assert done.outcome is ev.Outcome.COMPLETED and srv.subtask(done.task_id)["result_url"]
    assert requests(srv) == asked == 1
    assert status["reason"] == (
        "Waiting: this month's transfer limit (1\u00a0MB) is used up — work resumes on 1 January"
    )
    assert not status["may_take_work"]
    assert status["transfer"]["bytes"] >= MIB
    said = [s.reason for s in run.of(ev.StateChanged) if "transfer limit" in s.reason]
    assert said  # the GUI hears it through the state's reason
    total = counted(data, "2026-12")
    assert total >= MIB - 10 + done.bytes_down + done.bytes_up - 10

    # A restart keeps the count: still no new task.
    with AgentThread(settings, data, seams=cal.seams()) as again:
        wait_until(lambda: "transfer limit" in again.agent.status()["reason"])
        time.sleep(1.0)
    assert requests(srv) == 1
    assert again.of(ev.TaskStarted) == []


def test_without_a_limit_counting_changes_nothing(srv, tmp_path):
    srv.submit_job(SAMPLE, chunks=2)
    data = tmp_path / "agent"
    month = month_key(datetime.now().astimezone())
    seed(data, month, 10**12)  # far past any limit, but none is set
    with AgentThread(settings_for(srv, monthly_transfer_mb=0), data, max_tasks=2) as run:
        run.thread.join(60)
    assert [f.outcome for f in run.of(ev.TaskFinished)] == [ev.Outcome.COMPLETED] * 2
    assert counted(data, month) > 10**12  # still counted, for the Now page


def test_the_first_of_the_month_lifts_the_limit(srv, tmp_path):
    srv.submit_job(SAMPLE, chunks=1)
    cal = Calendar(datetime(2026, 11, 30, 23, 59, tzinfo=BERLIN))
    data = tmp_path / "agent"
    seed(data, "2026-11", 5 * MIB)
    settings = settings_for(srv, monthly_transfer_mb=2, rules_interval_s=0.2)
    with AgentThread(settings, data, seams=cal.seams()) as run:
        wait_until(lambda: "resumes on 1 December" in run.agent.status()["reason"])
        time.sleep(0.6)
        assert requests(srv) == 0
        cal.now = datetime(2026, 12, 1, 0, 0, 5, tzinfo=BERLIN)
        wait_until(lambda: run.of(ev.TaskFinished))
    assert run.of(ev.TaskFinished)[0].outcome is ev.Outcome.COMPLETED
    assert counted(data, "2026-11") == 5 * MIB
    assert 0 < counted(data, "2026-12") < MIB

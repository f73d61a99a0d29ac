"""The Now tab's last-task line names the job, and its parts (contribution view, outage line) stay wired."""

from __future__ import annotations

import pytest

from desktop_agent.engine.events import JobDescribed, Outcome, TaskFinished, TaskStarted
from desktop_agent.gui.now_tab import NowTab

pytestmark = pytest.mark.timeout(30)


def _started(task_id: int, job_id: int) -> TaskStarted:
    return TaskStarted(task_id, job_id, "https://grid-x.example")


def test_the_last_task_is_named_by_its_job(qtbot):
    tab = NowTab()
    qtbot.addWidget(tab)
    tab.on_task_started(_started(7, 3))
    tab.on_job(JobDescribed(3, "Sentiment classifier"))
    tab.on_task_finished(TaskFinished(7, 3, Outcome.COMPLETED, 17.0))
    assert tab.last_label.text() == "Last task, for “Sentiment classifier”: completed after 17 s"
    tab.on_task_started(_started(8, 9))
    tab.on_task_finished(TaskFinished(8, 9, Outcome.RELEASED, 5.0))
    assert (
        tab.last_label.text() == "Last task: 8 — given back for someone else after 5 s"
    )  # a job never named


def test_the_split_parts_answer_through_the_tab(qtbot):
    tab = NowTab()
    qtbot.addWidget(tab)
    tab.set_totals(2, 3600.0)
    assert "finished 2 tasks (1 h 00 min" in tab.totals_label.text()
    assert tab.totals_label is tab.contribution.totals_label
    seen = []
    tab.retry_requested.connect(lambda: seen.append(True))
    tab.retry_button.click()
    assert seen == [True]

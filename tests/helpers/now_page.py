"""The busiest Now page, for layout checks: a titled job training while the server is gone."""

from __future__ import annotations

import time
from typing import Any


def working_through_an_outage(window: Any) -> None:
    """Feed `window`'s Now tab the events of a task training through an outage, retry in 40 s."""
    from desktop_agent.engine import events as ev

    now = window.now_tab
    now.on_state(ev.StateChanged(ev.AgentState.WORKING, mode=ev.Mode.CONTRIBUTING))
    now.on_task_started(ev.TaskStarted(task_id=7, job_id=3, server="https://grid-x.example"))
    now.on_job(ev.JobDescribed(job_id=3, title="Sentiment classifier"))
    now.on_phase(ev.PhaseProgress(task_id=7, phase=ev.Phase.TRAINING, fraction=0.42))
    now.on_problem(ev.ProblemRaised(ev.ProblemKind.SERVER_UNREACHABLE, "no answer"))
    now.on_retry(ev.RetryScheduled(at=time.time() + 40, what="heartbeat"))

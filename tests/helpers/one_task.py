"""Run one task through the real agent against the reference backend and report what happened."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_agent.devserver import DevServer
from desktop_agent.engine import events as ev
from desktop_agent.engine.store import Store, TaskRow
from tests.e2e.conftest import AgentThread, settings_for


@dataclass
class Ran:
    finished: ev.TaskFinished
    row: TaskRow
    run: AgentThread


def run_one_task(
    srv: DevServer,
    data_dir: Path,
    *,
    server_url: str | None = None,
    timeout: float = 60,
    **overrides,
) -> Ran:
    settings = settings_for(srv, **overrides)
    if server_url:
        settings = settings.with_overrides(server=server_url)
    # Stop at the first finished task whatever its outcome (max_tasks counts only completed and
    # failed ones, so a rejected or released task would leave the agent asking for more).
    holder: list[AgentThread] = []

    def stop_when_finished(event) -> None:
        if isinstance(event, ev.TaskFinished) and holder:
            holder[0].agent.stop()

    run = AgentThread(settings, data_dir, max_tasks=1, on_event=stop_when_finished)
    holder.append(run)
    with run:
        run.thread.join(timeout)
    finished = run.of(ev.TaskFinished)
    assert len(finished) == 1, finished
    store = Store(data_dir / "agent.db")
    try:
        [row] = store.history()
    finally:
        store.close()
    return Ran(finished[0], row, run)


def completions(srv: DevServer) -> list[dict]:
    return [c.body for c in srv.calls("/agent/complete_task") if c.status == 200]

"""Picking up what a previous run of the app left behind.

At every start, before new work is asked for: job processes a crash left running are killed;
a request for work that was in flight when the app died (the `request-in-flight` mark) is
answered by going quiet so the server can hand any task it assigned to someone else; and every
task still open in the store is finished — delivered, completed, or run again. A finished
result for a server or machine id that is no longer ours is still delivered there; an
unfinished one is cancelled.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_agent.engine.events import Outcome
from desktop_agent.engine.job_stop import kill_strays
from desktop_agent.engine.protocol import ApiClient
from desktop_agent.engine.reporter import Reporter
from desktop_agent.engine.stopping import StopFlag
from desktop_agent.engine.store import OUTBOX_PHASES, Store, TaskRow

if TYPE_CHECKING:  # the task machinery loads only when a task is there (engine/loop.py)
    from desktop_agent.engine.task_base import TaskContext

REQUEST_IN_FLIGHT = (
    "request-in-flight"  # exists while a request_task answer is not yet in the store
)

RunTask = Callable[["TaskContext", TaskRow], Awaitable[None]]


def in_flight_mark(root: Path) -> Path:
    return root / REQUEST_IN_FLIGHT


class Recovery:
    def __init__(
        self,
        *,
        root: Path,
        work: Path,
        reporter: Reporter,
        stop: StopFlag,
        run_resumed: RunTask,
        quiet_release: Callable[[], Awaitable[None]],
    ):
        self._root = root
        self._work = work
        self._report = reporter
        self._stop = stop
        self._run_resumed = run_resumed
        self._quiet_release = quiet_release

    async def resume_open(
        self, store: Store, api: ApiClient, agent_id: str, task_context: Callable[[], TaskContext]
    ) -> None:
        """Finish what a previous run left: deliver the outbox, complete, or re-run.

        `task_context()` builds the task machinery; it is called only when a task is open.
        """
        log = self._report.log
        strays = await asyncio.to_thread(kill_strays, self._work)
        if strays:
            log("WARNING", f"Stopped {strays} job process(es) left running by a previous crash")
        mark = in_flight_mark(self._root)
        if mark.exists():  # died between the server's answer and the store
            log(
                "WARNING",
                "The last run stopped while asking for work; going quiet so the server can "
                "re-queue a task it may have assigned to this machine",
            )
            await self._quiet_release()
            if not self._stop.is_set():
                mark.unlink(missing_ok=True)
        for row in store.open_tasks():
            if self._stop.is_set():
                return
            same_place = row.server == api.server and row.agent_id == agent_id
            if not same_place and row.phase not in OUTBOX_PHASES:
                store.finish(
                    row.id,
                    Outcome.CANCELLED.value,
                    error="the server or machine id changed before this task finished",
                )
                continue
            ctx = task_context()
            if not same_place:
                other = replace(ctx, api=ApiClient(row.server, ctx.http), agent_id=row.agent_id)
                log("INFO", f"Delivering a finished result to the previous server {row.server}")
                await self._run_resumed(other, row)
                continue
            log("INFO", f"Picking up task {row.task_id} where it stopped ({row.phase})")
            await self._run_resumed(ctx, row)

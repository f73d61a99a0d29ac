"""The task this engine holds right now and the job process running it.

The worker sets the task when it takes one and clears it when its outcome is recorded; the
pipeline hands over the job while train.py runs. The controls read both to suspend, resume or
release, and the status snapshot reads them to say what is going on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_agent.engine.store import TaskRow

if TYPE_CHECKING:  # the runner loads with the first task (engine/loop.py)
    from desktop_agent.engine.runner import JobProcess


@dataclass
class TaskInHand:
    row: TaskRow | None = None
    job: JobProcess | None = None
    # Open tasks of this server and id wait to be picked up after a restart: the heartbeat says
    # BUSY from its first beat, before recovery has taken them in hand.
    resuming: bool = False

    @property
    def holding(self) -> bool:
        return self.row is not None

    @property
    def suspended(self) -> bool:
        return self.job is not None and self.job.suspended

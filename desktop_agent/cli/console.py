"""Readable progress on a terminal: what the headless agent and the headless demo print."""

from __future__ import annotations

import sys
import time
from typing import Any


class ConsolePrinter:
    """Readable progress on stderr: state changes, phases, finished tasks, problems."""

    def __init__(self, verbose: bool = False, stream: Any = None):
        self.verbose = verbose
        self.stream = stream or sys.stderr
        self._last_phase: tuple[int, str, int] | None = None

    def _print(self, text: str) -> None:
        from desktop_agent.engine.text import printable

        # Event text carries a job's output and a server's words: escaped, one line each.
        print(f"{time.strftime('%H:%M:%S')} {printable(text)}", file=self.stream, flush=True)

    def __call__(self, event: Any) -> None:
        from desktop_agent.engine import events as ev

        if isinstance(event, ev.StateChanged):
            self._print(f"[{event.state.value}] {event.detail}")
        elif isinstance(event, ev.TaskStarted):
            self._print(
                f"task {event.task_id} (job {event.job_id}){' resumed' if event.resumed else ''}"
            )
        elif isinstance(event, ev.PhaseProgress):
            bucket = -1 if event.fraction is None else int(event.fraction * 4)
            key = (event.task_id, event.phase.value, bucket)
            if key != self._last_phase:
                self._last_phase = key
                pct = "" if event.fraction is None else f" {event.fraction * 100:.0f}%"
                self._print(f"task {event.task_id}: {event.phase.value}{pct}")
        elif isinstance(event, ev.TaskFinished):
            extra = f" — {event.error}" if event.error else ""
            self._print(
                f"task {event.task_id}: {event.outcome.value} in {event.duration_s:.1f} s{extra}"
            )
        elif isinstance(event, ev.ProblemRaised):
            self._print(f"problem: {event.message}")
        elif isinstance(event, ev.LogLine):
            if event.task_id is None and event.level in ("WARNING", "ERROR"):
                self._print(f"{event.level.lower()}: {event.text}")
            elif event.task_id is not None and self.verbose:
                self._print(f"  | {event.text}")

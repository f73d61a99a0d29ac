"""One task, from assignment to acknowledged completion.

Each phase starts from what the store says and saves its end before the next
begins, so `run(row)` can be called on a fresh assignment or on a row left
open by a crash, and picks up where it stopped:

    assigned/fetched → download + environment + run → "ran" (result moved
    out of the workspace) → upload → "uploaded" → complete → outcome.

Job faults end as FAILED and are completed with `result_url: ""` as the
reference worker does; host faults are retried (heartbeats keep flowing
meanwhile) and, past `release_after_s` before a result exists, the task is
released rather than faked.

The phases live in task_result.py (download, environment, training) and
task_completion.py (the completion); this module runs them in order, uploads,
and cleans up once the outcome is recorded.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

from desktop_agent.engine import errors, retry
from desktop_agent.engine.events import JobDescribed, Outcome, Phase, TaskFinished
from desktop_agent.engine.store import OUTBOX_PHASES, TaskPhase
from desktop_agent.engine.task_base import (
    CRASH_ENV,
    ReleaseTask,
    TaskContext,
    crashpoint,
)
from desktop_agent.engine.task_completion import (
    HOLD_LIMIT_S,
    CompletionPhases,
    half_merged_words,
)
from desktop_agent.engine.task_result import ResultPhases
from desktop_agent.logs import prune_task_logs

__all__ = [
    "CRASH_ENV",
    "HOLD_LIMIT_S",
    "ReleaseTask",
    "TaskContext",
    "TaskPipeline",
    "crashpoint",
    "half_merged_words",
]

JOB_TITLE_WAIT_S = 5.0  # the title is asked for beside the download; never wait longer for it
JOB_TITLE_MAX = 80  # characters of a job's title shown (server text: one line, capped)
JOB_TITLES_KEPT = 64  # jobs whose title is remembered (the oldest is forgotten first)


class TaskPipeline(ResultPhases, CompletionPhases):
    """One task's run, under the settings of the moment it started (`settings`, `spec`)."""

    async def _describe_job(self) -> None:
        """Best effort, never in the way: the job's title for the dashboard ("Sentiment classifier").

        Asked once per job (`TaskContext.job_titles`) while the files download; a failed ask
        is not remembered, so the next task of the job asks again."""
        job_id = self.row.job_id
        if job_id is None:
            return
        titles = self.ctx.job_titles
        if job_id not in titles:
            try:
                info = await asyncio.wait_for(self.ctx.api.job_page(job_id), JOB_TITLE_WAIT_S)
            except Exception:  # a title is a nicety: any failure just leaves the job unnamed
                return
            title = info.get("title") if isinstance(info, dict) else None
            while len(titles) >= JOB_TITLES_KEPT:
                titles.pop(next(iter(titles)))
            titles[job_id] = (
                " ".join(title.split())[:JOB_TITLE_MAX] if isinstance(title, str) else ""
            )
        if titles[job_id]:
            self.ctx.emit(JobDescribed(job_id, titles[job_id]))

    async def run(self) -> TaskFinished:
        started = time.monotonic()
        try:
            if self.row.phase in (TaskPhase.ASSIGNED, TaskPhase.FETCHED):
                describing = asyncio.ensure_future(self._describe_job())
                try:
                    await self._produce_result()
                    await describing  # long done unless the server is slow with the title
                finally:
                    describing.cancel()
            if self.row.phase is TaskPhase.RAN:
                await self._upload()
            if self.row.outcome is None and self.row.phase in OUTBOX_PHASES:
                await self._complete()
        except ReleaseTask as exc:
            self.ctx.log(
                "WARNING", f"Task {self.row.task_id}: giving it back to the server ({exc})"
            )
            self.row = self.ctx.store.finish(
                self.row.id, Outcome.RELEASED.value, error=f"released: {exc}"
            )
        except asyncio.CancelledError:
            self.ctx.store.update(self.row.id)  # when the app stopped (Store.resume counts from it)
            raise
        finally:
            if (
                self.row.outcome is not None
            ):  # off the critical path: the next task needs none of it
                self.ctx.in_background(self._cleanup)
        row = self.row
        return TaskFinished(
            task_id=row.task_id,
            job_id=row.job_id,
            outcome=Outcome(row.outcome) if row.outcome else Outcome.CANCELLED,
            duration_s=row.duration_s if row.duration_s is not None else time.monotonic() - started,
            result_url=row.result_url,
            exit_code=row.exit_code,
            error=row.error,
            bytes_down=row.bytes_down or 0,
            bytes_up=row.bytes_up or 0,
            cpu_seconds=row.cpu_seconds,
            energy_wh=row.energy_wh,
        )

    async def _upload(self) -> None:
        ctx, row = self.ctx, self.row
        if not row.result_path:  # a job fault: the reference worker completes with ""
            self._save(TaskPhase.UPLOADED, result_url="")
            return
        path = Path(row.result_path)
        if not path.is_file():
            # The result vanished (data folder tampered with): run the task again rather than fake it.
            self.ctx.log(
                "WARNING", f"Task {row.task_id}: saved result is missing; running the task again"
            )
            self._save(TaskPhase.ASSIGNED, result_path=None)
            await self._produce_result()
            if self.row.phase is not TaskPhase.RAN:
                return
            path = Path(self.row.result_path) if self.row.result_path else path
            if not self.row.result_path:
                self._save(TaskPhase.UPLOADED, result_url="")
                return
        self._progress(Phase.UPLOADING, None, f"{path.stat().st_size:,} bytes")
        backoff = retry.Backoff(retry.UPLOAD)
        while True:
            try:
                url = await ctx.api.upload_result(
                    ctx.agent_id, row.task_id, path, max_kib_s=self.settings.max_upload_kib_s
                )
                break
            except errors.TaskRejected as exc:
                self.row = ctx.store.finish(row.id, Outcome.REJECTED.value, error=str(exc))
                return
            except (errors.RetryableError, errors.MaybeDelivered, errors.ProtocolViolation) as exc:
                await self._host_fault(exc, backoff, releasable=False)
        self._host_ok()
        ctx.count_up(path.stat().st_size)  # counted, never blocked: a finished result always goes
        self._save(TaskPhase.UPLOADED, result_url=url, bytes_up=path.stat().st_size)
        crashpoint("after_upload")

    def _cleanup(self) -> None:
        """Once the outcome is recorded the server has what it will ever get: drop local copies.

        Runs in a worker thread: the workspace may hold gigabytes."""
        if self.row.result_path:
            Path(self.row.result_path).unlink(missing_ok=True)
        if not self.settings.keep_workspaces:
            shutil.rmtree(self.workspace, ignore_errors=True)
        prune_task_logs(self.ctx.paths.task_logs, self.settings.task_logs_keep)

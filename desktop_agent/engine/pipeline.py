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
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Awaitable, Callable

import httpx

from desktop_agent.config import DataPaths, Settings
from desktop_agent.engine import delivery, diskuse, errors, fetch, retry, runner, sandbox
from desktop_agent.engine import accounting, torch_backend
from desktop_agent.engine.env_cache import Env, EnvCache
from desktop_agent.engine.requirements import requirement_lines
from desktop_agent.engine.jobspec import JobSpec
from desktop_agent.engine.events import (
    JobDescribed,
    LogLine,
    Outcome,
    Phase,
    PhaseProgress,
    RetryScheduled,
    TaskFinished,
)
from desktop_agent.engine.addresses import AddressGuard
from desktop_agent.engine.protocol import ApiClient
from desktop_agent.engine.store import OUTBOX_PHASES, Store, TaskPhase, TaskRow
from desktop_agent.logs import prune_task_logs

CRASH_ENV = "DESKTOP_AGENT_CRASH_AT"


def crashpoint(name: str) -> None:
    """Die like `kill -9` at a named point; only the crash-safety tests set this variable."""
    if os.environ.get(CRASH_ENV) == name:
        os._exit(137)


JOB_TITLE_WAIT_S = 5.0  # the title is asked for before the download; never wait longer for it
JOB_TITLE_MAX = 80  # characters of a job's title shown (server text: one line, capped)


class ReleaseTask(Exception):
    """A host fault outlasted `release_after_s`: give the task back via the server's liveness rule."""


async def _no_hold() -> None:
    return None


def _no_release() -> None:
    return None


def _no_count(_n: int) -> None:
    return None


# How long the heartbeat may stay held after the fence: the server's online list forgets an
# agent five minutes after its last sign of life, and re-queues its task after ten.
HOLD_LIMIT_S = 240.0
# After a send timed out, the server may still be working on it; a "did not land" is looked at
# again after twice the timeout, and at least this long, before anything is resent.
LATE_GRACE_MIN_S = 10.0
# A job seen with every subtask completed but still RUNNING is given this long to finish a
# merge that may still be going on (a slow merge, not a dead server) before it is reported.
MERGE_GRACE_S = 5.0


def half_merged_words(job_id: int | None) -> str:
    return f"the server stopped while merging job {job_id}; its operator must finish the merge"


@dataclass
class TaskContext:
    """What every task shares with the engine; the settings come with each task (`TaskPipeline`)."""

    paths: DataPaths
    store: Store
    api: ApiClient
    http: httpx.AsyncClient
    envs: EnvCache
    agent_id: str
    emit: Callable[[object], None]
    log: Callable[[str, str], None]
    wait: retry.Waiter  # stop-aware sleep: True means "stop now"
    wait_until_resumed: Callable[[], Awaitable[None]]
    set_job: Callable[[runner.JobProcess | None], None]
    # The heartbeat, paused while a completion is sent and judged (engine/delivery.py).
    hold_heartbeats: Callable[[], Awaitable[None]] = _no_hold
    release_heartbeats: Callable[[], None] = _no_release
    # The month's transfer count (engine/transfer.py): bytes of job files down, results up.
    count_down: Callable[[int], None] = _no_count
    count_up: Callable[[int], None] = _no_count


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _tail(text: str, lines: int = 10) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


class TaskPipeline:
    """One task's run, under the settings of the moment it started (`settings`, `spec`)."""

    def __init__(self, ctx: TaskContext, row: TaskRow, settings: Settings):
        self.ctx = ctx
        self.row = row
        self.settings = settings
        self.spec = JobSpec.from_settings(settings)
        self.workspace = ctx.paths.work / f"task-{row.id}"
        self.log_path = ctx.paths.task_logs / f"task-{row.task_id}-{row.id}.log"
        self._host_fault_since: float | None = None
        self._disk_fulls = 0  # disk-full host faults during this task (errors.DiskFull)

    # --- helpers ---------------------------------------------------------------

    def _progress(self, phase: Phase, fraction: float | None = None, message: str = "") -> None:
        self.ctx.emit(PhaseProgress(self.row.task_id, phase, fraction, message))

    def _save(self, phase: TaskPhase | None = None, **changes: object) -> None:
        if phase is None:
            self.row = self.ctx.store.update(self.row.id, **changes)
        else:
            self.row = self.ctx.store.set_phase(self.row.id, phase, **changes)

    async def _host_fault(
        self, exc: BaseException, backoff: retry.Backoff, *, releasable: bool
    ) -> None:
        """Wait out a host fault; raise ReleaseTask once it has lasted too long."""
        now = time.monotonic()
        if self._host_fault_since is None:
            self._host_fault_since = now
            self.ctx.log("WARNING", f"Task {self.row.task_id}: {exc} — retrying")
        if releasable and now - self._host_fault_since > self.settings.release_after_s:
            raise ReleaseTask(str(exc))
        delay = backoff.next_delay()
        self.ctx.emit(RetryScheduled(time.time() + delay, "task"))
        if await self.ctx.wait(delay):
            raise asyncio.CancelledError()

    def _host_ok(self) -> None:
        self._host_fault_since = None

    # --- the phases ------------------------------------------------------------

    async def _describe_job(self) -> None:
        """Best effort, never in the way: the job's title for the dashboard ("Sentiment classifier")."""
        job_id = self.row.job_id
        if job_id is None:
            return
        try:
            info = await asyncio.wait_for(self.ctx.api.job_page(job_id), JOB_TITLE_WAIT_S)
        except Exception:  # a title is a nicety: any failure just leaves the job unnamed
            return
        title = info.get("title") if isinstance(info, dict) else None
        if isinstance(title, str):
            title = " ".join(title.split())[:JOB_TITLE_MAX]
            if title:
                self.ctx.emit(JobDescribed(job_id, title))

    async def run(self) -> TaskFinished:
        started = time.monotonic()
        try:
            if self.row.phase in (TaskPhase.ASSIGNED, TaskPhase.FETCHED):
                await self._describe_job()
                await self._produce_result()
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
            if self.row.outcome is not None:
                await asyncio.shield(asyncio.to_thread(self._cleanup))
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

    async def _produce_result(self) -> None:
        """Download, prepare the env and train, retrying host faults; job faults end in 'ran' with no result."""
        backoff = retry.Backoff(retry.ENV_BUILD)
        while True:
            try:
                box = (
                    self._sandbox()
                )  # before anything else: a machine that may not run jobs downloads nothing
                await self._download_all()
                crashpoint("after_fetch")
                env = await self._prepare_env()
                self._host_ok()
                await self._train(env.python, box)
                return
            except errors.JobFault as exc:
                self.ctx.log("WARNING", f"Task {self.row.task_id} failed: {exc}")
                self._save(
                    TaskPhase.RAN, result_path=None, error=str(exc)[:2000], exit_code=exc.exit_code
                )
                return
            except (errors.HostFault, OSError, sqlite3.OperationalError) as exc:
                if not isinstance(exc, errors.HostFault) and not diskuse.is_disk_full(exc):
                    raise
                shutil.rmtree(self.workspace, ignore_errors=True)  # downloaded again on retry
                if not isinstance(exc, errors.HostFault) or isinstance(exc, errors.DiskFull):
                    # The job may be what fills the disk: once more after a pause, then give it back.
                    self._disk_fulls += 1
                    if self._disk_fulls > 1:
                        raise ReleaseTask(
                            "the disk holding the work folder filled up again while this task ran"
                        ) from exc
                    exc = diskuse.DiskFull(diskuse.disk_full_message())
                await self._host_fault(exc, backoff, releasable=True)

    async def _download_all(self) -> None:
        ctx, row = self.ctx, self.row
        # A workspace may hold gigabytes: removed off the event loop the heartbeat shares.
        await asyncio.to_thread(shutil.rmtree, self.workspace, ignore_errors=True)
        self.workspace.mkdir(parents=True)
        code_cap = self.settings.max_code_mb * 1024 * 1024
        files = [
            (row.code_url, "train.py", code_cap),
            (row.requirements_url, "requirements.txt", code_cap),
            (row.chunk_data_url, "data.csv", self.settings.max_data_mb * 1024 * 1024),
        ]
        got = [0] * len(files)
        sizes: list[int | None] = [None] * len(files)

        def progress_for(index: int, name: str) -> Callable[[int, int | None], None]:
            def progress(done: int, total: int | None) -> None:
                got[index], sizes[index] = done, total
                known = [s for s in sizes if s]
                fraction = sum(got) / sum(known) if len(known) == len(files) else None
                self._progress(Phase.DOWNLOADING, fraction, f"{name}: {done:,} bytes")

            return progress

        guard = AddressGuard(row.server or self.settings.server, proxy=self.settings.proxy)
        pace = fetch.RateLimiter.kib_s(self.settings.max_download_kib_s)  # shared by the three
        # The three files in parallel: on small jobs each sequential round-trip is pure overhead.
        downloads = [
            asyncio.ensure_future(
                fetch.download(
                    ctx.http,
                    url,
                    self.workspace / name,
                    max_bytes=cap,
                    on_progress=progress_for(index, name),
                    wait=ctx.wait,
                    guard=guard,
                    limiter=pace,
                    on_bytes=ctx.count_down,
                )
            )
            for index, (url, name, cap) in enumerate(files)
        ]
        try:
            await asyncio.wait(downloads, return_when=asyncio.FIRST_EXCEPTION)
            for task in downloads:
                if task.done() and task.exception() is not None:
                    raise task.exception()  # type: ignore[misc]
        finally:  # one failed (or we were cancelled): the others must not keep writing
            for task in downloads:
                task.cancel()
            await asyncio.gather(*downloads, return_exceptions=True)
        total_bytes = sum(task.result().bytes for task in downloads)
        script = self.workspace / "train.py"
        self._save(
            TaskPhase.FETCHED,
            bytes_down=total_bytes,
            script_sha256=_sha256(script),
            script_bytes=script.stat().st_size,
            data_bytes=(self.workspace / "data.csv").stat().st_size,
            requirements=(self.workspace / "requirements.txt").read_text(
                encoding="utf-8", errors="replace"
            )[:4000],
        )

    async def _prepare_env(self) -> Env:
        self._progress(Phase.PREPARING, None, "preparing the Python environment")
        requirements = (self.workspace / "requirements.txt").read_text(
            encoding="utf-8", errors="replace"
        )

        def on_line(line: str) -> None:
            self.ctx.emit(LogLine(line, "INFO", self.row.task_id, "installer"))

        torch = torch_backend.choose(
            requirement_lines(requirements),
            self.settings.torch_backend,
            use_gpu=self.spec.use_gpu,
        )
        if (
            torch is not None
        ):  # real jobs at real size: the right PyTorch build, logged and recorded
            on_line(torch.describe())
            self._save(torch_backend=torch.backend)
        self.ctx.envs.apply_settings(self.settings)  # direct references, proxy
        env = await self.ctx.envs.ensure(
            requirements,
            on_line=on_line,
            torch_backend=torch.backend if torch is not None else None,
        )
        self._save(env_key=env.key)
        self.ctx.log(
            "INFO",
            f"Task {self.row.task_id}: environment {'reused' if env.reused else 'built'} ({env.key[:12]})",
        )
        return env

    def _sandbox(self) -> sandbox.SandboxInfo:
        """The sandbox this task will run under (sandbox.py); HostFault when none is allowed."""
        try:
            return sandbox.choose(self.spec.allow_unsandboxed)
        except sandbox.SandboxRefused as exc:
            raise errors.HostFault(str(exc)) from exc

    async def _train(self, python: Path, box: sandbox.SandboxInfo | None = None) -> None:
        ctx, row = self.ctx, self.row
        await ctx.wait_until_resumed()
        self._progress(Phase.TRAINING, 0.0, "starting train.py")
        self._save(runs=row.runs + 1, log_path=str(self.log_path))

        def on_output(stream: str, line: str) -> None:
            ctx.emit(LogLine(line, "ERROR" if stream == "stderr" else "INFO", row.task_id, stream))

        def on_progress(fraction: float) -> None:
            self._progress(Phase.TRAINING, fraction)

        box = (
            box or self._sandbox()
        )  # trust & hardening: contain the job, cap its resources (limits.py)
        if not box.available:
            ctx.log(
                "WARNING", f"Task {row.task_id}: running train.py without a sandbox ({box.reason})"
            )
        self._save(sandbox=box.level)
        spec = self.spec
        job = runner.JobProcess(
            python,
            self.workspace,
            spec,
            log_path=self.log_path,
            on_output=on_output,
            on_progress=on_progress,
            command_prefix=sandbox.job_prefix(
                box,
                python=python,
                workspace=self.workspace,
                base_python=ctx.envs.base_python,
                gpu=spec.use_gpu,
                tmp_mb=spec.sandbox_tmp_mb,
            ),
        )
        ctx.set_job(job)
        sampler = accounting.JobSampler(
            lambda: job.pid, gpus=None if spec.gpus is None else set(spec.gpus)
        )
        sampler.start()  # real jobs at real size: peak RAM/VRAM, CPU seconds and energy of the run
        try:
            result = await job.run()
        finally:
            ctx.set_job(None)
            self._save(None, **(await sampler.stop()).store_fields())
        crashpoint("after_run")
        if result.cancel_kind is runner.CancelKind.RELEASE:  # the controls give the task back
            raise ReleaseTask(result.cancel_reason)
        self._save(limits=result.enforcement)
        if result.host_fault:
            raise diskuse.DiskFull(result.host_fault)
        if result.limit_fault:
            raise errors.JobFault(
                result.limit_fault, exit_code=result.exit_code, log_tail=result.log_tail
            )
        if result.timed_out:
            raise errors.JobFault(
                f"train.py ran past the {spec.time_limit:.0f} s limit and was stopped",
                exit_code=result.exit_code,
                log_tail=result.log_tail,
            )
        if result.exit_code != 0:
            raise errors.JobFault(
                f"train.py exited with code {result.exit_code}: {_tail(result.log_tail, 3)}",
                exit_code=result.exit_code,
                log_tail=result.log_tail,
            )
        model = self.workspace / "model.pth"
        if model.is_file() and not model.is_symlink() and model.stat().st_nlink > 1:
            raise errors.JobFault(
                "model.pth is a hard link to another file; refusing to upload it",
                exit_code=result.exit_code,
            )
        if model.is_symlink() or not model.is_file():
            raise errors.JobFault(
                "train.py finished but wrote no model.pth"
                if not model.is_symlink()
                else "model.pth is a symbolic link; refusing to upload what it points to",
                exit_code=result.exit_code,
            )
        too_big = diskuse.result_size_fault(model, self.settings.max_workspace_mb)
        if too_big:
            raise errors.JobFault(too_big, exit_code=result.exit_code)
        kept = ctx.paths.results / f"task-{row.id}-model.pth"
        os.replace(
            model, kept
        )  # out of the workspace first, so cleaning it can never lose the result
        self._save(TaskPhase.RAN, result_path=str(kept), exit_code=result.exit_code)

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
                url = await ctx.api.upload_result(ctx.agent_id, row.task_id, path)
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

    async def _complete(self) -> None:
        """Send complete_task once per landing: see engine/delivery.py for how a send that got
        no answer is judged before anything is sent again."""
        ctx = self.ctx
        self._progress(Phase.COMPLETING, None, "reporting the result")
        backoff = retry.Backoff(retry.COMPLETE)
        if self.row.complete_sends > 0:  # a send of an earlier run got no answer
            evidence = self.row.complete_evidence
            trusted = evidence in (delivery.LANDED_STATUS, delivery.FENCE_STATUS)
            if not await self._settle(backoff, evidence if trusted else None, held_since=None):
                return
        while True:
            await ctx.hold_heartbeats()
            held_since: float | None = time.monotonic()
            try:
                try:
                    await ctx.api.heartbeat(ctx.agent_id, delivery.FENCE_STATUS, timeout=30.0)
                    baseline = await delivery.completed_count(ctx.api, self.row.job_id)
                except (
                    errors.RetryableError,
                    errors.MaybeDelivered,
                    errors.ProtocolViolation,
                    errors.AgentNotRegistered,
                ) as exc:
                    # Nothing was sent: let the heartbeat run (and re-register) meanwhile.
                    ctx.release_heartbeats()
                    held_since = None
                    await self._host_fault(exc, backoff, releasable=False)
                    continue
                self.row = ctx.store.record_complete_send(self.row.id, baseline)
                try:
                    await ctx.api.complete_task(
                        ctx.agent_id,
                        self.row.task_id,
                        self.row.result_url or "",
                        timeout=min(self.settings.complete_timeout_s, HOLD_LIMIT_S),
                    )
                    crashpoint("after_complete")
                    break
                except asyncio.CancelledError:
                    self._keep_hold = True  # stopped with the send out: it is in doubt
                    raise
                except errors.TaskRejected as exc:
                    ctx.log(
                        "WARNING",
                        f"Task {self.row.task_id}: the server refused the completion ({exc.detail})",
                    )
                    self.row = ctx.store.finish(self.row.id, Outcome.REJECTED.value, error=str(exc))
                    return
                except (errors.MaybeDelivered, errors.RetryableError) as exc:
                    # A 5xx counts too: the real server commits before it merges, so an error
                    # in the merge answers 500 after the completion was stored.
                    self._host_fault_note(exc)
                    late = 0.0
                    if isinstance(exc.__cause__, httpx.TimeoutException):
                        late = max(LATE_GRACE_MIN_S, 2 * self.settings.complete_timeout_s)
                    if not await self._settle(
                        backoff, "read", held_since=held_since, late_grace=late
                    ):
                        return
                    held_since = None
                except errors.ProtocolViolation as exc:
                    # It answered (2xx, odd body) or refused in a way that is not a rejection.
                    if not await self._settle(backoff, "read", held_since=held_since):
                        return
                    held_since = None
                    await self._host_fault(exc, backoff, releasable=False)
            finally:
                if not self._keep_hold:
                    ctx.release_heartbeats()
        self._host_ok()
        self._finish_delivered()

    # Set when the agent stops while a send is being judged: the heartbeat then stays held, so
    # that not even the goodbye beat overwrites what the next start will read.
    _keep_hold = False

    def _host_fault_note(self, exc: BaseException) -> None:
        if self._host_fault_since is None:
            self._host_fault_since = time.monotonic()
            self.ctx.log("WARNING", f"Task {self.row.task_id}: {exc}")

    def _finish_delivered(self, note: str | None = None) -> None:
        outcome = Outcome.FAILED if self.row.error else Outcome.COMPLETED
        self.row = self.ctx.store.finish(self.row.id, outcome.value, note=note)

    async def _settle(
        self,
        backoff: retry.Backoff,
        evidence: str | None,
        *,
        held_since: float | None,
        late_grace: float = 0.0,
    ) -> bool:
        """Judge a send that got no answer. True: send again. False: the task is finished.

        `evidence` is "read" while the heartbeat has been held since the fence (`held_since`),
        a status seen before this run registered, or None when neither holds. After a timeout
        the server may still be working on the send: a "did not land" is then looked at again
        `late_grace` seconds later, so that a late landing is seen before anything is resent.
        """
        ctx, row = self.ctx, self.row
        try:
            while True:
                if held_since is not None and time.monotonic() - held_since > HOLD_LIMIT_S:
                    # The heartbeat must go on; the server's trace of this machine is lost then.
                    ctx.release_heartbeats()
                    held_since = None
                    evidence = None
                    self.row = ctx.store.update(row.id, complete_evidence="void")
                try:
                    verdict = await delivery.judge(
                        ctx.api, ctx.agent_id, row.job_id, self.row.complete_baseline, evidence
                    )
                    if verdict.half_merged:
                        if await ctx.wait(MERGE_GRACE_S):
                            raise asyncio.CancelledError()
                        verdict = await delivery.judge(
                            ctx.api, ctx.agent_id, row.job_id, self.row.complete_baseline, None
                        )
                except (errors.RetryableError, errors.MaybeDelivered) as exc:
                    await self._host_fault(exc, backoff, releasable=False)
                    continue
                if verdict.landed is False and late_grace > 0:
                    if held_since is not None:
                        late_grace = min(late_grace, HOLD_LIMIT_S - (time.monotonic() - held_since))
                    if await ctx.wait(max(0.0, late_grace)):
                        raise asyncio.CancelledError()
                    late_grace = 0.0
                    continue
                break
        except asyncio.CancelledError:
            self._keep_hold = held_since is not None
            raise
        if held_since is not None:
            ctx.release_heartbeats()
        self._host_ok()
        task = row.task_id
        if verdict.landed is False:
            ctx.log(
                "INFO",
                f"Task {task}: the server did not get the completion ({verdict.reason}); sending it again",
            )
            return True
        if verdict.landed:
            ctx.log(
                "INFO",
                f"Task {task}: the server already has the completion ({verdict.reason}); not sending it again",
            )
            note = None
            if verdict.half_merged:
                note = half_merged_words(row.job_id)
                ctx.log("WARNING", note[0].upper() + note[1:])
            self._finish_delivered(note)
            return False
        note = (
            f"Could not tell whether the server recorded this result ({verdict.reason}). It was "
            "not sent again, so it can never be credited twice; the agent rested so that the "
            "server can hand the task to another machine if it did not."
        )
        ctx.log("WARNING", f"Task {task}: {note}")
        self.row = ctx.store.finish(
            row.id, Outcome.RELEASED.value, error="released: completion unconfirmed", note=note
        )
        return False

    def _cleanup(self) -> None:
        """Once the outcome is recorded the server has what it will ever get: drop local copies.

        Runs in a worker thread: the workspace may hold gigabytes."""
        if self.row.result_path:
            Path(self.row.result_path).unlink(missing_ok=True)
        if not self.settings.keep_workspaces:
            shutil.rmtree(self.workspace, ignore_errors=True)
        prune_task_logs(self.ctx.paths.task_logs, self.settings.task_logs_keep)

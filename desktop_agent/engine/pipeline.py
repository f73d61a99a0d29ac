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
import time
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Awaitable, Callable

import httpx

from desktop_agent.config import DataPaths, Settings
from desktop_agent.engine import errors, fetch, limits, retry, runner, sandbox
from desktop_agent.engine import accounting, torch_backend
from desktop_agent.engine.envs import EnvCache, requirement_lines
from desktop_agent.engine.events import LogLine, Outcome, Phase, PhaseProgress, TaskFinished
from desktop_agent.engine.protocol import ApiClient
from desktop_agent.engine.store import Store, TaskRow
from desktop_agent.logs import prune_task_logs

CRASH_ENV = "DESKTOP_AGENT_CRASH_AT"


def crashpoint(name: str) -> None:
    """Die like `kill -9` at a named point; only the crash-safety tests set this variable."""
    if os.environ.get(CRASH_ENV) == name:
        os._exit(137)


RELEASE_REASON = (
    "released"  # a job cancelled with a reason starting so is given back, never completed
)


class ReleaseTask(Exception):
    """A host fault outlasted `release_after_s`: give the task back via the server's liveness rule."""


@dataclass
class TaskContext:
    settings: Settings
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


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _tail(text: str, lines: int = 10) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


class TaskPipeline:
    def __init__(self, ctx: TaskContext, row: TaskRow):
        self.ctx = ctx
        self.row = row
        self.workspace = ctx.paths.work / f"task-{row.id}"
        self.log_path = ctx.paths.task_logs / f"task-{row.task_id}-{row.id}.log"
        self._host_fault_since: float | None = None

    # --- helpers ---------------------------------------------------------------

    def _progress(self, phase: Phase, fraction: float | None = None, message: str = "") -> None:
        self.ctx.emit(PhaseProgress(self.row.task_id, phase, fraction, message))

    def _save(self, phase: str | None = None, **changes: object) -> None:
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
        if releasable and now - self._host_fault_since > self.ctx.settings.release_after_s:
            raise ReleaseTask(str(exc))
        if await self.ctx.wait(backoff.next_delay()):
            raise asyncio.CancelledError()

    def _host_ok(self) -> None:
        self._host_fault_since = None

    # --- the phases ------------------------------------------------------------

    async def run(self) -> TaskFinished:
        started = time.monotonic()
        try:
            if self.row.phase in ("assigned", "fetched"):
                await self._produce_result()
            if self.row.phase == "ran":
                await self._upload()
            if self.row.outcome is None and self.row.phase in ("uploaded", "completing"):
                await self._complete()
        except ReleaseTask as exc:
            self.ctx.log(
                "WARNING", f"Task {self.row.task_id}: giving it back to the server ({exc})"
            )
            self.row = self.ctx.store.finish(
                self.row.id, Outcome.RELEASED.value, error=f"released: {exc}"
            )
        finally:
            if self.row.outcome is not None:
                self._cleanup()
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
                self._save("ran", result_path=None, error=str(exc)[:2000], exit_code=exc.exit_code)
                return
            except errors.HostFault as exc:
                await self._host_fault(exc, backoff, releasable=True)

    async def _download_all(self) -> None:
        ctx, row = self.ctx, self.row
        if self.workspace.exists():
            shutil.rmtree(self.workspace, ignore_errors=True)
        self.workspace.mkdir(parents=True)
        code_cap = ctx.settings.max_code_mb * 1024 * 1024
        files = [
            (row.code_url, "train.py", code_cap),
            (row.requirements_url, "requirements.txt", code_cap),
            (row.chunk_data_url, "data.csv", ctx.settings.max_data_mb * 1024 * 1024),
        ]
        got = [0] * len(files)
        sizes: list[int | None] = [None] * len(files)

        def progress_for(index: int, name: str):  # type: ignore[no-untyped-def]
            def progress(done: int, total: int | None) -> None:
                got[index], sizes[index] = done, total
                known = [s for s in sizes if s]
                fraction = sum(got) / sum(known) if len(known) == len(files) else None
                self._progress(Phase.DOWNLOADING, fraction, f"{name}: {done:,} bytes")

            return progress

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
                )
            )
            for index, (url, name, cap) in enumerate(files)
        ]
        try:
            done, _ = await asyncio.wait(downloads, return_when=asyncio.FIRST_EXCEPTION)
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
            "fetched",
            bytes_down=total_bytes,
            script_sha256=_sha256(script),
            script_bytes=script.stat().st_size,
            data_bytes=(self.workspace / "data.csv").stat().st_size,
            requirements=(self.workspace / "requirements.txt").read_text(
                encoding="utf-8", errors="replace"
            )[:4000],
        )

    async def _prepare_env(self):  # type: ignore[no-untyped-def]
        self._progress(Phase.PREPARING, None, "preparing the Python environment")
        requirements = (self.workspace / "requirements.txt").read_text(
            encoding="utf-8", errors="replace"
        )

        def on_line(line: str) -> None:
            self.ctx.emit(LogLine(line, "INFO", self.row.task_id, "installer"))

        torch = torch_backend.choose(
            requirement_lines(requirements),
            self.ctx.settings.torch_backend,
            use_gpu=getattr(self.ctx.settings, "use_gpu", True),
        )
        if (
            torch is not None
        ):  # real jobs at real size: the right PyTorch build, logged and recorded
            on_line(torch.describe())
            self._save(torch_backend=torch.backend)
        # the owner's rule for URL / VCS / local-path requirement lines (trust & hardening)
        self.ctx.envs.allow_direct_references = getattr(
            self.ctx.settings, "allow_direct_references", False
        )
        env = await self.ctx.envs.ensure(
            requirements, on_line=on_line, torch_backend=torch and torch.backend
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
            return sandbox.choose(getattr(self.ctx.settings, "allow_unsandboxed", True))
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

        use_gpu, gpu_devices = (
            getattr(ctx.settings, "use_gpu", True),
            getattr(ctx.settings, "gpu_devices", ""),
        )

        box = (
            box or self._sandbox()
        )  # trust & hardening: contain the job, cap its resources (limits.py)
        if not box.available:
            ctx.log(
                "WARNING", f"Task {row.task_id}: running train.py without a sandbox ({box.reason})"
            )
        self._save(sandbox=box.level)
        job = runner.JobProcess(
            python,
            self.workspace,
            time_limit=ctx.settings.task_time_limit,
            log_path=self.log_path,
            on_output=on_output,
            on_progress=on_progress,
            command_prefix=sandbox.job_prefix(
                box,
                python=python,
                workspace=self.workspace,
                gpu=getattr(ctx.settings, "use_gpu", True),
                tmp_mb=min(2048, getattr(ctx.settings, "max_workspace_mb", 2048) or 2048),
            ),
            limits=limits.from_settings(ctx.settings),
            extra_env=accounting.gpu_environ(
                use_gpu, gpu_devices
            ),  # the agent adds the CPU controls (loop.job_environment)
        )
        ctx.set_job(job)
        sampler = accounting.JobSampler(
            lambda: job.pid, gpus=accounting.gpu_indexes(use_gpu, gpu_devices)
        )
        sampler.start()  # real jobs at real size: peak RAM/VRAM, CPU seconds and energy of the run
        try:
            result = await job.run()
        finally:
            ctx.set_job(None)
            self._save(**(await sampler.stop()).store_fields())
        crashpoint("after_run")
        if result.cancelled and (result.cancel_reason or "").startswith(RELEASE_REASON):
            raise ReleaseTask(
                result.cancel_reason
            )  # contribution controls: a long pause gives the task back
        if result.limit_fault:
            raise errors.JobFault(
                result.limit_fault, exit_code=result.exit_code, log_tail=result.log_tail
            )
        if result.timed_out:
            raise errors.JobFault(
                f"train.py ran past the {ctx.settings.task_time_limit:.0f} s limit and was stopped",
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
        kept = ctx.paths.results / f"task-{row.id}-model.pth"
        os.replace(
            model, kept
        )  # out of the workspace first, so cleaning it can never lose the result
        self._save("ran", result_path=str(kept), exit_code=result.exit_code)

    async def _upload(self) -> None:
        ctx, row = self.ctx, self.row
        if not row.result_path:  # a job fault: the reference worker completes with ""
            self._save("uploaded", result_url="")
            return
        path = Path(row.result_path)
        if not path.is_file():
            # The result vanished (data folder tampered with): run the task again rather than fake it.
            self.ctx.log(
                "WARNING", f"Task {row.task_id}: saved result is missing; running the task again"
            )
            self._save("assigned", result_path=None)
            await self._produce_result()
            if self.row.phase != "ran":
                return
            path = Path(self.row.result_path) if self.row.result_path else path
            if not self.row.result_path:
                self._save("uploaded", result_url="")
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
        self._save("uploaded", result_url=url, bytes_up=path.stat().st_size)
        crashpoint("after_upload")

    async def _already_completed(self) -> bool:
        """After a 'maybe delivered' send: ask the job's status page whether our completion landed."""
        row = self.row
        if row.job_id is None:
            return False
        status = await self.ctx.api.job_status(row.job_id)
        subtasks = status.get("subtasks") if status else None
        if not isinstance(subtasks, list):
            return False
        for sub in subtasks:
            if isinstance(sub, dict) and sub.get("id") == row.task_id:
                return str(sub.get("status", "")).upper() == "COMPLETED" and (
                    sub.get("result_url") or ""
                ) == (row.result_url or "")
        return False

    async def _complete(self) -> None:
        ctx = self.ctx
        self._progress(Phase.COMPLETING, None, "reporting the result")
        backoff = retry.Backoff(retry.COMPLETE)
        maybe = self.row.complete_sends > 0  # a send went out before a crash/restart
        while True:
            if maybe and await self._already_completed():
                ctx.log(
                    "INFO",
                    f"Task {self.row.task_id}: the server already has our completion; not sending again",
                )
                break
            self.row = ctx.store.record_complete_send(self.row.id)
            try:
                await ctx.api.complete_task(
                    ctx.agent_id,
                    self.row.task_id,
                    self.row.result_url or "",
                    timeout=ctx.settings.complete_timeout_s,
                )
                crashpoint("after_complete")
                break
            except errors.TaskRejected as exc:
                ctx.log(
                    "WARNING",
                    f"Task {self.row.task_id}: the server refused the completion ({exc.detail})",
                )
                self.row = ctx.store.finish(self.row.id, Outcome.REJECTED.value, error=str(exc))
                return
            except errors.MaybeDelivered as exc:
                maybe = True
                await self._host_fault(exc, backoff, releasable=False)
            except (errors.RetryableError, errors.ProtocolViolation) as exc:
                await self._host_fault(exc, backoff, releasable=False)
        self._host_ok()
        outcome = Outcome.FAILED if self.row.error else Outcome.COMPLETED
        self.row = ctx.store.finish(self.row.id, outcome.value)

    def _cleanup(self) -> None:
        """Once the outcome is recorded the server has what it will ever get: drop local copies."""
        if self.row.result_path:
            Path(self.row.result_path).unlink(missing_ok=True)
        if not self.ctx.settings.keep_workspaces:
            shutil.rmtree(self.workspace, ignore_errors=True)
        prune_task_logs(self.ctx.paths.task_logs, self.ctx.settings.task_logs_keep)

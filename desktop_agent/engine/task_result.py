"""Producing a task's result: download its three files, prepare the environment, run train.py.

Each step saves its end in the store before the next begins. A job fault (the job's own
doing) ends the phase in "ran" with no result; a host fault (the machine's: a full disk, no
sandbox, the server unreachable) is retried and, past `release_after_s`, the task is released.
The result is moved out of the workspace before "ran" is saved, so cleaning it cannot lose it.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from desktop_agent.engine import accounting, diskuse, errors, fetch, retry, runner, sandbox
from desktop_agent.engine import pacing, torch_backend
from desktop_agent.engine.addresses import AddressGuard
from desktop_agent.engine.env_cache import Env
from desktop_agent.engine.requirements import requirement_lines
from desktop_agent.engine.events import LogLine, Phase
from desktop_agent.engine.store import TaskPhase
from desktop_agent.engine.task_base import ReleaseTask, TaskBase, crashpoint


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _tail(text: str, lines: int = 10) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


class ResultPhases(TaskBase):
    """Download, environment and training: from an assignment to a saved result (or a job fault)."""

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
        if self.workspace.exists():  # left by an earlier try of this task
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
        pace = pacing.RateLimiter.kib_s(self.settings.max_download_kib_s)  # shared by the three
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
            self._note(torch_backend=torch.backend)
        self.ctx.envs.apply_settings(self.settings)  # direct references, proxy
        env = await self.ctx.envs.ensure(
            requirements,
            on_line=on_line,
            torch_backend=torch.backend if torch is not None else None,
        )
        self._note(env_key=env.key)
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
        self._save(runs=row.runs + 1, log_path=str(self.log_path), sandbox=box.level)
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
        result: runner.RunResult | None = None
        try:
            result = await job.run()
        finally:
            ctx.set_job(None)
            fields = (await sampler.stop()).store_fields()
            if result is not None and result.cancel_kind is not runner.CancelKind.RELEASE:
                fields["limits"] = result.enforcement
            self._save(None, **fields)
        crashpoint("after_run")
        if result.cancel_kind is runner.CancelKind.RELEASE:  # the controls give the task back
            raise ReleaseTask(result.cancel_reason)
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

"""One task's pipeline run in-process against the devserver: the parts the engine builds, no mocks.

`Harness` takes a task from the devserver as a registered agent would, opens its row in a real
store, and runs `TaskPipeline(...).run()` with a real HTTP client, env cache and sandbox. Only
what the engine's controls and loop provide is the test's, through TaskContext's own hooks:
`ctx.wait` (the stop-aware sleep) records each delay and returns at once (or after
`sleep_cap`), or says "stop" once `stop_after_waits` delays were asked for; `before_resume`
stands in for the controls' pause; `on_job` sees the job process; `on_hold` runs as the
heartbeat is held for a completion."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from desktop_agent.config import DataPaths, Settings
from desktop_agent.devserver import DevServer
from desktop_agent.engine import runner
from desktop_agent.engine.env_cache import EnvCache
from desktop_agent.engine.events import TaskFinished
from desktop_agent.engine.pipeline import TaskContext, TaskPipeline
from desktop_agent.engine.protocol import ApiClient
from desktop_agent.engine.store import Store, TaskRow

OWNER = "owner@example.com"
AGENT = "agent-under-test"
# A train.py that finishes at once: reads its chunk, writes a small result.
QUICK = (
    b"from pathlib import Path\n"
    b"data = Path('data.csv').read_bytes()\n"
    b"print('progress: 1.0', flush=True)\n"
    b"Path('model.pth').write_bytes(b'model:' + data[:32])\n"
)
NO_REQUIREMENTS = b"# nothing beyond the standard library\n"
DATA = b"a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n"


def post(srv: DevServer, path: str, **body: object) -> httpx.Response:
    return httpx.post(f"{srv.url}{path}", json=body, timeout=10)


@dataclass
class Harness:
    srv: DevServer
    root: Path
    env_root: Path
    agent_id: str = AGENT
    waits: list[float] = field(default_factory=list)
    stop_after_waits: int | None = None
    sleep_cap: float = 0.0  # each wait really sleeps this long at most (0: returns at once)
    jobs: list[runner.JobProcess] = field(default_factory=list)
    on_job: Callable[[runner.JobProcess], None] | None = None
    before_resume: Callable[[], Awaitable[None]] | None = None
    on_hold: Callable[[], None] | None = None  # called as the heartbeat is held for a send
    holds: int = 0
    events: list[object] = field(default_factory=list)
    logs: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.paths = DataPaths(self.root)
        self.paths.ensure()
        self.store = Store(self.paths.db)
        post(self.srv, "/agent/register", id=self.agent_id, email=OWNER)

    def settings(self, **overrides: Any) -> Settings:
        base: dict[str, Any] = dict(
            server=self.srv.url,
            email=OWNER,
            min_free_disk_mb=1,
            release_after_s=30.0,
            complete_timeout_s=5.0,
        )
        base.update(overrides)
        return Settings(**base)

    def submit(
        self, code: bytes = QUICK, requirements: bytes = NO_REQUIREMENTS, data: bytes = DATA
    ) -> int:
        """A one-chunk job; returns its job id."""
        return self.srv.submit_job(code=code, requirements=requirements, data=data, chunks=1)

    def take(self) -> TaskRow:
        """request_task as this agent, and the row the worker would open for the answer."""
        work = post(self.srv, "/agent/request_task", agent_id=self.agent_id).json()
        assert work["task_id"] is not None, work
        return self.store.open_task(
            server=self.srv.url,
            agent_id=self.agent_id,
            task_id=int(work["task_id"]),
            job_id=work["job_id"],
            code_url=work["code_url"],
            requirements_url=work["requirements_url"],
            chunk_data_url=work["chunk_data_url"],
        )

    async def _wait(self, seconds: float) -> bool:
        self.waits.append(seconds)
        await asyncio.sleep(min(seconds, self.sleep_cap))
        return self.stop_after_waits is not None and len(self.waits) >= self.stop_after_waits

    async def _resumed(self) -> None:
        if self.before_resume is not None:
            await self.before_resume()

    async def _hold(self) -> None:
        self.holds += 1
        if self.on_hold is not None:
            self.on_hold()

    def _set_job(self, job: runner.JobProcess | None) -> None:
        if job is not None:
            self.jobs.append(job)
            if self.on_job is not None:
                self.on_job(job)

    async def arun(self, row: TaskRow, settings: Settings) -> TaskFinished:
        async with httpx.AsyncClient(timeout=30.0) as http:
            ctx = TaskContext(
                paths=self.paths,
                store=self.store,
                api=ApiClient(self.srv.url, http),
                http=http,
                envs=EnvCache(self.env_root, budget_mb=settings.env_cache_budget_mb),
                agent_id=self.agent_id,
                emit=self.events.append,
                log=lambda level, text: self.logs.append((level, text)),
                wait=self._wait,
                wait_until_resumed=self._resumed,
                set_job=self._set_job,
                hold_heartbeats=self._hold,
            )
            try:
                return await TaskPipeline(ctx, row, settings).run()
            finally:
                await ctx.settle()  # the finished task's cleanup, as the engine does on stop

    def run(self, row: TaskRow, settings: Settings | None = None) -> TaskFinished:
        return asyncio.run(self.arun(row, settings or self.settings()))

    def row(self, row: TaskRow) -> TaskRow:
        got = self.store.get(row.id)
        assert got is not None
        return got

    def log_text(self) -> str:
        return "\n".join(text for _level, text in self.logs)

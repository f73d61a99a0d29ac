"""The engine's life (engine/loop.py): what an agent with no task has loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import OWNER, SAMPLE

pytestmark = pytest.mark.timeout(120)

TASK_MODULES = (
    "desktop_agent.engine.pipeline",
    "desktop_agent.engine.runner",
    "desktop_agent.engine.sandbox",
    "desktop_agent.engine.env_cache",
    "desktop_agent.engine.task_base",
    "packaging.requirements",
)

# A fresh interpreter: the test process has every module loaded already.
CHILD = """
import asyncio, json, sys
from pathlib import Path
from desktop_agent.config import DataPaths, Settings
from desktop_agent.engine.events import AgentState, TaskFinished
from desktop_agent.engine.loop import Agent

url, email, home, wanted = sys.argv[1], sys.argv[2], Path(sys.argv[3]), json.loads(sys.argv[4])
seen = {}

async def main():
    finished = []
    agent = Agent(
        Settings(server=url, email=email, heartbeat_interval=0.5, poll_interval=0.2, min_free_disk_mb=1),
        DataPaths(home),
        emit=lambda e: finished.append(e) if isinstance(e, TaskFinished) else None,
    )
    run = asyncio.create_task(agent.run())
    while agent.state is not AgentState.IDLE:
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)  # asked for work, found none, waits
    seen["idle"] = sorted(m for m in wanted if m in sys.modules)
    Path(sys.argv[5]).write_text("go")  # the test submits a job now
    while not finished:
        await asyncio.sleep(0.05)
    seen["after a task"] = sorted(m for m in wanted if m in sys.modules)
    agent.stop()
    await run

asyncio.run(main())
print(json.dumps(seen))
"""


def test_an_agent_without_a_task_has_not_loaded_the_task_machinery(srv, tmp_path):
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    argv = [srv.url, OWNER, str(tmp_path / "agent"), json.dumps(TASK_MODULES), str(go)]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, *argv], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        from tests.e2e.conftest import wait_until

        wait_until(go.exists, 60)
        srv.submit_job(SAMPLE, chunks=1)
        out, _ = child.communicate(timeout=90)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["idle"] == []
    assert seen["after a task"] == sorted(TASK_MODULES)  # loaded when needed, and it works

"""Stopping a contained tree once its leader has exited: whatever is left in its cgroup goes."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

import pytest

from desktop_agent.engine import proccap
from desktop_agent.engine.job_stop import TreeStop

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pids cgroups")


class _Stop(TreeStop):
    """The stopping half of a run, around a leader started here."""

    def __init__(self, cap: proccap.ProcessCap, proc: asyncio.subprocess.Process):
        self._cap = cap
        self._memory = None
        self.pid = proc.pid
        self.token = "t"
        self.command_prefix = []
        self._proc = proc


def test_what_is_left_in_the_cgroup_is_killed_when_the_leader_has_exited(tmp_path):
    cap = proccap.open_process_cap(100, owner=str(tmp_path))
    if cap.kind == "rlimit":
        pytest.skip("no pids cgroup can be made here")
    # outside the leader's process group, like bubblewrap's init after the outer bwrap returned
    straggler = subprocess.Popen([*cap.prefix(), "sleep", "30"], start_new_session=True)
    deadline = time.monotonic() + 10
    while straggler.pid not in cap.pids() and time.monotonic() < deadline:
        time.sleep(0.01)

    async def main() -> float:
        proc = await asyncio.create_subprocess_exec(*cap.prefix(), sys.executable, "-c", "pass")
        await proc.wait()
        started = time.monotonic()
        await _Stop(cap, proc)._kill_tree(grace=0.0)
        return time.monotonic() - started

    try:
        took = asyncio.run(main())
        assert straggler.wait(timeout=5) == -9
        assert cap.pids() == []
        assert took < 5.0
    finally:
        if straggler.poll() is None:
            straggler.kill()
            straggler.wait()
        cap.close()

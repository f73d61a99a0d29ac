"""limits.py on its own: defaults, the process-cap mechanism, priority, and a watchdog stop through the runner.

The process cap for non-root users without a pids cgroup (proccap._Rlimit) must hold under every
/bin/sh: Debian's and Ubuntu's /bin/sh is dash, whose `ulimit` spells the process limit `-p`
(bash and busybox: `-u`); a prefix that only one shell understands fails every job of a fleet
machine's unprivileged service user.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys

import psutil
import pytest

from desktop_agent.config import Settings
from desktop_agent.engine.jobspec import JobSpec
from desktop_agent.engine import limits, proccap, runner
from desktop_agent.engine.proccap import _Rlimit

pytestmark = [pytest.mark.timeout(60), pytest.mark.usefixtures("no_job_left_behind")]


def test_defaults_come_from_settings():
    lim = limits.from_settings(Settings())
    assert lim.processes == 256 and lim.workspace_mb == 10240 and lim.nice == limits.DEFAULT_NICE
    assert lim.memory_mb == int(psutil.virtual_memory().total * 0.75 / 2**20)
    assert limits.from_settings(Settings(max_job_memory_mb=123)).memory_mb == 123


def _run(tmp_path, code: str, lim: limits.JobLimits, **kw) -> runner.RunResult:
    ws = tmp_path / "ws"
    ws.mkdir(exist_ok=True)
    (ws / "train.py").write_text(code)
    job = runner.JobProcess(
        __import__("pathlib").Path(sys.executable),
        ws,
        JobSpec(time_limit=kw.get("time_limit", 30), limits=lim),
        log_path=tmp_path / "job.log",
        grace_s=1.0,
    )
    return asyncio.run(job.run())


def test_job_runs_at_lower_priority(tmp_path):
    result = _run(
        tmp_path, "import os\nprint('nice', os.nice(0))\n", limits.JobLimits(0, 0, 0, nice=10)
    )
    assert result.exit_code == 0 and "nice 10" in result.log_tail


def test_process_cap_is_kernel_enforced_here_or_says_why(tmp_path):
    kind = proccap.process_cap_enforced_by_kernel()
    if kind is None:
        pytest.skip("no pids cgroup and root: only the watchdog can count processes here")
    code = (
        "import os, sys, time\nkids = 0\nfor _ in range(40):\n    try:\n        pid = os.fork()\n"
        "    except OSError:\n        print('fork refused after', kids, flush=True)\n        break\n"
        "    if pid == 0:\n        time.sleep(30)\n        os._exit(0)\n    kids += 1\n"
    )
    result = _run(
        tmp_path, code, limits.JobLimits(0, 10, 0, sample_s=30)
    )  # watchdog too slow to matter
    assert "fork refused after" in result.log_tail, result.log_tail
    refused_after = int(result.log_tail.split("fork refused after")[1].split()[0])
    assert refused_after < 10


def test_watchdog_stop_is_reported_as_a_limit_fault(tmp_path):
    code = "import time\nx = bytearray(80 * 2**20)\ntime.sleep(30)\n"
    result = _run(
        tmp_path, code, limits.JobLimits(memory_mb=40, processes=0, workspace_mb=0, sample_s=0.2)
    )
    assert result.limit_fault and "used more than 40 MB" in result.limit_fault
    assert not result.cancelled and not result.timed_out


SHELLS = [s for s in ("sh", "dash", "bash", "busybox") if shutil.which(s)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/limits")
@pytest.mark.parametrize("shell", SHELLS)
def test_process_limit_is_set_and_the_job_runs(shell):
    prefix = _Rlimit(4321).prefix()
    argv = [shutil.which(shell) or shell, *prefix[1:]]
    if shell == "busybox":
        argv = [argv[0], "sh", *prefix[1:]]
    done = subprocess.run(
        [*argv, sys.executable, "-c", "print(open('/proc/self/limits').read())"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("Max processes"))
    assert line.split()[2:4] == ["4321", "4321"], line

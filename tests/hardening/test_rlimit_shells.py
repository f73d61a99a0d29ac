"""The process cap for non-root users without a pids cgroup (proccap._Rlimit) holds under every /bin/sh.

Debian's and Ubuntu's /bin/sh is dash, whose `ulimit` spells the process limit `-p`
(bash and busybox: `-u`); a prefix that only one shell understands fails every job
of a fleet machine's unprivileged service user.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from desktop_agent.engine.proccap import _Rlimit

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

import os
import subprocess
import sys

import psutil
import pytest

from desktop_agent.engine.runner import TOKEN_VAR, kill_strays


@pytest.mark.timeout(30)
def test_kill_strays_stops_only_tagged_processes_in_the_work_folder(tmp_path):
    work = tmp_path / "work" / "task-1"
    work.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    sleep = [sys.executable, "-c", "import time; time.sleep(60)"]
    stray = subprocess.Popen(
        sleep, cwd=work, env={**os.environ, TOKEN_VAR: "x"}, start_new_session=True
    )
    untagged = subprocess.Popen(sleep, cwd=work, start_new_session=True)
    outside = subprocess.Popen(
        sleep, cwd=elsewhere, env={**os.environ, TOKEN_VAR: "y"}, start_new_session=True
    )
    try:
        psutil.Process(stray.pid).environ()  # wait until the environment is readable
        assert kill_strays(tmp_path / "work") == 1
        stray.wait(timeout=10)  # reaped (psutil may have collected the status already)
        assert not psutil.pid_exists(stray.pid)
        assert untagged.poll() is None and outside.poll() is None
    finally:
        for proc in (stray, untagged, outside):
            proc.kill()
            proc.wait()

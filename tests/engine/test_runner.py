"""runner: real train.py subprocesses, real signals, real process trees."""

from __future__ import annotations

import asyncio
import os
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from desktop_agent.engine import runner
from desktop_agent.engine.jobspec import JobSpec
from desktop_agent.engine.runner import JobProcess, parse_progress

PYTHON = Path(sys.executable)

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the scripts below use POSIX fork/signals")


def _job(tmp_path: Path, script: str, **kwargs) -> JobProcess:
    workspace = tmp_path / "ws"
    workspace.mkdir(exist_ok=True)
    (workspace / "train.py").write_text(textwrap.dedent(script), encoding="utf-8")
    spec = JobSpec(
        time_limit=kwargs.pop("time_limit", 30.0),
        env=kwargs.pop("extra_env", {}),
        limits=kwargs.pop("limits", None),
    )
    return JobProcess(PYTHON, workspace, spec, log_path=tmp_path / "task.log", **kwargs)


async def _until(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("progress: 0.42", 0.42),
        ("progress=0.42", 0.42),
        ("Progress = 42", 0.42),
        ("42%", 0.42),
        ("done 42.5 %", 0.425),
        (" 42%|████▏     | 42/100 [00:01<00:02, 40.0it/s]", 0.42),
        ("step 42/100 loss=0.3", 0.42),
        ("Epoch 3/10 acc 93%", 0.3),
        ("progress: 7", 0.07),
        ("150%", 1.0),
        ("loss 0.31", None),
        ("step 1/0", None),
    ],
)
def test_parse_progress(line, expected):
    assert (
        parse_progress(line) == pytest.approx(expected)
        if expected is not None
        else parse_progress(line) is None
    )


@pytest.mark.timeout(20)
def test_output_progress_log_and_exit_code(tmp_path):
    out: list[tuple[str, str]] = []
    progress: list[float] = []
    job = _job(
        tmp_path,
        r"""
        import sys
        print("progress: 0.25")
        sys.stdout.write("step 1/4\rstep 2/4\rstep 4/4\n")
        print("oops", file=sys.stderr)
        print("x" * 20000)
        sys.exit(3)
    """,
        on_output=lambda s, line: out.append((s, line)),
        on_progress=progress.append,
    )
    result = asyncio.run(job.run())
    assert result.exit_code == 3 and not result.timed_out and not result.cancelled
    assert progress == [0.25, 0.25, 0.5, 1.0]
    assert ("stderr", "oops") in out
    assert max(len(line) for _s, line in out) <= runner.MAX_LINE_CHARS
    log = (tmp_path / "task.log").read_text()
    assert "progress: 0.25" in log and "oops" in log
    assert "oops" in result.log_tail


@pytest.mark.timeout(20)
def test_environment_is_minimal(tmp_path, monkeypatch):
    monkeypatch.setenv("SUPER_SECRET_TOKEN", "hunter2")
    out: list[str] = []
    job = _job(
        tmp_path,
        """
        import os
        for k in sorted(os.environ): print(f"{k}={os.environ[k]}")
    """,
        on_output=lambda _s, line: out.append(line),
        extra_env={"CUDA_VISIBLE_DEVICES": "0"},
    )
    assert asyncio.run(job.run()).exit_code == 0
    env = dict(line.split("=", 1) for line in out)
    assert "SUPER_SECRET_TOKEN" not in env
    ws = str(tmp_path / "ws")
    assert env["HOME"] == ws and env["TMPDIR"] == os.path.join(ws, "tmp")
    assert env["PATH"].split(os.pathsep)[0] == str(PYTHON.parent)
    assert env["PYTHONNOUSERSITE"] == "1" and env["CUDA_VISIBLE_DEVICES"] == "0"
    assert env[runner.TOKEN_VAR] == job.token


@pytest.mark.timeout(30)
def test_time_limit_kills_a_script_that_ignores_sigterm(tmp_path):
    job = _job(
        tmp_path,
        """
        import signal, time
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("started", flush=True)
        while True: time.sleep(0.1)
    """,
        time_limit=1.0,
        grace_s=0.5,
    )
    result = asyncio.run(job.run())
    assert result.timed_out and not result.cancelled
    assert result.exit_code == -9
    assert (
        not psutil.pid_exists(job.pid) or psutil.Process(job.pid).status() == psutil.STATUS_ZOMBIE
    )


_SPAWNER = """
    import os, subprocess, sys, time
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    pid = os.fork()
    if pid == 0:                      # double fork + setsid: a daemon outside the group
        os.setsid()
        if os.fork() == 0:
            with open("daemon.pid", "w") as fh: fh.write(str(os.getpid()))
            time.sleep(600)
        os._exit(0)
    os.waitpid(pid, 0)
    with open("child.pid", "w") as fh: fh.write(str(child.pid))
    print("spawned", flush=True)
    time.sleep(600)
"""


@pytest.mark.timeout(30)
def test_cancel_kills_children_and_escaped_daemons(tmp_path):
    ws = tmp_path / "ws"

    async def scenario():
        job = _job(tmp_path, _SPAWNER, grace_s=1.0)
        task = asyncio.create_task(job.run())
        await _until(lambda: (ws / "child.pid").exists() and (ws / "daemon.pid").exists())
        pids = [int((ws / name).read_text()) for name in ("child.pid", "daemon.pid")]
        daemon = psutil.Process(pids[1])
        assert os.getpgid(daemon.pid) != job.pid  # it really left the group
        job.cancel("test")
        job.cancel("again")  # idempotent
        return job, pids, await task

    job, pids, result = asyncio.run(scenario())
    assert result.cancelled and result.cancel_reason == "test" and not result.timed_out
    for pid in [job.pid, *pids]:
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
        if psutil.pid_exists(pid):  # a zombie must not be ours to reap
            assert psutil.Process(pid).ppid() != os.getpid()


@pytest.mark.timeout(30)
def test_suspend_stops_cpu_and_resume_finishes(tmp_path):
    async def scenario():
        job = _job(
            tmp_path,
            """
            import time
            print("go", flush=True)
            end = time.process_time() + 1.0
            while time.process_time() < end: pass
        """,
            time_limit=20.0,
        )
        started = asyncio.Event()
        job.on_output = lambda _s, _l: started.set()
        task = asyncio.create_task(job.run())
        await asyncio.wait_for(started.wait(), 10)
        job.suspend()
        proc = psutil.Process(job.pid)
        await asyncio.sleep(0.2)
        before = sum(proc.cpu_times()[:2])
        await asyncio.sleep(0.6)
        after = sum(proc.cpu_times()[:2])
        assert after - before < 0.1
        assert proc.status() == psutil.STATUS_STOPPED
        job.resume()
        return await task

    result = asyncio.run(scenario())
    assert result.exit_code == 0 and not result.timed_out


@pytest.mark.timeout(30)
def test_cancelling_the_asyncio_task_still_kills_the_tree(tmp_path):
    ws = tmp_path / "ws"

    async def scenario():
        job = _job(tmp_path, _SPAWNER)
        task = asyncio.create_task(job.run())
        await _until(lambda: (ws / "daemon.pid").exists() and (ws / "child.pid").exists())
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return [int((ws / n).read_text()) for n in ("child.pid", "daemon.pid")]

    for pid in asyncio.run(scenario()):
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE

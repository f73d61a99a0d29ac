"""The app comes back after a crash, says so once, and still quits when asked.

The unit tests drive `Supervisor` with tiny child scripts; the end-to-end tests start the real
launcher (`python -m desktop_agent`, offscreen) and kill the real app with SIGKILL and SIGABRT.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from desktop_agent.supervisor import (
    GIVE_UP_AFTER,
    NOTICE_FILE,
    SUPERVISED_ENV,
    RestartNotice,
    Supervisor,
    describe_exit,
    take_notice,
)

pytestmark = pytest.mark.timeout(120)


def _child(tmp_path: Path, body: str) -> list[str]:
    script = tmp_path / "child.py"
    script.write_text(body)
    return [sys.executable, str(script), str(tmp_path / "runs")]


COUNTING = """
import os, signal, sys
from pathlib import Path
runs = Path(sys.argv[1])
n = int(runs.read_text()) if runs.exists() else 0
runs.write_text(str(n + 1))
{action}
"""


def test_a_crashed_child_is_restarted_and_a_notice_is_left(tmp_path):
    body = COUNTING.format(action="if n == 0: os.kill(os.getpid(), signal.SIGABRT)\nsys.exit(0)")
    sup = Supervisor(_child(tmp_path, body), tmp_path, backoff_s=(0.01,), log=lambda _l: None)
    assert sup.run() == 0
    assert (tmp_path / "runs").read_text() == "2"
    notice = take_notice(tmp_path)
    assert notice is not None and notice.how == "killed by SIGABRT" and not notice.gave_up
    assert take_notice(tmp_path) is None  # shown once


def test_the_child_knows_it_is_supervised(tmp_path):
    body = f"import os, sys\nsys.exit(0 if os.environ.get({SUPERVISED_ENV!r}) == '1' else 7)"
    sup = Supervisor(_child(tmp_path, body), tmp_path, backoff_s=(0.01,), log=lambda _l: None)
    assert sup.run() == 0


@pytest.mark.parametrize("code", [0, 2])
def test_clean_exits_and_usage_errors_are_not_restarted(tmp_path, code):
    body = COUNTING.format(action=f"sys.exit({code})")
    sup = Supervisor(_child(tmp_path, body), tmp_path, backoff_s=(0.01,), log=lambda _l: None)
    assert sup.run() == code
    assert (tmp_path / "runs").read_text() == "1"
    assert take_notice(tmp_path) is None


def test_a_crash_loop_gives_up_and_says_so(tmp_path):
    lines: list[str] = []
    body = COUNTING.format(action="sys.exit(1)")
    sup = Supervisor(_child(tmp_path, body), tmp_path, backoff_s=(0.01,), log=lines.append)
    assert sup.run() == 1
    assert (tmp_path / "runs").read_text() == str(GIVE_UP_AFTER)
    notice = take_notice(tmp_path)
    assert notice is not None and notice.gave_up and notice.restarts == GIVE_UP_AFTER
    assert "not restarting" in lines[-1]


def test_backoff_grows_between_quick_crashes(tmp_path):
    waits: list[float] = []
    body = COUNTING.format(action="sys.exit(1)")
    sup = Supervisor(
        _child(tmp_path, body), tmp_path, backoff_s=(0.01, 0.02, 0.03), log=waits.append
    )
    sup.run()
    delays = [line.split("again in ")[1] for line in waits if "again in" in line]
    assert delays == ["0.01 s", "0.02 s", "0.03 s", "0.03 s"]


def test_stop_passes_the_signal_on_and_ends_supervision(tmp_path):
    body = "import time\ntime.sleep(60)"
    sup = Supervisor(_child(tmp_path, body), tmp_path, backoff_s=(0.01,), log=lambda _l: None)
    result: list[int] = []
    t = threading.Thread(target=lambda: result.append(sup.run()))
    t.start()
    deadline = time.monotonic() + 10
    while sup.child is None and time.monotonic() < deadline:
        time.sleep(0.01)
    sup.stop(signal.SIGTERM)
    t.join(10)
    assert result == [0]  # killed by the SIGTERM we sent: a stop, not a crash
    assert take_notice(tmp_path) is None


def test_a_damaged_notice_is_dropped(tmp_path):
    (tmp_path / NOTICE_FILE).write_bytes(b"\xff\x00garbage")
    assert take_notice(tmp_path) is None
    assert not (tmp_path / NOTICE_FILE).exists()


def test_describe_exit():
    assert describe_exit(-signal.SIGKILL) == "killed by SIGKILL"
    assert describe_exit(1) == "exit code 1"


def test_the_app_tells_the_volunteer_once(make_controller, paths):
    RestartNotice("2026-12-02T10:00:00+00:00", "killed by SIGABRT", 1).write(paths.root)
    first = make_controller()
    first.start()
    assert first.restart_notice is not None and "stopped unexpectedly" in first.restart_notice
    assert "agent" not in first.restart_notice.lower().replace("desktop agent", "")
    second = make_controller()
    second.start()
    assert second.restart_notice is None


# --- the real launcher ------------------------------------------------------------------------


def _launch(data_dir: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.json").write_text(
        json.dumps({"email": "volunteer@example.com", "server": "http://127.0.0.1:9"})
    )
    return subprocess.Popen(
        [sys.executable, "-m", "desktop_agent", "--data-dir", str(data_dir), "--minimized"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(predicate, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def _app_child(sup: subprocess.Popen[bytes], not_pid: int | None = None) -> psutil.Process | None:
    for child in psutil.Process(sup.pid).children():
        if child.pid != not_pid and child.status() != psutil.STATUS_ZOMBIE:
            return child
    return None


def _agent_log(data_dir: Path) -> str:
    path = data_dir / "logs" / "agent.log"
    return path.read_text(errors="replace") if path.exists() else ""


@pytest.fixture
def app_env(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DESKTOP_AGENT_HOME=str(tmp_path / "home"))
    env.pop(SUPERVISED_ENV, None)
    return env


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGABRT])
def test_the_real_app_comes_back_after_it_is_killed(tmp_path, app_env, sig):
    data_dir = tmp_path / "data"
    sup = _launch(data_dir, app_env)
    try:
        first = _wait_for(lambda: _app_child(sup))
        _wait_for(lambda: "contributing as" in _agent_log(data_dir))
        os.kill(first.pid, sig)
        second = _wait_for(lambda: _app_child(sup, not_pid=first.pid))
        assert second.pid != first.pid
        _wait_for(lambda: "stopped unexpectedly" in _agent_log(data_dir))
        assert not (data_dir / NOTICE_FILE).exists()  # taken by the new start: shown once
        sup.send_signal(signal.SIGTERM)  # logout: both go, and the app is not restarted
        assert sup.wait(30) == 0
        assert not psutil.pid_exists(second.pid) or second.status() == psutil.STATUS_ZOMBIE
    finally:
        for proc in psutil.Process(sup.pid).children(recursive=True) if sup.poll() is None else []:
            proc.kill()
        if sup.poll() is None:
            sup.kill()
            sup.wait(10)


def test_sigterm_ends_the_app_and_it_keeps_a_log(tmp_path, app_env):
    """Without the supervisor: SIGTERM (logout, systemctl stop) ends the app within seconds."""
    data_dir = tmp_path / "data"
    app = _launch(data_dir, dict(app_env, **{SUPERVISED_ENV: "1"}))
    try:
        _wait_for(lambda: "Server unreachable" in _agent_log(data_dir))  # the engine is working
        app.send_signal(signal.SIGTERM)
        assert app.wait(20) == 0
        assert "Agent stopped" in _agent_log(data_dir)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)

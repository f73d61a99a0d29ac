"""`desktop-agent pause|resume|snooze|finish-then-pause|status` against a real `desktop-agent run`."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from desktop_agent.engine import control
from tests.helpers.busy_job import busy_code
from tests.e2e.conftest import SAMPLE, agent_output, spawn_agent, wait_until

pytestmark = pytest.mark.timeout(120)


def ctl(data_dir, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop_agent", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_pause_resume_status_over_the_socket(srv, tmp_path):
    srv.submit_job(SAMPLE, code=busy_code(2.0), chunks=1)
    data = tmp_path / "agent"
    assert ctl(data, "status").returncode == 1  # nothing running yet: says so
    proc = spawn_agent(
        srv.url,
        data,
        "--max-tasks",
        "1",
        "--set",
        "rules_interval_s=0.2",
        "--set",
        "pause_on_metered=false",
    )
    try:
        sock = control.socket_path(data)
        wait_until(lambda: sock.exists(), 30)
        assert stat.S_IMODE(os.stat(sock).st_mode) == 0o600  # owner only
        # Pause once train.py runs, so there is a process tree to freeze.
        wait_until(lambda: "training" in str(control.request(data, "status").get("task")), 60)
        out = ctl(data, "pause")
        assert out.returncode == 0, out.stderr
        assert "mode: paused" in out.stdout and "reason: Paused by you" in out.stdout

        def suspended_status():
            out = ctl(data, "status").stdout
            return out if "(suspended)" in out else None

        status = wait_until(suspended_status, 20)
        assert "reason: Paused by you" in status
        answer = json.loads(ctl(data, "status", "--json").stdout)
        assert answer["mode"] == "paused" and answer["task"]["suspended"] is True
        out = ctl(data, "snooze", "--for", "1h")
        assert "mode: snoozed" in out.stdout and "Snoozed until" in out.stdout
        out = ctl(data, "resume")
        assert "mode: contributing" in out.stdout
        assert proc.wait(60) == 0, agent_output(proc)
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(20)
    assert not control.socket_path(data).exists()  # removed on the way out
    assert str(srv.job(1)["status"]).upper() == "COMPLETED"


def test_started_paused_and_bad_requests(srv, tmp_path, monkeypatch):
    monkeypatch.setenv("DESKTOP_AGENT_CONTROL", "tcp")  # the Windows transport, exercised here
    srv.submit_job(SAMPLE, chunks=1)
    data = tmp_path / "agent"
    proc = spawn_agent(srv.url, data, "--paused", env={"DESKTOP_AGENT_CONTROL": "tcp"})
    try:
        wait_until(lambda: (data / control.TOKEN_FILE).exists(), 30)
        assert stat.S_IMODE(os.stat(data / control.TOKEN_FILE).st_mode) == 0o600
        wait_until(lambda: control.request(data, "status").get("state") == "paused", 30)
        assert control.request(data, "status")["reason"] == "Paused by you"
        assert srv.calls("/agent/request_task") == []
        assert control.request(data, "dance") == {"ok": False, "error": "unknown command 'dance'"}
        assert control.request(data, "snooze", seconds=-1)["ok"] is False
        info = json.loads((data / control.TOKEN_FILE).read_text())
        import socket as s

        with s.create_connection(("127.0.0.1", info["port"]), timeout=5) as conn:
            conn.sendall(b'{"cmd": "resume", "token": "guess"}\n')
            assert json.loads(conn.makefile().readline()) == {"ok": False, "error": "wrong token"}
        assert (
            control.request(data, "finish_then_pause")["mode"] == "paused"
        )  # nothing in hand: paused at once
        bad = ctl(data, "snooze", "--for", "soon")
        assert bad.returncode == 2 and "duration" in bad.stderr
    finally:
        proc.terminate()
        proc.wait(20)

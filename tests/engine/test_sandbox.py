"""Under bubblewrap a job cannot read the volunteer's files, reach the network or write outside its folder."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from desktop_agent.engine import events as ev
from desktop_agent.engine import sandbox
from tests.e2e.conftest import (
    SAMPLE,
    AgentThread,
    assert_job_done_once,
    settings_for,
    uploaded_result,
    wait_until,
)
from tests.helpers.one_task import completions, run_one_task

pytestmark = [pytest.mark.timeout(90), pytest.mark.usefixtures("no_job_left_behind")]

needs_bwrap = pytest.mark.skipif(
    not sandbox.detect().available, reason=f"no working bubblewrap: {sandbox.detect().reason}"
)

PROBE = r"""
import json, os, socket, sys
report = {"read": {}, "write": {}, "connect": {}}
for path in json.loads(os.environ.get("X", "null") or "null") or READS:
    try:
        open(path).read()
        report["read"][path] = "READ"
    except OSError as exc:
        report["read"][path] = type(exc).__name__
for path in WRITES:
    try:
        with open(path, "w") as fh:
            fh.write("pwned")
        report["write"][path] = "WROTE"
    except OSError as exc:
        report["write"][path] = type(exc).__name__
for host, port in CONNECTS:
    try:
        socket.create_connection((host, port), timeout=2).close()
        report["connect"][f"{host}:{port}"] = "CONNECTED"
    except OSError as exc:
        report["connect"][f"{host}:{port}"] = type(exc).__name__
report["home_listing"] = sorted(os.listdir(os.path.dirname(READS[0]))) if os.path.isdir(os.path.dirname(READS[0])) else None
report["python"] = sys.prefix
open("model.pth", "w").write(json.dumps(report))
"""


@pytest.fixture
def planted(tmp_path, monkeypatch):
    """A secret in a temporary HOME (the agent's own HOME is pointed there) and one in root's real home."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    secret = home / ".ssh" / "id_ed25519"
    secret.write_text("PRIVATE KEY")
    monkeypatch.setenv("HOME", str(home))
    real_home = Path(os.path.expanduser("~root")) if os.getuid() == 0 else None
    extra = None
    if real_home is not None and os.access(real_home, os.W_OK):
        extra = real_home / f".desktop-agent-test-secret-{os.getpid()}"
        extra.write_text("ROOT SECRET")
    yield [p for p in (secret, extra) if p is not None]
    if extra is not None:
        extra.unlink(missing_ok=True)


@needs_bwrap
def test_job_cannot_read_home_reach_network_or_write_outside(srv, tmp_path, planted):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.setblocking(False)
    data_dir = tmp_path / "agent"
    reads = [str(p) for p in planted] + ["/etc/shadow", str(data_dir / "agent-id")]
    writes = [
        str(tmp_path / "outside.txt"),
        str(data_dir / "planted.txt"),
        "/usr/planted.txt",
        "/etc/planted.txt",
        str(Path(os.path.expanduser("~")) / "planted.txt"),
    ]
    port = int(srv.url.rsplit(":", 1)[1])
    connects = [("127.0.0.1", listener.getsockname()[1]), ("127.0.0.1", port), ("1.1.1.1", 443)]
    code = f"READS = {reads!r}\nWRITES = {writes!r}\nCONNECTS = {connects!r}\n" + PROBE
    srv.submit_job(code=code.encode(), requirements=b"", data=b"x\n1\n", chunks=1)

    ran = run_one_task(srv, data_dir)

    assert ran.finished.outcome is ev.Outcome.COMPLETED, ran.finished
    assert ran.row.sandbox == "bwrap"
    report = uploaded_result(srv, ran.finished.task_id)
    assert set(report["read"].values()) <= {"FileNotFoundError", "PermissionError"}, report["read"]
    for path, result in report[
        "write"
    ].items():  # under /tmp a write lands in the job's private, sized tmpfs
        assert path.startswith("/tmp/") or result in {
            "FileNotFoundError",
            "PermissionError",
            "OSError",
        }, (path, result)
    assert "CONNECTED" not in report["connect"].values(), report["connect"]
    for path in writes:
        assert not Path(path).exists(), path
    with pytest.raises(BlockingIOError):
        listener.accept()  # nothing ever reached the loopback server
    listener.close()


@needs_bwrap
def test_job_can_write_in_its_workspace_and_a_private_tmp(srv, tmp_path):
    marker = f"da-private-{time.time_ns()}"
    code = (
        f"import os\nopen('/tmp/{marker}', 'w').write('t')\nos.makedirs('out', exist_ok=True)\n"
        "open('out/f.txt', 'w').write('w')\n"
        "open('model.pth', 'w').write(str(sorted(os.listdir('.'))))\n"
    )
    srv.submit_job(code=code.encode(), requirements=b"", data=b"x\n1\n", chunks=1)
    ran = run_one_task(srv, tmp_path / "agent")
    assert ran.finished.outcome is ev.Outcome.COMPLETED
    assert not Path(f"/tmp/{marker}").exists()  # the job's /tmp was its own
    body = open_result(srv, ran.finished.task_id)
    assert "out" in body and "data.csv" in body


def open_result(srv, task_id: int) -> str:
    import httpx

    return httpx.get(srv.subtask(task_id)["result_url"]).text


@needs_bwrap
def test_sample_job_trains_to_the_right_result_under_bwrap(srv, tmp_path):
    job_id = srv.submit_job(SAMPLE, chunks=2)
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=2) as run:
        run.thread.join(60)
    assert_job_done_once(srv, job_id)
    from desktop_agent.engine.store import Store

    store = Store(tmp_path / "agent" / "agent.db")
    assert {row.sandbox for row in store.history()} == {"bwrap"}
    store.close()


def _no_bwrap(monkeypatch) -> None:
    monkeypatch.setattr(
        sandbox,
        "detect",
        lambda **_: sandbox.SandboxInfo(
            False, "none (bubblewrap is not installed)", None, "bubblewrap is not installed"
        ),
    )


def test_without_bwrap_the_fallback_is_used_and_recorded(srv, tmp_path, monkeypatch):
    _no_bwrap(monkeypatch)
    job_id = srv.submit_job(SAMPLE, chunks=1)
    ran = run_one_task(srv, tmp_path / "agent", allow_unsandboxed=True)
    assert ran.finished.outcome is ev.Outcome.COMPLETED
    assert ran.row.sandbox == "none (bubblewrap is not installed)"
    assert any("without a sandbox" in e.text for e in ran.run.of(ev.LogLine))
    assert_job_done_once(srv, job_id)


def test_without_bwrap_and_not_allowed_no_work_is_taken_and_it_says_why(srv, tmp_path, monkeypatch):
    _no_bwrap(monkeypatch)
    marker = tmp_path / "ran.txt"
    srv.submit_job(
        code=f"open({str(marker)!r}, 'w').write('ran')\n".encode(),
        requirements=b"",
        data=b"x\n1\n",
        chunks=1,
    )
    settings = settings_for(srv, allow_unsandboxed=False, rules_interval_s=0.2)
    with AgentThread(settings, tmp_path / "agent") as run:
        reason = wait_until(
            lambda: [s.reason for s in run.of(ev.StateChanged) if "install bubblewrap" in s.reason]
        )
        time.sleep(1.0)  # several poll intervals: still no request for work
    assert "cannot be sandboxed" in reason[0]
    assert not marker.exists()
    assert srv.calls("/agent/request_task") == []
    assert completions(srv) == [] and srv.calls("/agent/upload_result") == []


def test_sandbox_lost_after_taking_a_task_gives_it_back_without_running_it(
    srv, tmp_path, monkeypatch
):
    """Belt and braces: the pipeline refuses too, should bubblewrap vanish between the check and the task."""
    from desktop_agent.engine import rules

    monkeypatch.setattr(
        rules, "_sandbox_missing", lambda: None
    )  # the rules still think bwrap is there
    _no_bwrap(monkeypatch)
    marker = tmp_path / "ran.txt"
    srv.submit_job(
        code=f"open({str(marker)!r}, 'w').write('ran')\n".encode(),
        requirements=b"",
        data=b"x\n1\n",
        chunks=1,
    )
    settings = settings_for(
        srv, allow_unsandboxed=False, release_after_s=0.5, release_quiet_s=600.0
    )
    with AgentThread(settings, tmp_path / "agent") as run:
        wait_until(lambda: run.of(ev.TaskFinished), timeout=60)
    [finished] = run.of(ev.TaskFinished)
    assert finished.outcome is ev.Outcome.RELEASED and "allow_unsandboxed" in (finished.error or "")
    assert not marker.exists()
    assert completions(srv) == [] and srv.calls("/agent/upload_result") == []


FAKE_UV = r"""#!/usr/bin/env python3
import json, os, sys
if sys.argv[1:3] == ["pip", "install"]:
    req = sys.argv[sys.argv.index("-r") + 1]
    json.dump({"env": dict(os.environ), "argv": sys.argv, "requirements": open(req).read()},
              open(os.environ["UV_CACHE_DIR"] + "/../seen.json", "w"))
else:  # `uv venv ... <path>`: a folder is enough for the test
    os.makedirs(os.path.join(sys.argv[-1], "bin"), exist_ok=True)
"""


def test_installer_gets_an_environment_built_from_nothing_and_installs_wheels_only(
    tmp_path, monkeypatch
):
    """uv sees none of the agent's variables (secrets, the real HOME), only wheels, and our file."""
    import asyncio
    import json
    import sys

    from desktop_agent.engine.env_cache import EnvCache

    fake = tmp_path / "uv"
    fake.write_text(FAKE_UV)
    fake.chmod(0o755)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "volunteer-secret")
    monkeypatch.setenv("DESKTOP_AGENT_EMAIL", "owner@example.com")
    monkeypatch.setenv("UV_INDEX_URL", "https://mirror.example/simple")
    monkeypatch.setenv("UV_NO_BUILD_ISOLATION", "1")  # not the owner's index setup: dropped
    cache = EnvCache(tmp_path / "envs", budget_mb=100, base_python=sys.executable, uv_bin=str(fake))
    asyncio.run(cache.ensure("Six >= 1.0 ; python_version >= '3'\nnumpy --hash=sha256:ABCD\n"))
    seen = json.loads((tmp_path / "seen.json").read_text())
    env = seen["env"]
    assert "volunteer-secret" not in json.dumps(env) and "owner@example.com" not in json.dumps(env)
    assert "UV_NO_BUILD_ISOLATION" not in env
    assert env["UV_INDEX_URL"] == "https://mirror.example/simple"  # the owner's own index stays
    assert env["HOME"].startswith(str(tmp_path)) and env["UV_NO_BUILD"] == "1"
    argv = seen["argv"]
    assert argv[argv.index("--only-binary") + 1] == ":all:"
    assert seen["requirements"] == (
        'Six>=1.0; python_version >= "3"\nnumpy --hash=sha256:abcd\n'
    )  # rewritten from the parse, not the job's bytes

"""Secrets stay out of logs and out of the diagnostics zip."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop_agent.config import save_settings
from desktop_agent.diagnostics import Redactor, write_diagnostics
from tests.e2e.conftest import OWNER, SAMPLE, spawn_agent

pytestmark = [pytest.mark.timeout(120), pytest.mark.usefixtures("no_job_left_behind")]


@pytest.fixture(scope="module")
def ran_agent(tmp_path_factory):
    """`desktop-agent run` as a subprocess through one real task; returns (data_dir, agent_id, stderr log)."""
    from desktop_agent.devserver import DevServer

    tmp = tmp_path_factory.mktemp("privacy")
    with DevServer(data_dir=tmp / "server") as srv:
        srv.add_owner(OWNER)
        srv.submit_job(SAMPLE, chunks=1)
        data_dir = tmp / "agent"
        proc = spawn_agent(srv.url, data_dir, "--max-tasks", "1", "--verbose")
        assert proc.wait(90) == 0
        agent_id = srv.calls("/agent/register")[0].body["id"]
    return data_dir, agent_id, Path(proc.log_path)


def _all_text(paths) -> str:
    return "\n".join(Path(p).read_text(errors="replace") for p in paths)


def test_logs_never_hold_the_full_agent_id_or_email(ran_agent):
    data_dir, agent_id, stderr_log = ran_agent
    logs = [
        *(data_dir / "logs").glob("agent.log*"),
        *(data_dir / "logs" / "tasks").glob("*.log"),
        stderr_log,
    ]
    text = _all_text(logs)
    assert "Registered with" in text  # the log is really there
    assert agent_id not in text
    assert OWNER not in text.lower()


def test_diagnostics_zip_has_no_agent_id_and_no_email(ran_agent, tmp_path):
    data_dir, agent_id, _ = ran_agent
    (data_dir / "logs" / "agent.log").open(
        "a"
    ).write(  # a careless line that leaked both must still be cleaned
        f"DEBUG id={agent_id} owner={OWNER} proxy=http://user:hunter2@proxy.example:8080\n"
    )
    save_settings(data_dir, {"email": OWNER, "proxy": "http://user:hunter2@proxy.example:8080"})
    out = tmp_path / "diag.zip"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_agent",
            "diagnostics",
            "--data-dir",
            str(data_dir),
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert {
            "settings.json",
            "system.json",
            "self-test.txt",
            "history-summary.json",
            "logs/agent.log",
        } <= names
        text = "\n".join(zf.read(n).decode("utf-8", errors="replace") for n in names)
    assert agent_id not in text and agent_id.replace("-", "") not in text
    assert OWNER not in text.lower() and "hunter2" not in text
    assert '"email": "<email>"' in text
    assert "self-test" in text and '"sandbox"' in text


def test_redactor_cleans_ids_emails_and_url_passwords():
    r = Redactor(["c0ffee-secret-id"])
    out = r(
        "id C0FFEE-SECRET-ID mail Ünï.Code@Exämple.org uuid 123e4567-e89b-12d3-a456-426614174000 "
        "url https://bob:pw@host/x"
    )
    assert (
        "c0ffee" not in out.lower()
        and "Exämple" not in out
        and "426614174000" not in out
        and "pw@" not in out
    )


def test_diagnostics_on_an_empty_data_dir(tmp_path):
    written = write_diagnostics(tmp_path / "empty", tmp_path, self_test=False)
    with zipfile.ZipFile(written) as zf:
        assert "system.json" in zf.namelist()

"""A data folder broken the ways disks and backups break it: one actionable line, a documented exit code.

Each case runs the real CLI as a subprocess, as a person would, and checks that stderr holds one
line naming the file and what to do, that the exit code is the documented one, and that no Python
traceback is shown.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from desktop_agent.cli.exit_codes import EXIT_DATA_BROKEN, EXIT_USAGE
from desktop_agent.engine import errors
from desktop_agent.engine.store import SCHEMA_VERSION, Store
from tests.rows import open_sample_task

pytestmark = [pytest.mark.timeout(120), pytest.mark.usefixtures("no_job_left_behind")]


def cli(data_dir, *args, timeout=30):
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.run(
        [sys.executable, "-m", "desktop_agent", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def one_line(result) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("desktop-agent:")]
    assert len(lines) == 1, result.stderr  # beside it at most the engine's "[stopped]" status
    return lines[0]


def a_good_history(data_dir):
    store = Store(data_dir / "agent.db")
    row = open_sample_task(store)
    store.finish(row.id, "completed")
    store.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeroed_header"])
def test_damaged_history_is_moved_aside_and_history_restarts_empty(tmp_path, damage):
    data = tmp_path / "data"
    data.mkdir()
    db = data / "agent.db"
    if damage == "garbage":
        db.write_bytes(os.urandom(8192))
    else:
        a_good_history(data)
        raw = db.read_bytes()
        db.write_bytes(raw[: len(raw) // 3] if damage == "truncated" else b"\0" * 100 + raw[100:])
    result = cli(data, "history")
    line = one_line(result)
    assert result.returncode == 0
    assert "agent.db is damaged — moved to agent.db.broken-" in line
    assert "history restarts empty" in line and "No tasks yet." in result.stdout
    assert list(data.glob("agent.db.broken-*"))
    again = cli(data, "history")
    assert again.returncode == 0 and again.stderr == ""  # fixed once, not at every start


def test_newer_schema_is_refused_and_left_alone(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    a_good_history(data)
    db = sqlite3.connect(data / "agent.db")
    db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 5),))
    db.commit()
    db.close()
    before = (data / "agent.db").read_bytes()
    result = cli(data, "history")
    line = one_line(result)
    assert result.returncode == EXIT_DATA_BROKEN
    assert "newer desktop-agent" in line and "update the app" in line
    assert (data / "agent.db").read_bytes() == before


def test_a_folder_where_the_history_file_should_be(tmp_path):
    data = tmp_path / "data"
    (data / "agent.db").mkdir(parents=True)
    result = cli(data, "history")
    line = one_line(result)
    assert result.returncode == EXIT_DATA_BROKEN and "is a folder" in line


@pytest.mark.parametrize("kind", ["binary", "folder", "bad_json"])
def test_broken_settings_file(tmp_path, kind):
    data = tmp_path / "data"
    data.mkdir()
    settings = data / "settings.json"
    if kind == "binary":
        settings.write_bytes(b"\xff\xfe\x00\x89PNG\r\n\x1a\n" + os.urandom(64))
    elif kind == "folder":
        settings.mkdir()
    else:
        settings.write_text('{"server": ')
    result = cli(data, "run", "--email", "a@example.com", "--server", "http://127.0.0.1:9")
    line = one_line(result)
    assert result.returncode == EXIT_USAGE
    assert "settings.json" in line
    assert {"binary": "delete it", "folder": "is a folder", "bad_json": "delete it"}[kind] in line


@pytest.mark.parametrize("kind", ["binary", "folder", "huge"])
def test_broken_agent_id_file(tmp_path, kind):
    data = tmp_path / "data"
    data.mkdir()
    ident = data / "agent-id"
    if kind == "binary":
        ident.write_bytes(b"\x00\xff\x1b[2J" + os.urandom(32))
    elif kind == "folder":
        ident.mkdir()
    else:
        ident.write_text("x" * 10_000)
    result = cli(data, "run", "--email", "a@example.com", "--server", "http://127.0.0.1:9")
    line = one_line(result)
    assert result.returncode == EXIT_DATA_BROKEN
    assert "agent-id is damaged" in line and "delete it" in line


def test_full_disk_is_a_host_fault_not_a_crash(tmp_path):
    store = Store(tmp_path / "agent.db")
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count={pages}")  # the file may not grow: a full disk
    with pytest.raises(errors.DiskFull, match="disk holding the data folder is full"):
        for n in range(1, 10_000):
            open_sample_task(
                store,
                server="http://s" * 50,
                agent_id="a" * 500,
                task_id=n,
                code_url="http://c" * 100,
            )
    assert isinstance(errors.DiskFull("x"), errors.HostFault)
    store.close()


def test_disk_full_mid_task_is_waited_out_and_the_task_completes_once(srv, tmp_path, monkeypatch):
    from desktop_agent.engine import events as ev
    from tests.e2e.conftest import SAMPLE, assert_job_done_once
    from tests.helpers.one_task import run_one_task

    real = Store.set_phase
    refused = []

    def set_phase(self, row_id, phase, **changes):
        if phase == "uploaded" and not refused:
            refused.append(phase)
            raise errors.DiskFull("The disk holding the data folder is full — free some space")
        return real(self, row_id, phase, **changes)

    monkeypatch.setattr(Store, "set_phase", set_phase)
    job_id = srv.submit_job(SAMPLE, chunks=1)
    ran = run_one_task(srv, tmp_path / "agent", timeout=90)
    assert refused == ["uploaded"]
    assert ran.finished.outcome is ev.Outcome.COMPLETED
    assert any("disk holding the data folder is full" in e.text for e in ran.run.of(ev.LogLine))
    assert ran.run.thread.is_alive() is False  # stopped after its one task, not crashed
    assert_job_done_once(srv, job_id)

"""A new user's first commands, run as the person runs them: the CLI as a subprocess."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

import pytest

from desktop_agent.engine.store import Store
from tests.rows import open_sample_task

pytestmark = pytest.mark.timeout(240)


def env_for(home):
    return {
        **os.environ,
        "DESKTOP_AGENT_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }


def a_history(data_dir, n=50):
    store = Store(data_dir / "agent.db")
    for task_id in range(1, n + 1):
        row = open_sample_task(store, task_id=task_id)
        store.finish(row.id, "completed", result_url=f"http://s/results/{task_id}_model.pth")
    store.close()


@pytest.mark.parametrize("flag", ["--json", None])
def test_history_piped_into_head_ends_quietly(tmp_path, flag):
    a_history(tmp_path)
    args = [sys.executable, "-m", "desktop_agent", "history", "--data-dir", str(tmp_path)]
    command = shlex.join(args + ([flag] if flag else [])) + " | head -1"
    result = subprocess.run(
        ["bash", "-c", "set -o pipefail; " + command],
        capture_output=True,
        text=True,
        timeout=60,
        env=env_for(tmp_path / "home"),
    )
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
    assert result.stderr == ""
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1


def test_demo_help_says_where_its_data_folder_is(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "desktop_agent", "demo", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env_for(tmp_path),
    )
    flat = " ".join(result.stdout.split())
    assert result.returncode == 0
    assert "temporary" not in flat
    assert "'demo' folder inside the usual data folder" in flat and "emptied" in flat


def test_demo_twice_shows_one_demo_in_history_and_its_last_line_works(tmp_path):
    home = tmp_path / "home"
    runs = []
    for _ in range(2):
        runs.append(
            subprocess.run(
                [sys.executable, "-m", "desktop_agent", "demo", "--headless"],
                capture_output=True,
                text=True,
                timeout=180,
                env=env_for(home),
                cwd=tmp_path,
            )
        )
    last = runs[-1]
    assert [r.returncode for r in runs] == [0, 0], last.stderr[-2000:]
    suggestion = last.stdout.strip().splitlines()[-1]
    assert suggestion.startswith("History: ")
    command = shlex.split(suggestion.removeprefix("History: "))
    assert command[0] != "desktop-agent"  # not on PATH after the README's install command
    shown = subprocess.run(
        command, capture_output=True, text=True, timeout=60, env=env_for(home), cwd=tmp_path
    )
    assert shown.returncode == 0, shown.stderr
    rows = [line for line in shown.stdout.splitlines()[1:] if line.strip()]
    assert len(rows) == 5  # this demo's five tasks, not the last demo's as well
    assert str(home / "demo") in suggestion

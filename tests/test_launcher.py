"""The plain app start goes to the supervisor, and then to the app, without loading the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_agent import cli
from desktop_agent.launcher import EXIT_DATA_BROKEN, plain_launch
from desktop_agent.supervisor import SUPERVISED_ENV

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (True, None)),
        (["--minimized"], (True, None)),
        (["--data-dir", "/d", "--minimized"], (True, "/d")),
        (["--data-dir=/d"], (True, "/d")),
        (["run"], (False, None)),
        (["--version"], (False, None)),
        (["--help"], (False, None)),
        (["--data-dir"], (False, None)),
        (["--data-dir", "--minimized"], (False, None)),
        (["--minimised"], (False, None)),
        (["history", "--data-dir", "/d"], (False, None)),
    ],
)
def test_plain_launch_is_only_the_app_start(argv, expected):
    assert plain_launch(argv) == expected


PROBE = """
import runpy, sys
import desktop_agent.supervisor as sup
HEAVY = ("asyncio", "desktop_agent.cli", "PySide6", "httpx")
def supervise(argv, root):
    print("SUPERVISE", list(argv), root, sorted(m for m in HEAVY if m in sys.modules))
    return 0
sup.run_supervised = supervise
def app(root, minimized):
    print("APP", root, minimized, sorted(m for m in HEAVY if m in sys.modules))
    return 0
if sys.argv[1] == "--as-child":
    import desktop_agent.gui.app
    desktop_agent.gui.app.run_gui = app
    del sys.argv[1]
sys.argv = ["desktop-agent", *sys.argv[1:]]
runpy.run_module("desktop_agent", run_name="__main__")
"""


def _launch(*argv: str, child: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env.pop(SUPERVISED_ENV, None)
    if child:
        env[SUPERVISED_ENV] = "1"
        argv = ("--as-child", *argv)
    return subprocess.run(
        [sys.executable, "-c", PROBE, *argv], env=env, capture_output=True, text=True, timeout=60
    )


def test_the_launcher_supervises_without_the_cli_asyncio_or_qt(tmp_path):
    out = _launch("--minimized", "--data-dir", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == (
        f"SUPERVISE ['--minimized', '--data-dir', '{tmp_path}'] {tmp_path.resolve()} []"
    )


def test_other_commands_still_go_through_the_cli(tmp_path):
    out = _launch("--version")
    assert out.returncode == 0
    assert "SUPERVISE" not in out.stdout and "desktop-agent" in out.stdout


def test_the_supervised_child_runs_the_app_without_the_cli_or_asyncio(tmp_path):
    out = _launch("--minimized", "--data-dir", str(tmp_path), child=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"APP {tmp_path.resolve()} True ['PySide6']"


def test_a_damaged_data_folder_exits_as_the_cli_does():
    assert EXIT_DATA_BROKEN == cli.EXIT_DATA_BROKEN

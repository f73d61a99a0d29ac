"""The launcher's fast path: a plain app start goes to the supervisor without loading the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_agent.supervisor import SUPERVISED_ENV, plain_launch

ROOT = Path(__file__).resolve().parents[2]


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
def fake(argv, root):
    heavy = sorted(m for m in ("asyncio", "desktop_agent.cli", "PySide6", "httpx") if m in sys.modules)
    print("SUPERVISE", list(argv), root, heavy)
    return 0
sup.run_supervised = fake
sys.argv = ["desktop-agent", *sys.argv[1:]]
runpy.run_module("desktop_agent", run_name="__main__")
"""


def _launch(*argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop(SUPERVISED_ENV, None)
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

"""The app's start: what it keeps out of the process before the engine loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_httpx_loads_without_its_command_line_client():
    """httpx still works (clients, errors) while click and pygments stay out of the app."""
    code = (
        "import sys\n"
        "from desktop_agent.gui.app import _skip_httpx_command_line\n"
        "before = set(sys.modules)\n"
        "_skip_httpx_command_line()\n"
        "import httpx\n"
        "assert httpx.Client and httpx.AsyncClient and httpx.TimeoutException\n"
        "print(sorted(m for m in set(sys.modules) - before if m.split('.')[0] in"
        " ('click', 'pygments', 'rich')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"

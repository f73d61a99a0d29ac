"""Fleet fixtures: the .deb, built once per test session (slow) unless DESKTOP_AGENT_DEB names one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def deb(tmp_path_factory) -> Path:
    """DESKTOP_AGENT_DEB when set (a .deb from installers/linux/build.sh), else built now (~3-10 min)."""
    given = os.environ.get("DESKTOP_AGENT_DEB")
    if given:
        return Path(given)
    pytest.importorskip(
        "PyInstaller", reason="PyInstaller is not installed (pip install -e '.[test]')"
    )
    out = tmp_path_factory.mktemp("packages")
    proc = subprocess.run(
        [str(ROOT / "installers" / "linux" / "build.sh"), "--out", str(out)],
        cwd=ROOT,
        env=dict(os.environ, PYTHON=sys.executable),
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    (found,) = out.glob("desktop-agent_*.deb")
    return found

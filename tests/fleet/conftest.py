"""Fleet fixtures: the .deb, built once per test session (slow) unless DESKTOP_AGENT_DEB names one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def deb(request) -> Path:
    """DESKTOP_AGENT_DEB when set (a .deb from installers/linux/build.sh), else the session's build."""
    given = os.environ.get("DESKTOP_AGENT_DEB")
    if given:
        return Path(given)
    return Path(request.getfixturevalue("linux_build")["deb"])

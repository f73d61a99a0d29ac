"""Shared test set-up.

Qt must run offscreen before anything imports it, and no test may touch the
real user's data folder or keyring.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DESKTOP_AGENT_HOME", None)
os.environ.pop("DESKTOP_AGENT_SERVER", None)
os.environ.pop("DESKTOP_AGENT_EMAIL", None)
os.environ.pop("DESKTOP_AGENT_METRICS", None)

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Point platformdirs (XDG) at a temporary home so nothing leaks into the real one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    yield home


@pytest.fixture(autouse=True)
def _no_agent_outlives_its_test():
    """A test that fails between spawning an agent and waiting for it must not leave it running."""
    yield
    import sys

    e2e = sys.modules.get("tests.e2e.conftest")
    for proc in getattr(e2e, "SPAWNED", []):
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    if e2e is not None:
        e2e.SPAWNED.clear()

"""Shared test set-up, and the fixtures tests in more than one folder use.

Qt must run offscreen before anything imports it, and no test may touch the
real user's data folder or keyring.

The tests mirror the code: tests/engine/test_<module>.py for desktop_agent/engine/ and the
Qt-free modules beside it (config, identity, diagnostics), tests/platform/ for
desktop_agent/platform/, tests/gui/ for desktop_agent/gui/, tests/devserver/ for the reference
backend, tests/e2e/ for the whole agent against the reference backend, tests/fleet/,
tests/updates/ and tests/packaging/ for what their names say. Helpers shared between folders
live in tests/helpers/.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DESKTOP_AGENT_HOME", None)
os.environ.pop("DESKTOP_AGENT_SERVER", None)
os.environ.pop("DESKTOP_AGENT_EMAIL", None)
os.environ.pop("DESKTOP_AGENT_METRICS", None)

import pytest

from tests.e2e.conftest import srv  # noqa: F401  (the reference backend; tests/devserver has its own)

# Workers per core under `-n auto` (pyproject.toml's addopts): most tests wait on real processes,
# sockets and timers rather than compute, so two workers per core keep the cores busy.
WORKERS_PER_CORE = 2


def pytest_xdist_auto_num_workers(config):
    """`-n auto`: WORKERS_PER_CORE per usable core, unless PYTEST_XDIST_AUTO_NUM_WORKERS says."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own handling of the variable
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, (cores or 1) * WORKERS_PER_CORE)


def pytest_collection_modifyitems(config, items):
    """Every `packaging` test runs on one worker, in one group: they share the session's Linux
    build (`linux_build`, minutes of PyInstaller), which each worker would otherwise build again,
    and some install the same .deb on this machine, which must not happen twice at once.
    (`--dist loadgroup` hands out the largest group first, so the build starts at once.)"""
    for item in items:
        if item.get_closest_marker("packaging") is not None:
            item.add_marker(pytest.mark.xdist_group("linux_build"))


@pytest.fixture
def knobs():
    """Every input a rule reads, turned by hand (tests/helpers/knobs.py)."""
    from tests.helpers.knobs import Knobs

    return Knobs()


@pytest.fixture
def crafted(srv):  # noqa: F811
    """A crafted server in front of the reference backend (tests/helpers/crafted_server.py)."""
    from tests.helpers.crafted_server import CraftedServer

    with CraftedServer(srv.url) as server:
        yield server


@pytest.fixture
def no_job_left_behind(tmp_path_factory):
    """The test must leave no job process behind (used by every hostile-input test module)."""
    yield
    from tests.helpers.leftovers import assert_no_job_left

    assert_no_job_left(tmp_path_factory.getbasetemp())


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


@pytest.fixture(scope="session")
def linux_build(tmp_path_factory):
    """installers/linux/build.sh, run once per session for every test that needs its packages.

    A dict: out (the folder), deb, tgz, onedir, log (build.sh's stdout), seconds.
    """
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    pytest.importorskip(
        "PyInstaller", reason="PyInstaller is not installed (pip install -e '.[test]')"
    )
    root = Path(__file__).resolve().parents[1]
    out = tmp_path_factory.mktemp("packages")
    started = time.monotonic()
    proc = subprocess.run(
        [str(root / "installers" / "linux" / "build.sh"), "--out", str(out)],
        cwd=root,
        env=dict(os.environ, PYTHON=sys.executable),
        capture_output=True,
        text=True,
        timeout=1200,
    )
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        pytest.fail(
            f"build.sh failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        )
    debs = sorted(out.glob("desktop-agent_*.deb"))
    tgzs = sorted(out.glob("desktop-agent-*.tar.gz"))
    assert len(debs) == 1 and len(tgzs) == 1, list(out.iterdir())
    return {
        "out": out,
        "deb": debs[0],
        "tgz": tgzs[0],
        "onedir": out / "pyinstaller" / "desktop-agent",
        "log": proc.stdout,
        "seconds": seconds,
    }

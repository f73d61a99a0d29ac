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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Give each `xdist_group` test its group's node id suffix under `--dist loadgroup`.

    xdist's worker marks a grouped test by appending `@group` to its node id, in a field pytest
    9.2 no longer reads, so without this every group would be spread over the workers (the
    tests that install the .deb at once on several of them). Runs last, after xdist's own hook,
    and does nothing where that one took effect.
    """
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        names = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
        nodeid = item.nodeid
        if not names or nodeid.rfind("@") > nodeid.rfind("]"):
            continue
        grouped = f"{nodeid}@{'_'.join(sorted(names))}"
        if hasattr(item, "_id"):
            from _pytest.nodeid import NodeId

            item._id = NodeId.parse(grouped)
        else:
            item._nodeid = grouped


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
def linux_onedir(tmp_path_factory):
    """The PyInstaller onedir (installers/linux/build.sh --onedir-only), built once per test run
    for all workers (tests/packaging/build.py). A dict: onedir (the folder), log, seconds."""
    pytest.importorskip(
        "PyInstaller", reason="PyInstaller is not installed (pip install -e '.[test]')"
    )
    from tests.packaging.build import onedir

    return onedir(tmp_path_factory)


@pytest.fixture(scope="session")
def linux_build(tmp_path_factory, linux_onedir):
    """The .deb and the tar.gz made from `linux_onedir`, once per test run for all workers.

    A dict: out (the folder), deb, tgz, onedir, log (build.sh's stdout), seconds.
    """
    from tests.packaging.build import packages

    return packages(tmp_path_factory, linux_onedir)

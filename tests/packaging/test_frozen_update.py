"""The frozen app updates itself from a signed TUF repository on 127.0.0.1.

A real PyInstaller onedir (build.spec) is the installed 0.1.0, a Linux portable folder whose
shipped trusted root is the test repository's (as a release built after the key ceremony has
it). The "0.2.0" it finds is the same build plus a marker file: one build keeps the test to a few
minutes, and what is under test is the frozen app's own check, download, verification, install at
the next start, the new bundle's real `self-test`, and the restart into it; a second version
whose self-test fails must be put back. Slow, marked `packaging` like the .deb tests.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.packaging.build import given_or_built
from tests.updates.tufrepo import LocalRepository

ROOT = Path(__file__).resolve().parents[2]
MARKER = "UPDATED-TO-0.2.0"
BROKEN = "BROKEN-0.3.0"

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="built on Linux here"),
]


@pytest.fixture(scope="module")
def onedir(request) -> Path:
    """The run's onedir (tests/conftest.py: linux_onedir), or one you already have."""
    return given_or_built(request, "DESKTOP_AGENT_TEST_ONEDIR", "linux_onedir", "onedir")


def _bundle(onedir: Path, dst: Path, root: Path) -> Path:
    shutil.copytree(onedir, dst, symlinks=True)
    shutil.copyfile(root, dst / "_internal" / "resources" / "update-root.json")
    return dst


def _start(app: Path, data: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(QT_QPA_PLATFORM="offscreen", DESKTOP_AGENT_SUPERVISED="off")
    return subprocess.Popen(
        [str(app / "desktop-agent"), "--data-dir", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(10)


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.5)


def _staged(data: Path) -> str | None:
    try:
        return json.loads((data / "updates" / "staged.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def _log(data: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in (data / "logs").glob("*.log*"))


@pytest.mark.timeout(900)
def test_the_frozen_app_updates_itself_and_a_broken_update_is_undone(onedir, tmp_path):
    repo = LocalRepository(tmp_path / "server")
    try:
        new = _bundle(onedir, tmp_path / "new", repo.root)
        (new / MARKER).write_text("0.2.0")
        repo.publish_folder("0.2.0", new)
        app = _bundle(onedir, tmp_path / "app", repo.root)
        data = tmp_path / "data"
        data.mkdir()
        (data / "settings.json").write_text(json.dumps({"update_url": repo.url}))

        # 1st start: the check (30 s after start) downloads and verifies 0.2.0; nothing installed.
        proc = _start(app, data)
        try:
            _wait_for(lambda: _staged(data) == "0.2.0", 240, "0.2.0 staged")
            assert not (app / MARKER).exists()
        finally:
            _stop(proc)

        # A broken 0.3.0 (its self-test fails: the sample job is missing) is published.
        broken = _bundle(onedir, tmp_path / "broken", repo.root)
        (broken / BROKEN).write_text("0.3.0")
        shutil.rmtree(broken / "_internal" / "resources" / "sample_job")
        repo.publish_folder("0.3.0", broken)

        # 2nd start: installed before anything else, its self-test passes, the app restarts in it.
        proc = _start(app, data)
        try:
            _wait_for(lambda: (app / MARKER).exists(), 240, "the new bundle in place")
            _wait_for(lambda: "installed 0.2.0, restarting" in _log(data), 60, "the log line")
            assert proc.poll() is None  # the same process, now the new version
            assert not (data / "updates" / "previous" / MARKER).exists()  # the old one, kept

            # The new version's own check stages the broken 0.3.0.
            _wait_for(lambda: _staged(data) == "0.3.0", 240, "0.3.0 staged")
        finally:
            _stop(proc)

        # 3rd start: 0.3.0 is installed, fails its self-test, and 0.2.0 is put back and keeps running.
        proc = _start(app, data)
        try:
            _wait_for(lambda: "failed its self-test" in _log(data), 240, "the rollback")
            assert (app / MARKER).exists() and not (app / BROKEN).exists()
            assert (app / "_internal" / "resources" / "sample_job" / "train.py").is_file()
            rejected = json.loads((data / "updates" / "rejected.json").read_text())
            assert rejected == {"version": "0.3.0"}
            time.sleep(2)
            assert proc.poll() is None  # the previous version keeps running
        finally:
            _stop(proc)
    finally:
        repo.close()

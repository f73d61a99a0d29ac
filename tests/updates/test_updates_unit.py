"""updates.py without a repository: install kinds, the daily checker, what a headless agent says."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop_agent import updates
from desktop_agent.config import Settings
from desktop_agent.updates import State, UpdateChecker, UpdateStatus

from .tufrepo import LocalRepository

pytestmark = pytest.mark.timeout(60)


def test_install_kinds(monkeypatch):
    assert updates.install_kind(frozen=False) == "pip"
    monkeypatch.setattr(updates.sys, "platform", "linux")
    assert updates.install_kind(True, "/opt/desktop-agent/desktop-agent") == "deb"
    assert updates.install_kind(True, "/home/v/desktop-agent/desktop-agent") == "portable"
    monkeypatch.setattr(updates.sys, "platform", "win32")
    assert (
        updates.install_kind(True, r"C:\Users\v\AppData\Local\Programs\Desktop Agent\x.exe")
        == "bundle"
    )


def test_the_install_dir_is_the_onedir_or_the_mac_app(tmp_path):
    exe = tmp_path / "Desktop Agent.app" / "Contents" / "MacOS" / "desktop-agent"
    assert updates.default_install_dir(str(exe)) == tmp_path / "Desktop Agent.app"
    onedir = tmp_path / "desktop-agent" / "desktop-agent"
    assert updates.default_install_dir(str(onedir)) == tmp_path / "desktop-agent"


def test_server_text_is_made_safe_for_consoles():
    assert updates._printable("bad\x1b[31mred\nline") == "bad?[31mred?line"
    assert len(updates._printable("x" * 1000)) == 200


class _Updater:
    def __init__(self):
        self.calls: list[bool | None] = []

    def check(self, download=None, on_progress=None):
        self.calls.append(download)
        return UpdateStatus(State.CURRENT, "0.1.0")


def test_the_checker_repeats_survives_a_broken_listener_and_stops_at_once():
    up = _Updater()
    calls = []

    def listener(status):
        calls.append(status)
        raise RuntimeError("listener bug")

    checker = UpdateChecker(up, listener, first_delay_s=0, every_s=0.02)  # type: ignore[arg-type]
    checker.start()
    deadline = time.monotonic() + 10
    while len(calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(calls) >= 3  # the exception did not end the checks
    slow = UpdateChecker(up, listener, first_delay_s=3600)  # type: ignore[arg-type]
    slow.start()
    started = time.monotonic()
    slow.stop()
    slow.join(5)
    checker.stop()
    checker.join(5)
    assert not slow._thread.is_alive() and time.monotonic() - started < 2
    assert not checker._thread.is_alive()


def test_a_headless_agent_only_says_and_the_placeholder_root_trusts_nobody(tmp_path):
    """With the shipped placeholder root, even a correctly signed repository is refused."""
    repo = LocalRepository(tmp_path / "server")
    try:
        repo.publish("0.1.0")
        repo.publish("9.0.0")
        said: list[str] = []
        done = threading.Event()
        settings = Settings(update_url=repo.url)

        def say(text):
            said.append(text)
            done.set()

        checker = updates.start_headless_checks(settings, tmp_path / "data", say, first_delay_s=0)
        assert checker is not None
        assert done.wait(30)
        checker.stop()
        assert said[0].startswith("Update refused: The update information is not signed")
        assert not (tmp_path / "data" / "updates" / "staged.json").exists()
        assert updates.start_headless_checks(Settings(), tmp_path, say) is None
    finally:
        repo.close()


def test_self_test_checks_the_trusted_root(tmp_path):
    assert updates.verify_trusted_root().startswith("trusted update root v1 verifies")
    forged = tmp_path / "root.json"
    doc = json.loads(
        Path(updates.__file__).parent.parent.joinpath("resources", "update-root.json").read_text()
    )
    doc["signed"]["expires"] = "2099-01-01T00:00:00Z"  # changed without the root keys
    forged.write_text(json.dumps(doc))
    from tuf.api.exceptions import UnsignedMetadataError

    with pytest.raises(UnsignedMetadataError, match=r"signed by 0/1 keys"):
        updates.verify_trusted_root(forged)


def test_the_client_imports_without_setuptools(tmp_path):
    """build.spec leaves setuptools out of the bundle; tufup's package still imports it."""
    import subprocess

    code = (
        "import importlib.abc, sys\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'setuptools' or name.startswith('setuptools.'):\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from desktop_agent import updates\n"
        "print(updates.verify_trusted_root())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "verifies" in done.stdout


def test_the_windows_install_script_keeps_the_old_version_tests_the_new_and_rolls_back(
    tmp_path, monkeypatch
):
    """Not run on Windows until CI runs it: here tufup's Windows installer writes its script
    and the Popen/exit at the end are recorded instead of run."""
    import subprocess

    from tufup.utils import platform_specific as ps

    started: list = []
    monkeypatch.setattr(ps, "ON_WINDOWS", True)
    monkeypatch.setattr(ps.subprocess, "Popen", lambda args, **kw: started.append((args, kw)))
    monkeypatch.setattr(updates.sys, "platform", "win32")
    src, dst = tmp_path / "updates" / "extract", tmp_path / "Desktop Agent"
    with pytest.raises(SystemExit):
        updates._install_with_script(src_dir=src, dst_dir=dst, purge_dst_dir=False)
    (script,), kw = started[0]
    text = Path(script).read_text()
    Path(script).unlink()
    exe = dst / "desktop-agent.exe"
    previous = tmp_path / "updates" / "previous"
    steps = [
        f'robocopy "{dst}" "{previous}" /e /purge',  # keep the previous version
        f'robocopy "{src}" "{dst}" /e /move',  # move the new one in
        f'"{exe}" self-test',
        "if errorlevel 1 (",
        f'robocopy "{previous}" "{dst}" /e /purge',  # put the previous one back
        f'start "" "{exe}"',
    ]
    at = [text.index(step) for step in steps]
    assert at == sorted(at), text
    assert kw["creationflags"] == getattr(subprocess, "CREATE_NO_WINDOW", 0)

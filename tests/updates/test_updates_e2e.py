"""The update check against a real, signed TUF repository on 127.0.0.1 (tests/updates/tufrepo.py).

Versions 0.1.0 and 0.2.0 are published as small tar.gz archives (not full PyInstaller bundles);
the client is desktop_agent.updates with its own metadata folder. Each attack the repository can
mount (a tampered archive, rolled-back metadata, expired metadata, metadata not signed by the
keys) must be refused with a clear message while the installed version keeps working: nothing is
staged, and a later check against an honest repository succeeds.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from desktop_agent import updates
from desktop_agent.config import Settings
from desktop_agent.updates import State, Updater, UpdateStatus

from .tufrepo import LocalRepository

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def repo(tmp_path):
    r = LocalRepository(tmp_path / "server")
    r.publish("0.1.0")
    yield r
    r.close()


def _updater(repo, tmp_path, current="0.1.0", kind="pip") -> Updater:
    return Updater(repo.url, tmp_path / "data", current, kind=kind, root=repo.root)


def test_finds_and_verifies_the_newer_version_and_says_how_to_get_it(repo, tmp_path):
    repo.publish("0.2.0")
    status = _updater(repo, tmp_path).check()
    assert (status.state, status.current, status.latest) == (State.AVAILABLE, "0.1.0", "0.2.0")
    assert "pip install --upgrade desktop-agent" in status.message
    assert not (tmp_path / "data" / "updates" / "staged.json").exists()  # pip: only says so
    deb = _updater(repo, tmp_path, kind="deb").check()
    assert "sudo apt install ./desktop-agent_0.2.0_amd64.deb" in deb.message


def test_the_newest_version_is_told_so(repo, tmp_path):
    repo.publish("0.2.0")
    status = _updater(repo, tmp_path, current="0.2.0").check()
    assert status.state is State.CURRENT and status.latest is None
    assert "0.2.0 is the newest version" in status.message


def test_a_bundle_downloads_verifies_and_stages_the_update(repo, tmp_path):
    archive = repo.publish("0.2.0")
    up = _updater(repo, tmp_path, kind="bundle")
    progress: list[UpdateStatus] = []
    status = up.check(on_progress=progress.append)
    assert (status.state, status.latest) == (State.STAGED, "0.2.0"), status.message
    assert progress and {p.state for p in progress} == {State.DOWNLOADING}
    assert progress[-1].message == "Downloading Desktop Agent 0.2.0… 100 %"
    heard = len(progress)
    assert up.check(on_progress=progress.append).state is State.STAGED
    assert len(progress) == heard  # verified copy already here: not downloaded again
    staged = up.staged()
    assert staged is not None and staged["version"] == "0.2.0"
    assert Path(staged["path"]).read_bytes() == archive.read_bytes()
    installed = {}
    up.app_install_dir = tmp_path / "app"
    up.app_install_dir.mkdir()
    assert up.apply_staged(install=lambda **kw: installed.update(kw))
    assert (installed["src_dir"] / "VERSION").read_text() == "0.2.0"
    assert installed["dst_dir"] == tmp_path / "app"
    assert up.staged() is None  # installed once, not again on every start


def _installed_app(repo, tmp_path) -> Path:
    """A Linux portable folder holding 0.1.0 (the published bundle's files)."""
    app = tmp_path / "app"
    shutil.copytree(repo.base / "bundle-0.1.0", app)
    return app


def test_a_portable_folder_updates_itself_and_starts_the_new_version(repo, tmp_path):
    repo.publish("0.2.0")
    app = _installed_app(repo, tmp_path)
    up = Updater(
        repo.url, tmp_path / "data", "0.1.0", kind="portable", root=repo.root, app_install_dir=app
    )
    assert up.check().state is State.STAGED
    started: list[Path] = []
    status = up.apply_staged(start_new=started.append)  # the real self-test of the new files
    assert status is not None and status.current == "0.2.0"
    assert (app / "VERSION").read_text() == "0.2.0"
    assert started == [app / "desktop-agent"]
    assert subprocess.run([app / "desktop-agent"], capture_output=True, text=True).stdout == (
        "desktop-agent 0.2.0\n"
    )
    assert (tmp_path / "data" / "updates" / "previous" / "VERSION").read_text() == "0.1.0"


def test_an_update_that_fails_its_self_test_is_undone_and_not_offered_again(repo, tmp_path):
    repo.publish("0.2.0", self_test_passes=False)
    app = _installed_app(repo, tmp_path)
    up = Updater(
        repo.url, tmp_path / "data", "0.1.0", kind="portable", root=repo.root, app_install_dir=app
    )
    assert up.check().state is State.STAGED
    status = up.apply_staged(start_new=lambda exe: pytest.fail("started a broken version"))
    assert status is not None and status.state is State.REFUSED
    assert "failed its self-test" in status.message and "0.1.0 keeps running" in status.message
    assert (app / "VERSION").read_text() == "0.1.0"  # the previous bundle is back
    assert sorted(p.name for p in app.iterdir()) == ["VERSION", "desktop-agent"]
    again = up.check()
    assert again.state is State.AVAILABLE and "is not installed again" in again.message
    assert up.staged() is None


def test_a_staged_archive_changed_on_disk_is_not_installed(repo, tmp_path):
    repo.publish("0.2.0")
    up = _updater(repo, tmp_path, kind="bundle")
    assert up.check().state is State.STAGED
    path = up.staged()["path"]
    path.write_bytes(path.read_bytes() + b"x")
    assert up.staged() is None
    assert not up.apply_staged(install=lambda **kw: pytest.fail("installed a changed archive"))


def test_a_tampered_archive_is_refused_and_nothing_is_staged(repo, tmp_path):
    repo.publish("0.2.0")
    served = repo.served / "targets" / "desktop-agent-0.2.0.tar.gz"
    data = bytearray(served.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same length, different content
    served.write_bytes(bytes(data))
    up = _updater(repo, tmp_path, kind="bundle")
    status = up.check()
    assert status.state is State.REFUSED, status.message
    assert "does not match its signed description" in status.message
    assert "This version keeps running" in status.message
    assert up.staged() is None
    assert list((tmp_path / "data" / "updates" / "targets").iterdir()) == []
    repo.serve_current()  # the honest repository again: the next check works
    assert up.check().state is State.STAGED


def test_rolled_back_metadata_is_refused(repo, tmp_path):
    old = repo.snapshot()  # the repository as it was with 0.1.0 only
    repo.publish("0.2.0")
    up = _updater(repo, tmp_path)
    assert up.check().state is State.AVAILABLE  # the client now trusts the newer metadata
    repo.serve(old)  # a compromised mirror replays the older, validly signed metadata
    status = up.check()
    assert status.state is State.REFUSED, status.message
    assert "older update information than this computer has already seen" in status.message
    assert "This version keeps running" in status.message
    repo.serve_current()
    assert up.check().latest == "0.2.0"


def test_expired_metadata_is_refused(repo, tmp_path):
    repo.publish("0.2.0")
    repo.expire("timestamp")
    status = _updater(repo, tmp_path, kind="bundle").check()
    assert status.state is State.REFUSED, status.message
    assert "has expired" in status.message and "This version keeps running" in status.message
    assert not (tmp_path / "data" / "updates" / "staged.json").exists()


def test_metadata_not_signed_by_the_trusted_keys_is_refused(repo, tmp_path):
    repo.publish("0.2.0")
    targets = repo.served / "metadata" / "targets.json"
    doc = json.loads(targets.read_text())
    doc["signed"]["targets"]["desktop-agent-9.9.9.tar.gz"] = doc["signed"]["targets"][
        "desktop-agent-0.2.0.tar.gz"
    ]  # an attacker adds a release without the targets key
    targets.write_text(json.dumps(doc))
    status = _updater(repo, tmp_path).check()
    assert status.state is State.REFUSED, status.message
    assert "not signed by the project's keys" in status.message


def test_a_repository_signed_with_other_keys_is_refused(repo, tmp_path):
    other = LocalRepository(tmp_path / "other")  # same layout, different keys
    try:
        other.publish("0.1.0")
        other.publish("0.3.0")
        status = Updater(other.url, tmp_path / "data", "0.1.0", kind="pip", root=repo.root).check()
        assert (
            status.state is State.REFUSED and "not signed by the project's keys" in status.message
        )
    finally:
        other.close()


def test_an_unreachable_server_is_a_retry_later(tmp_path, repo):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens there
    status = Updater(f"http://127.0.0.1:{port}", tmp_path / "d", "0.1.0", root=repo.root).check()
    assert status.state is State.UNREACHABLE and "try again later" in status.message


def test_checks_are_off_without_a_url_or_with_update_check_false(tmp_path):
    assert updates.from_settings(Settings(), tmp_path) is None
    assert (
        updates.from_settings(Settings(update_url="https://u", update_check=False), tmp_path)
        is None
    )
    up = updates.from_settings(Settings(update_url="https://u/"), tmp_path, "0.1.0")
    assert up is not None and up.url == "https://u"


def test_the_shipped_root_is_valid_signed_root_metadata():
    from tuf.api.metadata import Metadata, Root

    from desktop_agent.paths import resource_path

    root = Metadata[Root].from_file(str(resource_path(updates.ROOT_RESOURCE)))
    root.signed.verify_delegate(Root.type, root.signed_bytes, root.signatures)  # self-signed
    assert set(root.signed.roles) == {"root", "targets", "snapshot", "timestamp"}


def test_the_update_url_setting_is_validated():
    from desktop_agent import config

    assert config.validate({"update_url": ""}) == {"update_url": ""}
    assert config.validate({"update_url": "https://updates.example.org/tuf"})
    for bad in ("ftp://x", "updates.example.org", "https://"):
        with pytest.raises(config.SettingsError, match="update_url"):
            config.validate({"update_url": bad})
    with pytest.raises(config.SettingsError, match="update_check"):
        config.validate({"update_check": "yes"})


def test_a_folder_this_user_cannot_write_only_says_how_to_get_it(repo, tmp_path, monkeypatch):
    repo.publish("0.2.0")
    app = _installed_app(repo, tmp_path)
    monkeypatch.setattr(updates.os, "access", lambda path, mode: False)  # root may write anywhere
    up = Updater(
        repo.url, tmp_path / "data", "0.1.0", kind="portable", root=repo.root, app_install_dir=app
    )
    status = up.check()
    assert status.state is State.AVAILABLE
    assert "desktop-agent-0.2.0-linux-x86_64.tar.gz" in status.message
    assert up.staged() is None and up.apply_staged() is None

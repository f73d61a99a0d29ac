import logging
import stat
import sys

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as FailKeyring

from desktop_agent import identity


class MemoryKeyring(KeyringBackend):
    """The one fake for a keyring daemon (there is none on a headless CI box)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self):
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    yield
    keyring.set_keyring(previous)


def test_id_lives_in_keyring_and_is_stable(tmp_path, memory_keyring):
    first = identity.load_or_create(tmp_path)
    again = identity.load_or_create(tmp_path)
    assert first.storage == "keyring" and first.agent_id == again.agent_id
    assert not (tmp_path / "agent-id").exists()
    other = identity.load_or_create(tmp_path / "other")
    assert other.agent_id != first.agent_id  # one id per data folder


def test_fallback_file_is_private_and_warns(tmp_path, no_keyring, caplog):
    with caplog.at_level(logging.WARNING):
        ident = identity.load_or_create(tmp_path)
    assert ident.storage == "file"
    mode = stat.S_IMODE((tmp_path / "agent-id").stat().st_mode)
    assert mode == 0o600
    assert "No working system keyring" in caplog.text
    assert ident.agent_id not in caplog.text
    assert identity.load_or_create(tmp_path).agent_id == ident.agent_id


def test_file_id_moves_into_a_keyring_that_appears(tmp_path, no_keyring):
    ident = identity.load_or_create(tmp_path)
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    moved = identity.load_or_create(tmp_path)
    assert moved.agent_id == ident.agent_id and moved.storage == "keyring"
    assert not (tmp_path / "agent-id").exists()


def test_masking_hides_most_of_the_secret():
    masked = identity.mask_id("0123456789abcdef")
    assert "456789abcd" not in masked
    assert identity.mask_email("ann@example.com") == "a…@example.com"


def _identity_in_child(tmp_path, **env_extra):
    """load_or_create in a fresh interpreter with no session bus and no keyring configuration."""
    import json
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS",)}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    env.update(HOME=str(tmp_path), XDG_RUNTIME_DIR=str(tmp_path / "run"))
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), **env_extra)
    code = (
        "import json, sys; from pathlib import Path\n"
        "from desktop_agent.identity import load_or_create\n"
        f"ident = load_or_create(Path({str(tmp_path / 'data')!r}))\n"
        "print(json.dumps([ident.storage, 'keyring' in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.skipif(sys.platform != "linux", reason="the session-bus check is Linux's")
def test_no_session_bus_means_no_keyring_import(tmp_path):
    storage, imported = _identity_in_child(tmp_path)
    assert storage == "file" and not imported
    assert (tmp_path / "data" / "agent-id").stat().st_mode & 0o077 == 0
    # The same id on the next start.
    first = (tmp_path / "data" / "agent-id").read_text()
    _identity_in_child(tmp_path)
    assert (tmp_path / "data" / "agent-id").read_text() == first


@pytest.mark.skipif(sys.platform != "linux", reason="the session-bus check is Linux's")
def test_a_keyring_chosen_by_hand_is_still_asked(tmp_path):
    storage, imported = _identity_in_child(
        tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"
    )
    assert storage == "file" and imported

import logging
import stat

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

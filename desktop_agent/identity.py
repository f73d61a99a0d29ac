"""This machine's agent id: generated once, kept secret-ish, one per data folder.

The id is the only credential the backend has (there is no authentication),
so it lives in the OS keyring. Headless Linux usually has no keyring daemon;
then it goes to a 0600 file in the data folder and the log says so once.
Ids and emails are masked whenever they are logged.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from desktop_agent.engine.errors import DataFolderBroken

import keyring
from keyring.errors import KeyringError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "desktop-agent"


@dataclass(frozen=True)
class Identity:
    agent_id: str
    storage: str  # "keyring" or "file"


def _keyring_user(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"agent-id:{digest}"


def _file_read(path: Path) -> str | None:
    broken = DataFolderBroken(
        f"{path} is damaged (it does not hold an agent id) — delete it and start again; "
        "this machine then registers as a new one"
    )
    try:
        value = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        raise broken from exc
    if len(value) > 200 or not value.isprintable():
        raise broken
    return value or None


def _file_write(path: Path, value: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
    os.chmod(path, 0o600)


def load_or_create(data_dir: Path, identity_file: Path | None = None) -> Identity:
    """Return the id for `data_dir`, creating it on first use."""
    identity_file = identity_file or data_dir / "agent-id"
    user = _keyring_user(data_dir)
    try:
        stored = keyring.get_password(KEYRING_SERVICE, user)
        keyring_ok = True
    except (KeyringError, RuntimeError) as exc:
        log.debug("keyring unavailable: %s", exc)
        stored, keyring_ok = None, False

    if stored:
        return Identity(stored, "keyring")

    from_file = _file_read(identity_file)
    agent_id = from_file or str(uuid.uuid4())
    if keyring_ok:
        try:
            keyring.set_password(KEYRING_SERVICE, user, agent_id)
            if from_file:
                identity_file.unlink(missing_ok=True)
            return Identity(agent_id, "keyring")
        except (KeyringError, RuntimeError) as exc:
            log.debug("keyring refused the id: %s", exc)
    if not from_file:
        _file_write(identity_file, agent_id)
    log.warning(
        "No working system keyring: the agent id is kept in %s (readable only by you)",
        identity_file,
    )
    return Identity(agent_id, "file")


def forget(data_dir: Path, identity_file: Path | None = None) -> None:
    """Remove the id everywhere (uninstall, "reset this machine")."""
    try:
        keyring.delete_password(KEYRING_SERVICE, _keyring_user(data_dir))
    except (KeyringError, RuntimeError):
        pass
    (identity_file or data_dir / "agent-id").unlink(missing_ok=True)


def mask_id(agent_id: str) -> str:
    """Enough to tell machines apart in a log, not enough to impersonate one."""
    return f"{agent_id[:4]}…{agent_id[-2:]}" if len(agent_id) > 8 else "…"


def mask_email(email: str) -> str:
    name, sep, domain = email.partition("@")
    if not sep:
        return "…"
    return f"{name[:1]}…@{domain}"

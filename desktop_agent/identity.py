"""This machine's agent id: generated once, kept secret-ish, one per data folder.

The id is the only credential the backend has (there is no authentication),
so it lives in the OS keyring. Headless Linux usually has no keyring daemon;
then it goes to a 0600 file in the data folder and the log says so once.
Ids and emails are masked whenever they are logged.

`keyring` is imported only where a keyring can answer: loading its backends (D-Bus, crypto)
costs a headless agent about 10 MiB of memory for its whole life, for nothing, on a Linux
machine with no session bus and no keyring configured by hand.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from desktop_agent.engine.errors import DataFolderBroken

log = logging.getLogger(__name__)

KEYRING_SERVICE = "desktop-agent"


@dataclass(frozen=True)
class Identity:
    agent_id: str
    storage: str  # "keyring" or "file"


def _keyring_user(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"agent-id:{digest}"


def keyring_impossible() -> bool:
    """True when no keyring backend could answer, so `keyring` is not even imported.

    Linux only: the Secret Service and KWallet both need the D-Bus session bus. Not when
    keyring is already loaded (the desktop app, tests: it is asked as before), chosen by
    hand (`PYTHON_KEYRING_BACKEND`, a keyringrc.cfg), or extended (a `keyrings.*` package).
    """
    if sys.platform != "linux" or "keyring" in sys.modules:
        return False
    if os.environ.get("PYTHON_KEYRING_BACKEND") or os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    if Path(runtime, "bus").exists() or (config / "python_keyring" / "keyringrc.cfg").exists():
        return False
    return importlib.util.find_spec("keyrings") is None


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
    if keyring_impossible():
        return _from_file(identity_file)
    import keyring
    from keyring.errors import KeyringError

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
    return _from_file(identity_file, agent_id, from_file)


def _from_file(
    identity_file: Path, agent_id: str | None = None, existing: str | None = None
) -> Identity:
    """The id kept in the 0600 file (created when there is none yet)."""
    if agent_id is None:
        existing = _file_read(identity_file)
        agent_id = existing or str(uuid.uuid4())
    if not existing:
        _file_write(identity_file, agent_id)
    log.warning(
        "No working system keyring: the agent id is kept in %s (readable only by you)",
        identity_file,
    )
    return Identity(agent_id, "file")


def forget(data_dir: Path, identity_file: Path | None = None) -> None:
    """Remove the id everywhere (uninstall, "reset this machine")."""
    import keyring
    from keyring.errors import KeyringError

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

"""The user's mode (contributing, paused, snoozed, finish-then-pause), kept in the data folder.

It survives a restart: `mode.json` next to the store. `desktop-agent run --paused` writes it
before the engine starts (`save_mode_file`). A snooze that ran out while the app was not
running is read back as contributing.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from desktop_agent.engine.modes import Mode, ModeState

MODE_FILE = "mode.json"

log = logging.getLogger("desktop_agent.engine")


def save_mode_file(root: Path | str, state: ModeState) -> None:
    """Persist the mode atomically; the default (contributing) is the absence of the file."""
    path = Path(root) / MODE_FILE
    if state == ModeState():
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state.to_json()), encoding="utf-8")
    os.replace(tmp, path)


def load_mode_file(root: Path | str) -> ModeState:
    """The saved mode, or contributing when there is none (or it cannot be read)."""
    try:
        raw = json.loads((Path(root) / MODE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ModeState()
    state = ModeState.from_json(raw)
    if state.mode is Mode.SNOOZED and state.until is not None and state.until <= time.time():
        return ModeState()
    return state


class ModeStore:
    """Loads and saves the mode of one data folder; a failed save is logged, never fatal."""

    def __init__(self, root: Path):
        self._root = root

    def load(self) -> ModeState:
        return load_mode_file(self._root)

    def save(self, state: ModeState) -> None:
        try:
            save_mode_file(self._root, state)
        except OSError as exc:
            log.warning("could not save the mode: %s", exc)

"""Fixtures for the GUI tests: a real DevServer, data folders, and an AppController factory.

Nothing here calls QApplication.exit/quit: the controller gets a recording quit function.
"""

from __future__ import annotations

import pytest

from desktop_agent.config import DataPaths, Settings

from .helpers import VOLUNTEER, QuitRecorder


@pytest.fixture(autouse=True)
def _own_autostart_folder(tmp_path, monkeypatch):
    """Setup ticks "start at login": never write the real user's autostart folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def devserver():
    from desktop_agent.devserver import DevServer

    with DevServer(requeue_after=600) as server:
        server.add_owner(VOLUNTEER)
        yield server


@pytest.fixture
def paths(tmp_path) -> DataPaths:
    return DataPaths(tmp_path / "agent-data").ensure()


@pytest.fixture
def make_controller(qtbot, paths):
    """Build an AppController; at teardown stop its engine and wait for the thread."""
    from desktop_agent.gui.app import AppController

    made = []

    def make(settings: Settings | None = None, **kw):
        quit_fn = kw.pop("quit_fn", QuitRecorder())
        kw.setdefault("tray_available", False)
        c = AppController(paths, settings or Settings(), quit_fn=quit_fn, **kw)
        c.quit_recorder = quit_fn
        made.append(c)
        return c

    yield make
    for c in made:
        if c.setup_dialog is not None:
            c.setup_dialog.reject()
        if c.bridge.is_running():
            with qtbot.waitSignal(c.bridge.engine_stopped, timeout=20_000):
                c.quit()
        c.tray.hide()
        c.window.tray_available = True  # closing now only hides
        c.window.close()
        c.window.deleteLater()

"""The first-run dialog against the real DevServer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_agent.config import Settings, load_settings
from desktop_agent.engine.events import AgentState
from desktop_agent.gui.setup_dialog import SetupDialog
from .helpers import VOLUNTEER

pytestmark = pytest.mark.timeout(60)


def _fill(qtbot, dlg: SetupDialog, email: str, server: str) -> None:
    dlg.email_edit.clear()
    qtbot.keyClicks(dlg.email_edit, email)
    qtbot.mouseClick(dlg.advanced_button, Qt.LeftButton)
    assert dlg.server_edit.isVisible()
    dlg.server_edit.clear()
    qtbot.keyClicks(dlg.server_edit, server)


def test_unknown_email_shows_inline_error(qtbot, devserver, paths):
    dlg = SetupDialog(paths, server=devserver.url)
    qtbot.addWidget(dlg)
    dlg.show()
    _fill(qtbot, dlg, "nobody@example.com", devserver.url)
    qtbot.mouseClick(dlg.connect_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dlg.error_label.isVisible(), timeout=15_000)
    assert "no account yet" in dlg.error_label.text()
    assert "register on the website first" in dlg.error_label.text()
    assert dlg.isVisible() and not dlg.is_busy()
    assert dlg.connect_button.isEnabled()


def test_malformed_email_is_caught_before_sending(qtbot, devserver, paths):
    dlg = SetupDialog(paths, server=devserver.url)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.email_edit, "volunteer-at-example")
    qtbot.keyClick(dlg.email_edit, Qt.Key_Return)
    assert dlg.error_label.isVisible()
    assert "doesn't look like an email" in dlg.error_label.text()
    assert not dlg.is_busy()
    assert devserver.calls("/agent/register") == []


def test_unreachable_server_says_so(qtbot, paths):
    dlg = SetupDialog(paths)
    qtbot.addWidget(dlg)
    dlg.show()
    _fill(qtbot, dlg, VOLUNTEER, "http://127.0.0.1:9")
    qtbot.mouseClick(dlg.connect_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dlg.error_label.isVisible(), timeout=30_000)
    assert "Can't reach the server at http://127.0.0.1:9" in dlg.error_label.text()


def test_first_run_setup_registers_and_contributes(qtbot, devserver, paths, make_controller):
    c = make_controller(Settings(server=devserver.url))
    assert c.needs_setup()
    with qtbot.waitSignal(c.setup_shown, timeout=5_000):
        c.start()
    dlg = c.setup_dialog
    assert dlg is not None and dlg.isVisible()
    assert not c.window.isVisible()
    _fill(qtbot, dlg, "  Volunteer@Example.com ", devserver.url)
    with qtbot.waitSignal(
        c.bridge.state_changed, timeout=20_000, check_params_cb=lambda e: e.state == AgentState.IDLE
    ):
        qtbot.mouseClick(dlg.connect_button, Qt.LeftButton)
    assert not dlg.isVisible()
    assert c.window.isVisible()
    saved = load_settings(paths.root)
    assert saved.email == VOLUNTEER and saved.server == devserver.url
    assert c.window.settings_tab.email_label.text() == VOLUNTEER
    assert len(devserver.calls("/agent/register")) >= 1
    assert "waiting for work" in c.window.now_tab.state_label.text().lower()


def test_cancelling_first_run_setup_quits(qtbot, paths, make_controller):
    c = make_controller(Settings())
    c.start()
    c.setup_dialog.reject()
    qtbot.waitUntil(lambda: c.quit_recorder.calls == 1, timeout=5_000)
    assert not c.bridge.is_running()


def test_setup_dialog_uses_the_engine_wording_for_unknown_and_wrong_servers():
    """One wording source: the CLI and the dialog say the same thing."""
    from desktop_agent.engine import errors
    from desktop_agent.gui.setup_dialog import message_for_error

    assert message_for_error(errors.EmailNotFound("x"), "http://s") == errors.EMAIL_UNKNOWN_MESSAGE
    words = errors.not_this_server_words("http://s", "HTTP 501 on /agent/register")
    assert message_for_error(errors.NotThisServer(words), "http://s") == words
    assert "does not look like a Grid-X server (HTTP 501 on /agent/register)" in words

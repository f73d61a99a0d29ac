"""The first-run dialog against the real DevServer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop_agent.config import Settings, load_settings
from desktop_agent.engine.events import AgentState
from desktop_agent.gui.setup_dialog import SetupDialog
from .helpers import VOLUNTEER

pytestmark = pytest.mark.timeout(60)


def _fill(qtbot, dlg: SetupDialog, email: str, server: str, *, always: bool = True) -> None:
    """Step 1: the email and the server; then, on a first run, Next to step 2 and its choice."""
    dlg.email_edit.clear()
    qtbot.keyClicks(dlg.email_edit, email)
    if not dlg.server_edit.isVisible():
        qtbot.mouseClick(dlg.advanced_button, Qt.LeftButton)
    assert dlg.server_edit.isVisible()
    dlg.server_edit.clear()
    qtbot.keyClicks(dlg.server_edit, server)
    if dlg.next_button.isVisible():
        assert not dlg.connect_button.isVisible()  # a first run asks how to help before connecting
        qtbot.mouseClick(dlg.next_button, Qt.LeftButton)
        assert dlg.choice.isVisible() and dlg.connect_button.isVisible()
        if always:
            radio = dlg.choice.always_choice
            qtbot.mouseClick(radio, Qt.LeftButton, pos=QPoint(6, radio.height() // 2))
            assert radio.isChecked()


def test_unknown_email_shows_inline_error(qtbot, devserver, paths):
    dlg = SetupDialog(paths, server=devserver.url)
    qtbot.addWidget(dlg)
    dlg.show()
    _fill(qtbot, dlg, "nobody@example.com", devserver.url)
    qtbot.mouseClick(dlg.connect_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dlg.error_label.isVisible(), timeout=15_000)
    assert "no account yet" in dlg.error_label.text()
    assert "lower case" in dlg.error_label.text()  # what a volunteer with capitals can do
    assert dlg.isVisible() and not dlg.is_busy()
    assert dlg.email_edit.isVisible()  # back at the email, where the fix is
    assert dlg.next_button.isEnabled()


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


@pytest.mark.parametrize(
    ("typed", "completed"),
    [
        ("grid-x.example.org", "https://grid-x.example.org"),
        ("grid-x.example.org/api/", "https://grid-x.example.org/api"),
        ("localhost:8000", "http://localhost:8000"),
        ("127.0.0.1:9", "http://127.0.0.1:9"),
        ("https://a.example", "https://a.example"),
        ("  http://b.example/ ", "http://b.example"),
    ],
)
def test_an_address_without_a_scheme_is_completed(qtbot, paths, typed, completed):
    from desktop_agent.gui.setup_dialog import complete_address

    assert complete_address(typed) == completed
    dlg = SetupDialog(paths)
    qtbot.addWidget(dlg)
    dlg.server_edit.setText(typed)
    assert dlg.server == completed


def test_the_dialog_says_whether_the_server_is_the_default(qtbot, paths):
    from desktop_agent.config import DEFAULT_SERVER

    dlg = SetupDialog(paths)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.server_note.isVisible()  # said plainly, not folded under Advanced
    assert dlg.server_note.text() == f"Connects to {DEFAULT_SERVER}, the project's default server."
    dlg.server_edit.setText("other.example")
    assert "https://other.example — not the project's default server" in dlg.server_note.text()


def test_no_account_names_the_website_with_a_link(qtbot, devserver, paths):
    dlg = SetupDialog(paths, server=devserver.url, website="https://grid-x.example/signup")
    qtbot.addWidget(dlg)
    dlg.show()
    _fill(qtbot, dlg, "nobody@example.com", devserver.url)
    qtbot.mouseClick(dlg.connect_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dlg.error_label.isVisible(), timeout=15_000)
    text = dlg.error_label.text()
    assert '<a href="https://grid-x.example/signup">' in text and "no account yet" in text
    assert dlg.error_label.openExternalLinks()


def test_a_server_that_is_not_grid_x_is_not_called_unreachable(qtbot, devserver, paths):
    dlg = SetupDialog(paths)
    qtbot.addWidget(dlg)
    dlg.show()
    _fill(qtbot, dlg, VOLUNTEER, devserver.url + "/not-the-api")
    qtbot.mouseClick(dlg.connect_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dlg.error_label.isVisible(), timeout=15_000)
    text = dlg.error_label.text()
    assert "does not look like a Grid-X server" in text and "Can't reach" not in text


def test_start_at_login_is_ticked_by_default_and_applied(qtbot, devserver, paths, tmp_path):
    from desktop_agent.platform import autostart

    dlg = SetupDialog(paths, server=devserver.url)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not autostart.is_enabled()
    _fill(qtbot, dlg, VOLUNTEER, devserver.url)
    assert dlg.autostart_check.isVisible() and dlg.autostart_check.isChecked()
    with qtbot.waitSignal(dlg.accepted, timeout=15_000):
        qtbot.mouseClick(dlg.connect_button, Qt.LeftButton)
    assert autostart.is_enabled()
    assert str(autostart.linux_entry_path()).startswith(str(tmp_path))


def test_step_two_saves_how_and_when_to_help(qtbot, devserver, paths):
    dlg = SetupDialog(paths, server=devserver.url)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.step_label.text() == "Step 1 of 2"
    _fill(qtbot, dlg, VOLUNTEER, devserver.url, always=False)
    assert dlg.step_label.text() == "Step 2 of 2"
    assert dlg.choice.idle_choice.isChecked()  # what the first words promise: while you are away
    dlg.choice.idle_minutes.setValue(10)
    qtbot.mouseClick(dlg.back_button, Qt.LeftButton)
    assert dlg.email_edit.isVisible() and dlg.email_edit.text() == VOLUNTEER
    qtbot.mouseClick(dlg.next_button, Qt.LeftButton)
    assert dlg.choice.idle_minutes.value() == 10  # kept across Back
    with qtbot.waitSignal(dlg.accepted, timeout=15_000):
        qtbot.mouseClick(dlg.connect_button, Qt.LeftButton)
    saved = load_settings(paths.root)
    assert saved.run_when_idle_only is True and saved.idle_minutes == 10.0
    assert saved.job_low_priority is True and saved.email == VOLUNTEER


def test_always_at_low_priority_turns_the_idle_rule_off(qtbot, devserver, paths):
    from desktop_agent.config import save_settings

    save_settings(paths.root, {"run_when_idle_only": True})
    dlg = SetupDialog(paths, server=devserver.url)
    qtbot.addWidget(dlg)
    dlg.show()
    _fill(qtbot, dlg, VOLUNTEER, devserver.url, always=True)
    with qtbot.waitSignal(dlg.accepted, timeout=15_000):
        qtbot.mouseClick(dlg.connect_button, Qt.LeftButton)
    saved = load_settings(paths.root)
    assert saved.run_when_idle_only is False and saved.job_low_priority is True


def test_changing_the_account_is_one_step_and_leaves_the_rules(qtbot, devserver, paths):
    from desktop_agent.config import save_settings

    save_settings(paths.root, {"run_when_idle_only": True, "idle_minutes": 7.0})
    dlg = SetupDialog(paths, email="old@example.com", server=devserver.url)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.connect_button.isVisible() and not dlg.next_button.isVisible()
    assert not dlg.step_label.isVisible()
    _fill(qtbot, dlg, VOLUNTEER, devserver.url)
    with qtbot.waitSignal(dlg.accepted, timeout=15_000):
        qtbot.mouseClick(dlg.connect_button, Qt.LeftButton)
    saved = load_settings(paths.root)
    assert saved.run_when_idle_only is True and saved.idle_minutes == 7.0


def test_a_server_that_is_not_the_default_is_shown_to_check(qtbot, paths):
    from desktop_agent.config import DEFAULT_SERVER

    other = SetupDialog(paths, server="https://other.example")
    qtbot.addWidget(other)
    other.show()
    assert other.server_edit.isVisible() and other.server_edit.text() == "https://other.example"
    default = SetupDialog(paths, server=DEFAULT_SERVER)
    qtbot.addWidget(default)
    default.show()
    assert not default.server_edit.isVisible() and default.server_note.isVisible()

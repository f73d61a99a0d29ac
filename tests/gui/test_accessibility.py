"""Legible, labelled, reachable: contrast of helper and error text, accessible names, mnemonics, fit."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QStyleFactory,
)

from desktop_agent.config import Settings
from desktop_agent.gui.legible import (
    MIN_CONTRAST,
    ErrorLabel,
    HelperLabel,
    contrast,
    dark_palette,
    error_colour,
    helper_colour,
)

pytestmark = pytest.mark.timeout(60)


def _palettes():
    return {
        "light (Fusion)": QStyleFactory.create("Fusion").standardPalette(),
        "light (this style)": QApplication.style().standardPalette(),
        "dark": dark_palette(),
    }


@pytest.mark.parametrize("name", ["light (Fusion)", "light (this style)", "dark"])
def test_helper_and_error_text_reach_wcag_aa(qtbot, name):
    from PySide6.QtGui import QColor

    from desktop_agent.gui.legible import backgrounds

    pal = _palettes()[name]
    window = pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    under = backgrounds(pal)
    if name == "dark":
        under.append(QColor("#434343"))  # measured: Fusion's dark tab pane in the screenshots
    for bg in under:
        assert contrast(helper_colour(pal), bg) >= MIN_CONTRAST, bg.name()
        assert contrast(error_colour(pal), bg) >= MIN_CONTRAST, bg.name()
    # What disabled labels used to look like: the check can fail.
    greyed = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    assert contrast(greyed, window) < MIN_CONTRAST or name == "dark"


def test_labels_follow_a_switch_to_a_dark_palette(qtbot):
    app = QApplication.instance()
    old = app.palette()
    helper, error = HelperLabel("hint"), ErrorLabel("oops")
    qtbot.addWidget(helper)
    qtbot.addWidget(error)
    try:
        app.setPalette(dark_palette())
        qtbot.waitUntil(
            lambda: (
                helper.palette().color(QPalette.ColorRole.WindowText)
                == helper_colour(dark_palette())
            )
        )
        window = dark_palette().color(QPalette.ColorRole.Window)
        assert (
            contrast(helper.palette().color(QPalette.ColorRole.WindowText), window) >= MIN_CONTRAST
        )
        assert (
            contrast(error.palette().color(QPalette.ColorRole.WindowText), window) >= MIN_CONTRAST
        )
    finally:
        app.setPalette(old)


def _screens(make_controller, paths):
    from desktop_agent.gui.setup_dialog import SetupDialog

    c = make_controller(
        Settings(email="v@example.com"), tray_available=False, agent_factory=lambda *a, **k: None
    )
    dlg = SetupDialog(paths)
    return c, [c.window, dlg]


def test_no_label_is_greyed_out_by_disabling_it(qtbot, make_controller, paths):
    c, screens = _screens(make_controller, paths)
    for screen in screens:
        qtbot.addWidget(screen) if screen is not c.window else None
        for label in screen.findChildren(QLabel):
            assert label.isEnabled(), (type(screen).__name__, label.text())


def test_every_control_has_a_name_for_screen_readers(qtbot, make_controller, paths):
    c, screens = _screens(make_controller, paths)
    missing = []
    for screen in screens:
        if screen is not c.window:
            qtbot.addWidget(screen)
        for w in screen.findChildren(QAbstractButton):
            if w.objectName().startswith("qt_") or isinstance(w.parent(), QLineEdit):
                continue  # Qt's own parts (a table's corner, a line edit's clear button)
            if not (w.accessibleName() or w.text().replace("&", "").strip()):
                missing.append(f"{type(w).__name__} {w.objectName()!r} {w.toolTip()!r}")
        for cls in (QLineEdit, QComboBox, QAbstractSpinBox):
            for w in screen.findChildren(cls):
                if isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
                    continue  # the line edit inside a spin box or combo box: its owner is named
                if not w.accessibleName():
                    missing.append(f"{type(w).__name__} {w.objectName()!r}")
    assert missing == []


def _mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString()


def test_mnemonics_do_not_clash_on_any_page(qtbot, make_controller):
    c = make_controller(
        Settings(email="v@example.com"), tray_available=False, agent_factory=lambda *a, **k: None
    )
    w = c.window
    shared = [_mnemonic(w.tabs.tabText(i)) for i in range(w.tabs.count())]
    shared += [_mnemonic(a.text()) for a in w.menuBar().actions()]
    for i in range(w.tabs.count()):
        page = w.tabs.widget(i)
        keys = shared + [_mnemonic(b.text()) for b in page.findChildren(QAbstractButton)]
        keys = [k for k in keys if k]
        dupes = {k for k in keys if keys.count(k) > 1}
        assert not dupes, (w.tabs.tabText(i), sorted(dupes))


def test_the_window_fits_1366x768_at_150_percent(qtbot, make_controller):
    """1366×768 at 150 % is 911×512 logical pixels; leave room for a panel and the title bar."""
    c = make_controller(
        Settings(email="v@example.com"), tray_available=True, agent_factory=lambda *a, **k: None
    )
    w = c.window
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        hint = w.minimumSizeHint()
        assert hint.width() <= 900 and hint.height() <= 460, (w.tabs.tabText(i), hint)
    w.tabs.setCurrentWidget(w.settings_tab)
    w.resize(900, 460)
    w.show()
    qtbot.waitExposed(w)
    assert w.width() <= 900 and w.height() <= 460
    tab = w.settings_tab
    for index in range(len(tab.pages)):
        tab.show_page(index)
        hint = w.minimumSizeHint()
        assert hint.width() <= 900 and hint.height() <= 460, (tab.pages[index][0], hint)
        assert tab.apply_button.isVisible()  # the one Apply stays in view on every page
    tab.show_page(1)  # "When to contribute", the longest page
    tab.rules_panel.schedule_editor.these_hours.setChecked(True)
    qtbot.waitUntil(lambda: tab.scroll_area.verticalScrollBar().maximum() > 0)  # the rest scrolls


def test_settings_has_one_apply_and_saves_the_popup_switch(qtbot, tmp_path):
    import json

    from desktop_agent.gui.settings_tab import SettingsTab

    tab = SettingsTab(tmp_path)
    qtbot.addWidget(tab)
    tab.show()
    shown = [b.text() for b in tab.findChildren(QAbstractButton) if b.isVisible()]
    assert [t for t in shown if t.replace("&", "") in ("Save", "Apply")] == ["&Apply"]
    assert tab.notify_check.isChecked()
    tab.notify_check.setChecked(False)
    tab.rules_panel.battery.setChecked(False)
    with qtbot.waitSignal(tab.saved) as sig:
        tab.apply_button.click()
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["notify_task_done"] is False and saved["pause_on_battery"] is False
    assert sig.args[0]["notify_task_done"] is False
    tab.notify_check.setChecked(True)
    tab.revert_button.click()
    assert not tab.notify_check.isChecked()  # back to what is saved

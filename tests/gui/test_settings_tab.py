"""The Settings tab: pages, one Apply, Revert, the new controls, screen-reader names and mnemonics."""

from __future__ import annotations


import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTimeEdit,
)

from desktop_agent.config import Settings, load_settings, save_settings
from desktop_agent.gui.settings_tab import SettingsTab

pytestmark = pytest.mark.timeout(60)


def _tab(qtbot, data_dir) -> SettingsTab:
    tab = SettingsTab(data_dir)
    qtbot.addWidget(tab)
    tab.show_settings("v@example.com", "https://grid-x.example", "system")
    tab.resize(800, 500)
    tab.show()
    return tab


def test_apply_writes_every_new_setting(qtbot, tmp_path):
    tab = _tab(qtbot, tmp_path)
    rules = tab.rules_panel
    rules.programs.add("steam")
    rules.programs.add("blender.exe")
    rules.programs.add("steam")  # listed once
    rules.cpu_temp.setValue(85)
    rules.throttle.setValue(40)
    tab.network_page.download_rate.setValue(2048)
    tab.network_page.upload_rate.setValue(512)
    tab.network_page.monthly_gb.setValue(50)
    tab.notifications_page.problems_check.setChecked(False)
    tab.notify_check.setChecked(False)
    tab.account_page.language.setCurrentIndex(tab.account_page.language.findData("de"))
    assert not (tmp_path / "settings.json").exists()  # nothing is written before Apply
    assert "press Apply" in tab.status_label.text()
    with qtbot.waitSignal(tab.saved) as sig:
        tab.apply_button.click()
    s = load_settings(tmp_path)
    assert s.pause_programs == ["steam", "blender.exe"]
    assert s.cpu_max_temp_c == 85.0 and s.cpu_throttle_pct == 40
    assert s.max_download_kib_s == 2048 and s.monthly_transfer_mb == 50 * 1024
    assert s.max_upload_kib_s == 512
    assert s.notify_problems is False and s.notify_task_done is False
    assert s.language == "de"
    assert sig.args[0]["language"] == "de" and sig.args[0]["cpu_throttle_pct"] == 40
    assert "next time the app starts" in tab.status_label.text()


def test_revert_writes_nothing_and_puts_back_what_is_saved(qtbot, tmp_path):
    save_settings(tmp_path, {"cpu_throttle_pct": 60, "pause_programs": ["steam"]})
    before = (tmp_path / "settings.json").read_text()
    tab = _tab(qtbot, tmp_path)
    assert tab.rules_panel.throttle.value() == 60
    assert tab.rules_panel.programs.programs() == ["steam"]
    tab.rules_panel.throttle.setValue(10)
    tab.rules_panel.programs.list.setCurrentRow(0)
    tab.rules_panel.programs.remove_button.click()
    tab.network_page.monthly_gb.setValue(3)
    tab.revert_button.click()
    assert (tmp_path / "settings.json").read_text() == before
    assert tab.rules_panel.throttle.value() == 60
    assert tab.rules_panel.programs.programs() == ["steam"]
    assert tab.network_page.monthly_gb.value() == 0


def test_an_unchanged_page_keeps_values_a_spin_box_cannot_show(qtbot, tmp_path):
    save_settings(tmp_path, {"monthly_transfer_mb": 1500, "idle_minutes": 2.5})
    tab = _tab(qtbot, tmp_path)
    tab.notify_check.setChecked(False)
    tab.apply_button.click()
    s = load_settings(tmp_path)
    assert s.monthly_transfer_mb == 1500 and s.idle_minutes == 2.5


def test_a_bad_schedule_is_told_in_words_and_its_page_shown(qtbot, tmp_path):
    tab = _tab(qtbot, tmp_path)
    editor = tab.rules_panel.schedule_editor
    editor.these_hours.setChecked(True)  # but no hours on any day
    tab.apply_button.click()
    assert tab.stack.currentIndex() == 1
    assert 'Add hours to at least one day, or choose "Any time"' in tab.status_label.text()
    assert not (tmp_path / "settings.json").exists()


def test_the_language_choice_says_when_it_takes_effect(qtbot, tmp_path):
    tab = _tab(qtbot, tmp_path)
    combo = tab.account_page.language
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "",
        "en",
        "de",
        "fr",
        "es",
        "zh_CN",
    ]
    assert combo.currentData() == ""  # the system's language by default
    texts = [lbl.text() for lbl in tab.account_page.findChildren(QLabel)]
    assert any("next time the app starts" in t for t in texts)


def test_each_page_fits_1366x768_at_150_percent(qtbot, make_controller):
    """Logical size × 1.5 must fit the screen less a panel (48 px) and a title bar (~45 px)."""
    c = make_controller(
        Settings(email="v@example.com"), tray_available=True, agent_factory=lambda *a, **k: None
    )
    w = c.window
    w.tabs.setCurrentWidget(w.settings_tab)
    tab = w.settings_tab
    for index, (title, _page) in enumerate(tab.pages):
        tab.show_page(index)
        hint = w.minimumSizeHint()
        assert hint.width() * 1.5 <= 1366 and hint.height() * 1.5 <= 768 - 48 - 45, (title, hint)


def _controls(page):
    for cls in (QLineEdit, QComboBox, QAbstractSpinBox, QListWidget):
        for w in page.findChildren(cls):
            if isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
                continue  # the line edit inside a spin box or combo box
            yield w


def test_every_control_is_named_and_labelled(qtbot, tmp_path):
    tab = _tab(qtbot, tmp_path)
    tab.rules_panel.schedule_editor.set_schedule({"mon": ["09:00-17:00"]})
    unnamed, unlabelled = [], []
    for title, page in tab.pages:
        buddies = {id(lbl.buddy()) for lbl in page.findChildren(QLabel) if lbl.buddy()}
        for w in _controls(page):
            if not w.accessibleName():
                unnamed.append((title, type(w).__name__))
            if isinstance(w, QTimeEdit):
                continue  # "Monday from" / "Monday until": named; the day's label stands beside
            if id(w) not in buddies:
                unlabelled.append((title, w.accessibleName()))
        for b in page.findChildren(QAbstractButton):
            if not (b.accessibleName() or b.text().replace("&", "").strip()):
                unnamed.append((title, type(b).__name__))
    assert unnamed == [] and unlabelled == []


def test_mnemonics_are_unique_on_each_page(qtbot, make_controller):
    c = make_controller(
        Settings(email="v@example.com"), tray_available=False, agent_factory=lambda *a, **k: None
    )
    w = c.window
    shared = [QKeySequence.mnemonic(w.tabs.tabText(i)).toString() for i in range(w.tabs.count())]
    shared += [QKeySequence.mnemonic(a.text()).toString() for a in w.menuBar().actions()]
    tab = w.settings_tab
    shared += [
        QKeySequence.mnemonic(b.text()).toString() for b in (tab.apply_button, tab.revert_button)
    ]
    for title, page in tab.pages:
        texts = [b.text() for b in page.findChildren(QAbstractButton)]
        texts += [lbl.text() for lbl in page.findChildren(QLabel) if lbl.buddy()]
        keys = [k for k in shared + [QKeySequence.mnemonic(t).toString() for t in texts] if k]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        assert not dupes, (title, dupes)


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_a_narrow_window_keeps_every_page_name_whole(qtbot, tmp_path, qapp, lang):
    """At its smallest the window narrows the page, not the list of page names on the left."""
    from PySide6.QtCore import QLocale

    from desktop_agent.gui import i18n
    from desktop_agent.gui.main_window import MainWindow

    before = QLocale()
    i18n.install(qapp, lang)
    try:
        w = MainWindow(tmp_path, tray_available=True)
        qtbot.addWidget(w)
        w.tabs.setCurrentWidget(w.settings_tab)
        w.show()
        qtbot.waitExposed(w)
        pages = w.settings_tab.page_list
        for index in range(pages.count()):
            w.settings_tab.show_page(index)
            w.resize(w.minimumSizeHint())
            qapp.processEvents()
            longest = pages.sizeHintForColumn(0)
            assert pages.viewport().width() >= longest, (index, pages.viewport().width(), longest)
            assert pages.horizontalScrollBar().maximum() == 0, index
            area = w.settings_tab.scroll_area
            assert area.horizontalScrollBar().maximum() == 0, index
    finally:
        i18n.install(qapp, "en")
        QLocale.setDefault(before)

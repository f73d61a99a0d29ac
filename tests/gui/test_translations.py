"""Every language the app offers has a complete, current catalogue, and the setting picks it.

The catalogues are checked against a fresh extraction of the code (the same
lupdate run `scripts/update_translations.sh` makes), so a new `tr()` string
without a translation fails here, listed per language; the committed `.qm`
files must be what lrelease makes of the committed `.ts` files. The windows in
each language: tests/gui/test_translated_windows.py.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QKeySequence

from desktop_agent.gui import i18n

pytestmark = pytest.mark.timeout(120)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "update_translations.sh"

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _qt_tool(name: str) -> str:
    import PySide6

    return str(Path(PySide6.__file__).parent / name)


def _sources() -> list[str]:
    """The folders the update script extracts from: one list for the script and this test."""
    match = re.search(r'^SOURCES="([^"]*)"', SCRIPT.read_text(), re.MULTILINE)
    assert match, "scripts/update_translations.sh lost its SOURCES line"
    return match.group(1).split()


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(context, source) -> (translation, its type: "" when finished)."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            assert tr is not None
            out[(name, message.findtext("source") or "")] = (tr.text or "", tr.get("type", ""))
    return out


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str, str]]:
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    subprocess.run(
        [_qt_tool("lupdate"), "-extensions", "py", "-locations", "none", *_sources(), "-ts", fresh],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=60,
    )
    found = set(_messages(fresh))
    assert len(found) > 300, "lupdate found almost nothing: is it reading the code?"
    return found


@pytest.mark.parametrize("lang", i18n.TRANSLATED)
def test_every_string_in_the_code_has_a_finished_translation(extracted, lang):
    catalogue = _messages(i18n.translations_dir() / f"desktop_agent_{lang}.ts")
    untranslated = sorted(
        f"  [{context}] {source!r}"
        for context, source in extracted
        if catalogue.get((context, source), ("", "unfinished"))[1] != ""
        or not catalogue[(context, source)][0].strip()
    )
    assert not untranslated, (
        f"{len(untranslated)} strings have no finished {lang} translation; run "
        f"scripts/update_translations.sh, translate them in "
        f"resources/translations/desktop_agent_{lang}.ts, then "
        f"scripts/update_translations.sh release:\n" + "\n".join(untranslated)
    )


@pytest.mark.parametrize("lang", i18n.TRANSLATED)
def test_translations_keep_placeholders_and_mnemonics(lang):
    """A lost {placeholder} raises at .format(); a lost & loses the keyboard shortcut."""
    wrong = []
    for (context, source), (text, _kind) in _messages(
        i18n.translations_dir() / f"desktop_agent_{lang}.ts"
    ).items():
        if not text:
            continue
        if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(text)):
            wrong.append(f"  [{context}] {source!r} -> {text!r}: placeholders differ")
        if bool(_mnemonic(source)) != bool(_mnemonic(text)):
            wrong.append(f"  [{context}] {source!r} -> {text!r}: the & mnemonic is lost or added")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", i18n.TRANSLATED)
def test_the_compiled_catalogues_are_up_to_date(tmp_path, lang):
    ts = i18n.translations_dir() / f"desktop_agent_{lang}.ts"
    qm = tmp_path / f"{lang}.qm"
    subprocess.run(
        [_qt_tool("lrelease"), "-nounfinished", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    committed = i18n.translations_dir() / f"desktop_agent_{lang}.qm"
    assert committed.read_bytes() == qm.read_bytes(), (
        f"{committed.name} is older than its .ts: run scripts/update_translations.sh release"
    )


# --- choosing the language ------------------------------------------------------------------


@pytest.mark.parametrize(
    "setting, system, expected",
    [
        ("de", "en_US", "de"),
        ("en", "de_DE", "en"),
        ("", "de_AT", "de"),
        ("", "fr_CA", "fr"),
        ("", "es_MX", "es"),
        ("", "zh_CN", "zh_CN"),
        ("", "zh_SG", "zh_CN"),
        ("", "zh_TW", "en"),  # traditional characters: no catalogue, English
        ("", "ja_JP", "en"),
        ("klingon", "fr_FR", "fr"),  # an unknown setting falls back to the system's
    ],
)
def test_the_language_comes_from_the_setting_or_the_system(setting, system, expected):
    assert i18n.resolve(setting, QLocale(system)) == expected


def _mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString()


def test_the_language_is_chosen_in_settings(qtbot, tmp_path):
    import json

    from desktop_agent.gui.settings_tab import SettingsTab

    tab = SettingsTab(tmp_path)
    qtbot.addWidget(tab)
    combo = tab.account_page.language
    assert combo.currentData() == "" and combo.currentIndex() == 0  # the system's, by default
    assert [combo.itemData(i) for i in range(combo.count())] == ["", *i18n.LANGUAGES]
    combo.setCurrentIndex(combo.findData("zh_CN"))
    with qtbot.waitSignal(tab.saved) as saved:  # the Settings' one Apply saves every page
        tab.apply_button.click()
    assert saved.args[0]["language"] == "zh_CN"
    assert json.loads((tmp_path / "settings.json").read_text())["language"] == "zh_CN"
    again = SettingsTab(tmp_path)
    qtbot.addWidget(again)
    assert again.account_page.language.currentData() == "zh_CN"
    assert again.account_page.language.currentText() == i18n.LANGUAGES["zh_CN"]

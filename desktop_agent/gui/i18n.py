"""The app's language: Qt translators for our words and for Qt's own (standard buttons).

The catalogues are made with Qt's tools (`scripts/update_translations.sh`:
pyside6-lupdate extracts every `tr()`/`translate()` literal into
`resources/translations/desktop_agent_<lang>.ts`, a translator fills them in,
pyside6-lrelease compiles the `.qm` files the app loads). The `language`
setting picks one; "" follows the system's preferred languages. English is the
source text, so it needs no catalogue. Translators must be installed before any
widget is built: widgets take their words once, when they are made, so a change
of language applies the next time the app starts.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop_agent.paths import resource_path

log = logging.getLogger(__name__)

# Each language in its own words, so a person can find theirs in a list they cannot read.
LANGUAGES = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "zh_CN": "简体中文",
}
TRANSLATED = ("de", "fr", "es", "zh_CN")
CATALOGUE = "desktop_agent"

_BY_QT_LANGUAGE = {
    QLocale.Language.English: "en",
    QLocale.Language.German: "de",
    QLocale.Language.French: "fr",
    QLocale.Language.Spanish: "es",
}


def translations_dir() -> Path:
    return resource_path("translations")


def qt_translations_dir() -> Path:
    """Where Qt's own catalogues (qtbase_de.qm, …) are: the Qt that PySide6 brought."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def _from_locale(locale: QLocale) -> str | None:
    language = locale.language()
    if language == QLocale.Language.Chinese:
        # Simplified characters: mainland China and Singapore, or an explicit Hans script.
        if locale.script() == QLocale.Script.SimplifiedChineseScript:
            return "zh_CN"
        if locale.script() == QLocale.Script.AnyScript and locale.territory() in (
            QLocale.Country.China,
            QLocale.Country.Singapore,
        ):
            return "zh_CN"
        return None  # traditional Chinese: no catalogue, so the next preference decides
    return _BY_QT_LANGUAGE.get(language)


def resolve(setting: str, system: QLocale | None = None) -> str:
    """The language to show: the setting, or the first of the system's preferences we have."""
    if setting in LANGUAGES:
        return setting
    locale = system if system is not None else QLocale.system()
    traditional = False  # "zh-Hant-TW" comes with a bare "zh" fallback that means Simplified
    for name in [*locale.uiLanguages(), locale.name()]:
        candidate = QLocale(name)
        found = _from_locale(candidate)
        if candidate.language() == QLocale.Language.Chinese:
            traditional = traditional or found is None
            if traditional:
                continue
        if found:
            return found
    return "en"


def install(app: QCoreApplication, setting: str = "", system: QLocale | None = None) -> str:
    """Load the catalogues for `setting` into `app` (replacing earlier ones); the language used."""
    for old in getattr(app, "_desktop_agent_translators", ()):
        app.removeTranslator(old)
    language = resolve(setting, system)
    if _from_locale(system if system is not None else QLocale.system()) != language:
        QLocale.setDefault(QLocale(language))  # dates follow the words; else the system's own
    loaded: list[QTranslator] = []
    if language != "en":
        for name, folder in (
            (f"{CATALOGUE}_{language}.qm", translations_dir()),
            (f"qtbase_{language}.qm", qt_translations_dir()),
        ):
            translator = QTranslator(app)
            if translator.load(name, str(folder)) and app.installTranslator(translator):
                loaded.append(translator)
            else:
                log.warning("no %s in %s: those words stay in English", name, folder)
    app._desktop_agent_translators = loaded  # type: ignore[attr-defined]  # kept alive with the app
    return language

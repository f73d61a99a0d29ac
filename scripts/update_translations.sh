#!/bin/sh
# The app's catalogues: extract, then (after a translator has edited the .ts files) compile.
#
#   scripts/update_translations.sh          # lupdate: new strings into resources/translations/*.ts
#   (translate: pyside6-linguist resources/translations/desktop_agent_de.ts, or edit the XML:
#    fill <translation>, drop type="unfinished"; keep {placeholders} and one & mnemonic)
#   scripts/update_translations.sh release  # lrelease: .ts -> the .qm files the app loads
#
# PYTHON names the interpreter that has PySide6 (default: python on PATH, e.g. an active venv).
#
# tests/gui/test_translations.py fails, listing them, while a string is untranslated or a .qm is stale.
set -eu
cd "$(dirname "$0")/.."
# Qt's tools come with PySide6 (next to its package); PYTHON is the one that has it installed.
QT_TOOLS=$("${PYTHON:-python}" -c 'import os, PySide6; print(os.path.dirname(PySide6.__file__))')
LANGS="de fr es zh_CN"
# Every module that shows words to a person; job and server text is never in here.
SOURCES="desktop_agent/gui"
case "${1:-update}" in
update)
    for lang in $LANGS; do
        "$QT_TOOLS/lupdate" -extensions py -locations none -no-obsolete -source-language en \
            -target-language "$lang" $SOURCES -ts "resources/translations/desktop_agent_$lang.ts"
    done
    ;;
release)
    for lang in $LANGS; do
        "$QT_TOOLS/lrelease" -nounfinished "resources/translations/desktop_agent_$lang.ts" \
            -qm "resources/translations/desktop_agent_$lang.qm"
    done
    ;;
*)
    echo "usage: $0 [update|release]" >&2
    exit 2
    ;;
esac

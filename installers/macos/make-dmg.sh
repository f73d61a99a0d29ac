#!/usr/bin/env bash
# Build "Desktop Agent.app" (build.spec's BUNDLE) and a .dmg; optionally sign and notarize.
#   installers/macos/make-dmg.sh                      unsigned, for testing
#   SIGN_ID="Developer ID Application: Name (TEAMID)" NOTARY_PROFILE=desktop-agent \
#     installers/macos/make-dmg.sh                    signed, notarized, stapled
# NOTARY_PROFILE is a keychain profile made once with:
#   xcrun notarytool store-credentials desktop-agent --apple-id you@example.com --team-id TEAMID
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
VERSION="$("$PY" -c 'import desktop_agent; print(desktop_agent.__version__)')"
APP="dist/pyinstaller/Desktop Agent.app"
DMG="dist/desktop-agent-$VERSION-macos-$(uname -m).dmg"

if [ ! -f installers/macos/app.icns ]; then  # icon from the SVG
    tmp="$(mktemp -d)/app.iconset"; mkdir -p "$tmp"
    for px in 16 32 128 256 512; do
        qlmanage -t -s $((px * 2)) -o "$tmp" resources/icons/app.svg >/dev/null 2>&1 || true
        sips -z $px $px "$tmp/app.svg.png" --out "$tmp/icon_${px}x${px}.png" >/dev/null
        sips -z $((px * 2)) $((px * 2)) "$tmp/app.svg.png" --out "$tmp/icon_${px}x${px}@2x.png" >/dev/null
    done
    rm -f "$tmp/app.svg.png"
    iconutil -c icns "$tmp" -o installers/macos/app.icns
fi

"$PY" -m PyInstaller --noconfirm --distpath dist/pyinstaller --workpath build/pyinstaller build.spec
"$APP/Contents/MacOS/desktop-agent" self-test

if [ -n "${SIGN_ID:-}" ]; then
    # Hardened runtime is required for notarization; the entitlements let the embedded
    # Python load its own unsigned-by-Apple libraries and let uv/jobs run.
    codesign --force --deep --options runtime --timestamp \
        --entitlements installers/macos/entitlements.plist --sign "$SIGN_ID" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
fi

rm -f "$DMG"
staging="$(mktemp -d)"
cp -R "$APP" "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "Desktop Agent" -srcfolder "$staging" -ov -format UDZO "$DMG"

if [ -n "${SIGN_ID:-}" ]; then
    codesign --timestamp --sign "$SIGN_ID" "$DMG"
    if [ -n "${NOTARY_PROFILE:-}" ]; then
        xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
        xcrun stapler staple "$DMG"
        spctl --assess --type open --context context:primary-signature -v "$DMG"
    fi
fi
du -h "$DMG"

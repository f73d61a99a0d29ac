#!/usr/bin/env bash
# Build the Linux onedir (PyInstaller, build.spec), a .deb and a portable .tar.gz.
#
#   installers/linux/build.sh [--onedir DIR | --onedir-only] [--out DIR] [--compression xz|zstd|both]
#
#   --onedir DIR   reuse an already built onedir (dist/desktop-agent) instead of running PyInstaller
#   --onedir-only  stop after the onedir (OUT/pyinstaller/desktop-agent): no packages
#   --out DIR      where packages go (default: dist/)
#   --compression  .deb compression (default: xz, the smaller; "both" builds and measures both)
#   DEB_LEVEL=N    compression level (default 6)
#
# Needs: the project's virtualenv with PyInstaller (pip install -e '.[test]'), dpkg-deb, tar.
# Optional: systemd-analyze (unit check). PNG icons are rendered with Qt from the build's Python.
# Prints the sizes of the bundle and of each package.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
ONEDIR=""
ONEDIR_ONLY=""
OUT="$ROOT/dist"
COMPRESSION="xz"
LEVEL="${DEB_LEVEL:-6}"  # xz -6 (dpkg's default): ~1 min here; -9 saves little and takes 2-3x longer
while [ $# -gt 0 ]; do
    case "$1" in
        --onedir) ONEDIR="$2"; shift 2 ;;
        --onedir-only) ONEDIR_ONLY=1; shift ;;
        --out) OUT="$2"; shift 2 ;;
        --compression) COMPRESSION="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
VERSION="$("$PY" -c 'import desktop_agent; print(desktop_agent.__version__)')"
ARCH="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
mkdir -p "$OUT"
mib() { du -sb "$1" | awk '{printf "%.1f MiB", $1/1048576}'; }

if [ -z "$ONEDIR" ]; then
    start=$(date +%s)
    "$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$OUT/pyinstaller" \
        --workpath "$ROOT/build/pyinstaller" build.spec
    echo "onedir built in $(( $(date +%s) - start )) s"
    ONEDIR="$OUT/pyinstaller/desktop-agent"
fi
[ -x "$ONEDIR/desktop-agent" ] || { echo "no onedir at $ONEDIR" >&2; exit 1; }
echo "size: onedir $(mib "$ONEDIR") (uv $(mib "$ONEDIR/_internal/bin/uv"))"
[ -z "$ONEDIR_ONLY" ] || exit 0

# --- the package tree ------------------------------------------------------------------------
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/pkg"
install -d "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" "$PKG/usr/lib/systemd/user" \
    "$PKG/usr/lib/systemd/system" "$PKG/etc/desktop-agent" "$PKG/usr/share/icons/hicolor/scalable/apps" \
    "$PKG/usr/share/doc/desktop-agent" "$PKG/DEBIAN"
cp -a "$ONEDIR" "$PKG/opt/desktop-agent"
cp installers/README.md "$PKG/opt/desktop-agent/README.md"
cat > "$PKG/usr/bin/desktop-agent" <<'SH'
#!/bin/sh
exec /opt/desktop-agent/desktop-agent "$@"
SH
chmod 755 "$PKG/usr/bin/desktop-agent"
install -m 644 installers/linux/desktop-agent.desktop "$PKG/usr/share/applications/"
install -m 644 installers/linux/systemd/desktop-agent.service "$PKG/usr/lib/systemd/user/"
install -m 644 installers/linux/systemd/desktop-agent-fleet.service "$PKG/usr/lib/systemd/system/"
install -m 640 installers/linux/env.example "$PKG/etc/desktop-agent/env"
install -m 644 resources/icons/app.svg "$PKG/usr/share/icons/hicolor/scalable/apps/desktop-agent.svg"
"$PY" installers/linux/render_icons.py resources/icons/app.svg "$PKG/usr/share/icons/hicolor"
printf 'desktop-agent %s\nLicense: MIT\nBundles Qt (LGPLv3), Python (PSF), uv (MIT/Apache-2.0).\n' "$VERSION" \
    > "$PKG/usr/share/doc/desktop-agent/copyright"

for script in postinst prerm postrm; do
    install -m 755 "installers/linux/debian/$script" "$PKG/DEBIAN/$script"
done
echo "/etc/desktop-agent/env" > "$PKG/DEBIAN/conffiles"
installed_kb=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
cat > "$PKG/DEBIAN/control" <<CTRL
Package: desktop-agent
Version: $VERSION
Architecture: $ARCH
Maintainer: desktop-agent maintainers <maintainers@desktop-agent.invalid>
Installed-Size: $installed_kb
Depends: libc6 (>= 2.31), adduser | passwd
Recommends: python3 (>= 3.10), libegl1, libgl1, libfontconfig1, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, bubblewrap
Suggests: gnome-keyring | kwalletmanager
Section: science
Priority: optional
Homepage: https://github.com/desktop-agent/desktop-agent
Description: lend this computer's CPU/GPU to train slices of ML jobs
 A tray app and headless agent that takes training tasks from a Grid-X
 server, runs them in a sandboxed, cached Python environment and uploads
 the results. Includes a systemd user unit and a system unit for fleets.
CTRL

# --- check the units ---------------------------------------------------------------------------
if command -v systemd-analyze >/dev/null 2>&1; then
    # ExecStart= must exist for verify, and /opt/desktop-agent does not yet: check copies that
    # start /bin/true (the test suite verifies the installed units too). Warnings such as
    # "Unknown key name" are failures here.
    install -d -m 700 "$STAGE/verify/run"
    for unit in "$PKG/usr/lib/systemd/user/desktop-agent.service" "$PKG/usr/lib/systemd/system/desktop-agent-fleet.service"; do
        copy="$STAGE/verify/$(basename "$unit")"
        sed 's#/opt/desktop-agent/desktop-agent#/bin/true#' "$unit" > "$copy"
        flag=""; case "$unit" in */user/*) flag="--user" ;; esac
        if ! msgs=$(XDG_RUNTIME_DIR="$STAGE/verify/run" systemd-analyze verify $flag "$copy" 2>&1) \
            || echo "$msgs" | grep -q -i -e unknown -e ignoring -e invalid; then
            echo "$msgs" >&2; echo "systemd-analyze verify failed for $(basename "$unit")" >&2; exit 1
        fi
        echo "unit ok (systemd-analyze verify): $(basename "$unit")"
    done
else
    echo "systemd-analyze not found: units not verified"
fi

# --- packages ------------------------------------------------------------------------------------
build_deb() {  # $1 = xz|zstd
    local deb="$OUT/desktop-agent_${VERSION}_${ARCH}.deb"
    [ "$COMPRESSION" = both ] && deb="$OUT/desktop-agent_${VERSION}_${ARCH}.$1.deb"
    local start=$(date +%s)
    dpkg-deb --root-owner-group -Z"$1" -z"$LEVEL" --build "$PKG" "$deb" >/dev/null
    echo "size: .deb ($1 -z$LEVEL) $(mib "$deb")  [$deb, $(( $(date +%s) - start )) s]"
}
case "$COMPRESSION" in
    both) build_deb zstd; build_deb xz; cp "$OUT/desktop-agent_${VERSION}_${ARCH}.xz.deb" "$OUT/desktop-agent_${VERSION}_${ARCH}.deb" ;;
    xz|zstd) build_deb "$COMPRESSION" ;;
    *) echo "unknown compression $COMPRESSION" >&2; exit 2 ;;
esac

# Portable tar.gz: the onedir plus the desktop file, units and icon, to unpack anywhere.
TARROOT="$STAGE/tar/desktop-agent-$VERSION"
install -d "$TARROOT/share"
cp -a "$ONEDIR"/. "$TARROOT/"
cp installers/linux/desktop-agent.desktop installers/linux/systemd/*.service installers/linux/env.example \
    resources/icons/app.svg "$TARROOT/share/"
cp installers/README.md "$TARROOT/README.md"
TGZ="$OUT/desktop-agent-${VERSION}-linux-$(uname -m).tar.gz"
tar -C "$STAGE/tar" -cf - "desktop-agent-$VERSION" | gzip -9 > "$TGZ"
echo "size: tar.gz $(mib "$TGZ")  [$TGZ]"

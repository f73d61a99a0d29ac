#!/usr/bin/env bash
# Build the agent's OCI image from Debian's packages, with no image registry:
#   installers/fleet/container/build.sh DEB [--out DIR] [--rootfs-only]
# 1. mmdebstrap makes a Debian bookworm minbase root filesystem with ca-certificates,
#    bubblewrap, python3 (jobs' environments are built from it) and the agent's .deb installed, the service user `desktop-agent` at uid 10001;
# 2. podman builds Containerfile (FROM scratch + that tarball + metadata) as
#    localhost/desktop-agent:<version> and saves it as an OCI archive next to the tarball.
# --rootfs-only stops after step 1 (where podman cannot build, e.g. no usable storage driver).
# Needs: root, mmdebstrap, network to a Debian mirror; podman for step 2.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DEB="" OUT="dist/container" ROOTFS_ONLY=0 SUITE="${SUITE:-bookworm}"
while [ $# -gt 0 ]; do
    case "$1" in
        --out) OUT="$2"; shift 2 ;;
        --rootfs-only) ROOTFS_ONLY=1; shift ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) DEB="$1"; shift ;;
    esac
done
[ -f "$DEB" ] || { echo "usage: $0 path/to/desktop-agent_<ver>_amd64.deb [--out DIR] [--rootfs-only]" >&2; exit 2; }
VERSION="$(dpkg-deb -f "$DEB" Version)"
mkdir -p "$OUT"
DEB="$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")"

started=$(date +%s)
mmdebstrap --variant=minbase --include=ca-certificates,bubblewrap,python3 \
    --customize-hook='chroot "$1" groupadd --system --gid 10001 desktop-agent' \
    --customize-hook='chroot "$1" useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/desktop-agent --no-create-home --shell /usr/sbin/nologin desktop-agent' \
    --customize-hook="copy-in $DEB /tmp" \
    --customize-hook='chroot "$1" sh -c "dpkg -i /tmp/desktop-agent_*.deb && rm -f /tmp/desktop-agent_*.deb"' \
    --customize-hook='rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/* "$1"/usr/share/man/* "$1"/usr/share/locale/*' \
    "$SUITE" "$OUT/rootfs.tar"
echo "rootfs: $OUT/rootfs.tar ($(du -m "$OUT/rootfs.tar" | cut -f1) MiB, $(( $(date +%s) - started )) s)"
[ "$ROOTFS_ONLY" = 1 ] && exit 0

cp "$HERE/Containerfile" "$OUT/Containerfile"
podman build --tag "localhost/desktop-agent:$VERSION" --file "$OUT/Containerfile" "$OUT"
podman save --format oci-archive --output "$OUT/desktop-agent-$VERSION.oci.tar" "localhost/desktop-agent:$VERSION"
echo "image: localhost/desktop-agent:$VERSION ($OUT/desktop-agent-$VERSION.oci.tar)"

"""Render the app's SVG icon to the PNG sizes a Linux icon theme wants, with Qt's own SVG renderer.

The build already has PySide6 in its environment, so this needs no rsvg-convert or ImageMagick and
gives the same pixels on every build machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (32, 48, 64, 128, 256)


def render(svg: Path, hicolor: Path) -> list[Path]:
    """Write hicolor/<n>x<n>/apps/desktop-agent.png for every size; return the files written."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    written = []
    for px in SIZES:
        image = QImage(px, px, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        out = hicolor / f"{px}x{px}" / "apps" / "desktop-agent.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            raise SystemExit(f"render_icons: could not write {out}")
        written.append(out)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: render_icons.py ICON.svg HICOLOR_DIR")
    app = QGuiApplication([])
    files = render(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"icons: PNG {SIZES[0]}-{SIZES[-1]} px rendered with Qt, plus SVG ({len(files)} files)")

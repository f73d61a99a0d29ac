"""What the screenshot scripts share: letting Qt paint, waiting for a state, taking a shot.

Scripts, not tests: no qtbot here. A shot is ImageMagick's `import` of the whole
X screen (Xvfb + trayer, see screenshots.sh).
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

VOLUNTEER = "volunteer@example.com"


def spin(ms: int) -> None:
    """Let Qt run for `ms` milliseconds (a script, not a test: no qtbot here)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def spin_until(pred, timeout_s: float = 60.0) -> None:
    end = time.monotonic() + timeout_s
    while not pred():
        if time.monotonic() > end:
            raise TimeoutError("screenshot step timed out")
        spin(100)


def run_bg(*cmd: str) -> None:
    """Run an X tool while Qt keeps painting."""
    proc = subprocess.Popen(cmd)
    spin_until(lambda: proc.poll() is not None, 30)
    if proc.returncode:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode})")


def open_tray_menu(tray, tries: int = 3) -> None:
    """Open the tray icon's menu as a volunteer does: a right click on the icon in the tray.

    The icon's geometry is in Qt's device-independent pixels; xdotool clicks in the screen's
    own, so it is scaled by the device pixel ratio (QT_SCALE_FACTOR=1.5 puts it elsewhere).
    Until the tray host has embedded the icon, its geometry is a 22×22 window at the
    screen's origin, and a click there opens nothing (under load that takes seconds):
    wait for the icon to be placed, and click again a few times. Where no click opens it,
    the menu is shown by Qt at the icon (the same menu, the same `aboutToShow` rebuild), so
    every language gets its shot.
    """
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QGuiApplication

    def placed() -> bool:
        geo = tray.icon.geometry()
        return not geo.isEmpty() and geo.topLeft() != QPoint(0, 0)

    try:
        spin_until(placed, 20)
    except TimeoutError:
        pass
    for _ in range(tries):
        if not placed():
            break
        geo = tray.icon.geometry()
        screen = QGuiApplication.screenAt(geo.center()) or QGuiApplication.primaryScreen()
        ratio = screen.devicePixelRatio()
        x, y = round(geo.center().x() * ratio), round(geo.center().y() * ratio)
        run_bg("xdotool", "mousemove", str(x), str(y), "click", "3")
        try:
            spin_until(lambda: tray.menu.isVisible(), 5)
            return
        except TimeoutError:
            run_bg("xdotool", "key", "Escape")  # a half-opened menu or grab: start clean
    at = (
        tray.icon.geometry().bottomLeft()
        if placed()
        else QPoint(QGuiApplication.primaryScreen().availableGeometry().right(), 0)
    )
    tray.menu.popup(at)
    spin_until(lambda: tray.menu.isVisible(), 10)


def shot(out: Path, name: str) -> None:
    spin(600)
    target = out / name
    run_bg("import", "-window", "root", "-colors", "256", str(target))
    print(f"{target} ({target.stat().st_size // 1024} KB)")

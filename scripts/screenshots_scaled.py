"""Screenshots at 150 % on a 1366×768 screen: Settings fits and scrolls; the dark Now page reads.

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1.5 python scripts/screenshots_scaled.py resources/screenshots

Shots: settings-150.png (the Settings page, the window as large as the screen allows),
dashboard-dark-150.png (the Now page under the dark palette).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "resources/screenshots").resolve()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Desktop Agent")
    from desktop_agent.gui.legible import dark_palette
    from desktop_agent.gui.main_window import MainWindow
    from screenshot_tools import shot, spin

    with tempfile.TemporaryDirectory() as tmp:
        w = MainWindow(Path(tmp), tray_available=True)
        w.settings_tab.show_settings("volunteer@example.com", "https://grid-x.example", "system")
        w.tabs.setCurrentWidget(w.settings_tab)
        avail = app.primaryScreen().availableGeometry()
        w.move(0, 0)
        w.resize(avail.width(), avail.height() - 30)  # room for the title bar
        w.show()
        spin(800)
        shot(out, "settings-150.png")
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        w.tabs.setCurrentWidget(w.now_tab)
        shot(out, "dashboard-dark-150.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

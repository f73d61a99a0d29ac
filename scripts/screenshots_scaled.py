"""Screenshots at 150 % on a 1366×768 screen: Settings fits and scrolls; the dark pages read.

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1.5 python scripts/screenshots_scaled.py resources/screenshots

Shots: settings-150.png ("When to contribute", with a schedule, the window as large as the
screen allows), setup-choice-150.png (the first run's second step), and under the dark palette
settings-dark-150.png ("How much to use") and dashboard-dark-150.png (the Now page,
fed the events of a task in training).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screenshot_tools import shot, spin


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "resources/screenshots").resolve()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Desktop Agent")
    from desktop_agent.gui import i18n

    i18n.install(app, os.environ.get("SCREENSHOT_LANGUAGE", "en"))  # as the app does at start
    from desktop_agent.config import DataPaths, save_settings
    from desktop_agent.engine.events import (
        AgentState,
        JobDescribed,
        Phase,
        PhaseProgress,
        StateChanged,
        TaskStarted,
    )
    from desktop_agent.gui.legible import dark_palette
    from desktop_agent.gui.main_window import MainWindow
    from desktop_agent.gui.setup_dialog import SetupDialog

    with tempfile.TemporaryDirectory() as tmp:
        weekdays = {d: ["18:00-23:00"] for d in ("mon", "tue", "wed", "thu", "fri")}
        save_settings(
            Path(tmp),
            {"schedule": {**weekdays, "sat": ["00:00-24:00"]}, "pause_programs": ["steam"]},
        )
        w = MainWindow(Path(tmp), tray_available=True)
        w.settings_tab.show_settings("volunteer@example.com", "https://grid-x.example", "system")
        w.tabs.setCurrentWidget(w.settings_tab)
        w.settings_tab.show_page(1)  # "When to contribute"
        avail = app.primaryScreen().availableGeometry()
        w.move(0, 0)
        w.resize(avail.width(), avail.height() - 30)  # room for the title bar
        w.show()
        spin(800)
        shot(out, "settings-150.png")
        w.hide()
        dlg = SetupDialog(DataPaths(Path(tmp) / "setup").ensure())
        dlg.email_edit.setText("volunteer@example.com")
        dlg.move(40, 40)
        dlg.show()
        dlg.next_button.click()
        spin(500)
        shot(out, "setup-choice-150.png")
        dlg.reject()
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        w.show()
        w.settings_tab.show_page(2)  # "How much to use"
        spin(500)
        shot(out, "settings-dark-150.png")
        # The Now page as the engine's events leave it mid-task (the same events a run sends).
        now = w.now_tab
        now.on_state(StateChanged(AgentState.WORKING))
        now.on_task_started(TaskStarted(3, 1, "https://grid-x.example", at=time.time() - 95))
        now.on_job(JobDescribed(1, "Sentiment classifier"))
        now.on_phase(PhaseProgress(3, Phase.TRAINING, 0.42, "epoch 2/5"))
        w.tabs.setCurrentWidget(now)
        spin(300)
        shot(out, "dashboard-dark-150.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Reproduce the README screenshots against a local DevServer.

Needs an X display with a system tray (see scripts/screenshots.sh, which starts
Xvfb and trayer), ImageMagick's `import` and `xdotool`:

    DISPLAY=:99 QT_QPA_PLATFORM=xcb python scripts/screenshots_app.py resources/screenshots

Shots: setup-dialog.png, setup-choice.png, dashboard-task.png, dashboard-dark.png, machine.png, logs.png,
history.png, dashboard-outage.png, tray-menu.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import cast

from PySide6.QtWidgets import QApplication
from screenshot_tools import VOLUNTEER, open_tray_menu, shot, spin, spin_until


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "resources/screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationDisplayName("Desktop Agent")
    app.setQuitOnLastWindowClosed(False)
    from desktop_agent.gui import i18n

    i18n.install(app, os.environ.get("SCREENSHOT_LANGUAGE", "en"))  # as the app does at start

    from desktop_agent.config import DataPaths, Settings
    from desktop_agent.devserver import DevServer
    from desktop_agent.engine.events import Phase
    from desktop_agent.gui import states
    from desktop_agent.gui.app import AppController
    from desktop_agent.paths import sample_job_dir

    app.setWindowIcon(states.app_icon())
    code = (
        (sample_job_dir() / "train.py")
        .read_bytes()
        .replace(b'os.environ.get("SAMPLE_JOB_SECONDS", "1.0")', b'"16"')
    )
    with DevServer(faults_enabled=True) as server, tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")  # setup ticks start-at-login
        server.add_owner(VOLUNTEER)
        server.submit_job(sample_job_dir(), code=code, chunks=3, title="Sentiment classifier")
        paths = DataPaths(Path(tmp) / "data").ensure()
        c = AppController(
            paths, Settings(server=server.url, poll_interval=0.5), quit_fn=lambda: None
        )
        print("tray available:", c.tray_available)
        c.start()
        dlg = c.setup_dialog
        assert dlg is not None
        dlg.move(80, 80)
        dlg.email_edit.setText(VOLUNTEER)
        shot(out, "setup-dialog.png")
        dlg.next_button.click()  # step 2: how and when to help
        shot(out, "setup-choice.png")
        dlg.choice.always_choice.setChecked(True)  # Xvfb has no one at the keyboard to wait for

        dlg.connect_button.click()
        spin_until(lambda: c.window.isVisible())
        c.window.move(60, 60)
        c.window.resize(760, 560)
        now = c.window.now_tab
        spin_until(
            lambda: (
                now.phase is not None
                and now.phase.phase == Phase.TRAINING
                and (now.phase.fraction or 0) >= 0.25
                and now.eta_label.text() != "—"
            )
        )
        shot(out, "dashboard-task.png")

        # The same dashboard under a dark palette: text must stay legible (palette roles only).
        from desktop_agent.gui.legible import dark_palette

        light = app.palette()
        style = app.style().name()
        dark = dark_palette()
        app.setStyle("Fusion")
        app.setPalette(dark)
        shot(out, "dashboard-dark.png")
        app.setStyle(style)
        app.setPalette(light)

        c.window.tabs.setCurrentWidget(c.window.machine_tab)
        spin(3000)
        shot(out, "machine.png")

        c.window.tabs.setCurrentWidget(c.window.logs_tab)
        shot(out, "logs.png")

        spin_until(lambda: c.window.history_tab.model.rowCount() >= 2, 120)
        c.window.tabs.setCurrentWidget(c.window.history_tab)
        c.window.history_tab.refresh()
        shot(out, "history.png")

        # An outage while a result waits: the reassuring words, the countdown and Retry now.
        c.window.tabs.setCurrentWidget(now)
        server.faults.fail_next("/agent/heartbeat", n=100_000, status=503)
        server.faults.fail_next("/agent/upload_result", n=100_000, status=503)
        spin_until(
            lambda: (
                now.outage_box.isVisible()
                and now.phase is not None
                and now.phase.phase == Phase.UPLOADING
                and (now.model.retry_at or 0) - time.time() > 8
            ),
            120,
        )
        shot(out, "dashboard-outage.png")
        server.faults.reset()
        now.retry_button.click()
        spin_until(lambda: now.back_online_label.isVisible(), 60)
        server.submit_job(sample_job_dir(), code=code, chunks=2, title="Sentiment classifier")

        if c.tray_available:
            c.window.hide()
            spin_until(lambda: now.phase is not None and now.phase.phase == Phase.TRAINING, 60)
            open_tray_menu(c.tray)
            shot(out, "tray-menu.png")
            c.tray.menu.hide()

        done = []
        c.finished.connect(lambda: done.append(True))
        c.quit()
        spin_until(lambda: bool(done), 20)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    raise SystemExit(main())

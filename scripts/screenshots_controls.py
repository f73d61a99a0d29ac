"""Screenshots of the contribution controls (run like scripts/screenshots.sh, under Xvfb + trayer).

    DISPLAY=:99 QT_QPA_PLATFORM=xcb python scripts/screenshots_controls.py resources/screenshots

Shots: settings-rules.png (Settings tab: "When to contribute"), dashboard-paused.png (Now tab, a
task suspended, "Paused by you"), hold-question.png (what pausing with a task in hand asks first), tray-menu.png (the tray menu with snooze / finish-then-pause,
saying why the agent waits).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from screenshot_tools import VOLUNTEER, open_tray_menu, shot, spin_until


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "resources/screenshots").resolve()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Desktop Agent")
    app.setQuitOnLastWindowClosed(False)
    from desktop_agent.gui import i18n

    i18n.install(app, os.environ.get("SCREENSHOT_LANGUAGE", "en"))  # as the app does at start
    from desktop_agent.config import DataPaths, Settings
    from desktop_agent.devserver import DevServer
    from desktop_agent.engine.events import Phase
    from desktop_agent.engine.setup import register_machine
    from desktop_agent.gui import states
    from desktop_agent.gui.app import AppController
    from desktop_agent.paths import sample_job_dir

    app.setWindowIcon(states.app_icon())
    code = (
        (sample_job_dir() / "train.py")
        .read_bytes()
        .replace(b'os.environ.get("SAMPLE_JOB_SECONDS", "1.0")', b'"30"')
    )
    with DevServer() as server, tempfile.TemporaryDirectory() as tmp:
        server.add_owner(VOLUNTEER)
        server.submit_job(sample_job_dir(), code=code, chunks=2, title="Sentiment classifier")
        paths = DataPaths(Path(tmp) / "data").ensure()
        register_machine(server.url, VOLUNTEER, paths)
        c = AppController(
            paths,
            Settings(server=server.url, email=VOLUNTEER, poll_interval=0.5, rules_interval_s=0.5),
            quit_fn=lambda: None,
        )
        from desktop_agent.gui import hold_prompt

        c.ask_hold = lambda *a: hold_prompt.GO_AHEAD  # the question has its own shot below
        c.start()
        w = c.window
        w.show()
        w.move(60, 60)
        w.resize(760, 600)
        now = w.now_tab
        spin_until(
            lambda: (
                now.phase is not None
                and now.phase.phase == Phase.TRAINING
                and (now.phase.fraction or 0) >= 0.25
            ),
            90,
        )
        c.pause()
        spin_until(lambda: now.model.status().paused_by_user, 10)
        shot(out, "dashboard-paused.png")
        c.resume()
        spin_until(lambda: not now.model.status().paused_by_user, 10)
        real_ask = hold_prompt.ask

        def ask_and_shoot(parent, warning, go):
            from PySide6.QtCore import QTimer
            from PySide6.QtWidgets import QApplication as QA

            def snap():
                dlg = QA.activeModalWidget()
                if dlg is not None:
                    dlg.move(140, 160)
                shot(out, "hold-question.png")
                if dlg is not None:
                    dlg.reject()

            QTimer.singleShot(300, snap)
            return real_ask(w, warning, go)

        c.ask_hold = ask_and_shoot
        c.pause()
        c.ask_hold = lambda *a: hold_prompt.GO_AHEAD
        c.pause()
        spin_until(lambda: now.model.status().paused_by_user, 10)
        w.tabs.setCurrentWidget(w.settings_tab)
        w.settings_tab.show_page(1)  # "When to contribute"
        shot(out, "settings-rules.png")
        if c.tray_available:
            w.hide()
            open_tray_menu(c.tray)
            shot(out, "tray-menu.png")
            c.tray.menu.hide()
        done: list[bool] = []
        c.finished.connect(lambda: done.append(True))
        c.resume()
        c.quit()
        spin_until(lambda: bool(done), 30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

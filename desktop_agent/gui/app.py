"""The desktop app's entry point: QApplication, single-instance guard, updates, then the tray.

`run_gui()` is what the CLI calls. It imports only what the tray needs before the icon shows:
the controller (gui/controller.py) builds the dashboard on first open, and the engine loads
in its own thread. `AppController` is re-exported here for the tests and screenshot scripts.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import cast
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_agent.gui.pyside_sources import stop_caching_sources

stop_caching_sources()  # before the imports below, and the engine's: none leaves its source behind

from desktop_agent.config import DataPaths, SettingsError, load_settings, resolve_data_dir  # noqa: E402
from desktop_agent.gui import i18n, states  # noqa: E402
from desktop_agent.gui.controller import STOP_WAIT_MS, AppController  # noqa: E402
from desktop_agent.gui.single_instance import SingleInstance, server_name  # noqa: E402

__all__ = ["STOP_WAIT_MS", "AppController", "run_gui"]

log = logging.getLogger(__name__)


def _quit_on_signals(app: QApplication, on_signal: Callable[[], None]) -> None:
    """SIGTERM (logout, `systemctl stop`) and SIGINT run the graceful quit.

    Python only runs signal handlers when the interpreter gets control, which
    an idle Qt loop never gives it; the wakeup fd makes the signal readable on
    a socket that Qt watches, at no idle cost.
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    try:
        rsock, wsock = socket.socketpair()
        for sk in (rsock, wsock):
            sk.setblocking(False)
        signal.set_wakeup_fd(wsock.fileno())
    except (OSError, ValueError):  # not the main thread, or no socketpair
        return
    notifier = QSocketNotifier(rsock.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        try:
            rsock.recv(64)
        except OSError:
            pass

    notifier.activated.connect(drain)
    app._signal_socks = (rsock, wsock, notifier)  # type: ignore[attr-defined]  # kept alive with the app
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_a: on_signal())


def _skip_httpx_command_line() -> None:
    """Keep httpx's command-line client (click, pygments: ≈ 3.7 MiB resident) out of the app.

    httpx's package `__init__` imports its `_main` module for the `httpx` command and falls
    back to a stub when that import fails; the app never runs that command. A None entry in
    `sys.modules` makes the import fail at once. No effect once httpx is loaded.
    """
    if "httpx" not in sys.modules:
        sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]


def run_gui(
    data_dir: Path | None = None,
    *,
    demo: bool = False,
    server_override: str | None = None,
    minimized: bool = False,
    email_override: str | None = None,
) -> int:
    """Run the desktop app until the user quits; returns the process exit code.

    A second launch for the same user and data folder wakes the first one and
    returns 0 at once. With `demo=True` (or whenever email and server are both
    known) the setup dialog is skipped.
    """
    _skip_httpx_command_line()  # before the engine's thread imports httpx
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("desktop-agent")
    app.setApplicationDisplayName("Desktop Agent")
    app.setWindowIcon(states.app_icon())
    app.setQuitOnLastWindowClosed(False)

    root = resolve_data_dir(data_dir)
    guard = SingleInstance(server_name(root))
    if not guard.acquire():
        log.info("already running for %s: asked it to come to the front", root)
        return 0
    paths = DataPaths(root).ensure()
    try:
        settings = load_settings(root, flags={"server": server_override, "email": email_override})
    except SettingsError as exc:
        QMessageBox.critical(None, "Desktop Agent", str(exc))
        guard.release()
        return 2

    from desktop_agent import qt_guard
    from desktop_agent.logs import setup_logging

    setup_logging(paths.logs, max_mb=settings.log_max_mb)
    i18n.install(app, settings.language)  # before any window: widgets take their words once
    if (qt_problem := qt_guard.problem()) is not None:
        # The supervisor restarts the app when it aborts; the log says why it keeps happening.
        log.error("%s", qt_problem)
    updater = None
    if settings.update_url and settings.update_check:  # the module only where checks are on
        from desktop_agent import updates

        updater = updates.from_settings(settings, root)
    applied = None
    if updater is not None and updater.staged() is not None and updater.can_install():
        # A verified update from the last run: installs and starts it, or undoes it and says so.
        def start_new(exe: Path) -> None:
            guard.release()
            updates.restart(exe)

        applied = updater.apply_staged(start_new=start_new)
    # exit(), not quit(): Qt's quit() first asks every window to close and gives up when one
    # refuses, and the main window refuses (it hides to the tray) — so SIGTERM never ended the app.
    controller = AppController(
        paths, settings, quit_fn=lambda: app.exit(0), skip_setup=demo and bool(settings.email)
    )
    if updater is not None:  # signed update checks on start and then daily
        from desktop_agent.gui.update_line import UpdateWatcher

        controller.updates = UpdateWatcher(updater, controller)
        controller.updates.status = applied  # an update that failed its self-test says so
        controller.updates.start()
    guard.activate_requested.connect(controller.show_window)
    _quit_on_signals(app, controller.quit)
    controller.start(minimized=minimized)
    rc = app.exec()
    if not controller.bridge.wait(2000):
        # The engine keeps its task for the next start; do not hang the desktop session.
        log.warning("engine did not stop in time; exiting anyway")
        guard.release()
        logging.shutdown()
        os._exit(rc)
    guard.release()
    # "Restart to update": installs and starts the new version; if it fails its self-test, this
    # version starts again (and its next check says so).
    if controller.update_on_exit and updater is not None and updater.apply_staged() is not None:
        from desktop_agent import updates

        updates.restart(Path(sys.executable))
    return rc

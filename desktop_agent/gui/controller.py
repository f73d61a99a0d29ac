"""The app's controller: owns the engine bridge, the tray and (once opened) the window.

`AppController` wires the tray to the engine, runs first-run setup, pause, snooze and the
graceful quit; it is what the tests drive. The dashboard is built on first use by
`gui/dashboard.py`, which is imported only then: an app that stays in the tray never loads the
window's modules.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from desktop_agent.config import DataPaths, Settings, SettingsError, load_settings
from desktop_agent.engine.events import (
    AgentState,
    LogLine,
    PhaseProgress,
    StateChanged,
    TaskStarted,
)
from desktop_agent.gui import hold_prompt, states
from desktop_agent.gui.task_status import TaskStatus
from desktop_agent.gui.tray import Tray
from desktop_agent.gui.worker import AgentFactory, EngineBridge, forget_module_sources

if TYPE_CHECKING:
    from desktop_agent.gui.main_window import MainWindow
    from desktop_agent.gui.setup_dialog import RegisterFn, SetupDialog
    from desktop_agent.monitor import Monitor

log = logging.getLogger(__name__)

STOP_WAIT_MS = 10_000


def _default_store_factory(paths: DataPaths) -> Callable[[], Any]:
    def make() -> Any:
        from desktop_agent.engine.store import Store

        return Store(paths.db)

    return make


class _GuiLogHandler(logging.Handler):
    """Shows the GUI's own log records in the Logs tab (the engine sends its own as events)."""

    def __init__(self, bridge: EngineBridge):
        super().__init__(logging.INFO)
        self._bridge = bridge

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._bridge.emit_event(
                LogLine(record.getMessage(), level=record.levelname, stream="app")
            )
        except Exception:  # never let logging break the app
            pass


class AppController(QObject):
    """Owns the engine bridge, the window and the tray; handles setup, pause and quit."""

    quitting = Signal()  # the stop sequence began
    finished = Signal()  # the engine is down; the app may exit
    setup_shown = Signal(object)  # the SetupDialog, so tests and screenshots can reach it

    def __init__(
        self,
        paths: DataPaths,
        settings: Settings,
        *,
        agent_factory: AgentFactory | None = None,
        register: RegisterFn | None = None,
        store_factory: Callable[[], Any] | None = None,
        monitor: Monitor | None = None,
        tray_available: bool | None = None,
        quit_fn: Callable[[], None] | None = None,
        skip_setup: bool = False,
    ):
        super().__init__()
        self.paths = paths
        self.settings = settings
        self._register = register
        self._quit_fn = quit_fn or QApplication.quit
        self._skip_setup = skip_setup
        self.tray_available = (
            QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        )
        self.stopping = False
        self._restart_pending = False
        self.setup_dialog: SetupDialog | None = None
        self._event_pid: int | None = None
        self.restart_notice: str | None = None  # what the last restart notice said, if any
        self.updates: Any = None  # an update_line.UpdateWatcher when update checks are on
        self.update_on_exit = False  # "Restart to update" was clicked: run_gui installs it

        self._store_factory = store_factory or _default_store_factory(paths)
        self._store: Any = None
        self.monitor = monitor  # the Machine tab's sampler (tests pass a stand-in)
        self._window: MainWindow | None = None

        self.bridge = EngineBridge(self, agent_factory=agent_factory)
        self.status = TaskStatus(hold_limit_s=settings.max_pause_with_task_s)
        self.tray = Tray(self.status, self)
        self.tray.notify_task_done = settings.notify_task_done
        self.tray.notify_problems = settings.notify_problems
        self.ask_hold = hold_prompt.ask  # tests answer it instead of a modal box
        self._log_handler = _GuiLogHandler(self.bridge)
        logging.getLogger("desktop_agent.gui").addHandler(self._log_handler)
        self._wire()

    @property
    def window(self) -> MainWindow:
        """The dashboard, built on first use: an app idling in the tray never loads it."""
        if self._window is None:
            from desktop_agent.gui.dashboard import build_window

            self._window = build_window(self)
            forget_module_sources()
        return self._window

    def restart_to_update(self) -> None:
        """Quit, and let run_gui install the staged update; never while a task is in hand."""
        if self.status.task is not None:
            log.info("update: restart postponed, a task is in hand")
            return
        self.update_on_exit = True
        self.quit()

    def get_store(self) -> Any:
        if self._store is None:
            self._store = self._store_factory()
        return self._store

    # --- wiring -----------------------------------------------------------------
    def _wire(self) -> None:
        b, t, st = self.bridge, self.tray, self.status
        # The status model first, so the tray's menu text reads the new values.
        b.state_changed.connect(st.on_state)
        b.task_started.connect(st.on_task_started)
        b.phase_progress.connect(st.on_phase)
        b.task_finished.connect(st.on_task_finished)
        b.problem_raised.connect(st.on_problem)
        b.problem_cleared.connect(st.on_problem_cleared)
        b.log_line.connect(st.on_log)
        b.retry_scheduled.connect(st.on_retry)
        b.job_described.connect(st.on_job)
        b.job_described.connect(t.on_job)
        b.state_changed.connect(t.on_state)
        b.task_started.connect(self._track_job_pid)
        b.task_started.connect(t.on_task_started)
        b.phase_progress.connect(self._track_job_pid)
        b.phase_progress.connect(t.on_phase)
        b.retry_scheduled.connect(lambda _e: t.refresh())
        b.task_finished.connect(t.on_task_finished)
        b.task_finished.connect(self._forget_job_pid)
        b.task_finished.connect(lambda _e: t.rebuild_menu())
        b.problem_raised.connect(t.on_problem)
        b.problem_cleared.connect(t.on_problem_cleared)
        b.engine_stopped.connect(self._on_engine_stopped)
        b.engine_crashed.connect(self._on_engine_crashed)

        t.pause_requested.connect(self.pause)
        t.resume_requested.connect(self.resume)
        t.snooze_requested.connect(self.snooze)
        t.finish_then_pause_requested.connect(self.bridge.finish_then_pause)
        t.open_requested.connect(self.show_window)
        t.quit_requested.connect(self.quit)

    def job_pid(self) -> int | None:
        """The training process's pid, for the Machine tab's "job share".

        Events do not carry it yet, so this reads the engine's public `Agent.job_pid`
        (a plain attribute read, safe across threads).
        """
        if self._event_pid is not None:
            return self._event_pid
        pid = getattr(self.bridge.agent, "job_pid", None)  # a test's stand-in agent may lack it
        return int(pid) if isinstance(pid, int) else None

    def _track_job_pid(self, ev: TaskStarted | PhaseProgress) -> None:
        pid = getattr(ev, "pid", None)  # the runner's pid, once the engine reports it
        if pid:
            self._event_pid = int(pid)

    def _forget_job_pid(self, _ev: object = None) -> None:
        self._event_pid = None
        if self._window is not None:
            self._window.machine_tab.set_job_pid(None)

    def _show_settings(self) -> None:
        if self._window is not None:
            s = self.settings
            self._window.settings_tab.show_settings(s.email, s.server, s.proxy)

    # --- start ----------------------------------------------------------------
    def needs_setup(self) -> bool:
        return not (self.settings.email and self.settings.server) and not self._skip_setup

    def start(self, *, minimized: bool = False) -> None:
        if self.tray_available:
            self.tray.show()
        self._tell_about_restart()
        if self.needs_setup():
            self.show_setup(first_run=True)
            return
        if minimized and self.tray_available:
            # The icon first: the engine's start (its imports, on its own thread) competes with
            # the GUI thread for the interpreter, so it begins on the event loop's first turn.
            QTimer.singleShot(0, self._start_engine_unless_quitting)
            return
        self.start_engine()
        self.show_window()

    def _start_engine_unless_quitting(self) -> None:
        if not self.stopping and not self.bridge.is_running():
            self.start_engine()

    def _tell_about_restart(self) -> None:
        """Once after the supervisor restarted the app: say plainly what happened."""
        from desktop_agent.gui.restart_notice import tell_about_restart

        tell_about_restart(self)

    def start_engine(self) -> None:
        log.info("contributing as %s to %s", self.settings.email, self.settings.server)
        self.bridge.start(self.settings, self.paths)

    def show_window(self) -> None:
        self.window.bring_to_front()

    # --- setup / change account --------------------------------------------------
    def show_setup(self, *, first_run: bool = False) -> SetupDialog:
        from desktop_agent.gui.setup_dialog import SetupDialog

        dlg = SetupDialog(
            self.paths,
            email=self.settings.email,
            server=self.settings.server,
            register=self._register or self._register_with_settings,
            website=self.settings.website,
            parent=None if first_run else self.window,
        )
        dlg.setWindowIcon(states.app_icon())
        dlg.accepted.connect(lambda: self._setup_done(dlg))
        dlg.rejected.connect(lambda: self._setup_cancelled(first_run))
        self.setup_dialog = dlg
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()
        self.setup_shown.emit(dlg)
        return dlg

    def _register_with_settings(self, server: str, email: str, paths: DataPaths) -> str:
        """Registration under this app's settings, so setup passes the same proxy and CAs as the engine."""
        from desktop_agent.engine.setup import register_machine

        return register_machine(server, email, paths, settings=self.settings)

    def _reload_settings(self, email: str, server: str) -> None:
        try:
            self.settings = load_settings(self.paths.root)
        except SettingsError as exc:
            log.warning("settings unreadable after setup: %s", exc)
        # register_machine saved these; keep them even if the file could not be reread.
        self.settings = self.settings.with_overrides(email=email, server=server)
        self._show_settings()

    def _setup_done(self, dlg: SetupDialog) -> None:
        self.setup_dialog = None
        self._reload_settings(dlg.email, dlg.server)
        if self.bridge.is_running():
            self._restart_pending = True
            self.bridge.stop()
        else:
            self.start_engine()
            self.show_window()

    def _setup_cancelled(self, first_run: bool) -> None:
        self.setup_dialog = None
        if first_run and not self.bridge.is_running():
            self.quit()

    def pending_results(self) -> int:
        try:
            return int(self.get_store().pending_results())
        except Exception:  # no store yet: nothing can be pending
            return 0

    def change_account(self) -> None:
        pending = self.pending_results()
        if pending > 0:
            box = QMessageBox(self.window)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("A result is waiting"))
            box.setText(
                self.tr("A finished result is still waiting to be delivered to the server.")
            )
            box.setInformativeText(
                self.tr(
                    "If you change the account now, the credit for it may be lost. Wait until it is delivered?"
                )
            )
            wait = box.addButton(self.tr("Wait"), QMessageBox.ButtonRole.RejectRole)
            box.addButton(self.tr("Change anyway"), QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(wait)
            box.exec()
            if box.clickedButton() is wait:
                return
        self.show_setup(first_run=False)

    # --- commands ---------------------------------------------------------------
    def pause(self) -> None:
        if self._hold_ok(None, self.tr("&Pause anyway")):
            self.bridge.pause()

    def snooze(self, how: float | str) -> None:
        seconds = float("inf") if isinstance(how, str) else float(how)
        if self._hold_ok(seconds, self.tr("&Snooze anyway")):
            self.bridge.snooze(how)

    def _hold_ok(self, snooze_s: float | None, go_label: str) -> bool:
        """True to go ahead; a task that would be put on hold (and given back later) asks first."""
        warning = hold_prompt.hold_warning(self.status, snooze_s=snooze_s)
        if warning is None:
            return True
        parent = self._window if self._window is not None and self._window.isVisible() else None
        choice = self.ask_hold(parent, warning, go_label)
        if choice == hold_prompt.FINISH_FIRST:
            self.bridge.finish_then_pause()
        return choice == hold_prompt.GO_AHEAD

    def rules_saved(self, changes: dict) -> None:
        """The Settings tab saved contribution rules: the running engine follows them at once."""
        self.settings = self.settings.with_overrides(**changes)
        self.tray.notify_task_done = self.settings.notify_task_done
        self.tray.notify_problems = self.settings.notify_problems
        self.bridge.update_settings(self.settings)

    def resume(self) -> None:
        self.bridge.resume()

    def quit(self) -> None:
        """Stop the engine gracefully, say so, wait (bounded), then leave."""
        if self.stopping:
            return
        self.stopping = True
        self._restart_pending = False
        self.quitting.emit()
        self.tray.set_stopping()
        if self._window is not None:
            self._window.now_tab.set_stopping()
            self._window.setWindowTitle(self.tr("Desktop Agent — Stopping…"))
        if self.bridge.is_running():
            self.bridge.stop()
            QTimer.singleShot(STOP_WAIT_MS, self._finish_quit)
        else:
            QTimer.singleShot(0, self._finish_quit)

    def _on_engine_stopped(self) -> None:
        if self._restart_pending and not self.stopping:
            self._restart_pending = False
            self.start_engine()
            return
        if self.stopping:
            self._finish_quit()
        else:
            ev = StateChanged(AgentState.STOPPED, self.tr("The engine stopped."))
            self.status.on_state(ev)
            if self._window is not None:
                self._window.now_tab.on_state(ev)
            self.tray.on_state(ev)

    def _on_engine_crashed(self, message: str) -> None:
        ev = StateChanged(
            AgentState.STOPPED,
            self.tr("The engine stopped with an error: {msg}").format(msg=message),
        )
        self.status.on_state(ev)
        if self._window is not None:
            self._window.now_tab.on_state(ev)

    def _finish_quit(self) -> None:
        if getattr(self, "_finished", False):
            return
        self._finished = True
        logging.getLogger("desktop_agent.gui").removeHandler(self._log_handler)
        if self._window is not None:
            self._window.machine_tab.stop()
        self.tray.hide()
        self.finished.emit()
        self._quit_fn()

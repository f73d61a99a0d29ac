"""The dashboard, built on first open: catch up with what the tray already knows, then follow live.

An app idling in the tray never imports this module or the tabs it pulls in: the window and its
tabs (and their imports: the history chart, the machine monitor, the settings pages) cost
memory and start-up time that a volunteer who never opens the window should not pay.
`AppController.window` calls `build_window` the first time something needs the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_agent.gui.main_window import MainWindow

if TYPE_CHECKING:
    from desktop_agent.gui.controller import AppController


def build_window(c: AppController) -> MainWindow:
    """A MainWindow that shows the controller's state so far and is wired to its engine bridge."""
    w = MainWindow(
        c.paths.root,
        tray_available=c.tray_available,
        store_factory=c.get_store,
        monitor=c.monitor,
        job_pid=c.job_pid,
        hold_limit_s=c.settings.max_pause_with_task_s,
    )
    w.machine_tab.transfer_source = lambda: (c.get_store(), c.settings.monthly_transfer_mb)
    _catch_up(c, w)
    _follow(c, w)
    s = c.settings
    w.settings_tab.show_settings(s.email, s.server, s.proxy)
    _wire_update_line(c, w)
    return w


def _catch_up(c: AppController, w: MainWindow) -> None:
    """What happened before the window existed, from the tray's status model."""
    now = w.now_tab
    st = c.status
    if st.state is not None:
        now.on_state(st.state)
    for ev in st.problems.values():
        now.on_problem(ev)
    if st.last_finished is not None:
        now.on_task_finished(st.last_finished)
    if st.task is not None:
        now.on_task_started(st.task)
        if st.phase is not None:
            now.on_phase(st.phase)
    now.model.retry_at = st.retry_at
    now.model.job_titles.update(st.job_titles)
    w.logs_tab.lines.extend(st.log)
    w.logs_tab.rerender()
    if c.stopping:
        now.set_stopping()


def _follow(c: AppController, w: MainWindow) -> None:
    """From now on the window follows the engine live, and its buttons drive the controller."""
    now = w.now_tab
    b = c.bridge
    b.state_changed.connect(now.on_state)
    b.task_started.connect(now.on_task_started)
    b.phase_progress.connect(now.on_phase)
    b.log_line.connect(w.logs_tab.add_line)
    b.task_finished.connect(now.on_task_finished)
    b.task_finished.connect(w.history_tab.refresh)
    b.problem_raised.connect(now.on_problem)
    b.problem_cleared.connect(now.on_problem_cleared)
    b.retry_scheduled.connect(now.on_retry)
    b.job_described.connect(now.on_job)
    now.pause_requested.connect(c.pause)
    now.resume_requested.connect(c.resume)
    now.retry_requested.connect(b.retry_now)
    now.snooze_requested.connect(c.snooze)
    now.finish_then_pause_requested.connect(b.finish_then_pause)
    now.quit_requested.connect(c.quit)
    now.setup_requested.connect(c.change_account)
    w.quit_requested.connect(c.quit)
    w.settings_tab.change_account_requested.connect(c.change_account)
    w.settings_tab.saved.connect(c.rules_saved)  # the page's one Apply


def _wire_update_line(c: AppController, w: MainWindow) -> None:
    """The update line follows the update checks; "Restart to update" waits for the task."""
    if c.updates is not None:
        w.update_line.show_status(c.updates.status)
        c.updates.status_changed.connect(w.update_line.show_status)
    w.update_line.set_busy(c.status.task is not None)
    c.bridge.task_started.connect(lambda _e: w.update_line.set_busy(True))
    c.bridge.task_finished.connect(lambda _e: w.update_line.set_busy(False))
    w.update_line.restart_requested.connect(c.restart_to_update)

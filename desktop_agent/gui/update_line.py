"""The window's update line: "Desktop Agent X is available…" and, for a staged update, "Restart to update".

`UpdateWatcher` runs the signed update check (desktop_agent/updates.py) on
its own thread, on start and then daily, and re-emits each result on the GUI
thread. `UpdateLine` shows the result as plain text (the version and message
come from the update server's metadata: data, never markup). Its button
restarts into a downloaded, verified update; it is disabled while a task is
in hand, so an update never interrupts a task being completed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_agent.updates import (
    CHECK_EVERY_S,
    FIRST_CHECK_DELAY_S,
    State,
    UpdateChecker,
    Updater,
    UpdateStatus,
)

_SHOWN = (
    State.AVAILABLE,
    State.DOWNLOADING,
    State.STAGED,
    State.REFUSED,
)  # "newest" and "unreachable" stay quiet


class UpdateWatcher(QObject):
    status_changed = Signal(object)  # UpdateStatus, on the GUI thread
    _arrived = Signal(object)  # from the checker's thread; queued onto this object's thread

    def __init__(
        self,
        updater: Updater,
        parent: QObject | None = None,
        *,
        first_delay_s: float = FIRST_CHECK_DELAY_S,
        every_s: float = CHECK_EVERY_S,
    ):
        super().__init__(parent)
        self.updater = updater
        self.status: UpdateStatus | None = None
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._checker = UpdateChecker(
            updater, self._arrived.emit, first_delay_s=first_delay_s, every_s=every_s
        )

    def start(self) -> None:
        self._checker.start()

    def stop(self) -> None:
        self._checker.stop()

    def _deliver(self, status: UpdateStatus) -> None:
        self.status = status
        self.status_changed.emit(status)


class UpdateLine(QWidget):
    restart_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setObjectName("updateLine")
        self.button = QPushButton(self.tr("Restart to update"))
        self.button.clicked.connect(self.restart_requested.emit)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.button)
        self._status: UpdateStatus | None = None
        self._busy = False
        self._render()

    def show_status(self, status: UpdateStatus | None) -> None:
        self._status = status
        self._render()

    def set_busy(self, busy: bool) -> None:
        """A task is in hand: restarting waits until it is finished."""
        self._busy = busy
        self._render()

    def _render(self) -> None:
        st = self._status
        shown = st is not None and st.state in _SHOWN
        self.setVisible(shown)
        self.label.setText(st.message if shown and st is not None else "")
        staged = shown and st is not None and st.state is State.STAGED
        self.button.setVisible(staged)
        self.button.setEnabled(staged and not self._busy)
        self.button.setToolTip(
            self.tr("Available once the current task is finished") if self._busy else ""
        )

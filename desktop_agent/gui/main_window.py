"""The dashboard window: a banner line when needed, and five tabs.

With a system tray, closing the window only hides it (the app keeps
contributing from the tray). Without one, the window is the app: closing it
asks the controller to quit, and a line says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from desktop_agent.gui import states
from desktop_agent.gui.history_tab import HistoryTab
from desktop_agent.gui.job_titles import FILE_NAME as JOB_TITLES_FILE
from desktop_agent.gui.logs_tab import LogsTab
from desktop_agent.gui.machine_tab import MachineTab
from desktop_agent.gui.now_tab import NowTab
from desktop_agent.gui.settings_tab import SettingsTab
from desktop_agent.gui.update_line import UpdateLine
from desktop_agent.monitor import Monitor


def _energy_total(store_factory: Callable[[], Any] | None) -> float | None:
    """Wh given so far, from the store's measured tasks (None when nothing was measured)."""
    try:
        store = store_factory() if store_factory else None
        return store.totals().energy_wh if store is not None else None
    except Exception:  # the dashboard must not fail over a figure
        return None


TRAY_HINT_MARKER = "tray-hint-shown"


class MainWindow(QMainWindow):
    quit_requested = Signal()
    tray_hint_shown = Signal(str)  # the first close's "still running in the tray" hint

    def __init__(
        self,
        data_dir: Path,
        *,
        tray_available: bool,
        store_factory: Callable[[], Any] | None = None,
        monitor: Monitor | None = None,
        job_pid: Callable[[], int | None] | None = None,
        hold_limit_s: float = 1800.0,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.tray_available = tray_available
        self.setWindowTitle(self.tr("Desktop Agent"))
        self.setWindowIcon(states.app_icon())
        # Within the screen (less a panel and the title bar): 520 px is taller than
        # 1366×768 at 150 %, where the pages scroll instead.
        room = self.screen().availableGeometry()
        self.resize(min(720, room.width()), min(520, room.height() - 40))

        self.no_tray_label = QLabel(
            self.tr("No system tray found — keep this window open (closing it stops contributing).")
        )
        self.no_tray_label.setWordWrap(True)
        self.no_tray_label.setObjectName("noTrayBanner")
        self.no_tray_label.setAccessibleName(self.tr("No system tray"))
        self.no_tray_label.setStyleSheet(
            "QLabel#noTrayBanner { border: 1px solid #d08a00; border-radius: 4px; padding: 6px; }"
        )
        self.no_tray_label.setVisible(not tray_available)

        self.now_tab = NowTab(hold_limit_s=hold_limit_s)
        self.now_tab.set_tray_available(tray_available)
        self.machine_tab = MachineTab(monitor, pid_source=job_pid)
        self.logs_tab = LogsTab(data_dir / "logs")
        self.history_tab = HistoryTab(store_factory, titles_path=data_dir / JOB_TITLES_FILE)
        self.settings_tab = SettingsTab(data_dir)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Dashboard sections"))
        self.tabs.addTab(self.now_tab, self.tr("&Now"))
        self.tabs.addTab(self.machine_tab, self.tr("&Machine"))
        self.tabs.addTab(self.logs_tab, self.tr("&Logs"))
        self.tabs.addTab(self.history_tab, self.tr("H&istory"))
        self.tabs.addTab(self.settings_tab, self.tr("&Settings"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.history_tab.totals_changed.connect(self.now_tab.set_totals)
        self.history_tab.days_changed.connect(self.now_tab.chart.set_days)
        self.history_tab.totals_changed.connect(
            lambda *_: self.now_tab.set_energy(_energy_total(store_factory))
        )
        self.now_tab.job_described.connect(self.history_tab.remember_title)
        self.history_tab.refresh()

        central = QWidget()
        lay = QVBoxLayout(central)
        lay.addWidget(self.no_tray_label)
        self.update_line = UpdateLine()  # hidden until an update check has something to say
        lay.addWidget(self.update_line)
        lay.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        QShortcut(QKeySequence.StandardKey.Quit, self).activated.connect(self.quit_requested.emit)
        QShortcut(QKeySequence.StandardKey.Close, self).activated.connect(self.close)
        help_menu = self.menuBar().addMenu(
            self.tr("&Help")
        )  # trust & hardening: a redacted support zip
        self.diagnostics_action = help_menu.addAction(
            self.tr("Save &diagnostics…"), self.save_diagnostics
        )
        self.about_action = help_menu.addAction(self.tr("&About Desktop Agent"), self.show_about)
        self._data_dir = data_dir

    def about_text(self) -> str:
        from desktop_agent import __version__

        return self.tr(
            "Desktop Agent {version}\n\nLends this computer's spare processor and graphics card "
            "to train small pieces of other people's machine-learning jobs for the Grid-X project. "
            "Jobs run at low priority, in a sandbox where the computer allows it, and you can pause "
            "at any time.\n\nYour data folder: {folder}"
        ).format(version=__version__, folder=self._data_dir)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About Desktop Agent"), self.about_text())

    def save_diagnostics(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from desktop_agent.diagnostics import write_diagnostics

        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save diagnostics"),
            str(Path.home() / "desktop-agent-diagnostics.zip"),
            self.tr("Zip files (*.zip)"),
        )
        if not path:
            return
        try:
            written = write_diagnostics(self._data_dir, Path(path))
        except Exception as exc:  # shown, never fatal
            QMessageBox.warning(
                self,
                self.tr("Diagnostics"),
                self.tr("Could not write diagnostics: {err}").format(err=exc),
            )
            return
        QMessageBox.information(
            self,
            self.tr("Diagnostics"),
            self.tr(
                "Saved {path}.\nYour machine id and email addresses were removed; look inside before sharing it."
            ).format(path=written),
        )

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.history_tab:
            self.history_tab.refresh()

    def _tray_hint_once(self) -> None:
        """The first close only: say that the app goes on in the tray (remembered in the data folder)."""
        marker = self._data_dir / TRAY_HINT_MARKER
        if marker.exists():
            return
        try:
            marker.write_text("shown\n", encoding="utf-8")
        except OSError:
            pass
        self.tray_hint_shown.emit(self.tray_hint_text())
        self.show_tray_hint(self.tray_hint_text())

    def tray_hint_text(self) -> str:
        return self.tr(
            "Desktop Agent keeps running in the system tray, near the clock. "
            "Click its icon to open this window again; use Quit in its menu to stop."
        )

    def show_tray_hint(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Still running"),
            text,
            QMessageBox.StandardButton.Ok,
        )
        box.setWindowIcon(states.app_icon())
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self._tray_hint_box = box

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # Machine sampling only while the window is on screen.
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.machine_tab.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.machine_tab.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tray_available:
            event.ignore()
            self.hide()
            self._tray_hint_once()
        else:
            event.ignore()
            self.quit_requested.emit()

"""The "Settings" tab: account, when to contribute, notifications, data folder, network.

One model for saving: every choice on the page waits for the one Apply button
at the bottom (Revert puts back what is saved). Start at login and Change…
act at once, as they say. The page scrolls, so it fits a 1366×768 screen at
150 % scaling.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.config import (
    DEFAULTS,
    SettingsError,
    load_file,
    save_settings,
    validate,
)
from desktop_agent.gui.env_cache_widget import EnvCacheWidget
from desktop_agent.gui.i18n import LanguageChooser
from desktop_agent.gui.rules_panel import RulesPanel


class SettingsTab(QWidget):
    change_account_requested = Signal()
    proxy_saved = Signal(str)
    saved = Signal(dict)  # every setting Apply wrote, validated

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = data_dir

        self.email_label = QLabel()
        self.email_label.setAccessibleName(self.tr("Email"))
        self.server_label = QLabel()
        self.server_label.setAccessibleName(self.tr("Server"))
        self.change_button = QPushButton(self.tr("&Change…"))
        self.change_button.setAccessibleName(self.tr("Change email or server"))
        self.change_button.clicked.connect(self.change_account_requested)
        acct = QGroupBox(self.tr("Account"))
        af = QFormLayout(acct)
        af.addRow(self.tr("Email:"), self.email_label)
        af.addRow(self.tr("Server:"), self.server_label)
        af.addRow("", self.change_button)

        self.folder_label = QLabel(str(data_dir))
        self.folder_label.setAccessibleName(self.tr("Data folder"))
        self.folder_label.setWordWrap(True)
        self.open_folder_button = QPushButton(self.tr("&Open folder"))
        self.open_folder_button.setAccessibleName(self.tr("Open data folder"))
        self.open_folder_button.clicked.connect(self.open_folder)
        data = QGroupBox(self.tr("Data folder"))
        dl = QHBoxLayout(data)
        dl.addWidget(self.folder_label, 1)
        dl.addWidget(self.open_folder_button)

        self.proxy_combo = QComboBox()
        self.proxy_combo.setAccessibleName(self.tr("Proxy"))
        self.proxy_combo.addItem(self.tr("Use the system's proxy settings"), "system")
        self.proxy_combo.addItem(self.tr("No proxy"), "none")
        self.proxy_combo.addItem(self.tr("Manual"), "manual")
        self.proxy_url = QLineEdit()
        self.proxy_url.setPlaceholderText("http://proxy.example.com:3128")
        self.proxy_url.setAccessibleName(self.tr("Proxy address"))
        self.proxy_combo.currentIndexChanged.connect(self._proxy_mode_changed)
        net = QGroupBox(self.tr("Network"))
        nf = QFormLayout(net)
        nf.addRow(self.tr("Proxy:"), self.proxy_combo)
        nf.addRow(self.tr("Address:"), self.proxy_url)

        self.notify_check = QCheckBox(self.tr("Show a short popup when a task is done"))
        self.notify_check.setAccessibleName(self.tr("Popup when a task is done"))
        notes = QGroupBox(self.tr("Notifications"))
        QVBoxLayout(notes).addWidget(self.notify_check)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(acct)
        self.rules_panel = RulesPanel(data_dir)  # contribution controls: rules + start at login
        self.rules_panel.save_button.setVisible(False)  # the page's one Apply saves them
        layout.addWidget(self.rules_panel)
        layout.addWidget(notes)
        layout.addWidget(data)
        self.env_cache = EnvCacheWidget(data_dir)  # "Job environments: 7.2 GB of 20 GB — Clear"
        layout.addWidget(self.env_cache)
        layout.addWidget(net)
        self.language = LanguageChooser()
        layout.addWidget(self.language)
        layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(page)
        self.scroll_area.setAccessibleName(self.tr("Settings"))

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setAccessibleName(self.tr("Settings status"))
        self.proxy_status = self.status_label  # the proxy's messages go to the page's one line
        self.revert_button = QPushButton(self.tr("&Revert"))
        self.revert_button.setAccessibleName(self.tr("Revert to the saved settings"))
        self.revert_button.clicked.connect(self.revert)
        self.apply_button = QPushButton(self.tr("&Apply"))
        self.apply_button.setAccessibleName(self.tr("Apply and save the settings"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply)
        bar = QHBoxLayout()
        bar.addWidget(self.status_label, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.apply_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area, 1)
        outer.addLayout(bar)
        self._load_notify()

    def show_settings(self, email: str, server: str, proxy: str) -> None:
        self.email_label.setText(email or self.tr("(not set up)"))
        self.server_label.setText(server)
        if proxy in ("system", "none"):
            self.proxy_combo.setCurrentIndex(self.proxy_combo.findData(proxy))
            self.proxy_url.clear()
        else:
            self.proxy_combo.setCurrentIndex(self.proxy_combo.findData("manual"))
            self.proxy_url.setText(proxy)
        self._proxy_mode_changed()
        self.proxy_status.clear()

    def _proxy_mode_changed(self, *_args: object) -> None:
        self.proxy_url.setEnabled(self.proxy_combo.currentData() == "manual")

    def proxy_value(self) -> str | None:
        mode = self.proxy_combo.currentData()
        if mode != "manual":
            return mode
        url = self.proxy_url.text().strip()
        if not url.startswith(("http://", "https://", "socks5://", "socks5h://")):
            return None
        return url

    def _load_notify(self) -> None:
        try:
            raw = load_file(self.data_dir)
        except SettingsError:
            raw = {}
        value = raw.get("notify_task_done", DEFAULTS.notify_task_done)
        self.notify_check.setChecked(bool(value))
        self.language.set_value(raw.get("language", DEFAULTS.language))

    def revert(self) -> None:
        self.rules_panel.load()
        self._load_notify()
        self.status_label.setText(self.tr("Back to the saved settings."))

    def apply(self) -> None:
        """Validate and save everything on the page at once; `saved` carries the changes."""
        value = self.proxy_value()
        if value is None:
            self.status_label.setText(
                self.tr("Enter a proxy address such as http://proxy.example.com:3128")
            )
            self.proxy_url.setFocus()
            return
        changes = {
            **self.rules_panel.values(),
            "notify_task_done": self.notify_check.isChecked(),
            "proxy": value,
            "language": self.language.value(),
        }
        try:
            validate(changes, source="settings")
            save_settings(self.data_dir, changes)
        except (OSError, SettingsError) as exc:
            self.status_label.setText(self.tr("Could not save: {err}").format(err=exc))
            return
        self.status_label.setText(
            self.tr(
                "Saved. Rules apply now; CPU and GPU limits from the next task; "
                "the proxy the next time the app starts."
            )
        )
        self.saved.emit(changes)
        self.proxy_saved.emit(value)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

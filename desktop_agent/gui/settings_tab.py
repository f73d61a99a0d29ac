"""The "Settings" tab: account (email, server), data folder, proxy. Nothing else."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.config import SettingsError, save_settings
from desktop_agent.gui.env_cache_widget import EnvCacheWidget
from desktop_agent.gui.rules_panel import RulesPanel


class SettingsTab(QWidget):
    change_account_requested = Signal()
    proxy_saved = Signal(str)

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = data_dir

        self.email_label = QLabel()
        self.email_label.setAccessibleName(self.tr("Email"))
        self.server_label = QLabel()
        self.server_label.setAccessibleName(self.tr("Server"))
        self.change_button = QPushButton(self.tr("Change…"))
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
        self.open_folder_button = QPushButton(self.tr("Open folder"))
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
        self.proxy_save = QPushButton(self.tr("Save"))
        self.proxy_save.setAccessibleName(self.tr("Save proxy setting"))
        self.proxy_save.clicked.connect(self.save_proxy)
        self.proxy_status = QLabel()
        self.proxy_status.setWordWrap(True)
        self.proxy_combo.currentIndexChanged.connect(self._proxy_mode_changed)
        net = QGroupBox(self.tr("Network"))
        nf = QFormLayout(net)
        nf.addRow(self.tr("Proxy:"), self.proxy_combo)
        nf.addRow(self.tr("Address:"), self.proxy_url)
        row = QHBoxLayout()
        row.addWidget(self.proxy_status, 1)
        row.addWidget(self.proxy_save)
        nf.addRow(row)

        layout = QVBoxLayout(self)
        layout.addWidget(acct)
        self.rules_panel = RulesPanel(data_dir)  # contribution controls: rules + start at login
        layout.addWidget(self.rules_panel)
        layout.addWidget(data)
        self.env_cache = EnvCacheWidget(data_dir)  # "Job environments: 7.2 GB of 20 GB — Clear"
        layout.addWidget(self.env_cache)
        layout.addWidget(net)
        layout.addStretch(1)

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

    def save_proxy(self) -> None:
        value = self.proxy_value()
        if value is None:
            self.proxy_status.setText(
                self.tr("Enter a proxy address such as http://proxy.example.com:3128")
            )
            return
        try:
            save_settings(self.data_dir, {"proxy": value})
        except (OSError, SettingsError) as exc:
            self.proxy_status.setText(self.tr("Could not save: {err}").format(err=exc))
            return
        self.proxy_status.setText(self.tr("Saved. Applies the next time the app starts."))
        self.proxy_saved.emit(value)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

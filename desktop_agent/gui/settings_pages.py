"""The Settings pages besides the contribution rules: account and language, network, notifications, storage.

Each page reads a `Settings`, gives back `values()` for the one Apply of the
Settings tab, says in words what stops it in `problem()`, and emits `changed`
on any edit. Spin boxes map "0 = off" settings to a visible "no limit".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
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
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.config import MAX_RATE_KIB_S, Settings
from desktop_agent.gui.env_cache_widget import EnvCacheWidget
from desktop_agent.gui.i18n import LANGUAGES
from desktop_agent.gui.legible import HelperLabel
from desktop_agent.gui.rules_panel import buddy, row

PROXY_SCHEMES = ("http://", "https://", "socks5://", "socks5h://")
MB_PER_GB = 1024


class AccountPage(QWidget):
    change_account_requested = Signal()
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
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
        af.addRow("", row(self.change_button))

        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("The system's language"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.currentIndexChanged.connect(self.changed)
        lang = QGroupBox(self.tr("Language"))
        lf = QFormLayout(lang)
        lf.addRow(buddy(self.tr("Lan&guage:"), self.language), row(self.language))
        note = HelperLabel(self.tr("A new language shows the next time the app starts."))
        note.setWordWrap(True)
        lf.addRow("", note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(acct)
        layout.addWidget(lang)
        layout.addStretch(1)

    def show_account(self, email: str, server: str) -> None:
        self.email_label.setText(email or self.tr("(not set up)"))
        self.server_label.setText(server)

    def load(self, s: Settings) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))

    def values(self) -> dict[str, Any]:
        return {"language": self.language.currentData()}

    def problem(self) -> str | None:
        return None


class NetworkPage(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.proxy_combo = QComboBox()
        self.proxy_combo.setAccessibleName(self.tr("Proxy"))
        self.proxy_combo.addItem(self.tr("Use the system's proxy settings"), "system")
        self.proxy_combo.addItem(self.tr("No proxy"), "none")
        self.proxy_combo.addItem(self.tr("Manual"), "manual")
        self.proxy_url = QLineEdit()
        self.proxy_url.setPlaceholderText("http://proxy.example.com:3128")
        self.proxy_url.setAccessibleName(self.tr("Proxy address"))
        self.proxy_combo.currentIndexChanged.connect(self._proxy_mode_changed)
        self.proxy_combo.currentIndexChanged.connect(self.changed)
        self.proxy_url.textEdited.connect(self.changed)
        proxy = QGroupBox(self.tr("Proxy"))
        pf = QFormLayout(proxy)
        pf.addRow(buddy(self.tr("Pro&xy:"), self.proxy_combo), row(self.proxy_combo))
        pf.addRow(buddy(self.tr("Addr&ess:"), self.proxy_url), self.proxy_url)
        pf.addRow("", HelperLabel(self.tr("A new proxy is used the next time the app starts.")))

        self.download_rate = QSpinBox()
        self.download_rate.setRange(0, MAX_RATE_KIB_S)
        self.download_rate.setSingleStep(100)
        self.download_rate.setSuffix(self.tr(" KB/s"))
        self.download_rate.setSpecialValueText(self.tr("no limit"))
        self.download_rate.setAccessibleName(self.tr("Fastest download speed for job files"))
        self.upload_rate = QSpinBox()
        self.upload_rate.setRange(0, MAX_RATE_KIB_S)
        self.upload_rate.setSingleStep(100)
        self.upload_rate.setSuffix(self.tr(" KB/s"))
        self.upload_rate.setSpecialValueText(self.tr("no limit"))
        self.upload_rate.setAccessibleName(self.tr("Fastest upload speed for results"))
        self.monthly_gb = QSpinBox()
        self.monthly_gb.setRange(0, 100_000)
        self.monthly_gb.setSuffix(self.tr(" GB"))
        self.monthly_gb.setSpecialValueText(self.tr("no limit"))
        self.monthly_gb.setAccessibleName(self.tr("Data allowed per month"))
        for spin in (self.download_rate, self.upload_rate, self.monthly_gb):
            spin.valueChanged.connect(self.changed)
        caps = QGroupBox(self.tr("Data use"))
        cf = QFormLayout(caps)
        cf.addRow(
            buddy(self.tr("Download spee&d:"), self.download_rate),
            row(self.tr("At most"), self.download_rate),
        )
        cf.addRow(
            buddy(self.tr("&Upload speed:"), self.upload_rate),
            row(self.tr("At most"), self.upload_rate, self.tr("for results")),
        )
        cf.addRow(
            buddy(self.tr("Per mon&th:"), self.monthly_gb),
            row(self.tr("At most"), self.monthly_gb, self.tr("downloaded and uploaded")),
        )
        note = HelperLabel(
            self.tr("Past the monthly amount no new task is taken until the 1st of the next month.")
        )
        note.setWordWrap(True)
        cf.addRow("", note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(proxy)
        layout.addWidget(caps)
        layout.addStretch(1)
        self._monthly_mb = 0

    def show_proxy(self, proxy: str) -> None:
        if proxy in ("system", "none"):
            self.proxy_combo.setCurrentIndex(self.proxy_combo.findData(proxy))
            self.proxy_url.clear()
        else:
            self.proxy_combo.setCurrentIndex(self.proxy_combo.findData("manual"))
            self.proxy_url.setText(proxy)
        self._proxy_mode_changed()

    def _proxy_mode_changed(self, *_args: object) -> None:
        self.proxy_url.setEnabled(self.proxy_combo.currentData() == "manual")

    def proxy_value(self) -> str | None:
        mode = self.proxy_combo.currentData()
        if mode != "manual":
            return mode
        url = self.proxy_url.text().strip()
        return url if url.startswith(PROXY_SCHEMES) else None

    def load(self, s: Settings) -> None:
        self.show_proxy(s.proxy)
        self.download_rate.setValue(s.max_download_kib_s)
        self.upload_rate.setValue(s.max_upload_kib_s)
        self._monthly_mb = s.monthly_transfer_mb
        self.monthly_gb.setValue(round(s.monthly_transfer_mb / MB_PER_GB))

    def values(self) -> dict[str, Any]:
        gb = self.monthly_gb.value()
        unchanged = gb == round(self._monthly_mb / MB_PER_GB)  # 1500 MB stays 1500, not 1024
        return {
            "proxy": self.proxy_value() or "",
            "max_download_kib_s": self.download_rate.value(),
            "max_upload_kib_s": self.upload_rate.value(),
            "monthly_transfer_mb": self._monthly_mb if unchanged else gb * MB_PER_GB,
        }

    def problem(self) -> str | None:
        if self.proxy_value() is None:
            return self.tr("Enter a proxy address such as http://proxy.example.com:3128")
        return None


class NotificationsPage(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.notify_check = QCheckBox(self.tr("Show a short popup when a task is done"))
        self.notify_check.setAccessibleName(self.tr("Popup when a task is done"))
        self.problems_check = QCheckBox(
            self.tr("Tell me when the server stays unreachable, and when it is back")
        )
        self.problems_check.setAccessibleName(self.tr("Popup about server problems"))
        for box in (self.notify_check, self.problems_check):
            box.toggled.connect(self.changed)
        group = QGroupBox(self.tr("Popups"))
        gl = QVBoxLayout(group)
        gl.addWidget(self.notify_check)
        gl.addWidget(self.problems_check)
        gl.addWidget(HelperLabel(self.tr("A task that fails is always told.")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(group)
        layout.addStretch(1)

    def load(self, s: Settings) -> None:
        self.notify_check.setChecked(s.notify_task_done)
        self.problems_check.setChecked(s.notify_problems)

    def values(self) -> dict[str, Any]:
        return {
            "notify_task_done": self.notify_check.isChecked(),
            "notify_problems": self.problems_check.isChecked(),
        }

    def problem(self) -> str | None:
        return None


class StoragePage(QWidget):
    """Where the app keeps its files, and the job environments it can clear; nothing to Apply."""

    changed = Signal()

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = data_dir
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
        self.env_cache = EnvCacheWidget(data_dir)  # "Job environments: 7.2 GB of 20 GB — Clear"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(data)
        layout.addWidget(self.env_cache)
        layout.addStretch(1)

    def load(self, s: Settings) -> None:
        pass

    def values(self) -> dict[str, Any]:
        return {}

    def problem(self) -> str | None:
        return None

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

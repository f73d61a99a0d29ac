"""The "Settings" tab: pages chosen from a list on the left, one Apply and Revert for all of them.

Pages: account and language, when to contribute, how much to use, network,
notifications, storage. Every choice waits for the one Apply at the bottom
(Revert puts back what is saved); start at login, Change… and Clear act at
once, as they say. Each page scrolls on its own and the bar stays in view, so
the window fits a 1366×768 screen at 150 % scaling. What stops Apply is said
in words on the bar, and the page with the problem is shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.config import (
    DEFAULTS,
    Settings,
    SettingsError,
    load_file,
    save_settings,
    validate,
)
from desktop_agent.gui.rules_panel import RulesPanel
from desktop_agent.gui.scroll_page import UpDownScrollArea
from desktop_agent.gui.settings_pages import (
    AccountPage,
    NetworkPage,
    NotificationsPage,
    StoragePage,
)


class _RulesPage(QWidget):
    """One of the rules panel's two pages, with the panel's `values()` shared between them."""

    changed = Signal()

    def __init__(self, panel: RulesPanel, content: QWidget, *, owns_values: bool):
        super().__init__()
        self.panel = panel
        self.owns_values = owns_values
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(content)
        box.addStretch(1)  # groups keep their size; the space goes below them

    def load(self, s: Settings) -> None:
        if self.owns_values:
            self.panel.load(s)

    def values(self) -> dict[str, Any]:
        return self.panel.values() if self.owns_values else {}

    def problem(self) -> str | None:
        return self.panel.problem() if self.owns_values else None


class SettingsTab(QWidget):
    change_account_requested = Signal()
    proxy_saved = Signal(str)
    saved = Signal(dict)  # every setting Apply wrote, validated

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = data_dir

        self.account_page = AccountPage()
        self.account_page.change_account_requested.connect(self.change_account_requested)
        self.rules_panel = RulesPanel(
            data_dir, self
        )  # contribution controls: rules + start at login
        self.rules_panel.hide()  # its two pages are shown below; the page's one Apply saves them
        self.rules_panel.save_button.setVisible(False)
        self.network_page = NetworkPage()
        self.notifications_page = NotificationsPage()
        self.storage_page = StoragePage(data_dir)
        when = _RulesPage(self.rules_panel, self.rules_panel.when_page, owns_values=True)
        limits = _RulesPage(self.rules_panel, self.rules_panel.limits_page, owns_values=False)
        self.rules_panel.changed.connect(when.changed)
        self.pages: list[tuple[str, Any]] = [
            (self.tr("Account and language"), self.account_page),
            (self.tr("When to contribute"), when),
            (self.tr("How much to use"), limits),
            (self.tr("Network"), self.network_page),
            (self.tr("Notifications"), self.notifications_page),
            (self.tr("Storage"), self.storage_page),
        ]
        # the names other parts of the app and the tests already use
        self.email_label = self.account_page.email_label
        self.server_label = self.account_page.server_label
        self.change_button = self.account_page.change_button
        self.proxy_combo = self.network_page.proxy_combo
        self.proxy_url = self.network_page.proxy_url
        self.notify_check = self.notifications_page.notify_check
        self.env_cache = self.storage_page.env_cache
        self.open_folder_button = self.storage_page.open_folder_button
        self.folder_label = self.storage_page.folder_label

        self.page_list = QListWidget()
        self.page_list.setAccessibleName(self.tr("Settings pages"))
        self.page_list.setSpacing(3)
        self.stack = QStackedWidget()
        self.scroll_areas: list[QScrollArea] = []
        for title, page in self.pages:
            self.page_list.addItem(title)
            area = UpDownScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            page.setContentsMargins(8, 0, 4, 0)
            area.setWidget(page)
            area.setAccessibleName(title)
            self.scroll_areas.append(area)
            self.stack.addWidget(area)
            page.changed.connect(self._edited)
        # As wide as its longest page name, at any window size: a narrow window narrows the
        # page (its rows wrap), never the names into "Notificatio" with a sideways scroll bar.
        self.page_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_list.setFixedWidth(
            self.page_list.sizeHintForColumn(0)
            + 2 * (self.page_list.frameWidth() + self.page_list.spacing())
            + 16
        )
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.page_list.setCurrentRow(0)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setAccessibleName(self.tr("Settings status"))
        self.proxy_status = self.status_label  # the proxy's messages go to the page's one line
        self.rules_panel.status = self.status_label  # and start at login's
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

        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(body, 1)
        outer.addLayout(bar)
        self._saved_values: dict[str, Any] = {}
        self._load()

    @property
    def scroll_area(self) -> QScrollArea:
        """The scroll area of the page shown now."""
        return self.scroll_areas[self.stack.currentIndex()]

    def show_page(self, index: int) -> None:
        self.page_list.setCurrentRow(index)

    # --- in and out ----------------------------------------------------------------
    def show_settings(self, email: str, server: str, proxy: str) -> None:
        self.account_page.show_account(email, server)
        self.network_page.show_proxy(proxy)
        self._saved_values = self.values()
        self.status_label.clear()

    def _settings(self) -> Settings:
        try:
            return DEFAULTS.with_overrides(**load_file(self.data_dir))
        except (SettingsError, TypeError):
            return DEFAULTS

    def _load(self) -> None:
        s = self._settings()
        for _title, page in self.pages:
            page.load(s)
        self._saved_values = self.values()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for _title, page in self.pages:
            out.update(page.values())
        return out

    def proxy_value(self) -> str | None:
        return self.network_page.proxy_value()

    def _edited(self) -> None:
        unsaved = self.tr("Changes not saved yet — press Apply to use them.")
        if self._saved_values and self.values() != self._saved_values:
            self.status_label.setText(unsaved)
        elif self.status_label.text() == unsaved:
            self.status_label.clear()

    def revert(self) -> None:
        proxy = self._settings().proxy
        self._load()
        self.network_page.show_proxy(proxy)
        self._saved_values = self.values()
        self.status_label.setText(self.tr("Back to the saved settings."))

    def apply(self) -> None:
        """Validate and save everything on every page at once; `saved` carries the changes."""
        for index, (_title, page) in enumerate(self.pages):
            problem = page.problem()
            if problem:
                self.show_page(index)
                self.status_label.setText(problem)
                if page is self.network_page:
                    self.proxy_url.setFocus()
                return
        changes = self.values()
        try:
            validate(changes, source="settings")
            save_settings(self.data_dir, changes)
        except SettingsError as exc:  # a bug of ours: the controls only offer valid values
            self.status_label.setText(
                self.tr("These settings could not be saved: {err}").format(err=exc)
            )
            return
        except OSError as exc:
            self.status_label.setText(
                self.tr(
                    "Could not save the settings ({err}). Check that there is free disk space "
                    "and that the data folder can be written to."
                ).format(err=exc.strerror or exc)
            )
            return
        self._saved_values = changes
        self.status_label.setText(
            self.tr(
                "Saved. Rules apply now; processor and GPU limits from the next task; "
                "the proxy and the language the next time the app starts."
            )
        )
        self.saved.emit(changes)
        self.proxy_saved.emit(changes["proxy"])

    def open_folder(self) -> None:
        self.storage_page.open_folder()

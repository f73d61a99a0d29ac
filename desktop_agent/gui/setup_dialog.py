"""First-run (and "Change…") dialog: the volunteer's email and the server, then how and when to help.

A first run is two short steps: the email (step 1), then "Only when I'm not
using the computer" / "Always, at low priority" and start at login (step 2,
gui/setup_choice.py), then Connect. Changing the account is step 1 alone:
the rules are already in Settings. The server is named in plain words (and
whether it is the project's default); its field shows at once where the
server is not the default, else under "Advanced". An address typed without
a scheme is completed (https://, or http:// for this computer). Start at
login is ticked by default where the OS supports it.

"Connect" calls `register_machine` on a pool thread (it blocks on HTTP) and
shows a busy state; errors come back inline, in words a volunteer can act on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRegularExpression, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.config import (
    DEFAULT_SERVER,
    DataPaths,
    SettingsError,
    normalise_email,
    save_settings,
)
from desktop_agent.platform import autostart
from desktop_agent.gui.legible import ErrorLabel, HelperLabel
from desktop_agent.gui.setup_choice import ContributionChoice
from desktop_agent.gui.setup_words import complete_address, message_for_error

__all__ = ["SetupDialog", "complete_address", "message_for_error"]

log = logging.getLogger(__name__)

RegisterFn = Callable[[str, str, DataPaths], str]

# Loose on purpose: the server is the judge; this only catches typos like "bob@" or "bob".
EMAIL_RE = r"^\s*[^@\s\"']+@[^@\s\"']+\.[^@\s\"'.]+\s*$"


def _default_register(server: str, email: str, paths: DataPaths) -> str:
    from desktop_agent.engine.setup import register_machine

    return register_machine(server, email, paths)


class _RegisterSignals(QObject):
    done = Signal(str)
    failed = Signal(object)


class _RegisterJob(QRunnable):
    """A QRunnable cannot emit signals itself, so it carries a QObject that can."""

    def __init__(self, fn: RegisterFn, server: str, email: str, paths: DataPaths):
        super().__init__()
        self.signals = _RegisterSignals()
        self._args = (fn, server, email, paths)

    def run(self) -> None:  # pool thread
        fn, server, email, paths = self._args
        try:
            status = fn(server, email, paths)
        except Exception as exc:  # reported inline, never swallowed
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(str(status))


class SetupDialog(QDialog):
    registered = Signal(str, str)  # email, server

    def __init__(
        self,
        paths: DataPaths,
        *,
        email: str = "",
        server: str = DEFAULT_SERVER,
        register: RegisterFn | None = None,
        website: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._paths = paths
        self._website = website
        self._register = register or _default_register
        self._job: _RegisterJob | None = None
        self._finished_jobs: list[
            _RegisterJob
        ] = []  # keep emitters alive until their signals are delivered
        self.result_status: str = ""
        self.guided = not email  # a first run: step 2 asks how and when to help
        self.setWindowTitle(self.tr("Set up Desktop Agent"))
        self.setMinimumWidth(460)

        title = QLabel(self.tr("<b>Share this computer's spare power</b>"))
        blurb = QLabel(
            self.tr(
                "This computer trains small pieces of machine-learning jobs for researchers, "
                "at low priority so your own programs come first. You can pause at any time."
            )
            + "<br><br>"
            + self.tr(  # trust & hardening: the volunteer trusts the server, in plain words
                "By connecting, you trust this server to send this computer code written by other people. "
                "Where the computer allows it, that code runs in a sandbox with no network and no access to your files."
            )
        )
        blurb.setWordWrap(True)

        self.email_edit = QLineEdit(email)
        self.email_edit.setPlaceholderText(self.tr("you@example.com"))
        self.email_edit.setAccessibleName(self.tr("Email address"))
        self.email_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[^\s]*"), self)
        )
        self.email_edit.textChanged.connect(self._on_input_changed)
        email_hint = HelperLabel(self.tr("The email of your account on the project's website."))

        self.advanced_button = QToolButton()
        self.advanced_button.setText(self.tr("Advanced"))
        self.advanced_button.setCheckable(True)
        self.advanced_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_button.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_button.setAutoRaise(True)
        self.advanced_button.setAccessibleName(self.tr("Show advanced settings"))
        self.advanced_button.toggled.connect(self._toggle_advanced)

        self.server_edit = QLineEdit(server or DEFAULT_SERVER)
        self.server_edit.setAccessibleName(self.tr("Server address"))
        self.server_edit.textChanged.connect(self._on_input_changed)
        self.server_edit.textChanged.connect(self._show_server_note)
        self.server_note = QLabel()
        self.server_note.setWordWrap(True)
        self.server_note.setTextFormat(Qt.TextFormat.PlainText)
        self.server_note.setAccessibleName(self.tr("Server"))
        # Ticked on a first run; when changing the account, it shows what is set now.
        self.choice = ContributionChoice(autostart_ticked=not email or autostart.is_enabled())
        self.autostart_check: QCheckBox = self.choice.autostart_check
        self.advanced_box = QWidget()
        adv_form = QFormLayout(self.advanced_box)
        adv_form.setContentsMargins(0, 0, 0, 0)
        adv_form.addRow(self.tr("Server:"), self.server_edit)
        self.advanced_box.setVisible(False)
        if (server or DEFAULT_SERVER) != DEFAULT_SERVER:  # not the default: shown, to check
            self.advanced_button.setChecked(True)

        self.error_label = ErrorLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("setupError")
        self.error_label.setAccessibleName(self.tr("Connection problem"))
        self.error_label.setVisible(False)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.setVisible(False)
        self.busy.setAccessibleName(self.tr("Connecting"))

        self.buttons = QDialogButtonBox()
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setAccessibleName(self.tr("Back to the email"))
        self.back_button.clicked.connect(lambda: self._show_step(0))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setAccessibleName(self.tr("Next: when to help"))
        self.next_button.clicked.connect(self.go_next)
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.setAccessibleName(self.tr("Connect"))
        self.connect_button.clicked.connect(self.try_connect)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        for b in (self.back_button, self.next_button, self.connect_button):
            self.buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)

        self.step_label = HelperLabel()
        self.step_label.setAccessibleName(self.tr("Step"))
        form = QFormLayout()
        form.addRow(self.tr("Email:"), self.email_edit)
        form.addRow("", email_hint)
        step1 = QWidget()
        s1 = QVBoxLayout(step1)
        s1.setContentsMargins(0, 0, 0, 0)
        s1.addWidget(title)
        s1.addWidget(blurb)
        s1.addSpacing(8)
        s1.addLayout(form)
        s1.addWidget(self.server_note)
        s1.addWidget(self.advanced_button, alignment=Qt.AlignmentFlag.AlignLeft)
        s1.addWidget(self.advanced_box)
        s1.addStretch(1)
        self.steps = QStackedWidget()
        self.steps.addWidget(step1)
        self.steps.addWidget(self.choice)

        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.error_label.setTextFormat(Qt.TextFormat.RichText)  # our words and the website link
        self.error_label.setOpenExternalLinks(True)
        self.email_edit.setFocus()
        self._show_step(0)
        self._on_input_changed()
        self._show_server_note()

    # --- helpers --------------------------------------------------------------
    @property
    def email(self) -> str:
        return normalise_email(self.email_edit.text())

    @property
    def server(self) -> str:
        return complete_address(self.server_edit.text()) or DEFAULT_SERVER

    def _show_server_note(self, *_args: object) -> None:
        server = self.server
        if server == DEFAULT_SERVER:
            text = self.tr("Connects to {server}, the project's default server.")
        else:
            text = self.tr(
                "Connects to {server} — not the project's default server; make sure it is the one you were given."
            )
        self.server_note.setText(text.format(server=server))

    def _toggle_advanced(self, on: bool) -> None:
        self.advanced_button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.advanced_box.setVisible(on)
        self.adjustSize()

    def _show_step(self, index: int) -> None:
        """Step 1: email and server; step 2 (first run only): how and when to help, then Connect."""
        self.steps.setCurrentIndex(index)
        last = index == 1 or not self.guided
        self.back_button.setVisible(index == 1)
        self.next_button.setVisible(not last)
        self.connect_button.setVisible(last)
        (self.connect_button if last else self.next_button).setDefault(True)
        (self.next_button if last else self.connect_button).setDefault(False)
        self.step_label.setVisible(self.guided)
        self.step_label.setText(self.tr("Step {n} of 2").format(n=index + 1))
        if index == 0:
            self.email_edit.setFocus()
        else:
            self.choice.idle_choice.setFocus()

    def _check_address(self) -> bool:
        """Catch what can be caught without the network: a mistyped email, a non-web address."""
        if not QRegularExpression(EMAIL_RE).match(self.email).hasMatch():
            self._show_step(0)
            self.show_error(self.tr("That doesn't look like an email address — check for typos."))
            self.email_edit.setFocus()
            return False
        if not self.server.startswith(("http://", "https://")):
            self._show_step(0)
            self.advanced_button.setChecked(True)
            self.show_error(self.tr("The server address must start with http:// or https://"))
            self.server_edit.setFocus()
            return False
        return True

    def go_next(self) -> None:
        if self._check_address():
            self.error_label.setVisible(False)
            self._show_step(1)

    def _on_input_changed(self, *_args: object) -> None:
        ok = bool(self.email_edit.text().strip()) and self._job is None
        self.connect_button.setEnabled(ok)
        self.next_button.setEnabled(ok)
        if self.error_label.isVisible() and self._job is None:
            self.error_label.setVisible(False)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    def is_busy(self) -> bool:
        return self._job is not None

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for w in (self.email_edit, self.server_edit, self.advanced_button, self.choice):
            w.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.connect_button.setEnabled(not busy and bool(self.email_edit.text().strip()))
        self.connect_button.setText(self.tr("Connecting…") if busy else self.tr("Connect"))

    # --- Connect --------------------------------------------------------------
    def try_connect(self) -> None:
        if self._job is not None:
            return
        if not self._check_address():
            return
        email, server = self.email, self.server
        self.error_label.setVisible(False)
        job = _RegisterJob(self._register, server, email, self._paths)
        job.signals.done.connect(self._on_done)
        job.signals.failed.connect(self._on_failed)
        self._job = job
        self._set_busy(True)
        QThreadPool.globalInstance().start(job)

    def _retire_job(self) -> None:
        if self._job is not None:
            self._finished_jobs.append(self._job)
        self._job = None

    def _on_done(self, status: str) -> None:
        self._retire_job()
        self._set_busy(False)
        self.result_status = status
        self._apply_autostart()
        self._save_choice()
        log.info("machine %s with %s at %s", status, self.email, self.server)
        self.registered.emit(self.email, self.server)
        self.accept()

    def _save_choice(self) -> None:
        """A first run's "when to help" goes to settings.json beside what registration saved."""
        if not self.guided:
            return
        try:
            save_settings(self._paths.root, self.choice.values())
        except (OSError, SettingsError) as exc:  # setup still succeeded; Settings can try again
            log.warning("the contribution choice could not be saved: %s", exc)

    def _apply_autostart(self) -> None:
        if not autostart.supported():
            return
        want = self.autostart_check.isChecked()
        try:
            if want and not autostart.is_enabled():
                autostart.enable()
            elif not want and autostart.is_enabled():
                autostart.disable()
        except OSError as exc:  # setup still succeeded; Settings can try again
            log.warning("start at login could not be changed: %s", exc)

    def _on_failed(self, exc: object) -> None:
        self._retire_job()
        self._set_busy(False)
        self._show_step(0)  # what went wrong is about the email or the server
        self.show_error(
            message_for_error(
                exc if isinstance(exc, BaseException) else Exception(exc),
                self.server,
                self._website,
            )
        )
        self.email_edit.setFocus()

    def reject(self) -> None:
        if self._job is not None:  # let the request finish; its answer is then ignored
            self._job.signals.done.disconnect()
            self._job.signals.failed.disconnect()
            self._retire_job()
        super().reject()

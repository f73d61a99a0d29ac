"""First-run (and "Change…") dialog: the volunteer's email, the server, start at login.

The server is named in plain words (and whether it is the project's default);
changing it sits under "Advanced". An address typed without a scheme is
completed (https://, or http:// for this computer). Start at login is ticked
by default where the OS supports it.

"Connect" calls `register_machine` on a pool thread (it blocks on HTTP) and
shows a busy state; errors come back inline, in words a volunteer can act on.
"""

from __future__ import annotations

import html
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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_agent.config import DEFAULT_SERVER, DataPaths, normalise_email
from desktop_agent.engine import errors
from desktop_agent.platform import autostart
from desktop_agent.gui.legible import ErrorLabel, HelperLabel

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


def complete_address(text: str) -> str:
    """ "grid-x.example" → "https://grid-x.example"; this computer ("localhost", 127.x) → http://."""
    text = text.strip().rstrip("/")
    if not text or "://" in text:
        return text
    host = text.split("/", 1)[0].split(":", 1)[0].lower()
    local = host == "localhost" or host.startswith("127.") or text.startswith("[::1]")
    return ("http://" if local else "https://") + text


def message_for_error(exc: BaseException, server: str, website: str = "") -> str:
    """The inline error text for a failed Connect (rich text: only our own words and links)."""
    from PySide6.QtCore import QCoreApplication

    server = html.escape(server)
    if isinstance(exc, errors.EmailNotFound):
        if website:
            site = html.escape(website, quote=True)
            return QCoreApplication.translate(
                "SetupDialog",
                'This email has no account yet — create one on the website, <a href="{url}">{url}</a>, '
                "then press Connect again. Already registered with capital letters before the @? "
                "Ask the project to change your account's email to lower case.",
            ).format(url=site)
        return html.escape(
            QCoreApplication.translate("SetupDialog", errors.EMAIL_UNKNOWN_MESSAGE), quote=False
        )
    if isinstance(exc, errors.NotThisServer):
        return html.escape(str(exc), quote=False)
    if isinstance(exc, errors.ProtocolViolation):
        return QCoreApplication.translate(
            "SetupDialog",
            "The server at {server} answered, but it does not look like a Grid-X server — "
            "check the address.",
        ).format(server=server)
    if isinstance(
        exc, (errors.ServerUnreachable, errors.RetryableError, errors.MaybeDelivered, OSError)
    ):
        return QCoreApplication.translate(
            "SetupDialog",
            "Can't reach the server at {server} — check the address or your connection.",
        ).format(server=server)
    if isinstance(exc, errors.AgentError) and str(exc):
        return html.escape(str(exc))
    return QCoreApplication.translate(
        "SetupDialog", "Something went wrong while connecting: {error}"
    ).format(error=html.escape(str(exc)))


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
        self.setWindowTitle(self.tr("Set up Desktop Agent"))
        self.setMinimumWidth(460)

        title = QLabel(self.tr("<b>Share this computer's spare power</b>"))
        blurb = QLabel(
            self.tr(
                "This computer trains small pieces of machine-learning jobs for researchers, "
                "at low priority so your own programs come first. You can pause at any time, "
                "and choose in Settings to work only while you are away."
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
        self.autostart_check = QCheckBox(self.tr("Start when I log in (in the tray)"))
        self.autostart_check.setAccessibleName(self.tr("Start at login"))
        self.autostart_check.setVisible(autostart.supported())
        # Ticked on a first run; when changing the account, it shows what is set now.
        self.autostart_check.setChecked(
            autostart.supported() and (not email or autostart.is_enabled())
        )
        self.advanced_box = QWidget()
        adv_form = QFormLayout(self.advanced_box)
        adv_form.setContentsMargins(0, 0, 0, 0)
        adv_form.addRow(self.tr("Server:"), self.server_edit)
        self.advanced_box.setVisible(False)

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
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.setAccessibleName(self.tr("Connect"))
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button.setAutoDefault(False)
        self.connect_button.setDefault(True)  # Enter in a field connects
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Email:"), self.email_edit)
        form.addRow("", email_hint)
        form.addRow("", self.autostart_check)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.server_note)
        layout.addWidget(self.advanced_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.advanced_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.error_label.setTextFormat(Qt.TextFormat.RichText)  # our words and the website link
        self.error_label.setOpenExternalLinks(True)
        self.email_edit.setFocus()
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

    def _on_input_changed(self, *_args: object) -> None:
        self.connect_button.setEnabled(bool(self.email_edit.text().strip()) and self._job is None)
        if self.error_label.isVisible() and self._job is None:
            self.error_label.setVisible(False)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    def is_busy(self) -> bool:
        return self._job is not None

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for w in (self.email_edit, self.server_edit, self.advanced_button, self.autostart_check):
            w.setEnabled(not busy)
        self.connect_button.setEnabled(not busy and bool(self.email_edit.text().strip()))
        self.connect_button.setText(self.tr("Connecting…") if busy else self.tr("Connect"))

    # --- Connect --------------------------------------------------------------
    def try_connect(self) -> None:
        if self._job is not None:
            return
        email = self.email
        if not QRegularExpression(EMAIL_RE).match(email).hasMatch():
            self.show_error(self.tr("That doesn't look like an email address — check for typos."))
            self.email_edit.setFocus()
            return
        server = self.server
        if not server.startswith(("http://", "https://")):
            self.advanced_button.setChecked(True)
            self.show_error(self.tr("The server address must start with http:// or https://"))
            self.server_edit.setFocus()
            return
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
        log.info("machine %s with %s at %s", status, self.email, self.server)
        self.registered.emit(self.email, self.server)
        self.accept()

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

"""What the setup dialog says: the server address completed, and a failed Connect in words.

Kept apart from the dialog so the words can be tested (and reused) without a window;
the CLI says the same through the engine's error texts (engine/errors.py).
"""

from __future__ import annotations

import html

from desktop_agent.engine import errors


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
        # the engine's errors.EMAIL_UNKNOWN_MESSAGE, as a literal so the catalogue has it
        return html.escape(
            QCoreApplication.translate(
                "SetupDialog",
                "This email has no account yet — register on the website first. Already "
                "registered? If the address you signed up with has capital letters before the @, "
                "the server can never match it: ask the project to change your account's email "
                "to lower case, or sign up again with the address all in lower case.",
            ),
            quote=False,
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

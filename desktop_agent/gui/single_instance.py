"""One app per user and data folder.

The first instance listens on a QLocalServer whose name is derived from the
user and the data folder. A second launch connects, sends "activate", and
exits; the first raises its window. A socket left behind by a crashed
instance is detected (nobody answers the connect) and removed.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 500


def server_name(data_dir: Path) -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment (containers)
        user = "user"
    digest = hashlib.sha256(f"{user}\0{Path(data_dir).resolve()}".encode()).hexdigest()[:16]
    return f"desktop-agent-{digest}"


class SingleInstance(QObject):
    activate_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self.server: QLocalServer | None = None
        self._clients: list[QLocalSocket] = []

    def _ping_existing(self) -> bool:
        """True if another live instance took the message."""
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        sock.write(ACTIVATE)
        sock.flush()
        sock.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        sock.disconnectFromServer()
        if sock.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            sock.waitForDisconnected(CONNECT_TIMEOUT_MS)
        return True

    def acquire(self) -> bool:
        """Become the one instance (True), or wake the running one and return False."""
        if self._ping_existing():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Stale socket from a crash (nobody answered above): remove it and retry once.
            log.info(
                "removing stale single-instance socket %s (%s)", self.name, server.errorString()
            )
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                if self._ping_existing():  # lost a race with another launch
                    return False
                log.warning("single-instance guard unavailable: %s", server.errorString())
                return True  # run anyway rather than refuse to start
        server.newConnection.connect(self._on_connection)
        self.server = server
        return True

    def _on_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self._clients.append(sock)
            sock.readyRead.connect(self._read_all)
            sock.disconnected.connect(self._drop_closed)
        self._read_all()

    def _read_all(self) -> None:
        for sock in list(self._clients):
            if sock.bytesAvailable() and b"activate" in bytes(sock.readAll().data()):
                self.activate_requested.emit()

    def _drop_closed(self) -> None:
        self._read_all()
        self._clients = [
            s for s in self._clients if s.state() == QLocalSocket.LocalSocketState.ConnectedState
        ]

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self._clients = []

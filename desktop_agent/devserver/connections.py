"""Access to the TCP connection behind an ASGI request, so a fault can drop it without a response.

ASGI deliberately hides the transport: an application that raises gets a 500, never a silent
close. A real network failure looks different to a client, so the devserver runs uvicorn with an
h11 protocol subclass that files each live transport under the peer address that ASGI exposes as
`scope["client"]`.
"""

from __future__ import annotations

import asyncio
import threading

from uvicorn.protocols.http.h11_impl import H11Protocol


class ConnectionRegistry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._transports: dict[tuple[str, int], asyncio.BaseTransport] = {}

    def add(self, peer: tuple[str, int], transport: asyncio.BaseTransport) -> None:
        with self._lock:
            self._transports[peer] = transport

    def discard(self, peer: tuple[str, int], transport: asyncio.BaseTransport) -> None:
        with self._lock:
            if self._transports.get(peer) is transport:
                del self._transports[peer]

    def drop(self, peer: tuple[str, int] | None) -> bool:
        """Close the connection from `peer` at once; False when it is already gone."""
        if peer is None:
            return False
        with self._lock:
            transport = self._transports.get((peer[0], peer[1]))
        if transport is None:
            return False
        transport.close()
        return True

    def protocol_class(self) -> type[H11Protocol]:
        """An H11Protocol subclass bound to this registry, for `uvicorn.Config(http=...)`."""
        registry = self

        class RegisteringH11Protocol(H11Protocol):
            def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
                super().connection_made(transport)
                if self.client is not None:
                    registry.add(self.client, transport)

            def connection_lost(self, exc: Exception | None) -> None:
                if self.client is not None:
                    registry.discard(self.client, self.transport)
                super().connection_lost(exc)

        return RegisteringH11Protocol

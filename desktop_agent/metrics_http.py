"""The metrics page over HTTP: prometheus_client's server on its own thread, and a way to stop it.

Bound to 127.0.0.1 unless the address names another host (settings_grammar.parse_address): the
page tells anyone who can read it what the machine is doing and when it is idle.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, start_http_server

from desktop_agent.settings_grammar import parse_address


def serve(registry: CollectorRegistry, address: str) -> tuple[str, int, Callable[[], None]]:
    """Serve `registry` at `address` ("9810", "0", "HOST:PORT"); (host, port bound, stop)."""
    host, port = parse_address(address)
    server, thread = start_http_server(port, addr=host, registry=registry)
    bound_port = int(server.server_address[1])

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(5)

    return host, bound_port, stop

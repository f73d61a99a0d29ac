"""Which network addresses a job's file may come from.

A task's URLs are chosen by the server, so without a check a server (or anyone on the path of a
plain-http one) can make the volunteer's machine fetch from its own loopback, its LAN, or a cloud
metadata address, and then upload what it read as the "model". File URLs are therefore refused
when their host resolves to a loopback, link-local, private, multicast or otherwise non-public
address, unless the configured server is itself on such an address (a LAN deployment, the local
demo on 127.0.0.1): then its neighbours are no more private than the server.

The check runs on every redirect hop before it is followed (`check_url`) and again on the address
the connection actually went to (`check_peer`), so a name that resolves to a public address for
the check and a private one for the connection (DNS rebinding) is caught too. Through a proxy the
connected address is the proxy's, and the proxy resolves the name, so only the first check runs.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import urllib.request
from typing import Any

import httpx

from desktop_agent.engine.errors import JobFault

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public(ip: Address) -> bool:
    """A globally routable unicast address (IPv4-mapped IPv6 judged by its IPv4 part)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _literal(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


async def resolve(host: str, port: int) -> list[Address]:
    """Every address `host` resolves to here; [] when it does not resolve (the connect will fail)."""
    literal = _literal(host)
    if literal is not None:
        return [literal]
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    found = []
    for info in infos:
        literal = _literal(str(info[4][0]).split("%", 1)[0])
        if literal is not None:
            found.append(literal)
    return found


def _proxied(proxy: str, url: str) -> bool:
    """Whether httpx sends `url` through a proxy under the `proxy` setting."""
    if proxy == "none":
        return False
    if proxy not in ("", "system"):
        return True
    proxies = urllib.request.getproxies()
    scheme = url.split(":", 1)[0].lower()
    if not (proxies.get(scheme) or proxies.get("all")):
        return False
    host = httpx.URL(url).host
    return not urllib.request.proxy_bypass(host)


class AddressGuard:
    """Refuses file URLs on non-public addresses unless the configured `server` is on one."""

    def __init__(self, server: str, *, proxy: str = "system"):
        self.server = server
        self.proxy = proxy
        self._private_ok: bool | None = None

    async def private_allowed(self) -> bool:
        """True when the configured server itself is on a non-public address (or unresolvable)."""
        if self._private_ok is None:
            url = httpx.URL(self.server)
            found = await resolve(url.host, url.port or (443 if url.scheme == "https" else 80))
            if not found:
                return True  # not resolvable here (a proxy resolves it): asked again next time
            self._private_ok = any(not is_public(ip) for ip in found)
        return self._private_ok

    async def check_url(self, url: str) -> None:
        """Before connecting: refuse a URL whose host resolves to a non-public address."""
        if await self.private_allowed():
            return
        parsed = httpx.URL(url)
        for ip in await resolve(parsed.host, parsed.port or 80):
            if not is_public(ip):
                raise _refused(url, ip)

    async def check_peer(self, url: str, response: httpx.Response) -> None:
        """After connecting: refuse when the address actually connected to is not public."""
        if await self.private_allowed() or _proxied(self.proxy, url):
            return
        ip = peer_address(response)
        if ip is not None and not is_public(ip):
            raise _refused(url, ip)


def peer_address(response: httpx.Response) -> Address | None:
    """The IP address the response came from, where the transport tells it."""
    stream: Any = response.extensions.get("network_stream")
    if stream is None:
        return None
    try:
        addr = stream.get_extra_info("server_addr")
    except Exception:  # a transport without the info: nothing to check
        return None
    if not addr:
        return None
    return _literal(str(addr[0]).split("%", 1)[0])


def _refused(url: str, ip: Address) -> JobFault:
    return JobFault(
        f"Refusing to download {url!r:.200}: it is on {ip}, a local or private network address, "
        "and the server is not"
    )

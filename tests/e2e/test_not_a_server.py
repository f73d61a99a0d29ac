"""Addresses that are not a Grid-X server, and accounts that can never link: clear words, own exits.

Each case runs `desktop-agent run` as a subprocess, as a volunteer or a service manager would.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from desktop_agent.engine.errors import EMAIL_UNKNOWN_MESSAGE

pytestmark = pytest.mark.timeout(60)


def run_cli(tmp_path, server: str, email: str = "owner@example.com") -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_agent",
            "run",
            "--server",
            server,
            "--email",
            email,
            "--data-dir",
            str(tmp_path / "agent"),
        ],
        capture_output=True,
        text=True,
        timeout=45,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("server", ["not-a-url", "ftp://x", "http://", "http://host:port"])
def test_a_malformed_server_address_is_a_usage_error_at_once(tmp_path, server):
    started = time.monotonic()
    out = run_cli(tmp_path, server)
    assert out.returncode == 2, out.stderr
    assert "is not a server address" in out.stderr
    assert time.monotonic() - started < 20


class _Html(BaseHTTPRequestHandler):
    def _page(self) -> None:
        body = b"<!doctype html><html><body>Welcome to my router</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _page

    def log_message(self, *args) -> None:
        pass


class _NotFoundJson(_Html):
    def _page(self) -> None:
        body = json.dumps({"detail": "Not Found"}).encode()
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _page


class _Quiet(SimpleHTTPRequestHandler):
    """Python's file server: it has no POST, so it answers 501 to register."""

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(params=[(_Quiet, "HTTP 501"), (_Html, "a web page"), (_NotFoundJson, "HTTP 404")])
def other_server(request, tmp_path) -> Iterator[tuple[str, str]]:
    handler, what = request.param
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # polled every 0.05 s, so shutdown() returns at once rather than after 0.5 s
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", what
    finally:
        server.shutdown()
        server.server_close()


def test_a_server_that_is_not_this_api_gets_its_own_exit(tmp_path, other_server):
    url, what = other_server
    out = run_cli(tmp_path, url)
    assert out.returncode == 5, out.stderr
    assert f"The server at {url} answered, but it does not look like a Grid-X server" in out.stderr
    assert what in out.stderr and "/agent/register" in out.stderr
    assert "Can't reach" not in out.stderr


def test_an_account_with_capitals_gets_words_it_can_act_on(srv, tmp_path):
    """The website stored "Vol@Example.com"; the server lower-cases what the agent sends."""
    created = httpx.post(
        f"{srv.url}/auth/register",
        json={"email": "Vol@Example.com", "password": "pw", "role": "seller"},
    )
    assert created.status_code == 200
    out = run_cli(tmp_path, srv.url, email="Vol@Example.com")
    assert out.returncode == 3, out.stderr
    assert EMAIL_UNKNOWN_MESSAGE in out.stderr
    assert "lower case" in out.stderr and "capital letters before the @" in out.stderr

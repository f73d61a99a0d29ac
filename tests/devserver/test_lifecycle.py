"""Starting, stopping and restarting the server as tests of "the server went away" need it."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest

from desktop_agent.devserver import DevServer

from .helpers import OWNER, SAMPLE_JOB, register, request_task

pytestmark = pytest.mark.timeout(30)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_restart_keeps_port_and_data(tmp_path: Path) -> None:
    server = DevServer(data_dir=tmp_path)
    with server:
        url = server.url
        server.add_owner(OWNER)
        job_id = server.submit_job(SAMPLE_JOB)
        with httpx.Client(base_url=url) as http:
            register(http, "a")
            task = request_task(http, "a")
        server.stop()
        with pytest.raises(httpx.ConnectError), httpx.Client(base_url=url) as http:
            http.get("/")
        server.start()
        assert server.url == url
        with httpx.Client(base_url=url) as http:
            assert (
                http.post("/agent/heartbeat", json={"id": "a", "status": "BUSY"}).status_code == 200
            )
            assert http.get(task["chunk_data_url"]).status_code == 200
            assert server.job(job_id)["running"] == 1
    server.close()


def test_start_and_stop_are_idempotent(tmp_path: Path) -> None:
    server = DevServer(data_dir=tmp_path)
    server.stop()
    server.start()
    server.start()
    assert server.running
    server.stop()
    server.stop()
    assert not server.running
    server.close()


def test_fixed_port_server_can_come_up_later(tmp_path: Path) -> None:
    port = free_port()
    server = DevServer(data_dir=tmp_path, port=port)
    assert server.url == f"http://127.0.0.1:{port}"
    with pytest.raises(httpx.ConnectError), httpx.Client(base_url=server.url) as http:
        http.get("/")
    with server, httpx.Client(base_url=server.url) as http:
        assert http.get("/").json()["status"] == "ok"
    server.close()


def test_url_of_unstarted_port_zero_server_is_an_error(tmp_path: Path) -> None:
    server = DevServer(data_dir=tmp_path)
    with pytest.raises(RuntimeError):
        _ = server.url
    server.close()


def test_temporary_data_folder_is_removed_on_close() -> None:
    server = DevServer()
    with server:
        data_dir = server.data_dir
        assert (data_dir / "devserver.sqlite3").exists()
    server.close()
    assert not data_dir.exists()

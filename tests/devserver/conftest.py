"""Fixtures for the devserver contract tests: a real server on a free port and a real HTTP client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop_agent.devserver import DevServer

from .helpers import OWNER, SAMPLE_JOB


@pytest.fixture
def srv(tmp_path: Path) -> Iterator[DevServer]:
    server = DevServer(data_dir=tmp_path / "data", faults_enabled=True)
    with server:
        yield server
    server.close()


@pytest.fixture
def client(srv: DevServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=srv.url, timeout=10.0) as http:
        yield http


@pytest.fixture
def owner_id(srv: DevServer) -> int:
    return srv.add_owner(OWNER)


@pytest.fixture
def job_id(srv: DevServer) -> int:
    return srv.submit_job(SAMPLE_JOB)

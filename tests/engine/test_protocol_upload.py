"""The result's upload under the `max_upload_kib_s` cap, timed against the reference backend.

A cap must make the upload take at least the time its size implies (the body is handed to the
connection no faster than the cap), and 0 must mean no cap at all; either way the server gets
every byte of the file.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import httpx
import pytest

from desktop_agent.engine.protocol import ApiClient
from desktop_agent.paths import sample_job_dir
from tests.e2e.conftest import OWNER

pytestmark = pytest.mark.timeout(60)

KIB = 1024


def _task(srv) -> int:
    srv.submit_job(sample_job_dir(), chunks=1)
    httpx.post(f"{srv.url}/agent/register", json={"id": "up", "email": OWNER})
    answer = httpx.post(f"{srv.url}/agent/request_task", json={"agent_id": "up"})
    return int(answer.json()["task_id"])


def _upload(srv, file: Path, max_kib_s: int) -> tuple[float, bytes]:
    """Seconds the upload took, and the bytes the server stored."""
    task = _task(srv)

    async def go() -> tuple[float, str]:
        async with httpx.AsyncClient() as http:
            started = time.monotonic()
            url = await ApiClient(srv.url, http).upload_result(
                "up", task, file, max_kib_s=max_kib_s
            )
            return time.monotonic() - started, url

    took, url = asyncio.run(go())
    return took, httpx.get(url).content


def test_a_capped_upload_takes_at_least_the_time_the_cap_implies(srv, tmp_path):
    data = os.urandom(256 * KIB)
    (tmp_path / "model.pth").write_bytes(data)
    took, stored = _upload(srv, tmp_path / "model.pth", max_kib_s=128)
    assert stored == data
    implied = len(data) / (128 * KIB)  # 2 s
    assert took >= implied * 0.95, f"256 KiB at 128 KiB/s took {took:.2f} s"


def test_zero_means_no_cap(srv, tmp_path):
    data = os.urandom(1024 * KIB)
    (tmp_path / "model.pth").write_bytes(data)
    took, stored = _upload(srv, tmp_path / "model.pth", max_kib_s=0)
    assert stored == data
    # A 128 KiB/s cap would need 8 s for this file; over loopback it goes in far less.
    assert took < 4.0, f"1 MiB without a cap took {took:.2f} s"

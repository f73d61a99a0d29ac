"""The command line, run as a real process, driven through the whole agent flow over HTTP."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from desktop_agent.devserver.cli import add_arguments

from .helpers import REPO, SAMPLE_JOB
from .test_lifecycle import free_port

pytestmark = pytest.mark.timeout(60)


def test_add_arguments_defaults() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args([])
    assert (args.host, args.port, args.data_dir, args.owner, args.job) == (
        "127.0.0.1",
        8000,
        None,
        [],
        [],
    )
    assert (args.requeue_after, args.chunks) == (600.0, 5)
    args = parser.parse_args(
        [
            "--owner",
            "a@b.c",
            "--owner",
            "d@e.f",
            "--job",
            "x",
            "--requeue-after",
            "2",
            "--chunks",
            "3",
        ]
    )
    assert (args.owner, args.job, args.requeue_after, args.chunks) == (
        ["a@b.c", "d@e.f"],
        [Path("x")],
        2.0,
        3,
    )


def test_seeded_cli_server_serves_the_whole_flow(tmp_path: Path) -> None:
    port = free_port()
    command = [
        sys.executable, "-m", "desktop_agent.devserver", "--port", str(port), "--data-dir", str(tmp_path / "data"),
        "--owner", "vol@example.com", "--job", str(SAMPLE_JOB), "--chunks", "3",
    ]  # fmt: skip
    proc = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline().split() for _ in range(3)]
        assert lines[0] == ["url", f"http://127.0.0.1:{port}"]
        assert lines[1][0] == "owner" and lines[1][2] == "vol@example.com"
        assert lines[2][0] == "job" and lines[2][2] == str(SAMPLE_JOB)
        url, job_id = lines[0][1], int(lines[2][1])

        with httpx.Client(base_url=url, timeout=10.0) as http:
            assert (
                http.post(
                    "/agent/register", json={"id": "cli-agent", "email": "vol@example.com"}
                ).status_code
                == 200
            )
            task = http.post("/agent/request_task", json={"agent_id": "cli-agent"}).json()
            assert task["job_id"] == job_id
            work = tmp_path / "work"
            work.mkdir()
            for key, name in (
                ("code_url", "train.py"),
                ("requirements_url", "requirements.txt"),
                ("chunk_data_url", "data.csv"),
            ):
                response = http.get(task[key])
                assert response.status_code == 200
                (work / name).write_bytes(response.content)
            env = {**os.environ, "SAMPLE_JOB_SECONDS": "0"}
            run = subprocess.run(
                [sys.executable, "train.py"],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
            assert run.returncode == 0 and run.stdout.splitlines()[-2] == "progress: 1.0"
            model = json.loads((work / "model.pth").read_text())
            chunk = (work / "data.csv").read_bytes()
            assert model["sha256_of_data"] == hashlib.sha256(chunk).hexdigest()
            assert model["rows"] == len(chunk.splitlines()) - 1 == 34
            upload = http.post(
                "/agent/upload_result",
                data={"agent_id": "cli-agent", "task_id": str(task["task_id"])},
                files={"file": ("model.pth", (work / "model.pth").read_bytes())},
            )
            result_url = upload.json()["url"]
            assert http.get(result_url).content == (work / "model.pth").read_bytes()
            done = http.post(
                "/agent/complete_task",
                json={
                    "agent_id": "cli-agent",
                    "task_id": task["task_id"],
                    "result_url": result_url,
                },
            )
            assert done.json() == {"message": "Task marked as completed. Good job!"}
            assert http.get(f"/jobs/{job_id}").json()["completed_subtasks"] == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0


def test_cli_reports_a_busy_port(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "desktop_agent.devserver", "--port", str(port), "--data-dir", str(tmp_path)],
            cwd=REPO, capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
    assert proc.returncode == 1
    assert "cannot listen" in proc.stderr

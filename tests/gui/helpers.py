"""Helpers shared by the GUI tests."""

from __future__ import annotations

from desktop_agent.config import DataPaths, Settings, load_settings
from desktop_agent.paths import sample_job_dir

VOLUNTEER = "volunteer@example.com"
FAST = dict(poll_interval=0.2, heartbeat_interval=1.0)


class QuitRecorder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1


def registered_settings(server, paths: DataPaths) -> Settings:
    """Register this data folder with the dev server, as the setup dialog would."""
    from desktop_agent.engine.setup import register_machine

    register_machine(server.url, VOLUNTEER, paths)
    return load_settings(paths.root).with_overrides(**FAST)


def submit_sample(server, chunks: int = 1, seconds: float | None = None, **job) -> int:
    code = None
    if seconds is not None:
        code = (
            (sample_job_dir() / "train.py")
            .read_bytes()
            .replace(b'os.environ.get("SAMPLE_JOB_SECONDS", "1.0")', f'"{seconds}"'.encode())
        )
    return server.submit_job(sample_job_dir(), code=code, chunks=chunks, **job)

"""The CI-sized chaos soak: one agent subprocess, 60 tasks, every fault kind, nothing lost, nothing twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("no_job_left_behind")

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(330)
def test_chaos_soak_ci_size(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "chaos_soak.py"),
            "--tasks",
            "60",
            "--seed",
            "3",
            "--max-seconds",
            "240",
            "--heavy-every",
            "8",
            "--work-dir",
            str(tmp_path / "soak"),
        ],
        capture_output=True,
        text=True,
        timeout=320,
        cwd=ROOT,
    )
    print(proc.stdout[-4000:])
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "lost=0 duplicates=0 wrong=0" in proc.stdout
    assert "completed=60" in proc.stdout
    faults = proc.stdout.split("faults injected: ", 1)[1].split(" (total", 1)[0]
    counts = dict(item.split("=") for item in faults.split(", "))
    assert all(int(n) >= 1 for n in counts.values()), (
        counts
    )  # every kind of fault happened at least once

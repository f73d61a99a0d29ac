"""`--dist loadgroup` keeps each `xdist_group` on one worker (tests/conftest.py's hook), with
this machine's pytest and xdist: the tests that install the .deb rely on it."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONFTEST = "from tests.conftest import pytest_collection_modifyitems  # noqa: F401\n"
TESTS = """
import json, os, pytest

@pytest.mark.xdist_group("one")
@pytest.mark.parametrize("i", range(6))
def test_grouped(i, request):
    with open(os.environ["SEEN"], "a") as f:
        f.write(json.dumps([request.node.nodeid, os.environ["PYTEST_XDIST_WORKER"]]) + "\\n")

@pytest.mark.parametrize("i", range(6))
def test_free(i):
    pass
"""


def test_a_group_runs_on_one_worker(tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\n")  # not this repo's addopts
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_grouped.py").write_text(TESTS)
    seen = tmp_path / "seen.jsonl"
    args = ["-p", "no:cacheprovider", "-q", "-n", "3", "--dist", "loadgroup"]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", *args, "-c", str(tmp_path / "pytest.ini"), str(tmp_path)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "SEEN": str(seen), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = [json.loads(line) for line in seen.read_text().splitlines()]
    assert len(rows) == 6
    assert len({worker for _nodeid, worker in rows}) == 1, rows
    assert all(nodeid.endswith("@one") for nodeid, _worker in rows), rows

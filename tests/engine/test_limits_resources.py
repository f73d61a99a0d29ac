"""Hostile jobs against the memory and disk caps, through the real agent.

Memory a job holds outside its RSS (a memfd, SysV shared memory it detached from) and disk it
uses outside the visible tree (a deleted file it keeps open, thousands of empty folders, a
flood of output kept as the task log, a sparse `model.pth`) all count; a job that fills the
disk makes a host fault that cleans up and backs off, never a crash.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from desktop_agent.engine import events as ev
from desktop_agent.engine import memcap
from desktop_agent.engine.store import Store
from tests.helpers.one_task import completions, run_one_task

pytestmark = [pytest.mark.timeout(120), pytest.mark.usefixtures("no_job_left_behind")]


def submit(srv, code: str) -> None:
    srv.submit_job(code=code.encode(), requirements=b"", data=b"x\n1\n", chunks=1)


def assert_failed(srv, ran, message: str) -> None:
    assert ran.finished.outcome is ev.Outcome.FAILED, ran.finished
    assert message in (ran.finished.error or ""), ran.finished.error
    assert [c["result_url"] for c in completions(srv)] == [""]
    assert srv.calls("/agent/upload_result") == []


MEMFD = """
import os, time
fd = os.memfd_create("hoard")
chunk = b"m" * 2**20
for _ in range(300):
    os.write(fd, chunk)
time.sleep(30)
"""

SYSV = """
import ctypes, time
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
size = 10 * 2**20
for _ in range(30):  # 300 MB in segments no process maps for long: RSS stays ~10 MB
    shmid = libc.shmget(0, ctypes.c_size_t(size), 0o1000 | 0o600)  # IPC_PRIVATE, IPC_CREAT
    assert shmid >= 0, ctypes.get_errno()
    addr = libc.shmat(shmid, None, 0)
    ctypes.memset(addr, 1, size)
    libc.shmdt(ctypes.c_void_p(addr))
print("detached", flush=True)
time.sleep(30)
"""


@pytest.fixture(params=["as-the-machine-allows", "watchdog-only"])
def memory_mode(request, monkeypatch):
    """Run once with the strongest cap here, once with the watchdog alone (no memory cgroup)."""
    if request.param == "watchdog-only":
        monkeypatch.setattr(memcap, "open_memory_cap", lambda *a, **k: memcap.MemoryCap())
    return request.param


@pytest.mark.parametrize("code", [MEMFD, SYSV], ids=["memfd", "sysv"])
def test_shared_memory_counts_against_the_memory_cap(srv, tmp_path, memory_mode, code):
    submit(srv, code)
    ran = run_one_task(srv, tmp_path / "agent", max_job_memory_mb=100)
    assert_failed(srv, ran, "used more than 100 MB of memory")
    assert ran.row.limits and ran.row.limits.startswith("memory: ")
    if memory_mode == "watchdog-only":
        assert "memory: watchdog" in ran.row.limits


def test_the_record_says_how_memory_was_capped(srv, tmp_path):
    submit(srv, "open('model.pth', 'w').write('ok')\n")
    ran = run_one_task(srv, tmp_path / "agent", max_job_memory_mb=500)
    assert ran.finished.outcome is ev.Outcome.COMPLETED
    store = Store(tmp_path / "agent" / "agent.db")
    try:
        [row] = store.history()
    finally:
        store.close()
    expected = (
        "kernel" if memcap.open_memory_cap.__module__ and _memory_cgroup_here() else "watchdog"
    )
    assert row.limits and f"memory: {expected}" in row.limits, row.limits


def _memory_cgroup_here() -> bool:
    cap = memcap.open_memory_cap(100, owner="probe")
    try:
        return cap.usage_bytes() is not None
    finally:
        cap.close()


def test_a_deleted_file_held_open_counts_against_the_quota(srv, tmp_path):
    submit(
        srv,
        "import os, time\nf = open('hidden.bin', 'wb')\nos.unlink('hidden.bin')\n"
        "for _ in range(60):\n    f.write(b'x' * 2**20)\n    f.flush()\n    os.fsync(f.fileno())\n"
        "time.sleep(30)\n",
    )
    ran = run_one_task(srv, tmp_path / "agent", max_workspace_mb=20)
    assert_failed(srv, ran, "wrote more than 20 MB into its folder")


def test_thousands_of_empty_folders_are_stopped(srv, tmp_path):
    submit(
        srv,
        "import os, time\nfor i in range(15000):\n    os.mkdir(f'd{i}')\ntime.sleep(30)\n",
    )
    ran = run_one_task(srv, tmp_path / "agent", max_workspace_mb=20)
    assert ran.finished.outcome is ev.Outcome.FAILED, ran.finished
    error = ran.finished.error or ""
    assert "files and folders" in error or "wrote more than 20 MB" in error, error


def test_an_output_flood_keeps_only_the_end_of_the_log(srv, tmp_path):
    submit(
        srv,
        "import sys\nline = 'y' * 1000 + '\\n'\nfor i in range(10000):\n    sys.stdout.write(line)\n"
        "print('the last line', flush=True)\nopen('model.pth', 'w').write('ok')\n",
    )
    ran = run_one_task(srv, tmp_path / "agent")
    assert ran.finished.outcome is ev.Outcome.COMPLETED, ran.finished
    log = tmp_path / "agent"
    logs = list(log.rglob("task-*.log"))
    assert logs, list(log.rglob("*"))
    size = max(p.stat().st_size for p in logs)
    assert size <= 2 * 1024 * 1024 + 4096, size  # 10 MB printed: the file is cut back several times
    text = max(logs, key=lambda p: p.stat().st_size).read_text()
    assert "the last line" in text and "bytes of output not kept" in text


def test_a_sparse_model_larger_than_the_quota_is_not_uploaded(srv, tmp_path):
    submit(
        srv,
        "with open('model.pth', 'wb') as f:\n    f.truncate(1024 * 2**20)\n",
    )
    ran = run_one_task(srv, tmp_path / "agent", max_workspace_mb=20)
    assert_failed(srv, ran, "more than the 20 MB disk quota")


@pytest.fixture
def small_disk(tmp_path):
    """A 48 MB filesystem for the agent's data folder (root only: it is a tmpfs mount)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(mount)]).returncode:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)])


def test_a_job_that_fills_the_disk_is_a_host_fault_not_a_crash(srv, tmp_path, small_disk):
    submit(
        srv,
        "import time\ntry:\n    with open('fill.bin', 'wb') as f:\n        while True:\n"
        "            f.write(b'z' * 2**20)\n            f.flush()\nexcept OSError as exc:\n"
        "    print('full:', exc, flush=True)\ntime.sleep(2)\nopen('model.pth', 'w').write('x')\n",
    )
    data_dir = small_disk / "agent"
    ran = run_one_task(  # the agent thread raising would fail here (helpers join it)
        srv, data_dir, max_workspace_mb=10240, release_after_s=0.5, timeout=30
    )
    assert ran.finished.outcome is ev.Outcome.RELEASED, ran.finished
    assert "disk" in (ran.finished.error or "") and "filled up" in (ran.finished.error or "")
    assert not list((data_dir / "work").glob("task-*"))  # the workspace was cleaned
    vfs = os.statvfs(small_disk)
    assert vfs.f_bavail * vfs.f_frsize > 30 * 2**20
    assert srv.calls("/agent/upload_result") == []

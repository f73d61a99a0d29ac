"""proctree: one reading of a job's process tree, real processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psutil
import pytest

from desktop_agent.engine import proctree

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX process groups")

_PARENT = "import subprocess, sys, time\nsubprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\ntime.sleep(60)\n"


def _until(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_tree_is_leader_descendants_and_extra_members():
    parent = subprocess.Popen([sys.executable, "-c", _PARENT])
    outsider = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _until(lambda: len(proctree.descendants(parent.pid)) == 2)
        pids = {p.pid for p in proctree.tree(parent.pid, [outsider.pid, 999_999_999])}
        assert parent.pid in pids and outsider.pid in pids and len(pids) == 3
        procs = proctree.tree(parent.pid)
        assert proctree.rss_bytes(procs) > 0
        assert 0 < proctree.memory_pct(procs) < 100
    finally:
        for proc in proctree.descendants(parent.pid):
            proctree.signal_quietly(proc, "kill")
        outsider.kill()
        parent.wait()
        outsider.wait()


def test_a_zombie_is_not_a_member_and_a_gone_pid_is_empty():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    _until(lambda: psutil.Process(child.pid).status() == psutil.STATUS_ZOMBIE)
    assert proctree.tree(child.pid) == []
    child.wait()
    assert proctree.descendants(child.pid) == [] and proctree.descendants(None) == []


def test_known_process_objects_are_reused():
    me = psutil.Process()
    assert proctree.descendants(me.pid, {me.pid: me})[0] is me

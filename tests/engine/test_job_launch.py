"""The steps before exec (cgroup joins, process rlimit, the seccomp fd, priority) in one shell."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_agent.engine import job_launch, limits

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX shells")

SHELLS = [s for s in ("sh", "dash", "bash", "busybox") if shutil.which(s)]

PROBE = (
    "import os\n"
    "limits = open('/proc/self/limits').read().splitlines()\n"
    "nproc = next(x for x in limits if x.startswith('Max processes')).split()[2]\n"
    "print(os.getpid(), nproc, os.nice(0), os.read(3, 100).decode())\n"
)


def _chain(tmp_path: Path) -> tuple[list[str], Path, Path, Path]:
    """A launch chain as the runner builds it, with plain files standing in for cgroup.procs."""
    pids_procs, memory_procs = tmp_path / "pids.procs", tmp_path / "memory.procs"
    filter_file = tmp_path / "filter file with spaces $HOME `x`"
    filter_file.write_text("the filter")
    argv = [
        *job_launch.hop("cgroup", str(pids_procs)),
        *job_launch.hop("cgroup", str(memory_procs)),
        *job_launch.hop("nproc", "4321"),
        *limits.priority_prefix(10),
        *job_launch.fd3_hop(filter_file),
        sys.executable,
        "-c",
        PROBE,
    ]
    return argv, pids_procs, memory_procs, filter_file


@pytest.mark.parametrize("shell", SHELLS)
def test_one_shell_takes_every_step_before_the_job_runs(tmp_path, shell):
    argv, pids_procs, memory_procs, _filter = _chain(tmp_path)
    fused = job_launch.fuse(argv)
    assert fused.count("-c") == 2  # the one shell, and the probe's own `python -c`
    assert fused[fused.index(sys.executable) - 3 :][:3] == limits.priority_prefix(10)
    runner = [shutil.which(shell) or shell] + (["sh"] if shell == "busybox" else [])
    done = subprocess.run(
        [*runner, *fused[1:]], capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 0, done.stderr
    pid, nproc, nice, fd3 = done.stdout.split(maxsplit=3)
    # the job's own process joined both cgroups (the shell exec'd into it: same pid)
    assert pids_procs.read_text().strip() == pid == memory_procs.read_text().strip()
    assert nproc == "4321"
    assert int(nice) >= 10 or not limits.priority_prefix(10)
    assert fd3.strip() == "the filter"


def test_the_fused_chain_does_what_the_separate_hops_did(tmp_path):
    argv, pids_procs, memory_procs, _filter = _chain(tmp_path)
    separate = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True)
    first = pids_procs.read_text()
    fused = subprocess.run(
        job_launch.fuse(argv), capture_output=True, text=True, timeout=30, check=True
    )
    pid, *rest = fused.stdout.split()
    assert separate.stdout.split()[1:] == rest
    assert first != pids_procs.read_text() == memory_procs.read_text() == f"{pid}\n"


def test_a_failed_cgroup_join_stops_the_launch(tmp_path):
    """The job must not run outside its cgroup: a join that fails ends the chain there."""
    marker = tmp_path / "ran"
    argv = job_launch.fuse(
        [
            *job_launch.hop("cgroup", str(tmp_path / "no such folder" / "cgroup.procs")),
            *job_launch.hop("nproc", "100"),
            sys.executable,
            "-c",
            f"open({str(marker)!r}, 'w')",
        ]
    )
    done = subprocess.run(argv, capture_output=True, timeout=30, check=False)
    assert done.returncode != 0 and not marker.exists()


def test_anything_but_the_known_hops_is_left_as_it_is(tmp_path):
    plain = [sys.executable, "train.py"]
    assert job_launch.fuse(plain) == plain
    assert job_launch.fuse([*limits.priority_prefix(10), *plain]) == [
        *limits.priority_prefix(10),
        *plain,
    ]
    # a shell hop that is not one of ours, even one that looks alike, ends the fused part
    foreign = ["/bin/sh", "-c", 'echo $$ > "$1" && shift && exec "$@"; rm -rf ~', "job", "x"]
    hopped = job_launch.fuse([*job_launch.hop("nproc", "5"), *foreign, *plain])
    assert hopped[-len(foreign) - len(plain) :] == [*foreign, *plain]
    assert hopped.count("-c") == 2


def test_the_job_starts_in_one_exec_per_wrapper(tmp_path):
    """sh (all steps) → nice → the job: the steps add one exec, not one each."""
    argv, *_ = _chain(tmp_path)
    fused = job_launch.fuse(argv)
    trace = tmp_path / "trace"
    if not shutil.which("strace"):
        pytest.skip("strace is not installed")
    subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=execve", "-o", str(trace), *fused],
        capture_output=True,
        timeout=60,
        check=True,
    )
    execs = [line for line in trace.read_text().splitlines() if "execve(" in line and "= 0" in line]
    names = [os.path.basename(line.split('execve("', 1)[1].split('"', 1)[0]) for line in execs]
    assert names[0] in ("sh", "dash", "bash", "busybox")
    assert len(names) == (3 if limits.priority_prefix(10) else 2), names

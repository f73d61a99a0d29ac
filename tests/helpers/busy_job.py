"""CPU-busy jobs and a way to read how much CPU a job's tree has used.

`busy_code`: a process and its child that need a fixed amount of CPU time (pausing delays the
result, never changes it). `spin_code`: one process that takes all the CPU it is given for a
fixed wall time and prints what it got, for the CPU throttle's tests.
"""

from __future__ import annotations

import psutil

# A job that burns CPU in itself and in a child until it has used `cpu_s` seconds of its own CPU
# time (so a pause delays it but does not change its result), then writes the sample job's result.
BUSY_CODE = b"""
import hashlib, json, subprocess, sys, time
from pathlib import Path
raw = Path("data.csv").read_bytes()
child = subprocess.Popen([sys.executable, "-c", "import time\\nwhile True:\\n    sum(range(20000)); time.sleep(0.002)"])
target = CPU_S
step = 0
while time.process_time() < target:
    sum(range(20000))
    time.sleep(0.002)
    s = int(4 * time.process_time() / target)
    if s > step:
        step = s
        print(f"progress: {min(s, 4) / 4}", flush=True)
child.kill()
Path("model.pth").write_text(json.dumps({"sha256_of_data": hashlib.sha256(raw).hexdigest()}))
print("saved model.pth", flush=True)
"""


def busy_code(cpu_s: float = 1.5) -> bytes:
    return BUSY_CODE.replace(b"CPU_S", repr(cpu_s).encode())


# Spins for SPIN_S of wall time, then prints the CPU time the kernel charged it: "cpu 0.74".
SPIN_CODE = """
import time
start = time.monotonic()
while time.monotonic() - start < SPIN_S:
    pass
print("cpu", time.process_time(), flush=True)
"""


def spin_code(wall_s: float) -> str:
    return SPIN_CODE.replace("SPIN_S", repr(wall_s))


def spun_cpu_s(log_tail: str) -> float:
    """The CPU seconds a `spin_code` job printed."""
    return float(log_tail.split("cpu")[-1].split()[0])


def tree_cpu(pid: int) -> float:
    """User+system CPU seconds of a process and its live descendants."""
    total = 0.0
    try:
        leader = psutil.Process(pid)
        procs = [leader, *leader.children(recursive=True)]
    except psutil.Error:
        return total
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total

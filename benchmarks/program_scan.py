"""Cost of "pause while these programs run": one scan of the running programs' names.

Sleeping processes are started until about `--processes` run, then each way of listing
the names is timed (CPU time of this process, median of `--rounds`):

- ours: `platform/programs.running_names()` (Linux: `/proc/<pid>/comm`);
- baseline: psutil's names (`process_iter(["name"])`), what Windows and macOS use;
- naive: psutil's name, executable and command line of every process.

The share of one core is the scan's CPU time over the interval it runs at: every
`rules_interval_s` (3 s) while a job runs, every PROGRAM_SCAN_IDLE_S (15 s) otherwise.

    .venv/bin/python benchmarks/program_scan.py [--processes 300] [--rounds 30]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _common import header

from desktop_agent.engine.rules import PROGRAM_SCAN_IDLE_S
from desktop_agent.platform import programs


def psutil_names() -> object:
    return {p.info["name"] for p in psutil.process_iter(["name"])}


def naive() -> object:
    return [p.info for p in psutil.process_iter(["name", "exe", "cmdline"])]


def cpu_ms(fn: Callable[[], object], rounds: int) -> float:
    fn()
    times = []
    for _ in range(rounds):
        t = time.process_time()
        fn()
        times.append((time.process_time() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--processes", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    header("program scan")
    sleepers = [
        subprocess.Popen(["sleep", "600"])
        for _ in range(max(0, args.processes - len(psutil.pids())))
    ]
    try:
        print(f"   processes running: {len(psutil.pids())}")
        ours = cpu_ms(programs.running_names, args.rounds)
        base = cpu_ms(psutil_names, args.rounds)
        slow = cpu_ms(naive, args.rounds)
    finally:
        for p in sleepers:
            p.kill()
            p.wait()
    print(f"   ours (/proc comm):          {ours:6.2f} ms CPU per scan")
    print(f"   baseline (psutil names):    {base:6.2f} ms  -> ours is {base / ours:.1f}x cheaper")
    print(f"   naive (name+exe+cmdline):   {slow:6.2f} ms  -> ours is {slow / ours:.1f}x cheaper")
    for label, every in (("a job runs", 3.0), ("no job", PROGRAM_SCAN_IDLE_S)):
        print(
            f"   share of one core while {label} (every {every:g} s): "
            f"ours {ours / every / 10:.3f} %, baseline {base / every / 10:.3f} %"
        )


if __name__ == "__main__":
    main()

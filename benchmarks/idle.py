"""(d) Idle cost of the headless agent: CPU % and RSS over 60 s with no work on offer.

`desktop-agent run` (default intervals: a heartbeat and a request_task every
10 s) against the reference backend with no jobs. After a 10 s warm-up
(registration), CPU time of the agent's process (children included) is read
over the window; CPU % is of one core. RSS is read at the end (peak too).
The GUI's idle figure is measured by `benchmarks/tray_idle.py`.

    .venv/bin/python benchmarks/idle.py [--seconds 60] [--stub-devserver] [--baseline-tree DIR]

`--baseline-tree DIR` runs a second agent from another copy of the code (e.g.
`git archive <commit> | tar -x -C DIR`) beside this one, against the same
server over the same window, and prints both with their ratio: on a machine
shared with other work, only a figure taken in the same run compares.

`--stub-devserver` runs the same agent with the `dev` subcommand's module
replaced by a stub, to show the RSS the CLI would have if building its
argument parser did not import the devserver (FastAPI, uvicorn, pydantic).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OWNER, header

from desktop_agent.devserver import DevServer


STUB = (
    "import sys, types\n"
    "stub = types.ModuleType('desktop_agent.devserver.cli'); stub.add_arguments = lambda parser: None\n"
    "sys.modules['desktop_agent.devserver.cli'] = stub\n"
    "from desktop_agent.cli import main\n"
)


def cpu_of(proc: psutil.Process) -> float:
    t = proc.cpu_times()
    total = t.user + t.system + t.children_user + t.children_system
    for child in proc.children(recursive=True):
        try:
            c = child.cpu_times()
            total += c.user + c.system
        except psutil.Error:
            pass
    return total


def start_agent(
    srv: DevServer, home: Path, stub: bool, tree: str | None = None
) -> subprocess.Popen[bytes]:
    argv = ["run", "--server", srv.url, "--email", OWNER, "--data-dir", str(home)]
    cmd = [sys.executable, "-m", "desktop_agent", *argv]
    if stub:
        cmd = [sys.executable, "-c", STUB + f"raise SystemExit(main({argv!r}))"]
    env = None
    if tree is not None:  # the other copy of the code first on the path
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([tree, os.environ.get("PYTHONPATH", "")]),
        }
    return subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tree
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--stub-devserver", action="store_true")
    ap.add_argument("--baseline-tree", help="another copy of the code, run beside this one")
    args = ap.parse_args()
    header(f"idle: headless agent with no work, {args.seconds:.0f} s")
    tmp = Path(tempfile.mkdtemp(prefix="idle-bench-"))
    try:
        with DevServer(data_dir=tmp / "server") as srv:
            srv.add_owner(OWNER)
            agents = {"this code": start_agent(srv, tmp / "agent", args.stub_devserver)}
            if args.baseline_tree:
                agents["baseline"] = start_agent(
                    srv, tmp / "baseline", args.stub_devserver, args.baseline_tree
                )
            try:
                procs = {name: psutil.Process(a.pid) for name, a in agents.items()}
                time.sleep(10)
                t0 = time.monotonic()
                cpu0 = {name: cpu_of(proc) for name, proc in procs.items()}
                peak = dict.fromkeys(procs, 0)
                while time.monotonic() - t0 < args.seconds:
                    for name, proc in procs.items():
                        peak[name] = max(peak[name], proc.memory_info().rss)
                    time.sleep(1)
                t1 = time.monotonic()
                cpu1 = {name: cpu_of(proc) for name, proc in procs.items()}
                rss = {name: proc.memory_info().rss for name, proc in procs.items()}
                beats = len(srv.calls("/agent/heartbeat"))
            finally:
                for agent in agents.values():
                    agent.terminate()
                for agent in agents.values():
                    agent.wait(30)
        pct = {name: (cpu1[name] - cpu0[name]) / (t1 - t0) * 100 for name in procs}
        for name in procs:
            print(
                f"   {name}: CPU {pct[name]:.3f} % of one core ({cpu1[name] - cpu0[name]:.2f} s "
                f"in {t1 - t0:.0f} s), RSS {rss[name] / 2**20:.1f} MiB at the end, "
                f"peak {peak[name] / 2**20:.1f} MiB  (goal <= 0.05 % / 40 MiB)"
            )
        if "baseline" in procs:
            base = max(pct["baseline"], 1e-9)
            print(
                f"   this code vs baseline: CPU {pct['this code'] / base:.2f}x, "
                f"RSS {rss['this code'] / rss['baseline']:.2f}x "
                f"({(rss['this code'] - rss['baseline']) / 2**20:+.1f} MiB)"
            )
        print(f"   heartbeats sent during the run (all agents): {beats}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

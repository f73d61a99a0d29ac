"""(d) Idle cost of the headless agent: CPU % and RSS over 60 s with no work on offer.

`desktop-agent run` (default intervals: a heartbeat and a request_task every
10 s) against the reference backend with no jobs. After a 10 s warm-up
(registration), CPU time of the agent's process (children included) is read
over the window; CPU % is of one core. RSS is read at the end (peak too).
The GUI's idle figure is measured by `benchmarks/tray_idle.py`.

    .venv/bin/python benchmarks/idle.py [--seconds 60] [--stub-devserver]

`--stub-devserver` runs the same agent with the `dev` subcommand's module
replaced by a stub, to show the RSS the CLI would have if building its
argument parser did not import the devserver (FastAPI, uvicorn, pydantic).
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--stub-devserver", action="store_true")
    args = ap.parse_args()
    header(f"idle: headless agent with no work, {args.seconds:.0f} s")
    tmp = Path(tempfile.mkdtemp(prefix="idle-bench-"))
    try:
        with DevServer(data_dir=tmp / "server") as srv:
            srv.add_owner(OWNER)
            argv = ["run", "--server", srv.url, "--email", OWNER, "--data-dir", str(tmp / "agent")]
            cmd = [sys.executable, "-m", "desktop_agent", *argv]
            if args.stub_devserver:
                cmd = [sys.executable, "-c", STUB + f"raise SystemExit(main({argv!r}))"]
            agent = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                proc = psutil.Process(agent.pid)
                time.sleep(10)
                cpu0, t0 = cpu_of(proc), time.monotonic()
                peak = 0
                while time.monotonic() - t0 < args.seconds:
                    peak = max(peak, proc.memory_info().rss)
                    time.sleep(1)
                cpu1, t1 = cpu_of(proc), time.monotonic()
                rss = proc.memory_info().rss
                beats = len(srv.calls("/agent/heartbeat"))
            finally:
                agent.terminate()
                agent.wait(30)
        pct = (cpu1 - cpu0) / (t1 - t0) * 100
        print(
            f"   CPU: {pct:.3f} % of one core ({cpu1 - cpu0:.2f} s in {t1 - t0:.0f} s)  (goal <= 0.1 %)"
        )
        print(
            f"   RSS: {rss / 2**20:.1f} MiB at the end, peak {peak / 2**20:.1f} MiB  (goal <= 50 MB)"
        )
        print(f"   heartbeats sent during the run: {beats}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Tray idle: the desktop app in the tray, window never opened, no work, vs a bare PySide6 tray.

Both run side by side under the same display and tray host (a fresh Xvfb + trayer unless
DISPLAY is set), against a reference backend in another process that has no jobs, so the app
heartbeats and asks for work as it would on a volunteer's machine with nothing queued. The app
is started the way its launcher starts it (`python -m desktop_agent --minimized`: the supervisor
and the app under it). After the warm-up (registration, first heartbeats, start-up trim) it
records, over the window:

- CPU: seconds used by each process over the window / wall time (% of one core), and the
  app's by thread (the GUI thread carries the process's name; the engine's loop is `engine`,
  its worker threads `asyncio_N`);
- memory: RSS and USS (memory only this process holds) at the end of the window, for the app
  process alone and for supervisor + app.

It prints the figures and the ratios app / bare (and this code / baseline with `--baseline-tree`:
that app runs too, side by side, from the other tree).

    .venv/bin/python benchmarks/tray_idle.py                 # 20 s warm-up, 60 s window
    .venv/bin/python benchmarks/tray_idle.py --window 120
    .venv/bin/python benchmarks/tray_idle.py --exe dist/pyinstaller/desktop-agent/desktop-agent
    .venv/bin/python benchmarks/tray_idle.py --baseline-tree /tmp/base   # + the code before a change

Not a test; nothing in CI runs it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _tray import BARE_TRAY, PY, ROOT, TraySession, add_baseline_arg, cpu_s, mem, stop


def app_child(supervisor: psutil.Process) -> psutil.Process | None:
    for child in supervisor.children():
        if child.status() != psutil.STATUS_ZOMBIE:
            return child
    return None


def thread_cpu(p: psutil.Process) -> dict[str, float]:
    """CPU seconds per thread name (the GUI thread is the process's own name)."""
    out: dict[str, float] = {}
    for t in p.threads():
        try:
            name = Path(f"/proc/{p.pid}/task/{t.id}/comm").read_text().strip()
        except OSError:
            continue
        out[name] = out.get(name, 0.0) + t.user_time + t.system_time
    return out


def figures(
    name: str, sup: psutil.Process, app: psutil.Process, c: dict[str, float], wall: float
) -> dict[str, Any]:
    (s_rss, s_uss), (a_rss, a_uss) = mem(sup), mem(app)
    return {
        f"{name}_rss_mib": round(a_rss, 1),
        f"{name}_uss_mib": round(a_uss, 1),
        f"{name}_cpu_pct": round(100 * c[name] / wall, 3),
        f"{name}_supervisor_rss_mib": round(s_rss, 1),
        f"{name}_supervisor_uss_mib": round(s_uss, 1),
        f"{name}_supervisor_cpu_pct": round(100 * c[f"{name} supervisor"] / wall, 3),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warmup", type=float, default=20.0)
    ap.add_argument("--window", type=float, default=60.0)
    ap.add_argument(
        "--exe", help="a frozen build's executable instead of `python -m desktop_agent`"
    )
    add_baseline_arg(ap)
    args = ap.parse_args()

    trees = {"app": ROOT} | ({"baseline": args.baseline_tree} if args.baseline_tree else {})
    with TraySession() as session:
        bare = subprocess.Popen([PY, "-c", BARE_TRAY], env=session.env(), cwd=ROOT)
        sups: dict[str, subprocess.Popen[bytes]] = {}
        try:
            for name, tree in trees.items():
                data = session.data_dir()
                sups[name] = subprocess.Popen(
                    session.app_cmd(data, args.exe if name == "app" else None),
                    env=session.env(tree),
                    cwd=tree,
                    stdout=subprocess.DEVNULL,
                    stderr=open(data / "app-stderr.txt", "wb"),  # noqa: SIM115 - lives with the app
                )
            time.sleep(args.warmup)
            procs = {"bare": psutil.Process(bare.pid)}
            for name, sup in sups.items():
                procs[f"{name} supervisor"] = psutil.Process(sup.pid)
                child = app_child(procs[f"{name} supervisor"])
                if child is None:
                    raise SystemExit(f"{name} is not running (see app-stderr.txt in its data)")
                procs[name] = child
            c0 = {k: cpu_s(p) for k, p in procs.items()}
            th0 = thread_cpu(procs["app"])
            t0 = time.monotonic()
            time.sleep(args.window)
            c = {k: cpu_s(p) - c0[k] for k, p in procs.items()}
            th1 = thread_cpu(procs["app"])
            wall = time.monotonic() - t0
            out: dict[str, Any] = {"window_s": round(wall, 1)}
            b_rss, b_uss = mem(procs["bare"])
            out |= {"bare_rss_mib": round(b_rss, 1), "bare_uss_mib": round(b_uss, 1)}
            out["bare_cpu_pct"] = round(100 * c["bare"] / wall, 3)
            for name in sups:
                again = app_child(procs[f"{name} supervisor"])
                if again is None or again.pid != procs[name].pid:
                    raise SystemExit(f"{name} restarted during the window")
                out |= figures(name, procs[f"{name} supervisor"], procs[name], c, wall)
        finally:
            for sup in sups.values():
                stop(sup)
            stop(bare)
    out["app_cpu_pct_by_thread"] = {
        k: round(100 * (v - th0.get(k, 0.0)) / wall, 3)
        for k, v in sorted(th1.items())
        if v - th0.get(k, 0.0) > 0
    }
    for name in trees:
        rss, uss = out[f"{name}_rss_mib"], out[f"{name}_uss_mib"]
        s_rss, s_uss = out[f"{name}_supervisor_rss_mib"], out[f"{name}_supervisor_uss_mib"]
        out[f"ratio_{name}_rss"] = round(rss / out["bare_rss_mib"], 2)
        out[f"ratio_{name}_uss"] = round(uss / out["bare_uss_mib"], 2)
        out[f"ratio_{name}_total_rss"] = round((rss + s_rss) / out["bare_rss_mib"], 2)
        out[f"ratio_{name}_total_uss"] = round((uss + s_uss) / out["bare_uss_mib"], 2)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

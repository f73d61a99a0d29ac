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

It prints the figures and the ratios app / bare. The `--sample` option adds a py-spy dump of
what the app's threads are doing at the end (needs py-spy next to the interpreter).

    .venv/bin/python benchmarks/tray_idle.py                 # 20 s warm-up, 60 s window
    .venv/bin/python benchmarks/tray_idle.py --window 120
    .venv/bin/python benchmarks/tray_idle.py --exe dist/pyinstaller/desktop-agent/desktop-agent

Not a test; nothing in CI runs it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _tray import (
    BARE_TRAY,
    PY,
    ROOT,
    app_data_dir,
    cpu_s,
    gui_env,
    mem,
    start_display,
    start_server,
    stop,
    stop_server,
)


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warmup", type=float, default=20.0)
    ap.add_argument("--window", type=float, default=60.0)
    ap.add_argument(
        "--exe", help="a frozen build's executable instead of `python -m desktop_agent`"
    )
    args = ap.parse_args()

    display_procs, display = start_display()
    server, url = start_server()
    data = app_data_dir(url)
    env = gui_env(display)
    launcher = [args.exe] if args.exe else [PY, "-m", "desktop_agent"]
    bare = subprocess.Popen([PY, "-c", BARE_TRAY], env=env, cwd=ROOT)
    sup = subprocess.Popen(
        [*launcher, "--minimized", "--data-dir", str(data)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(data / "app-stderr.txt", "wb"),  # noqa: SIM115 - lives as long as the app
    )
    try:
        time.sleep(args.warmup)
        supervisor = psutil.Process(sup.pid)
        app = app_child(supervisor)
        if app is None:
            raise SystemExit(f"the app is not running; see {data / 'app-stderr.txt'}")
        procs = {"bare": psutil.Process(bare.pid), "supervisor": supervisor, "app": app}
        c0 = {k: cpu_s(p) for k, p in procs.items()}
        th0 = thread_cpu(app)
        t0 = time.monotonic()
        time.sleep(args.window)
        c1 = {k: cpu_s(p) for k, p in procs.items()}
        th1 = thread_cpu(app)
        wall = time.monotonic() - t0
        m = {k: mem(p) for k, p in procs.items()}
        if app_child(supervisor) is None or app_child(supervisor).pid != app.pid:
            raise SystemExit("the app restarted during the window")
    finally:
        stop(sup)
        stop(bare)
        stop_server(server)
        for p in display_procs:
            p.terminate()
    cpu = {k: 100 * (c1[k] - c0[k]) / wall for k in procs}
    total_rss = m["supervisor"][0] + m["app"][0]
    total_uss = m["supervisor"][1] + m["app"][1]
    out = {
        "window_s": round(wall, 1),
        "bare_rss_mib": round(m["bare"][0], 1),
        "bare_uss_mib": round(m["bare"][1], 1),
        "bare_cpu_pct": round(cpu["bare"], 3),
        "app_rss_mib": round(m["app"][0], 1),
        "app_uss_mib": round(m["app"][1], 1),
        "app_cpu_pct": round(cpu["app"], 3),
        "supervisor_rss_mib": round(m["supervisor"][0], 1),
        "supervisor_uss_mib": round(m["supervisor"][1], 1),
        "supervisor_cpu_pct": round(cpu["supervisor"], 3),
        "app_cpu_pct_by_thread": {
            k: round(100 * (v - th0.get(k, 0.0)) / wall, 3)
            for k, v in sorted(th1.items())
            if v - th0.get(k, 0.0) > 0
        },
        "ratio_app_rss": round(m["app"][0] / m["bare"][0], 2),
        "ratio_app_uss": round(m["app"][1] / m["bare"][1], 2),
        "ratio_total_rss": round(total_rss / m["bare"][0], 2),
        "ratio_total_uss": round(total_uss / m["bare"][1], 2),
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""GUI figures: idle cost while contributing with no work, and launch-to-tray time.

Run under an X display with a tray (scripts/screenshots.sh shows how to start
Xvfb + trayer), e.g.:

    DISPLAY=:99 .venv/bin/python scripts/gui_bench.py            # both
    DISPLAY=:99 .venv/bin/python scripts/gui_bench.py idle 60    # idle only, 60 s

idle:   the app (window hidden, in the tray) against a DevServer running in
        *another* process with no jobs; after a 20 s warm-up, CPU time of the
        app's process tree over the window / wall time, and its RSS.
launch: process start -> first event-loop turn after the tray icon (app) or
        the window (bare PySide6) is shown; median of 5 runs each; ratio.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

PY = sys.executable
ROOT = Path(__file__).resolve().parent.parent
EMAIL = "volunteer@example.com"

SERVER_CODE = f"""
import sys, time
from desktop_agent.devserver import DevServer
with DevServer() as s:
    s.add_owner({EMAIL!r})
    print(s.url, flush=True)
    sys.stdin.read()
"""

APP_CODE = f"""
import sys
from desktop_agent.gui.app import run_gui
sys.exit(run_gui(sys.argv[1], server_override=sys.argv[2], email_override={EMAIL!r}, minimized=True))
"""

PROBE_APP = f"""
import sys, time, psutil
t0 = psutil.Process().create_time()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
real_exec = QApplication.exec
def probed_exec(*a):
    app = QApplication.instance()
    def done():
        print("READY", time.time() - t0, flush=True)
        import os; os._exit(0)
    QTimer.singleShot(0, done)
    return real_exec()
QApplication.exec = probed_exec
from desktop_agent.gui.app import run_gui
run_gui(sys.argv[1], server_override=sys.argv[2], email_override={EMAIL!r}, minimized=True)
"""

PROBE_BARE = """
import time, psutil, os
t0 = psutil.Process().create_time()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.setWindowTitle("bare"); w.show()
def done():
    print("READY", time.time() - t0, flush=True)
    os._exit(0)
QTimer.singleShot(0, done)
app.exec()
"""


def start_server() -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [PY, "-c", SERVER_CODE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    url = proc.stdout.readline().strip()
    return proc, url


def tree_cpu(p: psutil.Process) -> float:
    total = 0.0
    for q in [p, *p.children(recursive=True)]:
        try:
            t = q.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def tree_rss(p: psutil.Process) -> int:
    total = 0
    for q in [p, *p.children(recursive=True)]:
        try:
            total += q.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def idle(seconds: float) -> dict:
    server, url = start_server()
    data = tempfile.mkdtemp()
    app = subprocess.Popen([PY, "-c", APP_CODE, data, url], cwd=ROOT)
    try:
        p = psutil.Process(app.pid)
        time.sleep(20)  # warm-up: registration, first heartbeats, start-up trim
        c0, w0 = tree_cpu(p), time.monotonic()
        rss_max = 0
        end = w0 + seconds
        while time.monotonic() < end:
            time.sleep(1)
            rss_max = max(rss_max, tree_rss(p))
        c1, w1 = tree_cpu(p), time.monotonic()
        return {
            "idle_cpu_pct_of_one_core": round(100 * (c1 - c0) / (w1 - w0), 3),
            "idle_rss_mb_max": round(rss_max / 2**20, 1),
            "window_s": round(w1 - w0, 1),
        }
    finally:
        app.terminate()
        app.wait(15)
        server.stdin.close()
        server.wait(15)


def probe(code: str, *args: str) -> float:
    out = subprocess.run(
        [PY, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    for line in out.stdout.splitlines():
        if line.startswith("READY"):
            return float(line.split()[1])
    raise RuntimeError(out.stderr[-2000:])


def launch(runs: int = 5) -> dict:
    server, url = start_server()
    try:
        app_times = [probe(PROBE_APP, tempfile.mkdtemp(), url) for _ in range(runs)]
        bare_times = [probe(PROBE_BARE) for _ in range(runs)]
    finally:
        server.stdin.close()
        server.wait(15)
    a, b = statistics.median(app_times), statistics.median(bare_times)
    return {
        "launch_to_tray_s_median": round(a, 3),
        "bare_pyside6_window_s_median": round(b, 3),
        "ratio": round(a / b, 2),
        "runs": runs,
    }


def main() -> int:
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    secs = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0
    out = {}
    if what in ("all", "launch"):
        out.update(launch())
    if what in ("all", "idle"):
        out.update(idle(secs))
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

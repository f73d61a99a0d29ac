"""Long run of the desktop app: window open, working jobs, for half an hour or more.

Starts its own virtual display (Xvfb) with a tray host (trayer) when none is given, a reference
backend in another process that always has work (the sample job, ~20 s per task), and the real
launcher (`python -m desktop_agent`, i.e. the supervisor and the app under it) with the window
open. Every `--every` seconds it records the app process's RSS and USS, the CPU it used, the
tasks completed on the server and whether the app was restarted (a new child pid under the
supervisor means the app died). The baseline is the app's own RSS after the warm-up: the report
gives growth over the run and a least-squares slope in MiB per hour.

    .venv/bin/python benchmarks/gui_longrun.py --minutes 30
    .venv/bin/python benchmarks/gui_longrun.py --minutes 120 --csv longrun.csv

Not a test; nothing in CI runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
EMAIL = "volunteer@example.com"
MIB = 1024 * 1024

SERVER_CODE = """
import sys, time
from desktop_agent.devserver import DevServer
from desktop_agent.paths import sample_job_dir
code = (sample_job_dir() / "train.py").read_bytes().replace(
    b'os.environ.get("SAMPLE_JOB_SECONDS", "1.0")', b'"%(seconds)s"')
with DevServer() as s:
    s.add_owner(%(email)r)
    print(s.url, flush=True)
    jobs = []

    def completed(job_id):
        page = s.job(job_id)
        if "completed_subtasks" in page:
            return int(page["completed_subtasks"] or 0)
        return sum(1 for x in page.get("subtasks", []) if str(x.get("status")).upper() == "COMPLETED")

    while True:
        # Always have work queued: a new 4-chunk job whenever fewer than 2 are unfinished.
        open_jobs = [j for j in jobs if str(s.job(j).get("status", "")).upper() != "COMPLETED"]
        if len(open_jobs) < 2:
            jobs.append(s.submit_job(sample_job_dir(), code=code, chunks=4))
        done = sum(completed(j) for j in jobs)
        print("DONE", done, flush=True)
        time.sleep(5)
"""


def start_display() -> tuple[list[subprocess.Popen[bytes]], str]:
    if os.environ.get("DISPLAY"):
        return [], os.environ["DISPLAY"]
    if shutil.which("Xvfb") is None:
        raise SystemExit("no DISPLAY and no Xvfb: apt-get install xvfb trayer")
    display = next(f":{n}" for n in range(87, 200) if not Path(f"/tmp/.X{n}-lock").exists())
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    procs = [xvfb]
    if shutil.which("trayer"):
        procs.append(
            subprocess.Popen(
                ["trayer", "--edge", "top", "--widthtype", "pixel", "--width", "200"],
                env=dict(os.environ, DISPLAY=display),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        time.sleep(0.5)
    return procs, display


def app_child(supervisor: psutil.Process) -> psutil.Process | None:
    for child in supervisor.children():
        if child.status() != psutil.STATUS_ZOMBIE:
            return child
    return None


def slope_mib_per_hour(samples: list[tuple[float, float]]) -> float:
    if len(samples) < 2:
        return 0.0
    n = len(samples)
    mean_t = sum(t for t, _ in samples) / n
    mean_r = sum(r for _, r in samples) / n
    var = sum((t - mean_t) ** 2 for t, _ in samples)
    if var == 0:
        return 0.0
    cov = sum((t - mean_t) * (r - mean_r) for t, r in samples)
    return cov / var * 3600


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--every", type=float, default=30.0, help="seconds between samples")
    ap.add_argument("--warmup", type=float, default=300.0, help="seconds before the baseline")
    ap.add_argument("--task-seconds", type=float, default=20.0)
    ap.add_argument("--csv", type=Path, help="also write the samples here")
    args = ap.parse_args()

    display_procs, display = start_display()
    server = subprocess.Popen(
        [PY, "-c", SERVER_CODE % {"seconds": args.task_seconds, "email": EMAIL}],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert server.stdout is not None
    url = server.stdout.readline().strip()
    done_tasks = [0]

    def read_done() -> int:
        # Drain what the server printed so far; the last DONE line wins.
        import select

        while select.select([server.stdout], [], [], 0)[0]:
            line = server.stdout.readline()
            if not line:
                break
            if line.startswith("DONE"):
                done_tasks[0] = int(line.split()[1])
        return done_tasks[0]

    data = Path(tempfile.mkdtemp(prefix="longrun-"))
    (data / "settings.json").write_text(
        json.dumps({"email": EMAIL, "server": url, "poll_interval": 2.0})
    )
    env = dict(os.environ, DISPLAY=display)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DESKTOP_AGENT_SUPERVISED", None)
    sup_proc = subprocess.Popen(
        [PY, "-m", "desktop_agent", "--data-dir", str(data)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(data / "app-stderr.txt", "wb"),  # noqa: SIM115 - lives as long as the app
    )
    supervisor = psutil.Process(sup_proc.pid)
    started = time.monotonic()
    rows: list[dict[str, float]] = []
    pids: list[int] = []
    print("minute,rss_mib,uss_mib,cpu_pct,tasks_done,app_pid", flush=True)
    last_cpu: tuple[float, float] | None = None
    try:
        while time.monotonic() - started < args.minutes * 60:
            time.sleep(args.every)
            child = app_child(supervisor)
            if child is None:
                continue
            if not pids or pids[-1] != child.pid:
                pids.append(child.pid)
                last_cpu = None
            try:
                mem = child.memory_full_info()
                cpu = child.cpu_times()
            except psutil.NoSuchProcess:
                continue
            now = time.monotonic()
            cpu_s = cpu.user + cpu.system
            pct = 0.0 if last_cpu is None else (cpu_s - last_cpu[1]) / (now - last_cpu[0]) * 100
            last_cpu = (now, cpu_s)
            row = {
                "minute": (now - started) / 60,
                "rss_mib": mem.rss / MIB,
                "uss_mib": mem.uss / MIB,
                "cpu_pct": pct,
                "tasks_done": read_done(),
                "app_pid": child.pid,
            }
            rows.append(row)
            print(
                f"{row['minute']:.1f},{row['rss_mib']:.1f},{row['uss_mib']:.1f},"
                f"{row['cpu_pct']:.2f},{row['tasks_done']},{child.pid}",
                flush=True,
            )
    finally:
        sup_proc.terminate()
        try:
            sup_proc.wait(30)
        except subprocess.TimeoutExpired:
            sup_proc.kill()
        server.kill()
        for p in display_procs:
            p.kill()

    after = [r for r in rows if r["minute"] * 60 >= args.warmup] or rows
    base = after[0]["rss_mib"] if after else 0.0
    summary = {
        "minutes": round((time.monotonic() - started) / 60, 1),
        "app_restarts": max(0, len(pids) - 1),
        "tasks_done": read_done(),
        "rss_baseline_mib": round(base, 1),
        "rss_end_mib": round(after[-1]["rss_mib"], 1) if after else None,
        "rss_max_mib": round(max(r["rss_mib"] for r in after), 1) if after else None,
        "rss_growth_mib": round(after[-1]["rss_mib"] - base, 1) if after else None,
        "rss_slope_mib_per_hour": round(
            slope_mib_per_hour([(r["minute"] * 60, r["rss_mib"]) for r in after]), 2
        ),
        "mean_cpu_pct": round(sum(r["cpu_pct"] for r in after) / len(after), 2) if after else None,
        "supervisor_exit": sup_proc.returncode,
        "data_dir": str(data),
    }
    stderr_text = (data / "app-stderr.txt").read_text(errors="replace")
    summary["fatal_errors_in_stderr"] = stderr_text.count("Fatal Python error")
    print(json.dumps(summary, indent=2))
    if args.csv:
        with args.csv.open("w") as fh:
            fh.write("minute,rss_mib,uss_mib,cpu_pct,tasks_done,app_pid\n")
            for r in rows:
                fh.write(",".join(str(r[k]) for k in r) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""(f) Idle cost of Prometheus metrics: two headless agents side by side, metrics off and on.

Both run `desktop-agent run` (default intervals) against the same reference
backend with no jobs, started together, each on its own data folder, so that
the machine's load hits both alike. The second has `--metrics 0`
(loopback, a free port) and is scraped every `--scrape-interval` seconds as
Prometheus would (default 15 s, Prometheus's own default; 1 s for a harsh
figure). After a 10 s warm-up, CPU time of each agent (children included) is
read over the window; CPU % is of one core. RSS at the end, and the peak.

    .venv/bin/python benchmarks/metrics_idle.py [--seconds 60] [--scrape-interval 15]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OWNER, header
from idle import cpu_of

from desktop_agent.devserver import DevServer


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--scrape-interval", type=float, default=15.0)
    args = ap.parse_args()
    header(
        f"metrics idle: agent with metrics off vs on (scraped every {args.scrape_interval:g} s), "
        f"{args.seconds:.0f} s, same run"
    )
    tmp = Path(tempfile.mkdtemp(prefix="metrics-idle-bench-"))
    agents: dict[str, subprocess.Popen] = {}
    try:
        with DevServer(data_dir=tmp / "server") as srv:
            srv.add_owner(OWNER)
            for name, extra in (("off", []), ("on", ["--metrics", "0"])):
                argv = ["run", "--server", srv.url, "--email", OWNER, "--data-dir", str(tmp / name)]
                log = (tmp / f"{name}.log").open("wb")
                agents[name] = subprocess.Popen(
                    [sys.executable, "-m", "desktop_agent", *argv, *extra],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            deadline = time.monotonic() + 30
            url = None
            while url is None and time.monotonic() < deadline:
                found = re.search(
                    r"Metrics at (\S+/metrics)", (tmp / "on.log").read_text(errors="replace")
                )
                url = found.group(1) if found else None
                time.sleep(0.2)
            assert url, (tmp / "on.log").read_text(errors="replace")
            stop = threading.Event()
            scrapes: list[tuple[float, int]] = []

            def scraper() -> None:
                with httpx.Client() as client:
                    while not stop.is_set():
                        t = time.perf_counter()
                        body = client.get(url).content
                        scrapes.append((time.perf_counter() - t, len(body)))
                        stop.wait(args.scrape_interval)

            thread = threading.Thread(target=scraper, daemon=True)
            thread.start()
            procs = {name: psutil.Process(p.pid) for name, p in agents.items()}
            time.sleep(10)
            cpu0 = {n: cpu_of(p) for n, p in procs.items()}
            t0 = time.monotonic()
            peak = dict.fromkeys(procs, 0)
            n0 = len(scrapes)
            while time.monotonic() - t0 < args.seconds:
                for n, p in procs.items():
                    peak[n] = max(peak[n], p.memory_info().rss)
                time.sleep(1)
            cpu1 = {n: cpu_of(p) for n, p in procs.items()}
            t1 = time.monotonic()
            rss = {n: p.memory_info().rss for n, p in procs.items()}
            window = scrapes[n0:]
            stop.set()
            thread.join(10)
    finally:
        for p in agents.values():
            p.terminate()
        for p in agents.values():
            p.wait(30)
        shutil.rmtree(tmp, ignore_errors=True)
    pct = {n: (cpu1[n] - cpu0[n]) / (t1 - t0) * 100 for n in procs}
    for n in ("off", "on"):
        print(
            f"   metrics {n:3}: CPU {pct[n]:.3f} % of one core ({cpu1[n] - cpu0[n]:.2f} s in {t1 - t0:.0f} s), "
            f"RSS {rss[n] / 2**20:.1f} MiB at the end, peak {peak[n] / 2**20:.1f} MiB"
        )
    print(
        f"   difference: CPU {pct['on'] - pct['off']:+.3f} points, RSS {(rss['on'] - rss['off']) / 2**20:+.1f} MiB"
    )
    if window:
        mean_ms = sum(s for s, _ in window) / len(window) * 1000
        print(
            f"   scrapes in the window: {len(window)}, {mean_ms:.1f} ms each on average, {window[-1][1]} bytes per page"
        )


if __name__ == "__main__":
    main()

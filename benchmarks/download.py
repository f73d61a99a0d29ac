"""(c) A 1 GB chunk over loopback: the agent's downloader vs curl, and the agent's RSS growth.

Both fetch the same file from the same stdlib HTTP server (a separate process
serving a generated 1 GiB file from a temporary folder) into the same folder.
The agent side is `desktop_agent.engine.fetch.download` in a fresh Python
process (the code path the pipeline uses, fsync at the end included); its RSS
is sampled every 20 ms, growth = peak - RSS just before the download starts.
curl writes without fsync, so curl's time gets an explicit `sync` of its file
added to be fair. Runs alternate (curl, agent, curl, agent...) and the best of
each is reported.

    .venv/bin/python benchmarks/download.py [--size-mb 1024] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import header

AGENT_SIDE = r"""
import asyncio, json, os, sys, threading, time
import httpx, psutil
from desktop_agent.engine import fetch
url, dest = sys.argv[1], sys.argv[2]
proc = psutil.Process()
start_rss = proc.memory_info().rss
peak = [start_rss]
stop = threading.Event()
def sample():
    while not stop.is_set():
        peak[0] = max(peak[0], proc.memory_info().rss)
        time.sleep(0.02)
t = threading.Thread(target=sample, daemon=True)
async def main():
    async with httpx.AsyncClient() as client:
        return await fetch.download(client, url, __import__("pathlib").Path(dest), max_bytes=8 << 30)
t.start()
t0 = time.perf_counter()
res = asyncio.run(main())
secs = time.perf_counter() - t0
stop.set(); t.join()
print(json.dumps({"seconds": secs, "bytes": res.bytes, "rss_start": start_rss, "rss_peak": peak[0]}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    header(f"download: {args.size_mb} MiB chunk over loopback, agent vs curl")
    tmp = Path(tempfile.mkdtemp(prefix="dl-bench-"))
    try:
        served = tmp / "srv"
        served.mkdir()
        chunk = served / "chunk.csv"
        block = (b"0.123456,1.5,42,hello\n" * 50_000)[: 1 << 20]
        with open(chunk, "wb") as fh:  # real bytes, not a sparse hole: the server reads them
            for _ in range(args.size_mb):
                fh.write(block)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "http.server",
                str(port),
                "--bind",
                "127.0.0.1",
                "--directory",
                str(served),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/chunk.csv"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        size = chunk.stat().st_size
        curl_s, agent_s, growth = [], [], []
        try:
            for r in range(args.rounds):
                out = tmp / "curl.out"
                t0 = time.perf_counter()
                subprocess.run(["curl", "-sS", "-o", str(out), url], check=True)
                fd = os.open(out, os.O_RDONLY)
                os.fsync(fd)
                os.close(fd)
                curl_s.append(time.perf_counter() - t0)
                assert out.stat().st_size == size
                out.unlink()
                dest = tmp / "agent.out"
                res = subprocess.run(
                    [sys.executable, "-c", AGENT_SIDE, url, str(dest)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                import json

                data = json.loads(res.stdout.strip().splitlines()[-1])
                assert data["bytes"] == size and dest.stat().st_size == size
                dest.unlink()
                agent_s.append(data["seconds"])
                growth.append((data["rss_peak"] - data["rss_start"]) / 2**20)
                print(
                    f"   round {r + 1}: curl {curl_s[-1]:.2f} s, agent {agent_s[-1]:.2f} s, "
                    f"agent RSS growth {growth[-1]:.1f} MiB"
                )
        finally:
            server.terminate()
            server.wait()
        mib = size / 2**20
        best_curl, best_agent = min(curl_s), min(agent_s)
        print(f"   curl:  {mib / best_curl:7.0f} MiB/s (best of {args.rounds})")
        print(f"   agent: {mib / best_agent:7.0f} MiB/s (best of {args.rounds})")
        print(f"   ratio agent/curl throughput: {best_curl / best_agent:.2f}x  (goal >= 0.8x)")
        print(
            f"   agent RSS growth during the download: max {max(growth):.1f} MiB  (goal <= 20 MB)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The download rate cap (`max_download_kib_s`): how close the capped rate keeps to the cap.

One stdlib HTTP server thread serves a generated file over loopback; `fetch.download`
fetches it uncapped (the baseline, same run) and then capped at each rate asked for, with
one `pacing.RateLimiter` as the pipeline uses it. Printed per cap: seconds, achieved rate,
achieved / cap (1.00 = exactly the cap; the bucket starts empty, so it stays at or just
under 1), and the slowdown against the uncapped download.

    .venv/bin/python benchmarks/download_cap.py [--size-mb 8] [--caps 512,2048,8192]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _common import header

from desktop_agent.engine import fetch, pacing


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:
        pass


async def _get(url: str, dest: Path, limiter: pacing.RateLimiter | None) -> float:
    async with httpx.AsyncClient() as client:
        t0 = time.perf_counter()
        await fetch.download(client, url, dest, max_bytes=1 << 34, limiter=limiter)
        return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=int, default=8)
    ap.add_argument("--caps", default="512,2048,8192", help="KiB/s, comma-separated")
    args = ap.parse_args()
    header("download rate cap")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        size = args.size_mb * 1024 * 1024
        (root / "chunk.bin").write_bytes(b"x" * size)
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_address[1]}/chunk.bin"
        try:
            base = asyncio.run(_get(url, root / "out", None))
            print(f"   {args.size_mb} MiB uncapped: {base:.2f} s ({size / base / 2**20:.0f} MiB/s)")
            for cap in (int(c) for c in args.caps.split(",")):
                secs = asyncio.run(_get(url, root / "out", pacing.RateLimiter.kib_s(cap)))
                rate = size / secs / 1024
                print(
                    f"   cap {cap} KiB/s: {secs:.2f} s, {rate:.0f} KiB/s, "
                    f"achieved/cap {rate / cap:.2f}, {secs / base:.0f}x the uncapped time"
                )
        finally:
            httpd.shutdown()
            httpd.server_close()


if __name__ == "__main__":
    main()

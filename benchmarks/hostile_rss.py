"""Peak RSS of the headless agent (a subprocess) while a hostile server answers with bombs.

Each case starts `desktop-agent run` against a crafted server on 127.0.0.1 that proxies the
reference backend but answers one route with a bomb, samples the agent's RSS every 50 ms for
`--seconds`, and prints the peak. The agent must stay alive and bounded (a few tens of MB over
its idle size), however big the bomb is once decoded.

    .venv/bin/python benchmarks/hostile_rss.py [--seconds 15]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import OWNER, header
from desktop_agent.devserver import DevServer
from tests.helpers.crafted_server import CraftedServer

GIB = 1 << 30


def gzip_of_spaces(size: int, layers: int) -> bytes:
    inner = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * (1 << 20)
    data = b"".join(inner.compress(block) for _ in range(size // len(block))) + inner.flush()
    for _ in range(layers - 1):
        outer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        data = outer.compress(data) + outer.flush()
    return data


def cases() -> dict[str, tuple[str, object]]:
    stacked = gzip_of_spaces(4 * GIB, layers=2)
    single = gzip_of_spaces(1 * GIB, layers=1)

    async def stacked_answer(_scope, _body):
        return 200, {"content-type": "application/json", "content-encoding": "gzip, gzip"}, stacked

    async def single_answer(_scope, _body):
        return 200, {"content-type": "application/json", "content-encoding": "gzip"}, single

    async def huge_json(_scope, _body):
        async def chunks():
            yield b'{"task_id": 1, "padding": "'
            for _ in range(GIB // 65536):
                yield b"x" * 65536
            yield b'"}'

        return 200, {"content-type": "application/json"}, chunks()

    print(f"   stacked bomb: {len(stacked):,} bytes on the wire, 4 GiB decoded")
    print(f"   single bomb: {len(single):,} bytes on the wire, 1 GiB decoded")
    return {
        "request_task: gzip, gzip (4 GiB decoded)": ("/agent/request_task", stacked_answer),
        "request_task: gzip (1 GiB decoded)": ("/agent/request_task", single_answer),
        "request_task: 1 GiB JSON": ("/agent/request_task", huge_json),
    }


def peak_rss(server_url: str, data_dir: Path, seconds: float) -> tuple[float, float, bool]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    cmd = [sys.executable, "-m", "desktop_agent", "run", "--server", server_url]
    cmd += ["--email", OWNER, "--poll-interval", "1", "--data-dir", str(data_dir)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    agent = psutil.Process(proc.pid)
    peak, first = 0.0, None
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                rss = agent.memory_info().rss / 2**20
            except psutil.Error:
                break
            first = rss if first is None else first
            peak = max(peak, rss)
            time.sleep(0.05)
        alive = proc.poll() is None
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return peak, first or 0.0, alive


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    header("agent peak RSS under hostile answers")
    with tempfile.TemporaryDirectory() as tmp, DevServer(data_dir=Path(tmp) / "srv") as srv:
        srv.add_owner(OWNER)
        for name, (route, handler) in cases().items():
            with CraftedServer(srv.url) as crafted:
                crafted.routes[route] = handler
                peak, first, alive = peak_rss(crafted.url, Path(tmp) / name[:12], args.seconds)
                hits = len([h for h in crafted.hits if h[1] == route])
            print(
                f"   {name}: peak RSS {peak:.0f} MiB (first sample {first:.0f} MiB), "
                f"{hits} answers refused, agent {'alive' if alive else 'DIED'}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

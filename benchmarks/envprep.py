"""(b) Environment preparation: cache hit, cold uv vs cold venv + pip, and disk use of shared envs.

For the same requirements (default `numpy`):
- cold uv: the agent's `EnvCache.ensure` with an empty env cache and an empty
  uv cache (every wheel downloaded from PyPI);
- cold venv + pip: `python -m venv` then `pip install --isolated --no-cache-dir`
  (--isolated: pip ignores this machine's pip config and local wheel folders,
  so both download from PyPI);
- cache hit: `ensure` again, from a new EnvCache (as after an agent restart)
  and from the same one;
- warm uv cache, new env: a second requirements set sharing the package
  (`numpy` + `six`) built next to the first; then `du` of both envs together
  vs each alone (hard links to uv's cache are counted once).

    .venv/bin/python benchmarks/envprep.py [--requirements numpy]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import env_without_venv, header

from desktop_agent.engine.env_cache import EnvCache, find_base_python


def du_mb(*paths: Path) -> float:
    out = subprocess.run(
        ["du", "-sck", *map(str, paths)], check=True, capture_output=True, text=True
    ).stdout
    return int(out.strip().splitlines()[-1].split()[0]) / 1024


def timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requirements", default="numpy")
    args = ap.parse_args()
    req = args.requirements.replace(",", "\n") + "\n"
    header(f"env preparation for {args.requirements!r}")
    tmp = Path(tempfile.mkdtemp(prefix="envprep-bench-"))
    base = find_base_python()
    try:
        data = tmp / "data"
        cache = EnvCache(data / "envs", budget_mb=100_000, base_python=base)
        cold_uv, env = timed(lambda: asyncio.run(cache.ensure(req)))
        print(f"   cold uv (empty env + uv cache):     {cold_uv:6.2f} s")

        venv = tmp / "pip-env"
        t0 = time.perf_counter()
        subprocess.run([base, "-m", "venv", str(venv)], check=True, env=env_without_venv())
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--isolated",
                "--no-cache-dir",
                "--disable-pip-version-check",
                "-q",
                *req.split(),
            ],
            check=True,
            env=env_without_venv(),
        )
        cold_pip = time.perf_counter() - t0
        print(
            f"   cold venv + pip (no cache):          {cold_pip:6.2f} s   -> uv is {cold_pip / cold_uv:.1f}x faster"
        )

        hit_new, env2 = timed(
            lambda: asyncio.run(
                EnvCache(data / "envs", budget_mb=100_000, base_python=base).ensure(req)
            )
        )
        hit_same, env3 = timed(lambda: asyncio.run(cache.ensure(req)))
        assert env2.reused and env3.reused
        print(f"   cache hit, fresh EnvCache (restart): {hit_new * 1000:6.0f} ms")
        print(f"   cache hit, same EnvCache:            {hit_same * 1000:6.0f} ms")

        warm, other = timed(lambda: asyncio.run(cache.ensure(req + "six\n")))
        print(f"   warm uv cache, new env (+six):       {warm:6.2f} s")
        one = du_mb(env.path)
        two = du_mb(env.path, other.path)
        alone = one + du_mb(other.path)
        print(
            f"   du: env A {one:.0f} MB, env B alone {du_mb(other.path):.0f} MB, "
            f"A+B together {two:.0f} MB (not {alone:.0f}); with uv cache {du_mb(env.path, other.path, cache.uv_cache_dir):.0f} MB"
        )
        print(
            f"   EnvCache.usage_mb (envs + uv cache, links once): {cache.usage_mb():.0f} MB; "
            f"pip env: {du_mb(venv):.0f} MB"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

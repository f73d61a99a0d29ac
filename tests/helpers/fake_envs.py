"""Job environments on disk without building them: what the env cache's sizing and eviction see."""

from __future__ import annotations

import os
import time
from pathlib import Path

from desktop_agent.engine.env_cache import EnvCache
from desktop_agent.engine.env_installer import READY


MB = 1024 * 1024


def fake_env(
    root: Path, name: str, shared: Path | None = None, own_mb: int = 0, age: float = 0.0
) -> Path:
    env = root / name
    (env / "lib").mkdir(parents=True)
    if shared is not None:
        os.link(shared, env / "lib" / shared.name)  # as uv links a cached wheel's file
    if own_mb:
        (env / "lib" / "own.bin").write_bytes(os.urandom(own_mb * MB))
    (env / READY).write_text("{}")
    t = time.time() - age
    os.utime(env / READY, (t, t))
    return env


def seed(cache: EnvCache) -> tuple[Path, Path, Path]:
    wheel = cache.uv_cache_dir / "archive-v0" / "torch.so"
    wheel.parent.mkdir(parents=True)
    wheel.write_bytes(os.urandom(4 * MB))
    (cache.uv_cache_dir / "archive-v0" / "unused.whl").write_bytes(
        os.urandom(2 * MB)
    )  # no env uses it
    old = fake_env(cache.root, "old", wheel, own_mb=3, age=300)
    new = fake_env(cache.root, "new", wheel, own_mb=1, age=10)
    return wheel, old, new

"""The env cache at scale: hard links counted once, budget eviction (uv cache first, then LRU),
the warm-up path (a build in progress is shared), and the Settings row with its Clear button."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest


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


@pytest.fixture
def cache(tmp_path) -> EnvCache:
    return EnvCache(
        tmp_path / "envs",
        budget_mb=1000,
        base_python="python3",
        uv_bin="uv",
        uv_cache_dir=tmp_path / "uv-cache",
    )


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


def test_hard_linked_files_count_once(cache):
    seed(cache)
    # 4 shared + 2 unused in uv's cache + 3 + 1 of the envs' own (plus small files), not 4 x 3 + ...
    assert 10 <= cache.usage_mb() < 10.5


def test_over_budget_drops_uv_cache_first_then_least_recently_used(cache):
    _wheel, old, new = seed(cache)
    cache.budget_mb = 9  # 10 MB used: dropping the unused 2 MB in uv's cache is enough
    assert cache.evict() == []
    assert not cache.uv_cache_dir.exists() and old.exists() and new.exists()
    assert (new / "lib" / "torch.so").stat().st_size == 4 * MB  # the envs keep their links
    assert 8 <= cache.usage_mb() < 8.5
    cache.budget_mb = 6  # now an env must go: the older one frees its own 3 MB, not the shared 4
    assert cache.evict() == ["old"]
    assert not old.exists() and new.exists()
    cache.budget_mb = 0
    cache._current = "new"  # the env in use stays, even over budget
    assert cache.evict() == []


def test_cache_is_kept_while_a_build_runs(cache):
    seed(cache)
    cache.budget_mb = 1
    cache._building.add("something")
    cache._current = "new"
    assert cache.evict() == ["old"]
    assert cache.uv_cache_dir.exists()


def test_a_build_in_progress_is_reused_by_the_next_task(cache, monkeypatch):
    builds = []

    async def slow_build(self, key, lines, on_line, torch_backend=None):
        builds.append(key)
        await asyncio.sleep(0.3)
        path = self.root / key
        (path / "bin").mkdir(parents=True)
        (path / READY).write_text("{}")
        return 0.3

    async def fixed_key(self, lines, torch_backend=None):
        return "k-" + "-".join(lines) + (torch_backend or "")

    monkeypatch.setattr(EnvCache, "_build", slow_build)
    monkeypatch.setattr(EnvCache, "_key", fixed_key)

    async def main():
        first = asyncio.create_task(cache.ensure("torch", torch_backend="cpu"))
        await asyncio.sleep(0.05)  # the first task is building
        second = await cache.ensure("torch", torch_backend="cpu")
        return await first, second

    first, second = asyncio.run(main())
    assert builds == ["k-torchcpu"]
    assert not first.reused and second.reused and first.path == second.path


def test_settings_row_shows_usage_and_clears(tmp_path, qtbot):
    from desktop_agent.config import DataPaths, save_settings
    from desktop_agent.gui.env_cache_widget import EnvCacheWidget

    paths = DataPaths(tmp_path / "data").ensure()
    save_settings(paths.root, {"env_cache_budget_mb": 20_000})
    cache = EnvCache(paths.envs, budget_mb=20_000, base_python="python3", uv_bin="uv")
    seed(cache)
    widget = EnvCacheWidget(paths.root)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: "of" in widget.label.text(), timeout=5000)
    assert widget.label.text() == "Job environments: 0.0 GB of 20.0 GB"
    assert widget.clear_button.isEnabled()

    (paths.work / "task-7").mkdir()  # a task in hand: Clear is refused
    widget.clear()
    assert "running" in widget.label.text() and (paths.envs / "old").exists()
    (paths.work / "task-7").rmdir()

    widget.clear()
    qtbot.waitUntil(lambda: "of" in widget.label.text(), timeout=5000)
    assert not (paths.envs / "old").exists() and not (paths.envs / "new").exists()
    assert not cache.uv_cache_dir.exists()
    assert EnvCache(paths.envs, budget_mb=1, base_python="python3", uv_bin="uv").usage_mb() == 0
    assert not widget.clear_button.isEnabled()

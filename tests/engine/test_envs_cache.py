"""The env cache at scale: hard links counted once, budget eviction (uv cache first, then LRU),
and the warm-up path (a build in progress is shared). The Settings row: tests/gui/test_env_cache_widget.py."""

from __future__ import annotations

import asyncio

import pytest

from desktop_agent.engine.env_cache import EnvCache
from desktop_agent.engine.env_installer import READY
from tests.helpers.fake_envs import MB, seed


@pytest.fixture
def cache(tmp_path) -> EnvCache:
    return EnvCache(
        tmp_path / "envs",
        budget_mb=1000,
        base_python="python3",
        uv_bin="uv",
        uv_cache_dir=tmp_path / "uv-cache",
    )


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

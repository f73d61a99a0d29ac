"""EnvCache with the real uv, the real PyPI, and a deliberately unreachable index."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pytest

from desktop_agent.engine import env_cache, requirements
from desktop_agent.engine.env_installer import READY
from desktop_agent.engine.env_cache import EnvCache
from desktop_agent.engine.errors import HostFault, JobFault


@pytest.fixture(scope="module")
def uv_cache(tmp_path_factory) -> Path:
    """One uv cache for the module, so only the first `six` install touches the network."""
    return tmp_path_factory.mktemp("uv-cache")


@pytest.fixture()
def cache(tmp_path, uv_cache) -> EnvCache:
    return EnvCache(tmp_path / "envs", budget_mb=10_000, uv_cache_dir=uv_cache)


def test_requirements_are_normalised_for_the_key():
    text = "# deps\nSix >= 1.0  # pinned\n\nPy_YAML\n"
    assert sorted(map(requirements.canonical_line, requirements.requirement_lines(text))) == [
        "py-yaml",
        "six>=1.0",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "-i https://evil.example/simple",
        "--index-url https://evil.example/simple",
        "--extra-index-url https://evil.example/simple",
        "-f ./wheels",
        "-e .",
        "git+https://github.com/x/y",
        "https://evil.example/pkg.whl",
        "file:///tmp/x",
        "./local/pkg",
        "/abs/path",
        "pkg @ https://evil.example/pkg.tar.gz",
        "dist/pkg-1.0-py3-none-any.whl",
    ],
)
@pytest.mark.timeout(20)
def test_forbidden_lines_are_job_faults(cache, line):
    with pytest.raises(JobFault, match="Refusing requirement line"):
        asyncio.run(cache.ensure(f"six\n{line}\n"))


@pytest.mark.timeout(60)
def test_bare_env_is_built_then_reused(cache):
    first = asyncio.run(cache.ensure(""))
    assert not first.reused and first.python.is_file() and (first.path / READY).is_file()
    again = asyncio.run(cache.ensure("# nothing\n\n"))
    assert again.reused and again.key == first.key and again.build_seconds == 0.0
    out = subprocess.run(
        [str(again.python), "-c", "import sys; print(sys.prefix)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(out) == first.path
    assert not [p for p in cache.root.iterdir() if p.name.startswith(".")]  # no build leftovers


@pytest.mark.timeout(60)
def test_installs_a_real_package_and_streams_installer_lines(cache):
    lines: list[str] = []
    env = asyncio.run(cache.ensure("six\n", on_line=lines.append))
    assert not env.reused
    subprocess.run([str(env.python), "-c", "import six"], check=True)
    assert any("six" in line for line in lines)
    assert asyncio.run(cache.ensure("SIX")).reused  # same requirement, other spelling


@pytest.mark.timeout(60)
def test_concurrent_ensure_builds_once(cache):
    async def both():
        return await asyncio.gather(cache.ensure("six"), cache.ensure("six\n"))

    a, b = asyncio.run(both())
    assert a.key == b.key and sorted([a.reused, b.reused]) == [False, True]


@pytest.mark.timeout(60)
def test_impossible_requirement_is_a_job_fault(cache):
    with pytest.raises(JobFault) as info:
        asyncio.run(cache.ensure("this-package-does-not-exist-xyz-4711\n"))
    assert "this-package-does-not-exist-xyz-4711" in info.value.log_tail
    assert not [p for p in cache.root.iterdir()]  # nothing half-built left behind


@pytest.mark.timeout(60)
def test_unreachable_index_is_a_host_fault(cache, monkeypatch):
    monkeypatch.setenv("UV_INDEX_URL", "http://127.0.0.1:9/simple")
    monkeypatch.setenv("UV_HTTP_RETRIES", "0")
    with pytest.raises(HostFault, match="unreachable"):
        asyncio.run(cache.ensure("some-package-not-in-any-cache-4711\n"))


@pytest.mark.timeout(60)
def test_lru_eviction_with_a_tiny_budget(tmp_path, uv_cache):
    cache = EnvCache(tmp_path / "envs", budget_mb=0, uv_cache_dir=uv_cache)
    bare = asyncio.run(cache.ensure(""))
    assert cache.usage_mb() > 0
    with_six = asyncio.run(cache.ensure("six"))  # building this one evicts the older one
    assert not bare.path.exists() and with_six.path.exists()
    assert cache.evict() == []  # the env in use is kept even over budget
    cache.clear()
    assert cache.usage_mb() == 0 and not uv_cache.exists()


@pytest.mark.timeout(60)
def test_falls_back_to_venv_and_pip_without_uv(tmp_path, monkeypatch):
    monkeypatch.setattr(env_cache, "find_uv", lambda: None)
    cache = EnvCache(tmp_path / "envs", budget_mb=10_000)
    assert cache.uv_bin is None
    env = asyncio.run(cache.ensure(""))
    assert not env.reused and env.python.is_file()
    assert asyncio.run(cache.ensure("")).reused

"""Per-requirements Python environments, built once and reused.

Jobs of the same buyer (and most jobs: `torch` + `pandas`) share a
requirements file, and installing torch takes minutes, so each distinct
requirements set gets one cached virtual environment keyed by its normalised
text and the interpreter it is built for. Parsing the job's lines is
requirements.py's, building one env env_installer.py's, and deciding what to
delete when the cache outgrows its budget env_eviction.py's.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_agent.engine import env_eviction
from desktop_agent.engine.env_eviction import TRASH_PREFIX, DiskUsage
from desktop_agent.engine.env_installer import (
    BUILD_PREFIX,
    READY,
    Installer,
    env_python,
    find_uv,
)
from desktop_agent.engine.errors import HostFault
from desktop_agent.engine.requirements import canonical_line, parse_requirements

if TYPE_CHECKING:
    from desktop_agent.config import Settings


@dataclass(frozen=True)
class Env:
    key: str
    path: Path
    python: Path
    reused: bool  # True: found ready in the cache, nothing was installed
    build_seconds: float  # 0.0 when reused


def find_base_python(
    data_dir: Path | None = None, on_progress: Callable[[str], None] | None = None
) -> str:
    """The interpreter job envs are built from; see `interpreter.py` for the order.

    The agent's own interpreter (outside any venv) when not frozen; a frozen
    (PyInstaller) agent uses a uv-managed Python in the data folder, a system
    Python, or downloads one with uv (reporting through `on_progress`).
    Raises HostFault with what to do when there is none.
    """
    from desktop_agent.engine.interpreter import find_job_python

    return find_job_python(data_dir, on_progress).path


class EnvCache:
    """Cached job environments under `root`, one folder per key, least recently used evicted first."""

    def __init__(
        self,
        root: Path,
        *,
        budget_mb: int,
        base_python: str | None = None,
        uv_bin: str | None = None,
        uv_cache_dir: Path | None = None,
        allow_direct_references: bool = False,
    ):
        self.root = root
        self.budget_mb = budget_mb
        self._base_python = base_python  # resolved on first use: it may download a Python
        self.uv_bin = uv_bin or find_uv()
        self.uv_cache_dir = uv_cache_dir or root.parent / "uv-cache"
        self.allow_direct_references = allow_direct_references
        self.proxy = "system"  # the `proxy` setting, for the installer's environment
        self._locks: dict[str, asyncio.Lock] = {}
        self._building: set[str] = set()
        self._current: str | None = None  # the env most recently handed out: never evicted
        self._python_id: str | None = None
        root.mkdir(parents=True, exist_ok=True)
        self._remove_leftovers()

    # --- public ------------------------------------------------------------

    @property
    def base_python(self) -> str:
        if self._base_python is None:
            self._base_python = find_base_python(self.root.parent)
        return self._base_python

    async def ensure(
        self,
        requirements_text: str,
        *,
        on_line: Callable[[str], None] | None = None,
        torch_backend: str | None = None,
    ) -> Env:
        """An env with `requirements_text` installed: from the cache, or built now.

        Two callers asking for the same requirements at once share one build.
        `torch_backend` ("cpu", "cu126", "default"...; see torch_backend.py) is
        part of the key and picks the index PyTorch packages come from.
        Raises JobFault for refused or uninstallable requirements (with the
        installer's last lines), HostFault when the index cannot be reached.
        """
        lines = parse_requirements(
            requirements_text, allow_direct_references=self.allow_direct_references
        )
        if (
            self._base_python is None
        ):  # first use: find (or download, with progress) off the event loop
            loop = asyncio.get_running_loop()
            report = on_line or (lambda _line: None)

            def report_from_thread(line: str) -> None:
                loop.call_soon_threadsafe(report, line)

            self._base_python = await asyncio.to_thread(
                find_base_python, self.root.parent, report_from_thread
            )
        key = await self._key(lines, torch_backend)
        self._current = key
        async with self._locks.setdefault(key, asyncio.Lock()):
            path = self.root / key
            marker = path / READY
            if marker.is_file():
                os.utime(marker)
                return Env(key, path, env_python(path), reused=True, build_seconds=0.0)
            if path.exists():
                await asyncio.to_thread(self._discard, path)  # no marker: not an env
            self._building.add(key)
            try:
                seconds = await self._build(
                    key, lines, on_line or (lambda _line: None), torch_backend
                )
            finally:
                self._building.discard(key)
        await asyncio.to_thread(self.evict)  # walks every env: not on the heartbeat's loop
        return Env(key, path, env_python(path), reused=False, build_seconds=seconds)

    def usage_mb(self) -> float:
        """Disk used by the ready envs and uv's cache, each hard-linked file counted once (as `du` does)."""
        return DiskUsage.scan(self._ready_envs(), self.uv_cache_dir).total / (1024 * 1024)

    def evict(self) -> list[str]:
        """Free disk until envs + uv cache fit `budget_mb`; returns the keys of the envs deleted.

        uv's cache goes first, then envs, least recently used first (env_eviction.py). The env
        handed out last and any env being built are kept, even over budget; the cache is kept
        while a build is running.
        """
        envs = sorted(self._ready_envs(), key=lambda p: (p / READY).stat().st_mtime)
        keep = set(self._building) | ({self._current} if self._current else set())
        return env_eviction.evict(
            self.root,
            envs,
            self.uv_cache_dir,
            budget_bytes=self.budget_mb * 1024 * 1024,
            keep=keep,
            building=bool(self._building),
        )

    def clear(self) -> None:
        """Remove every env and the uv download cache (the "free disk space" button)."""
        for child in self.root.iterdir():
            if child.name not in self._building and not child.name.startswith(BUILD_PREFIX):
                self._discard(child)
        shutil.rmtree(self.uv_cache_dir, ignore_errors=True)

    def apply_settings(self, settings: Settings) -> None:
        """Take the owner's rules for the next build from the agent's settings (read per task)."""
        self.allow_direct_references = settings.allow_direct_references
        self.proxy = settings.proxy or "system"

    # --- internals -----------------------------------------------------------

    def _ready_envs(self) -> list[Path]:
        return [p for p in self.root.iterdir() if (p / READY).is_file()]

    def _discard(self, path: Path) -> None:
        env_eviction.discard(self.root, path)

    def _remove_leftovers(self) -> None:
        for child in self.root.iterdir():
            if child.name.startswith((BUILD_PREFIX, TRASH_PREFIX)) or not (child / READY).is_file():
                self._discard(child)

    async def _key(self, lines: list[str], torch_backend: str | None = None) -> str:
        if self._python_id is None:
            code = "import sys, platform; print(platform.python_version(), sys.platform, platform.machine())"
            proc = await asyncio.create_subprocess_exec(
                self.base_python,
                "-c",
                code,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
            )
            out, _ = await proc.communicate()
            if proc.returncode != 0:
                raise HostFault(
                    f"The Python at {self.base_python} does not run: {out.decode(errors='replace')}"
                )
            self._python_id = out.decode().strip()
        canonical = "\n".join(sorted(canonical_line(line) for line in lines))
        if torch_backend:  # only envs with PyTorch packages get one; other keys stay as they were
            canonical += f"\n#torch-backend={torch_backend}"
        digest = hashlib.sha256(f"{self._python_id}\n{canonical}".encode()).hexdigest()
        return digest[:20]

    def _installer(self) -> Installer:
        """The installer for the next build, from this cache's settings of the moment."""
        return Installer(self.root, self.base_python, self.uv_bin, self.uv_cache_dir, self.proxy)

    async def _build(
        self,
        key: str,
        lines: list[str],
        on_line: Callable[[str], None],
        torch_backend: str | None = None,
    ) -> float:
        return await self._installer().build(
            key, lines, on_line, torch_backend=torch_backend, python_id=self._python_id
        )

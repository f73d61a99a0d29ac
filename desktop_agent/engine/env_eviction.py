"""How much disk the job environments use, and which of them go when it is too much.

Envs share files with uv's cache by hard links, so the disk they use is the
unique inodes under them (what `du` counts), and deleting an env frees only
what no other env and not the cache holds.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Collection
from pathlib import Path

TRASH_PREFIX = ".trash-"


class DiskUsage:
    """Unique inodes under the envs and uv's cache, with who holds a link to each."""

    CACHE = "\0uv-cache"

    def __init__(self) -> None:
        self.sizes: dict[tuple[int, int], int] = {}
        self.holders: dict[tuple[int, int], set[str]] = {}
        self.total = 0

    @classmethod
    def scan(cls, envs: list[Path], uv_cache: Path) -> DiskUsage:
        usage = cls()
        for owner, root in [(p.name, p) for p in envs] + [(cls.CACHE, uv_cache)]:
            for dirpath, _dirs, files in os.walk(root):
                for name in files:
                    try:
                        st = os.lstat(os.path.join(dirpath, name))
                    except OSError:
                        continue
                    inode = (st.st_dev, st.st_ino)
                    if inode not in usage.sizes:
                        usage.sizes[inode] = (
                            st.st_blocks * 512 if hasattr(st, "st_blocks") else st.st_size
                        )
                        usage.holders[inode] = set()
                        usage.total += usage.sizes[inode]
                    usage.holders[inode].add(owner)
        return usage

    def drop(self, owner: str) -> None:
        """Forget `owner`'s links; files nobody else holds no longer count."""
        for inode, holders in list(self.holders.items()):
            holders.discard(owner)
            if not holders:
                self.total -= self.sizes.pop(inode)
                del self.holders[inode]


def discard(root: Path, path: Path) -> None:
    """Delete `path` under `root`, renamed first so a half-deleted folder never keeps a name
    that looks like an env."""
    trash = root / f"{TRASH_PREFIX}{path.name}-{uuid.uuid4().hex[:8]}"
    try:
        os.rename(path, trash)
    except OSError:
        trash = path
    if trash.is_dir():
        shutil.rmtree(trash, ignore_errors=True)
    else:
        trash.unlink(missing_ok=True)


def evict(
    root: Path,
    envs_oldest_first: list[Path],
    uv_cache_dir: Path,
    *,
    budget_bytes: int,
    keep: Collection[str],
    building: bool,
) -> list[str]:
    """Free disk until the envs + uv's cache fit `budget_bytes`; returns the names deleted.

    Over budget, uv's cache goes first (ready envs keep their own links to its files, so they
    stay whole; only wheels no env uses are freed, and later builds download again), then envs,
    oldest first. Envs named in `keep` stay, even over budget; the cache stays while a build
    is running (`building`).
    """
    usage = DiskUsage.scan(envs_oldest_first, uv_cache_dir)
    evicted: list[str] = []
    if usage.total > budget_bytes and not building and uv_cache_dir.exists():
        shutil.rmtree(uv_cache_dir, ignore_errors=True)
        usage.drop(DiskUsage.CACHE)
    for path in envs_oldest_first:
        if usage.total <= budget_bytes:
            break
        if path.name in keep:
            continue
        discard(root, path)
        usage.drop(path.name)
        evicted.append(path.name)
    return evicted

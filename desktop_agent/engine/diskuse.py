"""Disk accounting for a job: what its folder holds, what the filesystem has left, and the words.

The watchdog (watchdog.py) takes the largest of: the workspace's files and folders, plus
deleted files the job still holds open there; and how far the filesystem's free space fell
since the job started. Inodes are counted the same way. Past `max_workspace_mb` (or the
inode cap) the job is stopped as a job fault; when the filesystem's free space falls under
`DISK_FLOOR_MB` it is stopped as a host fault (the disk is full), so the agent's own
database and logs keep working.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

from desktop_agent.engine import errors
from desktop_agent.engine.limits import MB


class DiskFull(errors.DiskFull):
    """The disk holding the work folder filled up (the workspace is removed before retrying)."""


def is_disk_full(exc: BaseException) -> bool:
    """True for "no space left" from the OS or SQLite: a host fault, never a crash."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


def result_size_fault(path: Path, quota_mb: int) -> str | None:
    """Why `model.pth` may not be uploaded (its apparent or allocated size past the quota), or None.

    A sparse file occupies almost nothing on disk but is uploaded at its full apparent size,
    so both sizes are checked.
    """
    if quota_mb <= 0:
        return None
    try:
        st = os.lstat(path)
    except OSError:
        return None
    size = max(st.st_size, getattr(st, "st_blocks", 0) * 512)
    if size > quota_mb * MB:
        return (
            f"model.pth is {size / MB:.0f} MB, more than the {quota_mb} MB disk quota; "
            "it was not uploaded"
        )
    return None


def tree_bytes(path: Path) -> int:
    """Bytes on disk under `path` (hard links counted once, symlinks not followed)."""
    return tree_usage(path)[0]


def tree_usage(path: Path) -> tuple[int, int]:
    """(bytes on disk, entries) under `path`: files, and folders too (each takes an inode and blocks)."""
    total = 0
    entries = 0
    seen: set[tuple[int, int]] = set()
    for dirpath, dirs, files in os.walk(path):
        for name in files + dirs:
            try:
                st = os.lstat(os.path.join(dirpath, name))
            except OSError:
                continue
            entries += 1
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                blocks = getattr(st, "st_blocks", 0) * 512
                total += blocks if stat.S_ISDIR(st.st_mode) else max(st.st_size, blocks)
    return total, entries


def free_space(path: Path) -> tuple[int, int] | None:
    """(free bytes, free inodes) of the filesystem holding `path`, as an unprivileged user sees them."""
    try:
        vfs = os.statvfs(path)
    except (OSError, AttributeError):
        return None
    return vfs.f_bavail * vfs.f_frsize, vfs.f_favail


def used_bytes(path: str) -> int:
    try:
        vfs = os.statvfs(path)
    except OSError:
        return 0
    return (vfs.f_blocks - vfs.f_bfree) * vfs.f_frsize


def floor_mb(path: Path, floor_mb: int) -> float:
    """The free space under which the disk counts as full: `floor_mb`, or 5 % of a small disk."""
    try:
        vfs = os.statvfs(path)
    except (OSError, AttributeError):
        return float(floor_mb)
    return min(float(floor_mb), vfs.f_blocks * vfs.f_frsize * 0.05 / MB)


def disk_full_message(free_mb: float | None = None) -> str:
    left = f" ({free_mb:.0f} MB free)" if free_mb is not None else ""
    return (
        f"the disk holding the agent's work folder is full{left}; the task's files were removed "
        "and it will be tried again later. Free some disk space"
    )

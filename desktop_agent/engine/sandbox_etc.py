"""The sandbox's `/etc`: one agent-prepared folder, bound once, instead of a bind per file.

Every bind mount is a few hundred microseconds of bubblewrap's set-up, paid by every task. So
the short list of `/etc` files a program needs (sandbox.py's `_ETC_FILES`) is kept as copies in
an agent-owned folder beside the workspaces (never inside one: a job cannot write there), with
the agent-written stand-ins for the files that name this machine or its people. The folder is
bound read-only as `/etc`; the few entries that are folders (`/etc/ssl`, `/etc/alternatives`...)
are still bound from the system on top, onto empty mount points prepared here.

A copy holds what the bind showed (symlinks followed, as a bind follows them) and is refreshed
whenever the system's file changes size or time; a file the agent cannot read is bound as
before. Nothing that is not on the list appears: anything else in the folder is removed.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

HOSTNAME = "sandbox"


def identity_files(etc_dir: Path) -> dict[str, Path]:
    """Agent-written stand-ins for files that name this machine or its people (target → file).

    The job sees a user `job`, a host `sandbox`, no real names, no LAN hosts, and neither
    the boot id nor the kernel command line.
    """
    etc_dir.mkdir(parents=True, exist_ok=True)
    uid = os.getuid() if hasattr(os, "getuid") else 1000
    gid = os.getgid() if hasattr(os, "getgid") else 1000
    users = {0: "root", 65534: "nobody"}
    groups = {0: "root", 65534: "nogroup"}
    passwd = (
        "".join(
            f"{name}:x:{n}:{n if n != uid else gid}:{name}:/nonexistent:/usr/sbin/nologin\n"
            for n, name in sorted(users.items())
            if n != uid
        )
        + f"job:x:{uid}:{gid}:job:/nonexistent:/usr/sbin/nologin\n"
    )
    group = "".join(f"{name}:x:{n}:\n" for n, name in sorted(groups.items()) if n != gid)
    group += f"job:x:{gid}:\n"
    content = {
        "/etc/passwd": passwd,
        "/etc/group": group,
        "/etc/hosts": f"127.0.0.1 localhost\n::1 localhost\n127.0.1.1 {HOSTNAME}\n",
        "/etc/hostname": f"{HOSTNAME}\n",
        "/proc/cmdline": "\n",
        "/proc/sys/kernel/random/boot_id": "00000000-0000-4000-8000-000000000000\n",
    }
    out: dict[str, Path] = {}
    for target, text in content.items():
        path = etc_dir / target.strip("/").replace("/", "_")
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
        out[target] = path
    return out


def _tmp_name(dst: Path) -> Path:
    return dst.with_name(f".{dst.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def _mirror(src: Path, dst: Path) -> bool:
    """Make `dst` a copy of `src` (following symlinks) unless it already is one; False when
    `src` cannot be read."""
    try:
        st = src.stat()
        try:
            now = dst.lstat()
            if not dst.is_symlink() and dst.is_file():
                if (now.st_size, now.st_mtime_ns) == (st.st_size, st.st_mtime_ns):
                    return True
            elif dst.is_dir():
                shutil.rmtree(dst)
        except FileNotFoundError:
            pass
        tmp = _tmp_name(dst)
        shutil.copy2(src, tmp)  # the contents, the mode and the times
        os.replace(tmp, dst)
        return True
    except OSError:
        return False


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        pass


def etc_args(etc_dir: Path, entries: Iterable[str], synthetic: Mapping[str, Path]) -> list[str]:
    """bwrap arguments for the sandbox's `/etc`: the prepared folder, then its folders' binds.

    `entries` are `/etc/<name>` paths; `synthetic` maps some of them to agent-written files.
    """
    root = etc_dir / "etc"
    root.mkdir(parents=True, exist_ok=True)
    binds: list[str] = []
    wanted: set[str] = set()
    for entry in entries:
        name = entry.removeprefix("/etc/")
        dst = root / name
        wanted.add(name)
        if entry in synthetic:
            if not _mirror(synthetic[entry], dst):
                binds += ["--ro-bind", str(synthetic[entry]), entry]
        elif os.path.isdir(entry):  # a mount point here, the system's folder bound on it
            if dst.is_symlink() or (dst.exists() and not dst.is_dir()):
                _remove(dst)
            dst.mkdir(exist_ok=True)
            binds += ["--ro-bind-try", entry, entry]
        elif os.path.isfile(entry):
            if not _mirror(Path(entry), dst):
                _remove(dst)
                binds += ["--ro-bind-try", entry, entry]
        else:
            _remove(dst)  # gone from the system (or a dangling link): gone here too
    for child in root.iterdir():
        if child.name not in wanted and not child.name.endswith(".tmp"):
            _remove(child)
    return ["--ro-bind", str(root), "/etc", *binds]

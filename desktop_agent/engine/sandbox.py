"""Contain a job's code with bubblewrap (Linux), or say plainly that it is not contained.

`train.py` is a stranger's code. On Linux with `bwrap` installed, a job runs in
a fresh mount namespace that holds only:

- the system read-only (`/usr`, the `/lib*`, `/bin`, `/sbin` links or folders,
  and a short list of `/etc` files programs need: the loader cache, TLS
  roots, passwd/group, time zone, `/etc/alternatives`),
- the job's Python environment and the base interpreter it links to (uv and
  venv environments symlink to the base Python, often under the owner's
  home, e.g. pyenv) read-only,
- the workspace, the only writable place on disk, and a private `/tmp`,
- a fresh `/proc` (its own PID namespace) and a minimal `/dev`; GPU device
  nodes (`/dev/nvidia*`, `/dev/dri`) and `/sys` only when GPU use is on.

Every namespace is unshared (`--unshare-all`): no network, no view of other
processes, no IPC with the desktop. Capabilities are dropped (this matters
when the agent runs as root), the job gets its own session (`--new-session`,
so it cannot push keystrokes into a terminal) and dies with the agent
(`--die-with-parent`; with the PID namespace, killing the sandbox's init
kills every process the job started, daemons included).

Whether bwrap works is probed once per process (`bwrap … true`): it can be
missing, or present but unusable (a container without user namespaces). The
caller decides, with the `allow_unsandboxed` setting, whether an
uncontained run is acceptable; the level used is recorded per task.

Installing requirements can run sdists' build scripts, so `install_prefix`
builds a second profile: network allowed, home invisible, only the
environment being built and the installer's cache writable.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable, Mapping

BWRAP = "bwrap"
NONE_PREFIX = "none"

# /etc entries a program may need; everything else in /etc (ssh keys, shadow, ...) stays out.
_ETC_FILES = (
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/alternatives",
    "/etc/ssl",
    "/etc/ca-certificates",
    "/etc/pki",
    "/etc/passwd",
    "/etc/group",
    "/etc/nsswitch.conf",
    "/etc/localtime",
    "/etc/timezone",
    "/etc/mime.types",
    "/etc/os-release",
    "/etc/hosts",
)
_NET_ETC_FILES = ("/etc/resolv.conf", "/etc/gai.conf", "/etc/host.conf")
_TOP_LEVEL = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
_GPU_GLOBS = ("/dev/nvidia*", "/dev/dri", "/dev/kfd")
DEFAULT_TMP_MB = 1024


@dataclass(frozen=True)
class SandboxInfo:
    """What a task ran under: `level` goes into history (`bwrap`, or `none (<why>)`)."""

    available: bool
    level: str
    bwrap: str | None = None
    reason: str = ""  # why it is not available, in plain words


def _bwrap_path() -> str | None:
    return shutil.which("bwrap")


def _base_args(bwrap: str, *, network: bool, tmp_mb: int = DEFAULT_TMP_MB) -> list[str]:
    args = [bwrap, "--unshare-all"]
    if network:
        args.append("--share-net")
    args += ["--die-with-parent", "--new-session", "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr"]
    for top in _TOP_LEVEL:
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    for entry in _ETC_FILES + (_NET_ETC_FILES if network else ()):
        if os.path.lexists(entry):
            args += ["--ro-bind-try", entry, entry]
    size = str(max(1, tmp_mb) * 1024 * 1024)
    # Private, size-capped tmpfs for /tmp and /dev/shm: they live in RAM, which the RSS cap does not see.
    args += [
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--size",
        size,
        "--tmpfs",
        "/tmp",
        "--size",
        size,
        "--tmpfs",
        "/dev/shm",
    ]
    return args


def _seal() -> list[str]:
    """Make the sandbox's own root read-only once every mount is in place (binds keep their mode)."""
    return ["--remount-ro", "/"]


def python_roots(python: Path) -> list[Path]:
    """The folders an environment's interpreter needs: the env itself and its base Python's prefix."""
    roots: list[Path] = []
    python = Path(os.path.abspath(python))
    env_dir = python.parent.parent
    if (env_dir / "pyvenv.cfg").is_file():
        roots.append(env_dir)
        home = _pyvenv_home(env_dir / "pyvenv.cfg")
        if home is not None:
            roots.append(Path(os.path.realpath(home)).parent)
    real = Path(os.path.realpath(python))
    roots.append(real.parent.parent)  # <prefix>/bin/python3.X → <prefix>
    out: list[Path] = []
    for root in roots:
        if root == Path("/") or any(root == p or p in root.parents for p in out):
            continue
        out = [p for p in out if root not in p.parents]
        out.append(root)
    return [p for p in out if not _under_system(p)]


def _pyvenv_home(cfg: Path) -> str | None:
    try:
        for line in cfg.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "home" and value.strip():
                return value.strip()
    except OSError:
        pass
    return None


def _under_system(path: Path) -> bool:
    return path == Path("/usr") or Path("/usr") in path.parents


def gpu_device_args() -> list[str]:
    args: list[str] = []
    for pattern in _GPU_GLOBS:
        for node in sorted(glob.glob(pattern)):
            args += ["--dev-bind-try", node, node]
    if args:
        args += [
            "--ro-bind-try",
            "/sys",
            "/sys",
            "--ro-bind-try",
            "/proc/driver/nvidia",
            "/proc/driver/nvidia",
        ]
    return args


def job_prefix(
    info: SandboxInfo,
    *,
    python: Path,
    workspace: Path,
    gpu: bool = False,
    tmp_mb: int = DEFAULT_TMP_MB,
) -> list[str]:
    """argv to put before `python train.py` (empty when not sandboxed)."""
    if not info.available or info.bwrap is None:
        return []
    args = _base_args(info.bwrap, network=False, tmp_mb=tmp_mb)
    if gpu:
        args += gpu_device_args()
    for root in python_roots(python):
        args += ["--ro-bind", str(root), str(root)]
    ws = str(Path(workspace).resolve())
    args += ["--bind", ws, ws, *_seal(), "--chdir", ws, "--"]
    return args


def install_prefix(
    info: SandboxInfo,
    *,
    python: Path,
    writable: Iterable[Path],
    readable: Iterable[Path] = (),
    environ: Mapping[str, str] | None = None,
) -> list[str]:
    """argv to put before the installer: network on, home invisible, only `writable` writable."""
    if not info.available or info.bwrap is None:
        return []
    args = _base_args(info.bwrap, network=True)
    for root in python_roots(python):
        args += ["--ro-bind", str(root), str(root)]
    for path in [*readable, *_config_paths(environ or os.environ)]:
        p = Path(path)
        if p.exists() and not _under_system(p):
            args += ["--ro-bind", str(p), str(p)]
    for path in writable:
        p = Path(path).resolve()
        p.mkdir(parents=True, exist_ok=True)
        args += ["--bind", str(p), str(p)]
    args += [*_seal(), "--"]
    return args


def _config_paths(environ: Mapping[str, str]) -> list[Path]:
    """Index configuration the owner set up (uv.toml, local find-links folders): visible read-only."""
    out: list[Path] = []
    config_home = environ.get("XDG_CONFIG_HOME") or os.path.join(
        environ.get("HOME", "/nonexistent"), ".config"
    )
    out.append(Path(config_home) / "uv" / "uv.toml")
    out.append(Path("/etc/uv"))
    for key, value in environ.items():
        if not key.startswith(("UV_", "PIP_")):
            continue
        for item in value.replace(",", " ").split():
            item = item[len("file://") :] if item.startswith("file://") else item
            if item.startswith("/"):
                out.append(Path(item))
    return out


# --- probing ----------------------------------------------------------------------------

_probe_lock = threading.Lock()
_probed: dict[str, SandboxInfo] = {}


def _unavailable(reason: str) -> SandboxInfo:
    return SandboxInfo(False, f"{NONE_PREFIX} ({reason})", None, reason)


def detect(*, refresh: bool = False) -> SandboxInfo:
    """Can jobs be contained here? Probed once (runs `bwrap … true`), then cached."""
    if not sys.platform.startswith("linux"):
        return _unavailable(f"no sandbox on {sys.platform} yet")
    bwrap = _bwrap_path()
    if bwrap is None:
        return _unavailable("bubblewrap is not installed")
    with _probe_lock:
        if bwrap in _probed and not refresh:
            return _probed[bwrap]
        true = shutil.which("true") or "/usr/bin/true"
        cmd = [*_base_args(bwrap, network=False), "--", true]
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=15, stdin=subprocess.DEVNULL
            )
            ok = proc.returncode == 0
            why = (proc.stderr or proc.stdout).strip().splitlines()[-1:] if not ok else []
        except (OSError, subprocess.TimeoutExpired) as exc:
            ok, why = False, [str(exc)]
        info = (
            SandboxInfo(True, BWRAP, bwrap)
            if ok
            else _unavailable(
                f"bubblewrap does not work here: {why[0] if why else 'unknown error'}"
            )
        )
        _probed[bwrap] = info
        return info


class SandboxRefused(Exception):
    """No sandbox and the owner did not allow unsandboxed runs."""


def choose(allow_unsandboxed: bool) -> SandboxInfo:
    """The sandbox a task will run under, or SandboxRefused when none is allowed."""
    info = detect()
    if info.available or allow_unsandboxed:
        return info
    raise SandboxRefused(
        f"Jobs cannot be sandboxed on this computer ({info.reason}) and the setting "
        "`allow_unsandboxed` is off, so no job is run. Install bubblewrap, or allow unsandboxed jobs."
    )

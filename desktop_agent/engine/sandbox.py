"""Contain a job's code with bubblewrap (Linux), or say plainly that it is not contained.

`train.py` is a stranger's code. On Linux with `bwrap` installed, a job runs in
a fresh mount namespace that holds only:

- the system read-only (`/usr`, the `/lib*`, `/bin`, `/sbin` links or folders,
  and a short list of `/etc` files programs need: the loader cache, TLS
  roots, time zone, `/etc/alternatives`), with agent-written stand-ins for
  `/etc/passwd`, `/etc/group`, `/etc/hosts` and `/etc/hostname` (all of it one
  prepared folder bound once: sandbox_etc.py),
- the job's Python environment and the base interpreter the agent chose
  (often under the owner's home, e.g. pyenv) read-only,
- the workspace, the only writable place on disk, and a private `/tmp`,
- a fresh `/proc` (its own PID namespace, with the kernel command line and
  boot id masked) and a minimal `/dev`; GPU device nodes and the GPU's own
  parts of `/sys` only when GPU use is on.

What is bound is computed from the agent's own paths only, never from files
inside the job's environment or workspace: a wheel's data files can rewrite
the environment's `pyvenv.cfg` or `bin/python`, and neither may widen the view.

Every namespace is unshared (`--unshare-all`, `--unshare-ipc`): no network, no
view of other processes, no IPC with the desktop, a neutral hostname.
Capabilities are dropped (this matters when the agent runs as root), nested
user namespaces are forbidden (`--disable-userns`, where bwrap has it), and a
seccomp filter (seccomp.py) refuses the system calls training never needs.
The job gets its own session (`--new-session`, so it cannot push keystrokes
into a terminal) and dies with the agent (`--die-with-parent`; with the PID
namespace, killing the sandbox's init kills every process the job started,
daemons included).

Whether bwrap works is probed once per process (`bwrap … true`), and then
each stronger option, kept only where it works: bwrap can be missing, old, or
present but unusable (a container without user namespaces). The caller
decides, with the `allow_unsandboxed` setting, whether an uncontained run is
acceptable; the level used is recorded per task.

Installs need no sandbox: they run uv on wheels only, no package code (env_installer.py).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop_agent.engine import job_launch, sandbox_etc, seccomp
from desktop_agent.engine.sandbox_etc import HOSTNAME

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
    "/etc/passwd",  # agent-written stand-ins for passwd, group, hosts, hostname
    "/etc/group",
    "/etc/hostname",
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
_GPU_SYS = (
    "/sys/devices/system/cpu",
    "/sys/devices/system/node",
    "/sys/module/nvidia*",
    "/sys/module/amdgpu",
    "/sys/class/drm",
    "/sys/class/kfd",
)
DEFAULT_TMP_MB = 1024


@dataclass(frozen=True)
class SandboxInfo:
    """What a task ran under: `level` goes into history (`bwrap`, or `none (<why>)`)."""

    available: bool
    level: str
    bwrap: str | None = None
    reason: str = ""  # why it is not available, in plain words
    userns_off: bool = False  # this bwrap can forbid nested user namespaces (--disable-userns)
    seccomp: bool = False  # a seccomp filter is applied (seccomp.py knows this architecture)


def _bwrap_path() -> str | None:
    return shutil.which("bwrap")


def _base_args(
    bwrap: str,
    *,
    network: bool,
    tmp_mb: int = DEFAULT_TMP_MB,
    etc_dir: Path | None = None,
    userns_off: bool = False,
) -> list[str]:
    args = [bwrap, "--unshare-all", "--unshare-ipc", "--hostname", HOSTNAME]
    if userns_off:  # needs a definite user namespace, not `--unshare-all`'s "-try"
        args += ["--unshare-user", "--disable-userns"]
    if network:
        args.append("--share-net")
    args += ["--die-with-parent", "--new-session", "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr"]
    for top in _TOP_LEVEL:
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    synthetic = sandbox_etc.identity_files(etc_dir) if etc_dir is not None else {}
    entries = _ETC_FILES + (_NET_ETC_FILES if network else ())
    if etc_dir is not None:  # one prepared /etc, and binds only for its folders
        args += sandbox_etc.etc_args(etc_dir, entries, synthetic)
    else:
        for entry in entries:
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
    for target, source in synthetic.items():  # the machine's identifiers in /proc, masked
        if target.startswith("/proc/") and os.path.exists(target):
            args += ["--ro-bind", str(source), target]
    return args


def _seal() -> list[str]:
    """Make the sandbox's own root read-only once every mount is in place (binds keep their mode)."""
    return ["--remount-ro", "/"]


def interpreter_roots(base_python: str | Path) -> list[Path]:
    """The folders the agent's own base interpreter lives in (its prefix, as named and as resolved).

    Computed from the interpreter the agent chose (interpreter.py), never from anything in a
    job's environment: a job's wheels can write that environment's `pyvenv.cfg`, its
    `bin/python` and symlinks, and none of them may decide what the sandbox shows.
    """
    named = Path(os.path.abspath(base_python))
    resolved = Path(os.path.realpath(named))
    roots: list[Path] = []
    for prefix in (named.parent.parent, resolved.parent.parent):  # <prefix>/bin/python3.X
        if prefix == Path("/") or _under_system(prefix):
            continue
        if any(prefix == p or p in prefix.parents for p in roots):
            continue
        roots = [p for p in roots if prefix not in p.parents]
        roots.append(prefix)
    return roots


def _under_system(path: Path) -> bool:
    return path == Path("/usr") or Path("/usr") in path.parents


def _gpu_pci_devices() -> list[Path]:
    """The PCI device folders of display controllers and accelerators (class 0x03…, 0x12…)."""
    out = []
    for link in sorted(glob.glob("/sys/bus/pci/devices/*")):
        try:
            cls = Path(link, "class").read_text().strip()
        except OSError:
            continue
        if cls.startswith(("0x03", "0x12")):
            out.append(Path(link))
    return out


def gpu_device_args() -> list[str]:
    """GPU device nodes, and only the parts of /sys and /proc the GPU runtimes read.

    Not all of /sys: it names the machine (DMI serials, network MAC addresses, disks). CUDA and
    ROCm read the GPU's own PCI device folder, the CPU/NUMA topology and the driver's module
    version, so those are bound read-only, with `/sys/bus/pci/devices/<id>` links to them.
    """
    args: list[str] = []
    for pattern in _GPU_GLOBS:
        for node in sorted(glob.glob(pattern)):
            args += ["--dev-bind-try", node, node]
    if not args:
        return args
    for path in _GPU_SYS:
        for found in sorted(glob.glob(path)):
            args += ["--ro-bind-try", found, found]
    for link in _gpu_pci_devices():
        real = os.path.realpath(link)
        args += ["--ro-bind-try", real, real, "--symlink", real, str(link)]
    args += ["--ro-bind-try", "/proc/driver/nvidia", "/proc/driver/nvidia"]
    return args


def job_prefix(
    info: SandboxInfo,
    *,
    python: Path,
    workspace: Path,
    base_python: str | Path | None = None,
    gpu: bool = False,
    tmp_mb: int = DEFAULT_TMP_MB,
    etc_dir: Path | None = None,
) -> list[str]:
    """argv to put before `python train.py` (empty when not sandboxed).

    What is bound comes from the agent's own paths only: the job's environment folder (named
    by its place in the agent's env cache, `<env>/bin/python` → `<env>`, never resolved), the
    base interpreter the agent chose (`base_python`), the workspace, and identity files the
    agent writes into `etc_dir` (default: beside the workspace). Nothing inside the environment
    or the workspace is read to decide it.
    """
    if not info.available or info.bwrap is None:
        return []
    ws = Path(os.path.abspath(workspace))
    etc = etc_dir if etc_dir is not None else ws.parent / ".sandbox-etc"
    args = _base_args(
        info.bwrap, network=False, tmp_mb=tmp_mb, etc_dir=etc, userns_off=info.userns_off
    )
    if gpu:
        args += gpu_device_args()
    env_dir = Path(os.path.abspath(python)).parent.parent
    roots = [env_dir] + (interpreter_roots(base_python) if base_python is not None else [])
    for root in roots:
        if root != Path("/") and not _under_system(root):
            args += ["--ro-bind", str(root), str(root)]
    args += ["--bind", str(ws), str(ws), *_seal(), "--chdir", str(ws)]
    if info.seccomp and seccomp.supported():
        filter_file = seccomp.write_filter(etc)
        # bwrap reads the compiled filter from fd 3, opened by the shell that execs it.
        args = [*job_launch.fd3_hop(filter_file), *args, "--seccomp", "3"]
    return [*args, "--"]


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
        ok, why = _try([*_base_args(bwrap, network=False), "--", true])
        if not ok:
            info = _unavailable(f"bubblewrap does not work here: {why or 'unknown error'}")
        else:
            # The stronger options, each kept only where this bwrap and kernel accept it.
            userns_off = (
                "--disable-userns" in _help(bwrap)
                and _try([*_base_args(bwrap, network=False, userns_off=True), "--", true])[0]
            )
            base = SandboxInfo(True, BWRAP, bwrap, userns_off=userns_off)
            with_filter = SandboxInfo(True, BWRAP, bwrap, userns_off=userns_off, seccomp=True)
            filtered = False
            if seccomp.supported():
                with tempfile.TemporaryDirectory(prefix="desktop-agent-probe-") as tmp:
                    ws = Path(tmp) / "ws"
                    ws.mkdir()
                    prefix = job_prefix(with_filter, python=Path("/usr/bin/python3"), workspace=ws)
                    filtered = _try([*prefix, true])[0]
            info = with_filter if filtered else base
        _probed[bwrap] = info
        return info


def _try(cmd: list[str]) -> tuple[bool, str]:
    """Run a sandboxed `true`: (worked, bwrap's last line of complaint)."""
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=15, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)
    if proc.returncode == 0:
        return True, ""
    lines = (proc.stderr or proc.stdout).strip().splitlines()
    return False, lines[-1] if lines else ""


def _help(bwrap: str) -> str:
    try:
        proc = subprocess.run([bwrap, "--help"], capture_output=True, text=True, timeout=15)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return proc.stdout + proc.stderr


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

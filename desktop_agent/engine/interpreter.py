"""Which Python runs the jobs: found on this machine, or downloaded once with uv.

A job is a `train.py` run in a per-requirements environment (see `env_cache.py`),
and every environment is built from one "base" interpreter. From a checkout
or a pip install that is simply the interpreter running the agent. A frozen
(PyInstaller) agent has none: `sys.executable` is the app itself, and a
volunteer's fresh Windows laptop may have no Python at all. So the base is
chosen in this order:

1. a CPython that uv already provisioned into the data folder (`<data>/python`);
2. when not frozen, the interpreter running the agent (outside any venv);
3. a suitable system Python (3.10 or newer: `python3.13` … `python3` on PATH,
   the `py -3` launcher on Windows), checked by running it;
4. `uv python install 3.11 --install-dir <data>/python`, reporting uv's lines
   through a callback (the GUI shows them while the first task prepares);
5. otherwise a HostFault that says what to do.

`choose()` is the decision itself, a pure function over injected probes, so
every branch is unit-tested; `find_job_python()` wires in the real probes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterable, Sequence

from desktop_agent.engine.errors import HostFault

MIN_VERSION = (3, 10)
PROVISION_VERSION = "3.11"
MANAGED_DIR = "python"  # under the data folder
PROVISION_TIMEOUT_S = 20 * 60.0

NO_PYTHON_MESSAGE = (
    "No Python found for running jobs and it could not be downloaded (offline?) — "
    "connect to the internet once, or install Python 3.11 from python.org"
)

Progress = Callable[[str], None]
Probe = Callable[[], "str | None"]


class ProvisionFailed(Exception):
    """uv could not download/install a Python (offline, no uv, disk full…); the message says why."""


@dataclass(frozen=True)
class JobPython:
    path: str
    source: str  # "managed", "running", "system" or "provisioned"


@dataclass(frozen=True)
class Probes:
    """How `choose()` looks at the machine; tests pass stand-ins."""

    frozen: bool
    managed: Probe  # a Python uv already installed in the data folder
    running: Probe  # the interpreter running the agent (not consulted when frozen)
    system: Probe  # a suitable Python on this machine
    provision: Callable[[Progress], str]  # download one; raises ProvisionFailed


def choose(probes: Probes, on_progress: Progress | None = None) -> JobPython:
    """The job interpreter, by the order in the module docstring. Raises HostFault when there is none."""
    report = on_progress or (lambda _line: None)
    found = probes.managed()
    if found:
        return JobPython(found, "managed")
    if not probes.frozen:
        found = probes.running()
        if found:
            return JobPython(found, "running")
    found = probes.system()
    if found:
        return JobPython(found, "system")
    report(
        f"No Python {MIN_VERSION[0]}.{MIN_VERSION[1]}+ on this computer: "
        f"downloading Python {PROVISION_VERSION} for jobs (first run only)…"
    )
    try:
        path = probes.provision(report)
    except ProvisionFailed as exc:
        raise HostFault(f"{NO_PYTHON_MESSAGE}. ({exc})") from exc
    report(f"Python for jobs installed: {path}")
    return JobPython(path, "provisioned")


# --- real probes ---------------------------------------------------------------------------


def python_version(
    python: str, *, prefix: Sequence[str] = (), timeout: float = 20.0
) -> tuple[tuple[int, int], str] | None:
    """((major, minor), sys.executable) of a Python, by running it; None when it does not run.

    Runs with a clean library path, so a frozen agent's bundled libraries cannot
    break (or impersonate) the interpreter being checked.
    """
    code = "import sys, venv; print(sys.version_info[0], sys.version_info[1], sys.executable)"
    try:
        out = subprocess.run(
            [python, *prefix, "-c", code],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=subprocess_env(),
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    parts = out.stdout.strip().split(" ", 2)
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    return (int(parts[0]), int(parts[1])), parts[2] or python


def subprocess_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for programs the agent starts: a frozen app's library path undone.

    PyInstaller's Linux bootloader points LD_LIBRARY_PATH at the bundle and keeps
    the user's value in LD_LIBRARY_PATH_ORIG; a system Python (or uv) started
    with the bundle's libssl/libexpat can fail in odd ways.
    """
    env = dict(os.environ if base is None else base)
    if getattr(sys, "frozen", False):
        for var in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"):
            orig = env.pop(var + "_ORIG", None)
            if orig is not None:
                env[var] = orig
            else:
                env.pop(var, None)
    return env


def _suitable(python: str, prefix: Sequence[str] = ()) -> str | None:
    found = python_version(python, prefix=prefix)
    if found and found[0] >= MIN_VERSION:
        return found[1]
    return None


def managed_candidates(install_dir: Path) -> list[Path]:
    """Interpreters uv installed under `install_dir`, newest version first."""
    if not install_dir.is_dir():
        return []
    found = []
    for child in install_dir.iterdir():
        if not child.name.startswith("cpython-") or not child.is_dir():
            continue
        exe = child / "python.exe" if os.name == "nt" else child / "bin" / "python3"
        if exe.is_file():
            found.append(exe)

    def version_key(path: Path) -> tuple[int, ...]:
        numbers = path.parent.name if os.name == "nt" else path.parent.parent.name
        raw = numbers.split("-")[1] if "-" in numbers else ""
        return tuple(int(p) if p.isdigit() else -1 for p in raw.split("."))

    return sorted(found, key=version_key, reverse=True)


def probe_managed(install_dir: Path) -> str | None:
    for candidate in managed_candidates(install_dir):
        if _suitable(str(candidate)):
            return str(candidate)  # not sys.executable: keep the path inside the data folder
    return None


def probe_running() -> str | None:
    """The interpreter running the agent, outside any virtual environment."""
    name = "python.exe" if os.name == "nt" else "python3"
    candidates = [
        getattr(sys, "_base_executable", None),
        str(Path(sys.base_prefix) / ("" if os.name == "nt" else "bin") / name),
        sys.executable,
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def system_candidates() -> list[tuple[str, tuple[str, ...]]]:
    """(program, leading args) to try, best first: specific versions before a bare `python3`."""
    out: list[tuple[str, tuple[str, ...]]] = []
    if os.name == "nt":
        launcher = shutil.which("py")
        if launcher:
            out.append((launcher, ("-3",)))
    names = [f"python3.{minor}" for minor in range(14, MIN_VERSION[1] - 1, -1)] + [
        "python3",
        "python",
    ]
    seen: set[str] = set()
    for name in names:
        path = shutil.which(name)
        if path and path not in seen and not _inside_bundle(path):
            seen.add(path)
            out.append((path, ()))
    return out


def _inside_bundle(path: str) -> bool:
    root = getattr(sys, "_MEIPASS", None)
    if not root:
        return False
    try:
        return Path(path).resolve().is_relative_to(Path(root).resolve().parent)
    except OSError:
        return False


def probe_system(candidates: Iterable[tuple[str, tuple[str, ...]]] | None = None) -> str | None:
    for program, prefix in system_candidates() if candidates is None else candidates:
        found = _suitable(program, prefix)
        if found:
            return found
    return None


def find_uv() -> str | None:
    try:
        from uv import find_uv_bin

        return find_uv_bin()
    except (ImportError, FileNotFoundError):
        return shutil.which("uv")


def provision_with_uv(
    install_dir: Path,
    on_progress: Progress,
    *,
    uv_bin: str | None = None,
    version: str = PROVISION_VERSION,
    timeout: float = PROVISION_TIMEOUT_S,
) -> str:
    """`uv python install <version> --install-dir <install_dir>`; the installed interpreter's path."""
    uv = uv_bin or find_uv()
    if not uv:
        raise ProvisionFailed("uv is not available to download Python")
    install_dir.mkdir(parents=True, exist_ok=True)
    cmd = [uv, "python", "install", version, "--install-dir", str(install_dir)]
    if _uv_supports(uv, "--no-bin"):
        cmd.append("--no-bin")  # nothing outside the data folder (no ~/.local/bin/python3.11)
    if os.name == "nt" and _uv_supports(uv, "--no-registry"):
        cmd.append("--no-registry")
    env = subprocess_env()
    env.update(
        UV_PYTHON_INSTALL_DIR=str(install_dir), UV_PYTHON_DOWNLOADS="automatic", NO_COLOR="1"
    )
    tail: deque[str] = deque(maxlen=8)
    try:
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
        )
    except OSError as exc:
        raise ProvisionFailed(f"cannot start uv: {exc}") from exc
    assert proc.stdout is not None
    try:
        for raw in proc.stdout:
            line = raw.rstrip()
            if line:
                tail.append(line)
                on_progress(line)
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        proc.kill()
        raise ProvisionFailed(f"uv did not finish within {timeout:.0f} s") from exc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if code != 0:
        raise ProvisionFailed(
            "uv python install failed: " + (" | ".join(tail) or f"exit status {code}")
        )
    found = probe_managed(install_dir)
    if not found:
        raise ProvisionFailed(f"uv reported success but no working Python is in {install_dir}")
    return found


def _uv_supports(uv: str, flag: str) -> bool:
    try:
        out = subprocess.run(
            [uv, "python", "install", "--help"],
            capture_output=True,
            text=True,
            timeout=30,
            env=subprocess_env(),
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return flag in out.stdout


def real_probes(data_dir: Path, *, uv_bin: str | None = None) -> Probes:
    install_dir = data_dir / MANAGED_DIR
    return Probes(
        frozen=bool(getattr(sys, "frozen", False)),
        managed=lambda: probe_managed(install_dir),
        running=probe_running,
        system=probe_system,
        provision=lambda report: provision_with_uv(install_dir, report, uv_bin=uv_bin),
    )


def find_job_python(
    data_dir: Path | None = None, on_progress: Progress | None = None, *, uv_bin: str | None = None
) -> JobPython:
    """The interpreter to build job environments from, provisioning one when the machine has none."""
    if data_dir is None:
        from desktop_agent.config import resolve_data_dir

        data_dir = resolve_data_dir()
    return choose(real_probes(data_dir, uv_bin=uv_bin), on_progress)

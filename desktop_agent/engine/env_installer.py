"""Building one job environment with uv (or venv + pip when uv is missing).

A build goes into a temporary sibling folder of the cache and is renamed into
place with a `.ready` marker written last, so a crash or cancel can never
leave a half-built env that looks usable. uv builds it (`--relocatable`, so
the rename keeps console scripts working) with its cache beside the envs so
files are hard-linked rather than copied.

Installs run no job code: uv (or pip) installs wheels only (`--only-binary
:all:`, `UV_NO_BUILD`), with an environment built from nothing. Unpacking a
wheel writes files but runs none of them; what those files may say (a
`pyvenv.cfg`, symlinks) never changes the sandbox, which is computed from
the agent's own paths only (sandbox.py).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop_agent.engine.errors import HostFault, JobFault
from desktop_agent.engine.torch_backend import installer_args as torch_installer_args

READY = ".ready"  # written last into a built env: without it a folder is not an env
BUILD_PREFIX = ".build-"
_TAIL_LINES = 30

# The owner's package-index configuration, passed to the installer from the agent's environment
# (and nothing else of it: see `Installer.environ`).
_INDEX_VARS = (
    "UV_INDEX",
    "UV_INDEX_URL",
    "UV_DEFAULT_INDEX",
    "UV_EXTRA_INDEX_URL",
    "UV_FIND_LINKS",
    "UV_NO_INDEX",
    "UV_OFFLINE",
    "UV_INDEX_STRATEGY",
    "UV_KEYRING_PROVIDER",
    "UV_NATIVE_TLS",
    "UV_HTTP_TIMEOUT",
    "UV_HTTP_RETRIES",
    "PIP_INDEX_URL",
    "PIP_EXTRA_INDEX_URL",
    "PIP_FIND_LINKS",
    "PIP_NO_INDEX",
    "PIP_CERT",
    "PIP_DEFAULT_TIMEOUT",
)
_CA_VARS = ("SSL_CERT_FILE", "SSL_CERT_DIR")
_PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
# Substrings that mean "no wheel for this platform and building from source is off".
_NO_WHEEL_MARKERS = (
    "building source distributions is disabled",
    "building from source is disabled",
    "has no usable wheels",
)

# Substrings of uv's and pip's output that mean "the network or index is
# unreachable" (this host's problem) rather than "the requirement is bad".
_HOST_MARKERS = (
    "error sending request",
    "tcp connect error",
    "dns error",
    "connection refused",
    "network is unreachable",
    "name or service not known",
    "temporary failure in name resolution",
    "failed to establish a new connection",
    "newconnectionerror",
    "connecttimeouterror",
    "readtimeouterror",
    "operation timed out",
    "no space left on device",
)


def env_python(path: Path) -> Path:
    """The interpreter inside the environment at `path`."""
    return path / "Scripts" / "python.exe" if os.name == "nt" else path / "bin" / "python"


def find_uv() -> str | None:
    """uv from the `uv` package this app ships with, else one on PATH, else None (venv + pip)."""
    try:
        from uv import find_uv_bin

        return find_uv_bin()
    except (ImportError, FileNotFoundError):
        return shutil.which("uv")


def _owner_uv_config() -> Path | None:
    """The owner's own uv.toml (the installer runs with a HOME of the agent's, so it is named)."""
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(
        os.path.expanduser("~"), ".config"
    )
    path = Path(config_home) / "uv" / "uv.toml"
    return path if path.is_file() else None


def _proxy_environ(proxy: str) -> dict[str, str]:
    """Proxy variables for the installer from the `proxy` setting: "system", "none" or a URL."""
    if proxy == "none":
        return {}
    if proxy != "system":
        return {"HTTP_PROXY": proxy, "HTTPS_PROXY": proxy}
    out = {}
    for name in _PROXY_VARS:
        for spelling in (name, name.lower()):
            if os.environ.get(spelling):
                out[spelling] = os.environ[spelling]
    return out


def _classify(tail: list[str], what: str) -> Exception:
    text = "\n".join(tail)
    lowered = text.lower()
    if any(marker in lowered for marker in _HOST_MARKERS):
        return HostFault(f"Could not {what}: the package index is unreachable.\n{text}")
    if any(marker in lowered for marker in _NO_WHEEL_MARKERS):
        return JobFault(
            f"Could not {what}: a requirement has no ready-built package (wheel) for this "
            "computer, and packages are never built from source here.",
            log_tail=text,
        )
    return JobFault(f"Could not {what}: the job's requirements cannot be installed.", log_tail=text)


@dataclass(frozen=True)
class Installer:
    """How environments under `root` are built: which uv and Python, which cache, which proxy."""

    root: Path
    base_python: str
    uv_bin: str | None
    uv_cache_dir: Path
    proxy: str = "system"  # the `proxy` setting

    def environ(self) -> dict[str, str]:
        """The installer's whole environment, built from nothing.

        None of the agent's variables reach uv or pip (cloud or CI secrets, the owner's email,
        tokens) except the owner's package-index configuration (`_INDEX_VARS`), the system's
        CA settings, and proxy variables as the `proxy` setting says. HOME is a folder of the
        agent's own, so no config file in the volunteer's home is read.
        """
        home = self.root.parent / "installer-home"
        home.mkdir(parents=True, exist_ok=True)
        self.uv_cache_dir.mkdir(parents=True, exist_ok=True)
        same_fs = os.stat(self.uv_cache_dir).st_dev == os.stat(self.root).st_dev
        env = {
            "PATH": os.pathsep.join(["/usr/local/bin", "/usr/bin", "/bin"])
            if os.name != "nt"
            else os.environ.get("PATH", ""),
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "TMPDIR": str(home),
        }
        if os.name == "nt":
            for name in ("SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "TEMP", "TMP"):
                if name in os.environ:
                    env[name] = os.environ[name]
        for name in _INDEX_VARS + _CA_VARS:
            if os.environ.get(name):
                env[name] = os.environ[name]
        config = _owner_uv_config()
        if config is not None:
            env["UV_CONFIG_FILE"] = str(config)
        env.update(_proxy_environ(self.proxy))
        env.update(
            UV_CACHE_DIR=str(self.uv_cache_dir),
            UV_LINK_MODE="hardlink" if same_fs else "copy",
            UV_NO_PROGRESS="1",
            UV_PYTHON_DOWNLOADS="never",
            UV_NO_BUILD="1",  # wheels only: no package's build script ever runs
            NO_COLOR="1",
            PIP_DISABLE_PIP_VERSION_CHECK="1",
            PIP_NO_INPUT="1",
            PIP_ONLY_BINARY=":all:",
        )
        return env

    async def build(
        self,
        key: str,
        lines: list[str],
        on_line: Callable[[str], None],
        *,
        torch_backend: str | None = None,
        python_id: str | None = None,
    ) -> float:
        """Build the env `root/key` with `lines` installed; returns the seconds it took.

        Raises JobFault for uninstallable requirements (with the installer's last lines),
        HostFault when the index cannot be reached or the installer cannot start.
        """
        started = time.monotonic()
        tmp = self.root / f"{BUILD_PREFIX}{key}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
        venv = tmp / "env"
        tail: deque[str] = deque(maxlen=_TAIL_LINES)
        create = "create the job's Python environment"
        try:
            if self.uv_bin:
                cmd = [self.uv_bin, "venv", "--relocatable", "--python", self.base_python]
                await self._run([*cmd, str(venv)], tmp, on_line, tail, create)
            else:
                await self._run(
                    [self.base_python, "-m", "venv", str(venv)], tmp, on_line, tail, create
                )
            if lines:
                req = tmp / "requirements.txt"
                req.write_text("\n".join(lines) + "\n", encoding="utf-8")
                python = str(env_python(venv))
                if self.uv_bin:
                    cmd = [self.uv_bin, "pip", "install", "--python", python]
                else:
                    cmd = [python, "-m", "pip", "install"]
                # Wheels only: unpacking a wheel runs none of its code, so the install needs no
                # sandbox and uv may hard-link from its cache.
                cmd += ["--only-binary", ":all:", "-r", str(req)]
                cmd += torch_installer_args(torch_backend, uv=bool(self.uv_bin))
                await self._run(cmd, tmp, on_line, tail, "install the job's requirements")
            seconds = time.monotonic() - started
            info = {
                "key": key,
                "requirements": lines,
                "python": python_id,
                "build_seconds": seconds,
                "torch_backend": torch_backend,
            }
            (venv / READY).write_text(json.dumps(info, indent=2), encoding="utf-8")
            os.rename(venv, self.root / key)
            return seconds
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    async def _run(
        self, cmd: list[str], cwd: Path, on_line: Callable[[str], None], tail: deque[str], what: str
    ) -> None:
        try:
            proc = await asyncio.create_subprocess_exec(
                *cmd,
                cwd=cwd,
                env=self.environ(),
                stdin=asyncio.subprocess.DEVNULL,
                limit=1 << 20,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
            )
        except OSError as exc:
            raise HostFault(f"Could not {what}: cannot start {cmd[0]} ({exc}).") from exc
        try:
            assert proc.stdout is not None
            async for raw in proc.stdout:
                line = raw.decode("utf-8", errors="replace").rstrip()
                if line:
                    tail.append(line)
                    on_line(line)
            code = await proc.wait()
        finally:
            if proc.returncode is None:  # cancelled mid-install
                proc.kill()
                await proc.wait()
        if code != 0:
            raise _classify(list(tail), what)

"""Per-requirements Python environments, built once and reused.

Jobs of the same buyer (and most jobs: `torch` + `pandas`) share a
requirements file, and installing torch takes minutes, so each distinct
requirements set gets one cached virtual environment keyed by its normalised
text and the interpreter it is built for. Builds go into a temporary sibling
folder that is renamed into place with a `.ready` marker written last, so a
crash or cancel can never leave a half-built env that looks usable. uv builds
them (`--relocatable`, so the rename keeps console scripts working) with its
cache beside the envs so files are hard-linked rather than copied; plain
`venv` + pip is the fallback when uv is missing.

Requirements come from strangers, so they are parsed, not pattern-matched:
each line must be a named requirement (`packaging`'s grammar) with optional
`--hash=` options, and uv is given a file written from the parsed result,
never the job's bytes. Everything else (options that change the index, URLs,
VCS, local paths) is refused, so a job can only ask for packages from the
index the owner of this machine configured.

Installs run no job code: uv (or pip) installs wheels only (`--only-binary
:all:`, `UV_NO_BUILD`), with an environment built from nothing. Unpacking a
wheel writes files but runs none of them; what those files may say (a
`pyvenv.cfg`, symlinks) never changes the sandbox, which is computed from
the agent's own paths only (sandbox.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from desktop_agent.engine.errors import HostFault, JobFault
from desktop_agent.engine.torch_backend import installer_args as torch_installer_args

if TYPE_CHECKING:
    from desktop_agent.config import Settings

READY = ".ready"
_BUILD_PREFIX = ".build-"
_TRASH_PREFIX = ".trash-"
_TAIL_LINES = 30
_ARCHIVE_SUFFIXES = (".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz", ".tar", ".egg")
_HASH_OPTION = re.compile(r"--hash=(sha256|sha384|sha512):([0-9A-Fa-f]+)", re.IGNORECASE)

# The owner's package-index configuration, passed to the installer from the agent's environment
# (and nothing else of it: see EnvCache._uv_environ).
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


def requirement_lines(text: str) -> list[str]:
    """The requirement lines of a requirements file: comments, blanks and continuations removed.

    A `#` starts a comment at the start of a line or after whitespace (pip's rule). This only
    splits the text into lines; whether a line may be installed is `parse_requirement`'s call.
    """
    joined = re.sub(r"\\\r?\n", " ", text)
    lines = []
    for raw in joined.splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if line:
            lines.append(line)
    return lines


def parse_requirement(line: str, *, allow_direct_references: bool = False) -> str:
    """The line uv will be given for one requirement line of a job, rebuilt from its parse.

    Only a named requirement (`name[extras] specifiers ; marker`) followed by `--hash=alg:hex`
    options is accepted; it is parsed with `packaging` and written back from the parsed result,
    so uv never sees the job's bytes and cannot read a line differently from this check (an
    invisible character before `--index-url` is not a requirement, so it is refused). Direct
    references (`name @ url`) pass only with `allow_direct_references`. Raises JobFault saying why.
    """
    if not all(" " <= ch <= "~" for ch in line):
        raise _refused(line, "it contains invisible or non-ASCII characters")
    if line.startswith("-"):
        raise _refused(
            line,
            "options such as -i, --index-url, -f, -e or -r may change where packages come from",
        )
    head, *options = re.split(r"\s+(?=-)", line)
    hashes = []
    for option in options:
        match = _HASH_OPTION.fullmatch(option)
        if match is None:
            raise _refused(
                line,
                "per-requirement options (--global-option, --config-settings, --index-url...) "
                "are not allowed; only --hash=sha256:... is",
            )
        hashes.append(f"{match.group(1).lower()}:{match.group(2).lower()}")
    try:
        requirement = Requirement(head)
    except InvalidRequirement:
        raise _refused(
            line,
            "it is not a package name with an optional version (URLs, version-control "
            "references, local paths and archives are not allowed)",
        ) from None
    if requirement.name.lower().endswith(_ARCHIVE_SUFFIXES):  # uv would read it as a file
        raise _refused(line, "local paths and archives are not allowed")
    if requirement.url is not None and not allow_direct_references:
        raise _refused(line, "direct references (`name @ url`) are not allowed")
    return str(requirement) + "".join(f" --hash={h}" for h in hashes)


def parse_requirements(text: str, *, allow_direct_references: bool = False) -> list[str]:
    """Every requirement of a job's requirements.txt, rebuilt by `parse_requirement` (JobFault on the first refused)."""
    return [
        parse_requirement(line, allow_direct_references=allow_direct_references)
        for line in requirement_lines(text)
    ]


def _refused(line: str, reason: str) -> JobFault:
    return JobFault(f"Refusing requirement line {line!r}: {reason}.")


def canonical_line(line: str) -> str:
    """One requirement in a form that ignores spelling differences (case, `_` vs `-`, spaces)."""
    head, *options = re.split(r"\s+(?=-)", line)
    try:
        requirement = Requirement(head)
    except InvalidRequirement:
        return re.sub(r"\s+", "", line)
    requirement.name = canonicalize_name(requirement.name)
    return re.sub(r"\s+", "", str(requirement)) + "".join(sorted(options))


def refused_reason(line: str, *, allow_direct_references: bool = False) -> str | None:
    """Why a requirement line may not be installed from a stranger's job, or None if it may."""
    try:
        parse_requirement(line, allow_direct_references=allow_direct_references)
    except JobFault as exc:
        return str(exc)
    return None


def _env_python(path: Path) -> Path:
    return path / "Scripts" / "python.exe" if os.name == "nt" else path / "bin" / "python"


def _find_uv() -> str | None:
    try:
        from uv import find_uv_bin

        return find_uv_bin()
    except (ImportError, FileNotFoundError):
        return shutil.which("uv")


class _Usage:
    """Unique inodes under the envs and uv's cache, with who holds a link to each."""

    CACHE = "\0uv-cache"

    def __init__(self) -> None:
        self.sizes: dict[tuple[int, int], int] = {}
        self.holders: dict[tuple[int, int], set[str]] = {}
        self.total = 0

    @classmethod
    def scan(cls, envs: list[Path], uv_cache: Path) -> _Usage:
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
        self.uv_bin = uv_bin or _find_uv()
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
                return Env(key, path, _env_python(path), reused=True, build_seconds=0.0)
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
        return Env(key, path, _env_python(path), reused=False, build_seconds=seconds)

    def usage_mb(self) -> float:
        """Disk used by the ready envs and uv's cache, each hard-linked file counted once (as `du` does)."""
        return _Usage.scan(self._ready_envs(), self.uv_cache_dir).total / (1024 * 1024)

    def evict(self) -> list[str]:
        """Free disk until envs + uv cache fit `budget_mb`; returns the keys of the envs deleted.

        Envs share files with uv's cache by hard links, so deleting an env frees
        only what no other env and not the cache holds. Over budget, uv's cache
        goes first (ready envs keep their own links to its files, so they stay
        whole; only wheels no env uses are freed, and later builds download
        again), then envs, least recently used first. The env handed out last
        and any env being built are kept, even over budget; the cache is kept
        while a build is running.
        """
        envs = sorted(self._ready_envs(), key=lambda p: (p / READY).stat().st_mtime)
        usage = _Usage.scan(envs, self.uv_cache_dir)
        budget = self.budget_mb * 1024 * 1024
        evicted: list[str] = []
        if usage.total > budget and not self._building and self.uv_cache_dir.exists():
            shutil.rmtree(self.uv_cache_dir, ignore_errors=True)
            usage.drop(_Usage.CACHE)
        for path in envs:
            if usage.total <= budget:
                break
            if path.name == self._current or path.name in self._building:
                continue
            self._discard(path)
            usage.drop(path.name)
            evicted.append(path.name)
        return evicted

    def clear(self) -> None:
        """Remove every env and the uv download cache (the "free disk space" button)."""
        for child in self.root.iterdir():
            if child.name not in self._building and not child.name.startswith(_BUILD_PREFIX):
                self._discard(child)
        shutil.rmtree(self.uv_cache_dir, ignore_errors=True)

    # --- internals -----------------------------------------------------------

    def _ready_envs(self) -> list[Path]:
        return [p for p in self.root.iterdir() if (p / READY).is_file()]

    def _discard(self, path: Path) -> None:
        """Rename first so a half-deleted folder never keeps a name that looks like an env."""
        trash = self.root / f"{_TRASH_PREFIX}{path.name}-{uuid.uuid4().hex[:8]}"
        try:
            os.rename(path, trash)
        except OSError:
            trash = path
        if trash.is_dir():
            shutil.rmtree(trash, ignore_errors=True)
        else:
            trash.unlink(missing_ok=True)

    def _remove_leftovers(self) -> None:
        for child in self.root.iterdir():
            if (
                child.name.startswith((_BUILD_PREFIX, _TRASH_PREFIX))
                or not (child / READY).is_file()
            ):
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

    def apply_settings(self, settings: Settings) -> None:
        """Take the owner's rules for the next build from the agent's settings (read per task)."""
        self.allow_direct_references = settings.allow_direct_references
        self.proxy = settings.proxy or "system"

    def _uv_environ(self) -> dict[str, str]:
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
        env.update(_proxy_environ(getattr(self, "proxy", "system")))
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

    async def _build(
        self,
        key: str,
        lines: list[str],
        on_line: Callable[[str], None],
        torch_backend: str | None = None,
    ) -> float:
        started = time.monotonic()
        tmp = self.root / f"{_BUILD_PREFIX}{key}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
        venv = tmp / "env"
        tail: deque[str] = deque(maxlen=_TAIL_LINES)
        try:
            if self.uv_bin:
                await self._run(
                    [self.uv_bin, "venv", "--relocatable", "--python", self.base_python, str(venv)],
                    tmp,
                    on_line,
                    tail,
                    "create the job's Python environment",
                )
            else:
                await self._run(
                    [self.base_python, "-m", "venv", str(venv)],
                    tmp,
                    on_line,
                    tail,
                    "create the job's Python environment",
                )
            if lines:
                req = tmp / "requirements.txt"
                req.write_text("\n".join(lines) + "\n", encoding="utf-8")
                python = str(_env_python(venv))
                if self.uv_bin:
                    cmd = [self.uv_bin, "pip", "install", "--python", python]
                else:
                    cmd = [python, "-m", "pip", "install"]
                # Wheels only: unpacking a wheel runs none of its code, so the install needs no
                # sandbox and uv may hard-link from its cache.
                cmd += ["--only-binary", ":all:", "-r", str(req)]
                cmd += torch_installer_args(torch_backend, uv=bool(self.uv_bin))
                await self._run(
                    cmd,
                    tmp,
                    on_line,
                    tail,
                    "install the job's requirements",
                )
            seconds = time.monotonic() - started
            info = {
                "key": key,
                "requirements": lines,
                "python": self._python_id,
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
                env=self._uv_environ(),
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

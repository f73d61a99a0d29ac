"""Signed update checks: The Update Framework (TUF), through tufup.

long: one update client (check, verify, download, install at the next start, roll back); the
steps share the verified metadata and the rules about when an install may happen.

An app that runs strangers' code must get its own security fixes, and an
update channel is itself an attack surface: whoever controls the update
server (or the network) could push a forged build, replay an old vulnerable
one, or freeze the app on an old version forever. TUF answers each of these
with signed metadata: root (which keys are trusted for what), targets (the
release archives with their sizes and hashes), snapshot (the targets version
in force) and timestamp (short-lived, proves freshness). The client keeps the
newest metadata it has verified in `<data>/updates/metadata/` and refuses
anything older (rollback), expired (freeze) or not signed by the threshold of
keys that the trusted root names. The first trusted root ships with the app
(`resources/update-root.json`).

What happens with a verified newer version depends on how the app was installed:

- **pip** or **.deb** (the package manager owns the files), or a Linux portable
  folder this user cannot write: only a line saying that version X exists and
  how to get it.
- **the installed app on Windows and macOS**, and a writable Linux portable
  folder (PyInstaller bundles): the archive is downloaded and verified in the
  background (`_stage`) and installed on the next start, before any task is
  taken, or when the person clicks "Restart to update" between tasks
  (`apply_staged`); so never while a task is being completed. The new version
  must pass `desktop-agent self-test`, else the previous bundle is put back.
  Windows uses tufup's installer script; NOT RUN ON WINDOWS OR MACOS UNTIL CI
  RUNS IT (download, verification, install and rollback of the Linux folder
  are tested here: tests/updates/).

The check runs on start and then daily (`UpdateChecker`), when `update_check`
is on and `update_url` is set. Every failure leaves the running version as it
is; the message says what happened in plain words.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_agent.config import Settings

log = logging.getLogger(__name__)

APP_NAME = "desktop-agent"
CHECK_EVERY_S = 24 * 3600.0
FIRST_CHECK_DELAY_S = 30.0  # after start: let the app settle before the network call
ROOT_RESOURCE = "update-root.json"
STAGED_FILE = "staged.json"
REJECTED_FILE = "rejected.json"  # a version that failed its self-test here
SELF_TEST_TIMEOUT_S = 120.0
RELEASES = "the project's releases page"


class State(StrEnum):
    OFF = "off"  # no update_url, or update_check is false
    CURRENT = "current"  # verified: nothing newer
    AVAILABLE = "available"  # verified: a newer version exists (pip / .deb: how to get it)
    DOWNLOADING = "downloading"  # a bundle is fetching the verified release (progress in message)
    STAGED = "staged"  # verified and downloaded: installed on the next start
    REFUSED = "refused"  # the update information or the download failed verification
    UNREACHABLE = "unreachable"  # the update server could not be reached


@dataclass(frozen=True)
class UpdateStatus:
    state: State
    current: str
    latest: str | None = None
    message: str = ""  # for a person; plain text


# --- how this copy was installed -------------------------------------------------------------


def install_kind(frozen: bool | None = None, executable: str | None = None) -> str:
    """ "pip" (a Python environment), "deb", "portable" (Linux tar.gz) or "bundle" (Windows, macOS)."""
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    exe = sys.executable if executable is None else executable
    if not frozen:
        return "pip"
    if sys.platform.startswith("linux"):
        return "deb" if exe.startswith("/opt/desktop-agent/") else "portable"
    return "bundle"


def how_to_get(kind: str, version: str) -> str:
    if kind == "deb":
        return (
            f"Desktop Agent {version} is available. Download desktop-agent_{version}_amd64.deb "
            f"from {RELEASES} and install it with: sudo apt install ./desktop-agent_{version}_amd64.deb"
        )
    if kind == "portable":
        return (
            f"Desktop Agent {version} is available. Download "
            f"desktop-agent-{version}-linux-x86_64.tar.gz from {RELEASES} and unpack it in "
            "place of this folder."
        )
    if kind == "bundle":
        return f"Desktop Agent {version} is available; it will be downloaded in the background."
    return (
        f"Desktop Agent {version} is available. To update, run: "
        "pip install --upgrade desktop-agent (in the environment you installed it into)."
    )


# --- the check -------------------------------------------------------------------------------


def _tufup_importable() -> None:
    """Let `import tufup.client` work in a bundle built without setuptools.

    tufup's package imports its repository tools, which import
    `setuptools.config.expand` (used only to read a version attribute when
    publishing). build.spec leaves setuptools out of the bundle; the client
    never calls it, so an empty stand-in module is enough.
    """
    import types

    try:
        import setuptools.config.expand  # noqa: F401

        return
    except ImportError:
        pass
    for name in ("setuptools", "setuptools.config", "setuptools.config.expand"):
        sys.modules.setdefault(name, types.ModuleType(name))


def _refusal(exc: BaseException) -> str | None:
    """The person's words for a verification failure; None when `exc` is not one."""
    from tuf.api import exceptions as tuf_errors

    keep = "This version keeps running; nothing was changed."
    if isinstance(exc, tuf_errors.ExpiredMetadataError):
        why = (
            "The update information has expired (its signature is out of date), so it cannot "
            "be trusted."
        )
    elif isinstance(exc, tuf_errors.BadVersionNumberError):
        why = (
            "The update server offered older update information than this computer has "
            "already seen (a possible rollback attack)."
        )
    elif isinstance(exc, tuf_errors.UnsignedMetadataError):
        why = "The update information is not signed by the project's keys."
    elif isinstance(exc, tuf_errors.LengthOrHashMismatchError):
        why = (
            "The downloaded update does not match its signed description (damaged or "
            "tampered with) and was thrown away."
        )
    elif isinstance(exc, tuf_errors.RepositoryError):
        why = f"The update information failed verification ({_printable(str(exc))})."
    else:
        return None
    return f"Update refused: {why} {keep}"


class Updater:
    """One update repository, seen from this installation; `check` is blocking (run it off the GUI thread)."""

    def __init__(
        self,
        url: str,
        data_dir: Path,
        current_version: str,
        *,
        kind: str | None = None,
        root: Path | None = None,
        app_install_dir: Path | None = None,
    ):
        self.url = url.rstrip("/")
        self.current = current_version
        self.kind = kind or install_kind()
        if root is None:
            from desktop_agent.paths import resource_path

            root = resource_path(ROOT_RESOURCE)
        self.root = root
        self.app_install_dir = app_install_dir or default_install_dir()
        self.home = data_dir / "updates"
        self.metadata_dir = self.home / "metadata"
        self.targets_dir = self.home / "targets"

    def _client(self):  # -> tufup.client.Client
        _tufup_importable()
        from tufup.client import Client

        class _OnceClient(Client):
            """tufup's check refreshes again; python-tuf allows one refresh per instance."""

            _refreshed = False

            def refresh(self) -> None:
                if not self._refreshed:
                    super().refresh()
                    self._refreshed = True

        self.metadata_dir.mkdir(parents=True, exist_ok=True)
        self.targets_dir.mkdir(parents=True, exist_ok=True)
        trusted = self.metadata_dir / "root.json"
        if not trusted.exists():  # the newest verified root is kept there from then on
            shutil.copyfile(self.root, trusted)
        return _OnceClient(
            app_name=APP_NAME,
            app_install_dir=self.app_install_dir,
            current_version=self.current,
            metadata_dir=self.metadata_dir,
            metadata_base_url=f"{self.url}/metadata/",
            target_dir=self.targets_dir,
            target_base_url=f"{self.url}/targets/",
            extract_dir=self.home / "extract",
        )

    def check(
        self,
        *,
        download: bool | None = None,
        on_progress: Callable[[UpdateStatus], None] | None = None,
    ) -> UpdateStatus:
        """Verify the repository's metadata; for a bundle also download and verify the archive.

        `download` defaults to "this copy can install itself" (`can_install`). Never raises for
        network or verification trouble: the status says what happened.
        `on_progress` hears DOWNLOADING statuses while the archive comes in.
        """
        download = self.can_install() if download is None else download
        try:
            client = self._client()
            client.refresh()
            latest = client.check_for_updates(patch=False)
            if latest is None:
                return UpdateStatus(
                    State.CURRENT,
                    self.current,
                    message=f"Desktop Agent {self.current} is the newest version.",
                )
            version = str(latest.version)
            if version == self.rejected():
                return UpdateStatus(
                    State.AVAILABLE,
                    self.current,
                    version,
                    f"Desktop Agent {version} failed its self-test on this computer and is not "
                    f"installed again; {self.current} keeps running.",
                )
            if not download:
                return UpdateStatus(
                    State.AVAILABLE, self.current, version, how_to_get(self.kind, version)
                )
            return self._stage(client, version, on_progress)
        except Exception as exc:
            refused = _refusal(exc)
            if refused is not None:
                log.warning("update check: %s (%r)", refused, exc)
                return UpdateStatus(State.REFUSED, self.current, message=refused)
            log.warning("update check: could not reach %s (%r)", self.url, exc)
            return UpdateStatus(
                State.UNREACHABLE,
                self.current,
                message=f"Could not check for updates ({type(exc).__name__}); will try again later.",
            )

    def _stage(
        self, client, version: str, on_progress: Callable[[UpdateStatus], None] | None
    ) -> UpdateStatus:
        """Download the new archive (python-tuf checks its length and hashes) and note it for the next start."""
        info = client.new_archive_info
        path = client.find_cached_target(info)
        if not path:
            if on_progress is not None:
                client._fetcher.attach_progress_hook(
                    hook=self._progress_hook(version, on_progress), bytes_expected=info.length
                )
            path = client.download_target(info)
        for older in self.targets_dir.iterdir():  # one archive is kept: the newest verified one
            if older.name != Path(path).name and older.is_file():
                older.unlink()
        digest = _sha256(Path(path))
        record = {"version": version, "archive": Path(path).name, "sha256": digest}
        tmp = self.home / (STAGED_FILE + ".tmp")
        tmp.write_text(json.dumps(record), encoding="utf-8")
        tmp.replace(self.home / STAGED_FILE)
        return UpdateStatus(
            State.STAGED,
            self.current,
            version,
            f"Desktop Agent {version} has been downloaded and checked; restart to update "
            "(it is also installed the next time the app starts).",
        )

    def _progress_hook(
        self, version: str, on_progress: Callable[[UpdateStatus], None]
    ) -> Callable[..., None]:
        last = [-1]

        def hook(bytes_downloaded: int, bytes_expected: int) -> None:
            pct = min(100, bytes_downloaded * 100 // max(1, bytes_expected))
            if pct != last[0]:  # one status per percent, not per chunk
                last[0] = pct
                on_progress(
                    UpdateStatus(
                        State.DOWNLOADING,
                        self.current,
                        version,
                        f"Downloading Desktop Agent {version}… {pct} %",
                    )
                )

        return hook

    # --- the next start ----------------------------------------------------------------------

    def staged(self) -> dict | None:
        """The verified archive waiting for the next start, if it is still intact and newer."""
        try:
            record = json.loads((self.home / STAGED_FILE).read_text(encoding="utf-8"))
            archive = self.targets_dir / Path(record["archive"]).name
            intact = _sha256(archive) == record["sha256"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        from packaging.version import Version

        if not intact or Version(record["version"]) <= Version(self.current):
            self.discard_staged()
            return None
        return {**record, "path": archive}

    def discard_staged(self) -> None:
        try:
            (self.home / STAGED_FILE).unlink()
        except OSError:
            pass

    def apply_staged(
        self,
        install: Callable[..., object] | None = None,
        self_test: Callable[[Path], bool] | None = None,
        start_new: Callable[[Path], object] | None = None,
    ) -> UpdateStatus | None:
        """At start, before any task: install a staged update; None when there is none.

        - Windows: tufup's installer script moves the files once this process
          has exited, runs the new version's self-test, puts the previous
          files back when it fails, and starts the app. NOT RUN ON WINDOWS
          UNTIL CI RUNS IT.
        - macOS and the Linux portable folder: `swap_in` here (the previous
          bundle is kept in `<data>/updates/previous`), then the new version's
          `self-test`; a failure restores the previous bundle and the version is
          not offered again. On success `start_new` starts the new version
          (default: exec, so this process becomes it). The macOS path is NOT RUN
          ON MACOS UNTIL CI RUNS IT; the same code runs for Linux in tests/updates.
        """
        found = self.staged()
        if found is None or not self.can_install():
            return None
        version = found["version"]
        extract = self.home / "extract"
        shutil.rmtree(extract, ignore_errors=True)
        extract.mkdir(parents=True)
        shutil.unpack_archive(str(found["path"]), str(extract), filter="data")
        self.discard_staged()
        exe = self.app_install_dir / _exe_name()
        if sys.platform == "win32" or install is not None:
            (install or _install_with_script)(
                src_dir=extract, dst_dir=self.app_install_dir, purge_dst_dir=False
            )
            return UpdateStatus(State.CURRENT, version, message=f"Updated to {version}.")
        ok = swap_in(
            extract,
            self.app_install_dir,
            self.home / "previous",
            self_test or (lambda folder: _self_test(folder / _exe_name())),
        )
        shutil.rmtree(extract, ignore_errors=True)
        if not ok:
            (self.home / REJECTED_FILE).write_text(json.dumps({"version": version}), "utf-8")
            message = (
                f"The update to Desktop Agent {version} failed its self-test on this computer "
                f"and was undone; Desktop Agent {self.current} keeps running."
            )
            log.warning("update: %s", message)
            return UpdateStatus(State.REFUSED, self.current, version, message)
        log.info("update: installed %s, restarting", version)
        (start_new or restart)(exe)
        return UpdateStatus(State.CURRENT, version, message=f"Updated to {version}.")

    def can_install(self) -> bool:
        """Whether this copy replaces itself: a Windows/macOS bundle or a Linux portable folder,
        in a folder this user can write (else it only says how to get the new version)."""
        if self.kind not in ("bundle", "portable"):
            return False
        return os.access(self.app_install_dir, os.W_OK)

    def rejected(self) -> str | None:
        """A version that failed its self-test here (not offered again)."""
        try:
            return str(json.loads((self.home / REJECTED_FILE).read_text("utf-8"))["version"])
        except (OSError, ValueError, KeyError, TypeError):
            return None


def swap_in(src: Path, dst: Path, backup: Path, self_test: Callable[[Path], bool]) -> bool:
    """Replace the bundle in `dst` by `src`, keeping the old one in `backup`; undo when the self-test fails.

    POSIX only: the running program's files may be replaced while it runs
    (it keeps the old inodes). Returns True when the new bundle passed.
    """
    shutil.rmtree(backup, ignore_errors=True)
    shutil.copytree(dst, backup, symlinks=True)
    try:
        _replace_tree(src, dst)
        if self_test(dst):
            return True
    except Exception:
        log.exception("update: installing the new bundle failed")
    _replace_tree(backup, dst)
    return False


def _replace_tree(src: Path, dst: Path) -> None:
    for child in list(dst.iterdir()):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    shutil.copytree(src, dst, symlinks=True, dirs_exist_ok=True)


def _exe_name() -> str:
    return "desktop-agent.exe" if sys.platform == "win32" else "desktop-agent"


def _self_test(exe: Path) -> bool:
    import subprocess

    try:
        done = subprocess.run(
            [str(exe), "self-test"], capture_output=True, timeout=SELF_TEST_TIMEOUT_S
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def restart(exe: Path) -> None:
    """Become the newly installed version (same arguments)."""
    os.execv(str(exe), [str(exe), *sys.argv[1:]])


def default_install_dir(executable: str | None = None) -> Path:
    """The folder a release archive replaces: the onedir folder, or on macOS the .app bundle."""
    exe = Path(sys.executable if executable is None else executable).resolve()
    for parent in exe.parents:
        if parent.suffix == ".app":
            return parent
    return exe.parent


WIN_BATCH = """@echo off
{log_lines}
echo Keeping the previous version...
robocopy "{dst_dir}" "{previous}" /e /purge /w:2
echo Moving app files...
robocopy "{src_dir}" "{dst_dir}" {robocopy_options}
"{restart}" self-test
if errorlevel 1 (
  echo The new version failed its self-test: restoring the previous one
  robocopy "{previous}" "{dst_dir}" /e /purge /w:2
)
start "" "{restart}"
{delete_self}
"""


def _install_with_script(src_dir: Path, dst_dir: Path, **kwargs: object) -> None:
    """Windows: tufup's installer script with a self-test and rollback. NOT RUN ON WINDOWS UNTIL CI RUNS IT.

    The script runs once this process has exited (robocopy retries while files
    are still in use), keeps the previous version, moves the new files in,
    runs `desktop-agent.exe self-test`, restores the previous version when it
    fails, and starts the app.
    """
    import subprocess

    from tufup.utils import platform_specific as ps

    previous = Path(src_dir).parent / "previous"
    ps.install_update(
        src_dir=src_dir,
        dst_dir=dst_dir,
        batch_template=WIN_BATCH,
        batch_template_extra_kwargs={
            "restart": str(Path(dst_dir) / _exe_name()),
            "previous": str(previous),
        },
        process_creation_flags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        **kwargs,
    )  # ends this process


def _printable(text: str, limit: int = 200) -> str:
    """Server-influenced text, safe for a console or a log line (no control characters)."""
    return "".join(c if c.isprintable() else "?" for c in text)[:limit]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify_trusted_root(root: Path | None = None) -> str:
    """Load the shipped trusted root and check its own signatures (what every update check needs).

    For `self-test`: a bundle missing the root, tufup or a crypto backend could
    never update again, so it must not replace a working version.
    """
    from tuf.api.metadata import Metadata, Root

    if root is None:
        from desktop_agent.paths import resource_path

        root = resource_path(ROOT_RESOURCE)
    md = Metadata[Root].from_file(str(root))
    md.signed.verify_delegate(Root.type, md.signed_bytes, md.signatures)
    _tufup_importable()
    import tufup
    import tufup.client  # the client side must import in a frozen bundle too

    return (
        f"trusted update root v{md.signed.version} verifies "
        f"(expires {md.signed.expires:%Y-%m-%d}; tufup {tufup.__version__})"
    )


# --- on start and then daily -----------------------------------------------------------------


class UpdateChecker:
    """Runs `Updater.check` on a thread: after `first_delay_s`, then every `every_s`.

    `on_status` is called on that thread (the GUI re-emits it as a signal).
    `stop()` wakes and ends it at once.
    """

    def __init__(
        self,
        updater: Updater,
        on_status: Callable[[UpdateStatus], None],
        *,
        first_delay_s: float = FIRST_CHECK_DELAY_S,
        every_s: float = CHECK_EVERY_S,
        download: bool | None = None,
    ):
        self.updater = updater
        self.on_status = on_status
        self.download = download  # None: Updater.check decides (bundles download)
        self.first_delay_s = first_delay_s
        self.every_s = every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="update-check", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def _hear(self, status: UpdateStatus) -> None:
        try:
            self.on_status(status)
        except Exception:  # a broken listener must not end the daily checks
            log.exception("update status listener failed")

    def _run(self) -> None:
        wait = self.first_delay_s
        while not self._stop.wait(wait):
            self._hear(self.updater.check(download=self.download, on_progress=self._hear))
            wait = self.every_s


def from_settings(
    settings: Settings, data_dir: Path, current_version: str | None = None
) -> Updater | None:
    """The updater the settings ask for, or None when checks are off (no URL, or update_check false)."""
    url = settings.update_url
    if not url or not settings.update_check:
        return None
    if current_version is None:
        from desktop_agent import __version__

        current_version = __version__
    return Updater(url, data_dir, current_version)


def start_headless_checks(
    settings: Settings,
    data_dir: Path,
    say: Callable[[str], None],
    *,
    first_delay_s: float = FIRST_CHECK_DELAY_S,
) -> UpdateChecker | None:
    """`desktop-agent run`: check on start and daily, and only say what was found.

    Headless agents never download: they are servers and fleets, updated by
    whoever runs them (the message says how).
    """
    updater = from_settings(settings, data_dir)
    if updater is None:
        return None

    def report(status: UpdateStatus) -> None:
        if status.state in (State.AVAILABLE, State.STAGED, State.REFUSED):
            say(status.message)

    checker = UpdateChecker(updater, report, first_delay_s=first_delay_s, download=False)
    checker.start()
    return checker

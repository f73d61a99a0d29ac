"""`desktop-agent uninstall-cleanup`: remove what an uninstaller cannot reach by itself.

Package managers remove the program; this removes the current user's traces
that only a process running as that user can reach: the agent id in the
user's keyring, the start-at-login entry, and the job-environment cache
(per-requirements environments, uv's download cache and a Python uv
provisioned). `--remove-data` also removes the whole data folder (history,
settings, logs). Installers call it (Windows uninstaller, the .deb's
maintainer scripts for the system service); a user can run it by hand first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from desktop_agent.config import DataPaths

# Where a start-at-login entry lives, by platform. The installers and the app use these names.
AUTOSTART_LINUX = "desktop-agent.desktop"
AUTOSTART_MACOS = "org.desktop-agent.app.plist"
AUTOSTART_WINDOWS_VALUE = "Desktop Agent"

# The job-environment cache, relative to the data folder.
CACHE_DIRS = ("envs", "uv-cache", "python", "work")


def autostart_entries() -> list[Path]:
    """Start-at-login files of this user (Windows' registry value is handled separately)."""
    home = Path.home()
    if sys.platform == "darwin":
        return [home / "Library" / "LaunchAgents" / AUTOSTART_MACOS]
    if os.name == "nt":
        appdata = Path(os.environ.get("APPDATA", home / "AppData" / "Roaming"))
        startup = appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
        return [startup / "Desktop Agent.lnk"]
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return [config / "autostart" / AUTOSTART_LINUX]


def _remove_windows_run_value() -> bool:
    if sys.platform != "win32":
        return False
    import winreg

    try:
        with winreg.OpenKey(
            winreg.HKEY_CURRENT_USER,
            r"Software\Microsoft\Windows\CurrentVersion\Run",
            0,
            winreg.KEY_SET_VALUE,
        ) as key:
            winreg.DeleteValue(key, AUTOSTART_WINDOWS_VALUE)
        return True
    except OSError:
        return False


def cleanup(
    data_dir: Path, *, remove_data: bool = False, keep_autostart: bool = False
) -> list[str]:
    """Remove this user's traces; returns one line per thing removed."""
    from desktop_agent import identity

    done: list[str] = []
    paths = DataPaths(data_dir)
    had_id = paths.identity_file.exists()
    identity.forget(data_dir, paths.identity_file)
    done.append(
        "agent id removed from the keyring"
        + (" and its fallback file" if had_id else " (if it was there)")
    )
    if not keep_autostart:
        for entry in autostart_entries():
            if entry.exists():
                entry.unlink()
                done.append(f"start-at-login entry removed: {entry}")
        if _remove_windows_run_value():
            done.append("start-at-login registry value removed")
    for name in CACHE_DIRS:
        folder = data_dir / name
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
            done.append(f"removed {folder}")
    if remove_data and data_dir.exists():
        shutil.rmtree(data_dir, ignore_errors=True)
        done.append(f"removed the data folder {data_dir}")
    return done


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", dest="sub_data_dir", help="data folder (default: this user's)"
    )
    parser.add_argument(
        "--remove-data",
        action="store_true",
        help="also remove the data folder: task history, settings and logs",
    )
    parser.add_argument(
        "--keep-autostart", action="store_true", help="leave the start-at-login entry"
    )


def run_from_args(data_dir: Path, args: argparse.Namespace) -> int:
    for line in cleanup(data_dir, remove_data=args.remove_data, keep_autostart=args.keep_autostart):
        print(line)
    if not args.remove_data and data_dir.exists():
        print(
            f"kept the data folder {data_dir} (history, settings, logs): add --remove-data to remove it"
        )
    return 0

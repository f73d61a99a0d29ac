"""`desktop-agent self-test`: can this installation (often a frozen bundle) do its job?

One line per check, so an operator or an installer's post-install step can see
at a glance what is missing. Exit 0 only when the agent can run tasks: the
keyring (or its file fallback), uv, a job interpreter and the bundled sample
job are required; Qt and NVML are reported but optional (a headless fleet
machine has no display, most machines have no NVIDIA GPU).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import cast
from collections.abc import Callable

from desktop_agent import __version__


def _check_qt(_data_dir: Path) -> str:
    # Offscreen: the check must work on a display-less server and must not flash a window.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    from desktop_agent.paths import resource_path

    app = cast(QApplication, QApplication.instance() or QApplication(["desktop-agent-self-test"]))
    icon = QIcon(str(resource_path("icons", "app.svg")))
    if icon.isNull() or icon.pixmap(32, 32).isNull():
        raise RuntimeError(
            "the SVG icon does not render (Qt's svg imageformat/iconengine plugin is missing)"
        )
    tray = QSystemTrayIcon(icon)
    tray.setToolTip("desktop-agent self-test")
    available = (
        "a system tray is available"
        if QSystemTrayIcon.isSystemTrayAvailable()
        else "no system tray here"
    )
    return f"Qt {qVersion()} loads ({app.platformName()}); SVG icons render; tray icon created ({available})"


def _check_resources(_data_dir: Path) -> str:
    from desktop_agent.paths import resources_dir, sample_job_dir

    missing = [
        name
        for name in ("train.py", "requirements.txt", "data.csv")
        if not (sample_job_dir() / name).is_file()
    ]
    if missing:
        raise FileNotFoundError(
            f"sample job incomplete in {sample_job_dir()}: missing {', '.join(missing)}"
        )
    return f"resources at {resources_dir()}"


def _check_keyring(_data_dir: Path) -> str:
    import keyring

    from desktop_agent import identity

    quiet = logging.getLogger(identity.__name__)
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # the fallback's warning is this check's own line
    try:
        with tempfile.TemporaryDirectory() as tmp:
            ident = identity.load_or_create(Path(tmp))
            again = identity.load_or_create(Path(tmp))
            identity.forget(Path(tmp))
    finally:
        quiet.setLevel(level)
    if again.agent_id != ident.agent_id:
        raise RuntimeError("the agent id did not survive a round trip")
    backend = type(keyring.get_keyring()).__module__ + "." + type(keyring.get_keyring()).__name__
    if ident.storage == "keyring":
        return f"system keyring answers ({backend})"
    return f"no usable system keyring ({backend}): using the 0600 file fallback"


def _check_nvml(_data_dir: Path) -> str:
    from desktop_agent import gpu

    backend = gpu.backend()
    if not backend.available:
        return f"NVML: {backend.reason} (CPU-only jobs)"
    return f"NVML loaded: {gpu.gpu_model_summary()}, driver {backend.driver_version()}"


def _check_uv(_data_dir: Path) -> str:
    from desktop_agent.engine.interpreter import find_uv, subprocess_env

    uv = find_uv()
    if not uv:
        raise FileNotFoundError("uv is not bundled and not on PATH")
    out = subprocess.run(
        [uv, "--version"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        env=subprocess_env(),
        stdin=subprocess.DEVNULL,
    )
    return f"{out.stdout.strip()} at {uv}"


def _check_python(data_dir: Path) -> str:
    from desktop_agent.engine.interpreter import find_job_python, python_version

    chosen = find_job_python(data_dir, lambda line: print(f"      python   {line}", flush=True))
    version = python_version(chosen.path)
    if version is None:
        raise RuntimeError(f"{chosen.path} does not run")
    (major, minor), _exe = version
    return f"job interpreter {chosen.path} (Python {major}.{minor}, {chosen.source})"


def _check_updates(_data_dir: Path) -> str:
    from desktop_agent.updates import verify_trusted_root

    return verify_trusted_root()


# (name, check, required)
CHECKS: list[tuple[str, Callable[[Path], str], bool]] = [
    ("qt", _check_qt, False),  # the headless agent works without a GUI
    ("files", _check_resources, True),
    ("keyring", _check_keyring, True),
    ("nvml", _check_nvml, False),
    ("uv", _check_uv, True),
    ("python", _check_python, True),
    (
        "updates",
        _check_updates,
        True,
    ),  # a version that cannot verify updates must not replace one that can
]


def run_self_test(data_dir: Path | None = None) -> int:
    if data_dir is None:
        from desktop_agent.config import resolve_data_dir

        data_dir = resolve_data_dir()
    where = (
        f"frozen bundle at {Path(sys.executable).parent}"
        if getattr(sys, "frozen", False)
        else sys.executable
    )
    print(f"desktop-agent {__version__} ({where}; data folder {data_dir})", flush=True)
    failed_required = False
    for name, check, required in CHECKS:
        try:
            print(f"ok    {name:8} {check(data_dir)}", flush=True)
        except Exception as exc:  # every check reports, none aborts the others
            mark = "FAIL " if required else "warn "
            failed_required |= required
            print(f"{mark} {name:8} {type(exc).__name__}: {exc}", flush=True)
    print(
        "self-test: "
        + ("FAILED — see the lines above" if failed_required else "this installation can run tasks")
    )
    return 1 if failed_required else 0

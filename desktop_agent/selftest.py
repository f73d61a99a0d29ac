"""`desktop-agent self-test`: can this installation (often a frozen bundle) do its job?

One line per check, so an operator or an installer's post-install step can see
at a glance what is missing. Exit 0 only when the agent can run tasks.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable


def _check_qt() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    app = QApplication.instance() or QApplication([])
    QSystemTrayIcon()
    tray = "a system tray is available" if QSystemTrayIcon.isSystemTrayAvailable() else "no system tray on this desktop"
    return f"Qt {app.platformName()} platform loads; tray icon can be created ({tray})"


def _check_keyring() -> str:
    from desktop_agent import identity

    with tempfile.TemporaryDirectory() as tmp:
        ident = identity.load_or_create(Path(tmp))
        identity.forget(Path(tmp))
    return "system keyring answers" if ident.storage == "keyring" else "no system keyring: using the 0600 file fallback"


def _check_nvml() -> str:
    from desktop_agent import gpu

    backend = gpu.backend()
    if not backend.available:
        return f"NVML: {backend.reason} (CPU-only jobs)"
    return f"NVML loaded: {gpu.gpu_model_summary()}, driver {backend.driver_version()}"


def _check_uv() -> str:
    from uv import find_uv_bin

    out = subprocess.run([find_uv_bin(), "--version"], capture_output=True, text=True, timeout=30, check=True)
    return out.stdout.strip()


def _check_python() -> str:
    from desktop_agent.engine.envs import find_base_python

    python = find_base_python()
    out = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True,
                         text=True, timeout=30, check=True)
    return f"job interpreter {python} (Python {out.stdout.strip()})"


CHECKS: list[tuple[str, Callable[[], str], bool]] = [
    ("qt", _check_qt, False),  # the headless agent works without a GUI
    ("keyring", _check_keyring, True),
    ("nvml", _check_nvml, False),
    ("uv", _check_uv, True),
    ("python", _check_python, True),
]


def run_self_test(data_dir: Path | None = None) -> int:
    failed_required = False
    for name, check, required in CHECKS:
        try:
            print(f"ok    {name:8} {check()}", flush=True)
        except Exception as exc:  # every check reports, none aborts the others
            mark = "FAIL " if required else "warn "
            failed_required |= required
            print(f"{mark} {name:8} {type(exc).__name__}: {exc}", flush=True)
    print("self-test: " + ("FAILED — see the lines above" if failed_required else "this installation can run tasks"))
    return 1 if failed_required else 0

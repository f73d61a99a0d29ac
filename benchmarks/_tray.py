"""Shared parts of the tray benchmarks: a display with a tray host, an idle server, the baselines.

`TraySession` is what both tray_idle.py and tray_launch.py run in: a display with a tray host
(the caller's, or a fresh Xvfb + trayer), a reference backend with no jobs in its own process,
fresh data folders that contribute at once, the environment for the app from a given tree, and
the clean-up. Two baselines, both in the same run:

- the smallest honest tray app (`BARE_TRAY`): PySide6's QApplication with one QSystemTrayIcon
  (the app's own icon) and its event loop, nothing else;
- optionally the app from another copy of the code (`--baseline-tree DIR`, e.g. from
  `git archive REV | tar -x -C DIR`), so a change is measured against the code before it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
EMAIL = "volunteer@example.com"
MIB = 1024 * 1024

# Reference backend with no jobs, in its own process (its CPU is not the app's).
SERVER_CODE = f"""
import sys
from desktop_agent.devserver import DevServer
with DevServer() as s:
    s.add_owner({EMAIL!r})
    print(s.url, flush=True)
    sys.stdin.read()
"""

ICON = ROOT / "resources" / "icons" / "state-idle.svg"  # the app's own icon, same loader

BARE_TRAY = f"""
import sys
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
app = QApplication(sys.argv[:1])
app.setQuitOnLastWindowClosed(False)
tray = QSystemTrayIcon(QIcon({str(ICON)!r}))
tray.setToolTip("bare")
tray.show()
sys.exit(app.exec())
"""


def start_display() -> tuple[list[subprocess.Popen[bytes]], str]:
    """The caller's DISPLAY when set (it must have a tray host), else a fresh Xvfb + trayer."""
    if os.environ.get("DISPLAY"):
        return [], os.environ["DISPLAY"]
    if shutil.which("Xvfb") is None:
        raise SystemExit("no DISPLAY and no Xvfb: apt-get install xvfb trayer")
    display = next(f":{n}" for n in range(87, 200) if not Path(f"/tmp/.X{n}-lock").exists())
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    procs = [xvfb]
    if shutil.which("trayer"):
        procs.append(
            subprocess.Popen(
                ["trayer", "--edge", "top", "--widthtype", "pixel", "--width", "200"],
                env=dict(os.environ, DISPLAY=display),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        time.sleep(0.5)
    return procs, display


def start_server() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [PY, "-c", SERVER_CODE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def stop_server(proc: subprocess.Popen[str]) -> None:
    if proc.stdin is not None:
        proc.stdin.close()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


def app_data_dir(url: str) -> Path:
    """A fresh data folder whose settings make the app contribute at once (no setup dialog)."""
    data = Path(tempfile.mkdtemp(prefix="tray-bench-"))
    (data / "settings.json").write_text(json.dumps({"email": EMAIL, "server": url}))
    return data


def gui_env(display: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ, DISPLAY=display, PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DESKTOP_AGENT_SUPERVISED", None)
    return dict(env, **extra)


def stop(proc: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def cpu_s(p: psutil.Process) -> float:
    t = p.cpu_times()
    return t.user + t.system


def mem(p: psutil.Process) -> tuple[float, float]:
    """(RSS, USS) in MiB."""
    m = p.memory_full_info()
    return m.rss / MIB, m.uss / MIB


def add_baseline_arg(ap: argparse.ArgumentParser) -> None:
    ap.add_argument(
        "--baseline-tree",
        type=Path,
        help="another copy of the code (e.g. `git archive REV | tar -x -C DIR`), run beside this one",
    )


class TraySession:
    """Display + tray host + idle server for one benchmark run; stops what it started."""

    def __enter__(self) -> TraySession:
        self._display_procs, self.display = start_display()
        try:
            self._server, self.url = start_server()
        except BaseException:
            self._stop_display()
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        stop_server(self._server)
        self._stop_display()

    def _stop_display(self) -> None:
        for p in self._display_procs:
            p.terminate()

    def data_dir(self) -> Path:
        return app_data_dir(self.url)

    def env(self, tree: Path = ROOT, first: Path | None = None) -> dict[str, str]:
        """The environment for the app from `tree` (`first`: a folder put before it on the path)."""
        env = gui_env(self.display)
        env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (first, tree) if p is not None)
        return env

    def app_cmd(self, data: Path, exe: str | None = None) -> list[str]:
        """How the launcher starts the app at login: supervisor, then the app under it."""
        launcher = [exe] if exe else [PY, "-m", "desktop_agent"]
        return [*launcher, "--minimized", "--data-dir", str(data)]

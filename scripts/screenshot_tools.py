"""What the screenshot scripts share: letting Qt paint, waiting for a state, taking a shot.

Scripts, not tests: no qtbot here. A shot is ImageMagick's `import` of the whole
X screen (Xvfb + trayer, see screenshots.sh).
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

VOLUNTEER = "volunteer@example.com"


def spin(ms: int) -> None:
    """Let Qt run for `ms` milliseconds (a script, not a test: no qtbot here)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def spin_until(pred, timeout_s: float = 60.0) -> None:
    end = time.monotonic() + timeout_s
    while not pred():
        if time.monotonic() > end:
            raise TimeoutError("screenshot step timed out")
        spin(100)


def run_bg(*cmd: str) -> None:
    """Run an X tool while Qt keeps painting."""
    proc = subprocess.Popen(cmd)
    spin_until(lambda: proc.poll() is not None, 30)
    if proc.returncode:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode})")


def shot(out: Path, name: str) -> None:
    spin(600)
    target = out / name
    run_bg("import", "-window", "root", "-colors", "256", str(target))
    print(f"{target} ({target.stat().st_size // 1024} KB)")

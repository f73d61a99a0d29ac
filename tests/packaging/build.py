"""The Linux build the packaging tests share: made once per test run, by whichever worker asks first.

PyInstaller takes minutes of both cores, and the tests that need its output run on different
xdist workers (the ones that install the .deb on one, the frozen update and the container image
on others, at the same time). So the first worker to ask builds, holding a file lock in the
run's shared temporary folder; the others wait on the lock, then read what it wrote. A failed
build is reported to every test that needs it, not tried again.

Two steps, so the tests that need only the onedir (the frozen update) start while the .deb and
the tar.gz are still being compressed: `build.sh --onedir-only`, then `build.sh --onedir DIR`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_SH = ROOT / "installers" / "linux" / "build.sh"
BUILD_TIMEOUT_S = 1200
# Tests that install the .deb on this machine: one xdist worker runs them, one after another.
INSTALLS = pytest.mark.xdist_group("installs_the_deb")


def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """`name` in the folder every worker of this run sees (each worker's basetemp is below it)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    return base / name


def given_or_built(request: pytest.FixtureRequest, variable: str, fixture: str, key: str) -> Path:
    """The path in `$variable` (one you already built) when set, else `key` of the run's `fixture`."""
    given = os.environ.get(variable)
    return Path(given) if given else Path(request.getfixturevalue(fixture)[key])


def once(folder: Path, make: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    """What `make(folder)` returned for the first caller in this run; later callers wait for it."""
    import fcntl  # the packaging tests run on Linux only

    folder.mkdir(parents=True, exist_ok=True)
    result = folder / "result.json"
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not result.exists():
                written = folder / "result.json.part"
                written.write_text(json.dumps(make(folder)))
                os.replace(written, result)
            data: dict[str, Any] = json.loads(result.read_text())
            return data
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _text(output: str | bytes | None) -> str:
    return output.decode(errors="replace") if isinstance(output, bytes) else output or ""


def build_sh(out: Path, *args: str) -> dict[str, Any]:
    """Run build.sh into `out`: its exit status, stdout (the log the tests read), stderr, seconds."""
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [str(BUILD_SH), "--out", str(out), *args],
            cwd=ROOT,
            env=dict(os.environ, PYTHON=sys.executable),
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
        )
        returncode, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        returncode, stdout = -1, _text(exc.stdout)
        stderr = _text(exc.stderr) + f"\nbuild.sh ran past {BUILD_TIMEOUT_S} s"
    return {
        "returncode": returncode,
        "log": stdout,
        "stderr": stderr[-4000:],
        "seconds": time.monotonic() - started,
    }


def _checked(step: dict[str, Any], what: str) -> dict[str, Any]:
    if step["returncode"] != 0:
        pytest.fail(
            f"{what} failed ({step['returncode']}):\n{step['log'][-4000:]}\n{step['stderr']}"
        )
    return step


def onedir(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The PyInstaller onedir: onedir (its folder), log, seconds."""
    folder = shared_folder(tmp_path_factory, "linux-onedir")
    step = _checked(
        once(folder, lambda out: build_sh(out, "--onedir-only")), "build.sh --onedir-only"
    )
    return {**step, "onedir": folder / "pyinstaller" / "desktop-agent"}


def packages(tmp_path_factory: pytest.TempPathFactory, built: dict[str, Any]) -> dict[str, Any]:
    """The .deb and the tar.gz from `built` (onedir()): out, deb, tgz, onedir, log, seconds.

    log and seconds cover both steps, as one build.sh run would.
    """
    folder = shared_folder(tmp_path_factory, "linux-packages")
    step = once(folder, lambda out: build_sh(out, "--onedir", str(built["onedir"])))
    _checked(step, "build.sh --onedir")
    debs = sorted(folder.glob("desktop-agent_*.deb"))
    tgzs = sorted(folder.glob("desktop-agent-*.tar.gz"))
    assert len(debs) == 1 and len(tgzs) == 1, list(folder.iterdir())
    return {
        "out": folder,
        "deb": debs[0],
        "tgz": tgzs[0],
        "onedir": built["onedir"],
        "log": built["log"] + step["log"],
        "seconds": built["seconds"] + step["seconds"],
        "onedir_seconds": built["seconds"],
    }

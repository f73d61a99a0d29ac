"""X11 idle time under a real Xvfb driven by xdotool, and the detector's fallbacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from desktop_agent.platform import idle
from tests.e2e.conftest import wait_until

pytestmark = pytest.mark.timeout(60)


def _free_display() -> int:
    for n in range(150, 250):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
            return n
    raise RuntimeError("no free X display number")


@pytest.fixture
def xvfb():
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        pytest.skip("needs Xvfb and xdotool (apt-get install xvfb xdotool)")
    n = _free_display()
    proc = subprocess.Popen(
        ["Xvfb", f":{n}", "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: os.path.exists(f"/tmp/.X11-unix/X{n}") or proc.poll() is not None, 10)
        if proc.poll() is not None:
            pytest.skip("Xvfb did not start")
        wait_until(lambda: idle.x11_idle_seconds(f":{n}") is not None, 10)
        yield f":{n}"
    finally:
        proc.terminate()
        proc.wait(10)


def test_x11_idle_time_grows_and_resets_on_input(xvfb):
    time.sleep(1.2)
    first = idle.x11_idle_seconds(xvfb)
    assert first is not None and first >= 0.9  # the server's idle counter ticks coarsely
    subprocess.run(
        ["xdotool", "mousemove", "100", "100"], env={**os.environ, "DISPLAY": xvfb}, check=True
    )
    subprocess.run(
        ["xdotool", "mousemove", "200", "150"], env={**os.environ, "DISPLAY": xvfb}, check=True
    )
    after = idle.x11_idle_seconds(xvfb)
    assert after is not None and after < 0.9 and after < first
    time.sleep(0.6)
    assert idle.x11_idle_seconds(xvfb) >= 0.5  # and it grows again


def test_detector_uses_x11_and_says_when_nothing_can_tell(xvfb, monkeypatch):
    monkeypatch.setenv("DISPLAY", xvfb)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    d = idle.detector()
    wait_until(
        lambda: d.idle_seconds() is not None, 10
    )  # a just-started X server can refuse a moment
    assert d.method == "X11 XScreenSaver"
    monkeypatch.setenv("DISPLAY", ":249")  # nothing there, and no D-Bus session in the test box
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    d = idle.detector()
    assert (
        d.idle_seconds() is None
        and d.unavailable_reason == "idle detection unavailable on this desktop"
    )

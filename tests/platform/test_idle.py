"""X11 idle time under a real Xvfb driven by xdotool, and the detector's fallbacks."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time

import pytest

from desktop_agent.platform import idle
from tests.e2e.conftest import wait_until

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def xvfb():
    """A virtual X server on a display number it picks itself (`-displayfd`), so test processes
    running side by side never race for the same one."""
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        pytest.skip("needs Xvfb and xdotool (apt-get install xvfb xdotool)")
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write,),
    )
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 10)
        number = os.read(read, 32).decode().strip() if ready else ""
        if not number.isdigit():
            pytest.skip("Xvfb did not start")
        display = f":{number}"
        wait_until(lambda: idle.x11_idle_seconds(display) is not None, 10)
        yield display
    finally:
        os.close(read)
        proc.terminate()
        proc.wait(10)


def test_x11_idle_time_grows_and_resets_on_input(xvfb):
    time.sleep(2.0)  # the counter ticks coarsely: ask well after the 0.9 s the check needs
    first = idle.x11_idle_seconds(xvfb)
    assert first is not None and first >= 0.9  # the server's idle counter ticks coarsely
    for x, y in (("100", "100"), ("200", "150")):
        _xdotool(xvfb, "mousemove", x, y)
    after = idle.x11_idle_seconds(xvfb)
    assert after is not None and after < 0.9 and after < first
    # ...and it grows again. Asked once, after a wait: each question opens a connection, which
    # this server counts as activity, and its counter ticks coarsely (later on a busy machine).
    time.sleep(1.0)
    assert idle.x11_idle_seconds(xvfb) >= 0.5


def _xdotool(display: str, *args: str) -> None:
    """xdotool on `display`; a second try when it could not connect (it sometimes cannot, at once)."""
    for _ in range(2):
        done = subprocess.run(
            ["xdotool", *args],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            text=True,
        )
        if done.returncode == 0:
            return
    raise AssertionError(done.stderr)


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

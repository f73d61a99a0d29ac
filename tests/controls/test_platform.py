"""Real OS backends: X11 idle time under Xvfb driven by xdotool; the autostart entry on disk; the writers."""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
import time

import pytest

from desktop_agent.platform import autostart, idle
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


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG entry is Linux's")
def test_linux_autostart_entry_written_and_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "desktop-agent.desktop"
    assert not autostart.is_enabled()
    autostart.enable(["/opt/Desktop Agent/desktop-agent", "--minimized"])
    text = entry.read_text()
    assert "[Desktop Entry]" in text and "Type=Application" in text
    assert 'Exec="/opt/Desktop Agent/desktop-agent" --minimized' in text
    assert autostart.is_enabled()
    autostart.disable()
    assert not entry.exists() and not autostart.is_enabled()
    autostart.disable()  # twice is fine
    autostart.enable()  # the default command starts this installation, minimised
    assert autostart.linux_entry_path() == entry and entry.read_text().count("--minimized") == 1
    assert f"Exec={sys.executable} -m desktop_agent --minimized" in entry.read_text()


def test_macos_launch_agent_content():
    plist = plistlib.loads(
        autostart.launch_agent_plist(
            ["/Applications/Desktop Agent.app/Contents/MacOS/desktop-agent", "--minimized"]
        )
    )
    assert plist["Label"] == "org.desktop-agent.app" and plist["RunAtLoad"] is True
    assert plist["ProgramArguments"] == [
        "/Applications/Desktop Agent.app/Contents/MacOS/desktop-agent",
        "--minimized",
    ]


def test_windows_run_key_value():
    value = autostart.run_key_value(
        [r"C:\Program Files\Desktop Agent\desktop-agent.exe", "--minimized"]
    )
    assert value == r'"C:\Program Files\Desktop Agent\desktop-agent.exe" --minimized'
    assert autostart.RUN_KEY == r"Software\Microsoft\Windows\CurrentVersion\Run"

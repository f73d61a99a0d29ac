"""The autostart entry on disk (Linux's XDG file) and the writers for macOS and Windows."""

from __future__ import annotations

import plistlib
import sys

import pytest

from desktop_agent.platform import autostart

pytestmark = pytest.mark.timeout(60)


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

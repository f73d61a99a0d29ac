"""The platform backends' parsers: NetworkManager's metered answers, macOS's HID idle time, no detector."""

from __future__ import annotations

import pytest

from desktop_agent.platform import idle, network

pytestmark = pytest.mark.timeout(30)


def test_platform_parsers():
    assert network.parse_nm_dbus("(<uint32 1>,)") is True
    assert network.parse_nm_dbus("(<uint32 4>,)") is False
    assert network.parse_nm_dbus("(<uint32 0>,)") is None
    assert network.parse_nmcli("GENERAL.METERED:no\nGENERAL.METERED:yes (guessed)\n") is True
    assert network.parse_nmcli("GENERAL.METERED:no (guessed)\nGENERAL.METERED:unknown\n") is False
    assert network.parse_nmcli("GENERAL.METERED:unknown\n") is None
    assert idle.parse_ioreg_idle('    |   "HIDIdleTime" = 2500000000\n') == 2.5
    d = idle.IdleDetector([("none", lambda: None)])
    assert d.idle_seconds() is None and "unavailable" in d.unavailable_reason

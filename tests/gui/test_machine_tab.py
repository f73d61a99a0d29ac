"""The Machine tab's line for the data moved this month, read from the real store."""

from __future__ import annotations

from desktop_agent.engine.store import Store
from desktop_agent.engine.transfer import MIB, local_now, month_key
from desktop_agent.gui.machine_tab import MachineTab
from desktop_agent.monitor import Monitor


def test_the_month_total_is_shown_against_the_limit(qtbot, tmp_path):
    store = Store(tmp_path / "h.db")
    store.add_transfer(month_key(local_now()), 300 * MIB, 12 * MIB)
    store.add_transfer("2000-01", 10**12, 0)  # another month does not count
    limit = {"mb": 1024}
    tab = MachineTab(Monitor())
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    assert not tab.transfer_label.isVisible()  # no source: no line
    tab.transfer_source = lambda: (store, limit["mb"])
    tab.refresh()
    assert tab.transfer_label.isVisible()
    assert tab.transfer_label.text() == "312\u00a0MB of 1\u00a0GB transferred"
    limit["mb"] = 0
    tab.refresh()
    assert tab.transfer_label.text() == "312\u00a0MB transferred"
    store.close()

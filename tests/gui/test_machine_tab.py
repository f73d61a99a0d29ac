"""The Machine tab's line for the data moved this month, read from the real store."""

from __future__ import annotations

import pytest

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


@pytest.fixture
def german(qapp):
    from PySide6.QtCore import QLocale

    from desktop_agent.gui import i18n

    before = QLocale()
    i18n.install(qapp, "de")
    yield
    i18n.install(qapp, "en")
    QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("probe", "shown"),
    [
        ("No NVIDIA GPU found", "Keine NVIDIA-Grafikkarte gefunden"),
        (
            "NVIDIA driver found, but no GPU",
            "Ein NVIDIA-Treiber ist installiert, aber es wurde keine Grafikkarte gefunden",
        ),
    ],
)
def test_a_german_machine_page_says_why_no_gpu_in_german(qtbot, german, probe, shown):
    """The GPU probe speaks English (desktop_agent/gpu.py); the page says it in the language."""
    from desktop_agent import gpu

    gpu.set_backend(gpu.NoGpu(probe))
    try:
        tab = MachineTab(Monitor())
        qtbot.addWidget(tab)
        tab.show()
        tab.refresh()
        assert tab.no_gpu_label.text() == shown
    finally:
        gpu.set_backend(None)


def test_a_german_page_writes_sizes_with_a_decimal_comma(german):
    from desktop_agent.gui.units import bytes_text, size_text

    assert size_text(1.5 * 1024 * MIB).replace("\xa0", " ") == "1,5 GB"
    assert bytes_text(816.5 * MIB).replace("\xa0", " ") == "816,5 MB"

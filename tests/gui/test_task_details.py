"""'What will run on my machine': setup says it, history records it, the Details dialog and the CLI show it."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from desktop_agent.engine.store import Store
from tests.e2e.conftest import SAMPLE, AgentThread, settings_for

pytestmark = [pytest.mark.timeout(90), pytest.mark.usefixtures("no_job_left_behind")]


@pytest.fixture
def history_after_one_task(srv, tmp_path):
    srv.submit_job(SAMPLE, chunks=1)
    with AgentThread(settings_for(srv), tmp_path / "agent", max_tasks=1) as run:
        run.thread.join(60)
    return tmp_path / "agent"


def test_every_task_records_what_ran(history_after_one_task):
    store = Store(history_after_one_task / "agent.db")
    [row] = store.history()
    store.close()
    import hashlib

    assert row.script_sha256 == hashlib.sha256((SAMPLE / "train.py").read_bytes()).hexdigest()
    assert row.script_bytes == (SAMPLE / "train.py").stat().st_size
    assert row.data_bytes and row.data_bytes > 0
    assert row.requirements is not None and "standard library" in row.requirements
    assert row.sandbox and (row.sandbox == "bwrap" or row.sandbox.startswith("none ("))


def test_history_json_includes_the_record(history_after_one_task):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_agent",
            "history",
            "--json",
            "--data-dir",
            str(history_after_one_task),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    [item] = json.loads(out.stdout)
    for key in (
        "script_sha256",
        "script_bytes",
        "data_bytes",
        "requirements",
        "sandbox",
        "limits",
        "resends",
    ):
        assert key in item and item[key] is not None, key
    assert "agent_id" not in item


def test_history_details_dialog_shows_the_record(qtbot, history_after_one_task):
    from desktop_agent.gui.history_tab import HistoryTab
    from desktop_agent.gui.task_details import TaskDetailsDialog

    tab = HistoryTab(lambda: Store(history_after_one_task / "agent.db"))
    qtbot.addWidget(tab)
    index = tab.proxy.index(0, 0)
    tab.table.activated.emit(index)  # double-click / Enter
    dialog = tab.details
    assert isinstance(dialog, TaskDetailsDialog)
    qtbot.waitUntil(dialog.isVisible)
    row = tab.model.row_at(0)
    assert dialog.fields["script_sha256"].text() == row.script_sha256
    assert (
        "contained" in dialog.fields["sandbox"].text()
        or "without a sandbox" in dialog.fields["sandbox"].text()
    )
    assert dialog.fields["limits"].text().startswith("memory: ")  # how the caps were enforced
    assert "standard library" in dialog.requirements.toPlainText()
    assert dialog.open_result.isEnabled()
    assert (
        "s of CPU" in dialog.fields["cost"].text()
        and "energy not measured" in dialog.fields["cost"].text()
    )
    dialog.close()


def test_cost_words_never_guess():
    from desktop_agent.gui.task_details import cost_words

    assert cost_words({}) == "CPU time not measured · energy not measured"
    measured = {
        "cpu_seconds": 12.04,
        "peak_rss_mb": 470.2,
        "peak_vram_mb": 2048.0,
        "energy_wh": 1.234,
        "energy_source": "nvml-counter",
    }
    assert cost_words(measured) == (
        "12.0 s of CPU · peak memory 470 MB · peak GPU memory 2048 MB"
        " · energy 1.23 Wh (nvml-counter)"
    )


def test_unsandboxed_level_is_said_in_plain_words():
    from desktop_agent.gui.task_details import sandbox_words

    assert "without a sandbox (bubblewrap is not installed)" in sandbox_words(
        "none (bubblewrap is not installed)"
    )
    assert "no network" in sandbox_words("bwrap")


def test_setup_dialog_asks_for_trust_and_help_menu_offers_diagnostics(qtbot, tmp_path):
    from desktop_agent.config import DataPaths
    from desktop_agent.gui.main_window import MainWindow
    from desktop_agent.gui.setup_dialog import SetupDialog

    dlg = SetupDialog(DataPaths(tmp_path / "d").ensure())
    qtbot.addWidget(dlg)
    from PySide6.QtWidgets import QLabel

    assert any("trust this server" in label.text() for label in dlg.findChildren(QLabel))
    window = MainWindow(tmp_path / "d", tray_available=True)
    qtbot.addWidget(window)
    assert "diagnostics" in window.diagnostics_action.text().lower()
    time.sleep(0)


def test_a_german_details_dialog_has_no_english_and_writes_decimal_commas(qtbot, qapp):
    """The sandbox's reason, the duration and the cost in German: 93,5 s, not 93.5 s."""
    from PySide6.QtCore import QLocale

    from desktop_agent.gui import i18n
    from desktop_agent.gui.task_details import TaskDetailsDialog

    row = {
        "task_id": 7,
        "job_id": 3,
        "outcome": "released",
        "duration_s": 93.5,
        "cpu_seconds": 80.2,
        "sandbox": "none (bubblewrap is not installed)",
        "error": "released: held paused for more than 30 min",
    }
    before = QLocale()
    i18n.install(qapp, "de")
    try:
        dialog = TaskDetailsDialog(row)
        qtbot.addWidget(dialog)
        text = {k: w.text().replace("\xa0", " ") for k, w in dialog.fields.items()}
    finally:
        i18n.install(qapp, "en")
        QLocale.setDefault(before)
    assert "93,5 s" in text["outcome"] and "80,2 s" in text["cost"], text
    assert "bubblewrap ist nicht installiert" in text["sandbox"], text["sandbox"]
    assert "not installed" not in text["sandbox"]

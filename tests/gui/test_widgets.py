"""Widget-level tests: logs filter, machine readings with and without NVML, history, settings, no tray."""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_agent import gpu
from desktop_agent.config import Settings
from desktop_agent.engine.events import LogLine
from desktop_agent.gui.history_tab import HistoryModel, HistoryTab, write_history_csv
from desktop_agent.gui.logs_tab import LogsTab
from desktop_agent.gui.machine_tab import MachineTab
from desktop_agent.gui.settings_tab import SettingsTab
from desktop_agent.monitor import Monitor

pytestmark = pytest.mark.timeout(60)


# --- logs -------------------------------------------------------------------------
def test_logs_level_filter_and_search(qtbot, tmp_path):
    tab = LogsTab(tmp_path / "logs", max_lines=100)
    qtbot.addWidget(tab)
    tab.show()
    tab.add_line(LogLine("registering with the server", level="DEBUG"))
    tab.add_line(LogLine("Task 7: environment built", level="INFO"))
    tab.add_line(LogLine("progress: 0.5", level="INFO", task_id=7, stream="stdout"))
    tab.add_line(LogLine("Server unreachable — retrying", level="WARNING"))
    tab.add_line(LogLine("train.py exited with code 1", level="ERROR", task_id=7, stream="stderr"))

    # default: info and above
    text = tab.view.toPlainText()
    assert (
        "registering" not in text and "environment built" in text and "exited with code 1" in text
    )

    tab.level_combo.setCurrentIndex(tab.level_combo.findData(30))
    text = tab.view.toPlainText()
    assert "environment built" not in text
    assert "unreachable" in text and "exited with code 1" in text

    tab.level_combo.setCurrentIndex(tab.level_combo.findData(0))
    assert "registering" in tab.view.toPlainText()

    qtbot.keyClicks(tab.search_edit, "task 7")
    lines = tab.view.toPlainText().splitlines()
    assert len(lines) == 3  # "Task 7: …" text plus the two lines tagged [task 7]
    tab.search_edit.clear()
    qtbot.keyClicks(tab.search_edit, "PROGRESS")
    assert tab.view.toPlainText().splitlines() == tab.visible_lines()
    assert len(tab.visible_lines()) == 1 and "progress: 0.5" in tab.visible_lines()[0]

    # A new line that does not match the search stays hidden; one that matches appears.
    tab.add_line(LogLine("downloading data.csv"))
    tab.add_line(LogLine("progress: 0.75", task_id=7, stream="stdout"))
    assert len(tab.view.toPlainText().splitlines()) == 2

    qtbot.mouseClick(tab.copy_button, Qt.LeftButton)
    assert "progress: 0.75" in QApplication.clipboard().text()


def test_logs_are_bounded(qtbot, tmp_path):
    tab = LogsTab(tmp_path, max_lines=50)
    qtbot.addWidget(tab)
    for i in range(200):
        tab.add_line(LogLine(f"line {i}"))
    assert len(tab.lines) == 50
    assert tab.view.document().blockCount() <= 50
    assert tab.visible_lines()[-1].endswith("line 199")


# --- machine ----------------------------------------------------------------------
@dataclass
class FakeGpuBackend:
    available: bool = True
    reason: str = ""

    def gpus(self):
        return [
            gpu.GpuInfo(
                index=0, name="NVIDIA GeForce RTX 4090", uuid="GPU-fake", memory_total_mb=8192
            )
        ]

    def sample(self):
        return [
            gpu.GpuSample(
                index=0,
                utilization_pct=55.0,
                memory_used_mb=4096.0,
                memory_total_mb=8192.0,
                temperature_c=61.0,
                power_w=120.4,
                processes={os.getpid(): 512.0},
            )
        ]

    def driver_version(self):
        return "550.0"


@pytest.fixture
def gpu_backend():
    yield gpu.set_backend
    gpu.set_backend(None)


def test_no_nvml_says_no_gpu(qtbot, gpu_backend):
    gpu_backend(gpu.NoGpu())
    tab = MachineTab(Monitor())
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    assert tab.no_gpu_label.isVisible()
    assert tab.no_gpu_label.text() == "No NVIDIA GPU found"
    assert "%" in tab.cpu_label.text() and "/" in tab.ram_label.text()
    assert not tab.job_box.isVisible() and tab.no_job_label.isVisible()


def test_nvml_values_and_job_share_are_shown(qtbot, gpu_backend):
    gpu_backend(FakeGpuBackend())
    mon = Monitor()
    tab = MachineTab(mon)
    qtbot.addWidget(tab)
    tab.show()
    tab.set_job_pid(os.getpid())
    tab.refresh()
    assert not tab.no_gpu_label.isVisible()
    assert len(tab._gpu_boxes) == 1
    box = tab._gpu_boxes[0]
    assert "RTX 4090" in box.title()
    assert box.util.text() == "55 %"
    assert box.vram.text().replace("\xa0", " ") == "4.0 / 8.0 GB"
    assert box.temp.text() == "61 °C"
    assert box.power.text() == "120 W"
    assert box.graph.values() == [55.0]
    assert tab.job_box.isVisible()
    assert tab.job_vram.text().replace("\xa0", " ") == "512 MB"
    assert tab.last_sample.job.rss > 0


def test_machine_sampling_runs_only_while_the_window_is_shown(qtbot, paths, make_controller):
    c = make_controller(Settings(email="v@example.com"))
    assert not c.window.machine_tab.timer.isActive()
    c.window.show()
    qtbot.waitExposed(c.window)
    assert c.window.machine_tab.timer.isActive()
    c.window.hide()
    assert not c.window.machine_tab.timer.isActive()


# --- history ----------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    task_id: int
    job_id: int
    server: str
    started_at: float
    ended_at: float
    outcome: str
    result_url: str | None
    exit_code: int | None = 0
    bytes_down: int = 10
    bytes_up: int = 5
    error: str | None = None
    resends: int = 0

    @property
    def duration_s(self):
        return self.ended_at - self.started_at


class FakeStore:
    def __init__(self, rows):
        self._rows = rows

    def history(self, limit=None):
        return sorted(self._rows, key=lambda r: -r.started_at)

    def totals(self):
        from types import SimpleNamespace

        done = [r for r in self._rows if r.outcome in ("completed", "failed")]
        return SimpleNamespace(
            tasks_done=len(done), compute_hours=sum(r.duration_s for r in done) / 3600
        )

    def pending_results(self):
        return 0


ROWS = [
    Row(3, 1, "http://s", 1_700_000_300, 1_700_000_400, "completed", "http://s/files/3_model.pth"),
    Row(
        10,
        2,
        "http://s",
        1_700_000_000,
        1_700_007_200,
        "failed",
        "",
        exit_code=1,
        error="train.py crashed",
    ),
    Row(4, 1, "http://s", 1_700_000_500, 1_700_000_520, "rejected", None),
]


def test_history_sorts_and_totals(qtbot):
    tab = HistoryTab(lambda: FakeStore(ROWS))
    qtbot.addWidget(tab)
    proxy = tab.proxy
    assert proxy.rowCount() == 3
    assert tab.totals_label.text() == "2 tasks done · 2 h 01 min of compute given"
    tab.table.sortByColumn(HistoryModel.TASK, Qt.AscendingOrder)
    assert [proxy.index(r, HistoryModel.TASK).data() for r in range(3)] == [
        "3",
        "4",
        "10",
    ]  # numeric, not text
    tab.table.sortByColumn(HistoryModel.DURATION, Qt.DescendingOrder)
    assert proxy.index(0, HistoryModel.TASK).data() == "10"
    assert proxy.index(0, HistoryModel.DURATION).data() == "2 h 00 min"
    tip = proxy.index(0, HistoryModel.OUTCOME).data(Qt.ToolTipRole)
    assert tip == "<p style='white-space:pre-wrap'>train.py crashed</p>"  # escaped, shown as text


def test_history_csv_export(tmp_path):
    out = tmp_path / "h.csv"
    assert write_history_csv(ROWS, out) == 3
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["task_id"] for r in rows] == ["3", "10", "4"]
    assert rows[0]["result_url"] == "http://s/files/3_model.pth"
    assert rows[1]["duration_s"] == "7200"
    assert rows[2]["result_url"] == ""
    assert rows[0]["started_at"].startswith("2023-11-")


def test_history_empty_without_store(qtbot):
    def broken():
        raise FileNotFoundError("no db")

    tab = HistoryTab(broken)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 0 and not tab.export_button.isEnabled()
    assert "0 tasks done" in tab.totals_label.text()


# --- settings ---------------------------------------------------------------------
def test_proxy_is_saved_to_settings_json(qtbot, tmp_path):
    tab = SettingsTab(tmp_path)
    qtbot.addWidget(tab)
    tab.show_settings("v@example.com", "http://localhost:8000", "system")
    assert not tab.proxy_url.isEnabled()
    tab.proxy_combo.setCurrentIndex(tab.proxy_combo.findData("manual"))
    assert tab.proxy_url.isEnabled()
    qtbot.keyClicks(tab.proxy_url, "not a url")
    qtbot.mouseClick(tab.apply_button, Qt.LeftButton)
    assert "Enter a proxy address" in tab.proxy_status.text()
    assert not (tmp_path / "settings.json").exists()
    tab.proxy_url.clear()
    qtbot.keyClicks(tab.proxy_url, "http://proxy.example.com:3128")
    qtbot.mouseClick(tab.apply_button, Qt.LeftButton)
    assert (
        json.loads((tmp_path / "settings.json").read_text())["proxy"]
        == "http://proxy.example.com:3128"
    )
    tab.proxy_combo.setCurrentIndex(tab.proxy_combo.findData("none"))
    qtbot.mouseClick(tab.apply_button, Qt.LeftButton)
    assert json.loads((tmp_path / "settings.json").read_text())["proxy"] == "none"


def test_change_account_warns_about_an_undelivered_result(qtbot, make_controller, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    c = make_controller(
        Settings(email="v@example.com"),
        store_factory=lambda: type(
            "S",
            (),
            {
                "pending_results": lambda self: 1,
                "history": lambda self: [],
                "totals": lambda self: None,
            },
        )(),
    )
    asked = []

    def fake_exec(box):
        asked.append(box.text())
        box_buttons = {b.text(): b for b in box.buttons()}
        box_buttons["Wait"].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    c.window.settings_tab.change_button.click()
    assert asked and "still waiting to be delivered" in asked[0]
    assert c.setup_dialog is None  # chose to wait


# --- no tray ----------------------------------------------------------------------
def test_without_a_tray_the_window_stays_and_closing_quits(qtbot, make_controller):
    from PySide6.QtWidgets import QSystemTrayIcon

    assert QSystemTrayIcon.isSystemTrayAvailable() is False  # offscreen: no tray
    c = make_controller(
        Settings(email="v@example.com"), tray_available=None, agent_factory=lambda *a, **k: None
    )
    assert c.tray_available is False
    c.window.show()
    assert c.window.no_tray_label.isVisible()
    assert "No system tray found" in c.window.no_tray_label.text()
    c.window.close()
    qtbot.waitUntil(lambda: c.quit_recorder.calls == 1, timeout=5_000)


def test_with_a_tray_closing_only_hides(qtbot, make_controller):
    c = make_controller(Settings(email="v@example.com"), tray_available=True)
    c.window.show()
    assert not c.window.no_tray_label.isVisible()
    c.window.close()
    assert not c.window.isVisible()
    assert c.quit_recorder.calls == 0


def test_window_is_built_on_first_open_and_catches_up(qtbot, make_controller):
    from desktop_agent.engine.events import (
        AgentState,
        Phase,
        PhaseProgress,
        ProblemKind,
        ProblemRaised,
        StateChanged,
        TaskStarted,
    )

    c = make_controller(Settings(email="v@example.com"), tray_available=True)
    b = c.bridge
    b.emit_event(StateChanged(AgentState.WORKING, "Working on task 9"))
    b.emit_event(TaskStarted(9, 4, "http://s"))
    b.emit_event(PhaseProgress(9, Phase.TRAINING, 0.5))
    b.emit_event(ProblemRaised(ProblemKind.DISK_LOW, "Less than 1 GB free"))
    b.emit_event(LogLine("progress: 0.5", task_id=9, stream="stdout"))
    qtbot.waitUntil(lambda: c.status.phase is not None)
    assert c._window is None  # idling in the tray costs no window
    c.tray.menu.aboutToShow.emit()
    assert c.tray.task_action.text() == "Training · 50\u00a0%"
    with qtbot.waitSignal(c.tray.open_requested):
        c.tray.open_action.trigger()
    w = c._window
    assert w is not None and w.isVisible()
    assert w.now_tab.job_label.text() == "4" and w.now_tab.progress.value() == 50
    assert "Less than 1 GB free" in w.now_tab.problem_label.text()
    assert any("progress: 0.5" in line for line in w.logs_tab.visible_lines())
    assert w.settings_tab.email_label.text() == "v@example.com"


def test_eta_says_paused_and_ignores_paused_time(qtbot):
    from desktop_agent.engine.events import (
        AgentState,
        Phase,
        PhaseProgress,
        StateChanged,
        TaskStarted,
    )
    from desktop_agent.gui.now_tab import NowTab

    tab = NowTab()
    qtbot.addWidget(tab)
    tab.on_state(StateChanged(AgentState.WORKING, at=100.0))
    tab.on_task_started(TaskStarted(7, 1, "http://s", at=100.0))
    tab.on_phase(PhaseProgress(7, Phase.TRAINING, 0.0, at=100.0))
    tab.on_phase(PhaseProgress(7, Phase.TRAINING, 0.5, at=110.0))
    assert tab.eta_seconds(now=110.0) == pytest.approx(10.0)
    tab.on_state(StateChanged(AgentState.PAUSED, at=110.0))
    assert tab.eta_label.text() == "paused"
    tab.on_state(StateChanged(AgentState.WORKING, at=170.0))  # a minute frozen
    assert tab.eta_seconds(now=170.0) == pytest.approx(10.0)


def test_window_shortcuts_quit_and_close(qtbot, tmp_path):
    from PySide6.QtGui import QKeySequence, QShortcut

    from desktop_agent.gui.main_window import MainWindow

    window = MainWindow(tmp_path / "d", tray_available=True)
    qtbot.addWidget(window)
    window.show()
    by_key = {s.key().toString(): s for s in window.findChildren(QShortcut)}
    quit_key = QKeySequence(QKeySequence.StandardKey.Quit).toString()
    close_key = QKeySequence(QKeySequence.StandardKey.Close).toString()
    with qtbot.waitSignal(window.quit_requested, timeout=2000):
        by_key[quit_key].activated.emit()
    by_key[close_key].activated.emit()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)


def test_totals_count_one_task_in_the_singular(qtbot):
    from desktop_agent.gui.now_tab import NowTab

    tab = NowTab()
    qtbot.addWidget(tab)
    tab.set_totals(1, 60.0)
    assert "finished 1 task (" in tab.totals_label.text()
    tab.set_totals(2, 60.0)
    assert "finished 2 tasks (" in tab.totals_label.text()


def test_history_totals_say_one_task_in_the_singular(qtbot):
    one = [r for r in ROWS if str(getattr(r.outcome, "value", r.outcome)) == "completed"][:1]
    tab = HistoryTab(lambda: FakeStore(one))
    qtbot.addWidget(tab)
    assert tab.totals_label.text().startswith("1 task done · ")

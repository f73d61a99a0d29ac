"""Energy total on the Now tab, the job's GPU use on the Machine tab, totals from the store."""

from __future__ import annotations

import os

from desktop_agent import gpu, monitor
from desktop_agent.engine.store import Store

from tests.helpers.fake_nvml import FakeNvml, gpu_sample
from tests.rows import open_sample_task


def add_task(store: Store, task_id: int, **fields) -> None:
    row = open_sample_task(
        store, server="s", task_id=task_id, code_url="c", requirements_url="r", chunk_data_url="d"
    )
    store.finish(row.id, "completed", **fields)


def test_energy_total_sums_measured_tasks_only(tmp_path):
    store = Store(tmp_path / "agent.db")
    add_task(store, 1)
    assert store.totals().energy_wh is None  # nothing measured: not zero, not a guess
    add_task(store, 2, energy_wh=12_000.0, energy_source="nvml-counter")
    add_task(store, 3, energy_wh=400.0, energy_source="rapl")
    totals = store.totals()
    assert totals.energy_wh == 12_400.0 and totals.tasks_done == 3


def test_now_tab_shows_the_running_total(qtbot):
    from desktop_agent.gui.now_tab import NowTab

    tab = NowTab()
    qtbot.addWidget(tab)
    assert tab.energy_label.text() == "Energy given: not measured"
    tab.set_energy(12_400.0)
    assert tab.energy_label.text() == "This machine has given 12.4 kWh"
    tab.set_energy(None)
    assert "not measured" in tab.energy_label.text()


def test_main_window_reads_the_total_from_the_store(tmp_path):
    from desktop_agent.gui.main_window import _energy_total

    store = Store(tmp_path / "agent.db")
    add_task(store, 1, energy_wh=2.5, energy_source="nvml-power")
    assert _energy_total(lambda: store) == 2.5
    assert _energy_total(None) is None


def test_monitor_reports_the_jobs_vram_and_gpu_use():
    me = os.getpid()
    gpu.set_backend(
        FakeNvml(
            names=("A", "B"),
            samples=[
                [
                    gpu_sample(0, processes={me: 1500.0}, util=80.0),
                    gpu_sample(1, processes={1: 999.0}, util=10.0),
                ]
            ],
        )
    )
    try:
        mon = monitor.Monitor()
        mon.set_job_pid(me)
        job = mon.sample().job
    finally:
        gpu.set_backend(None)
    assert job is not None and job.vram_mb == 1500.0 and job.gpu_util_pct == 80.0

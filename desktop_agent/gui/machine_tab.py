"""The "Machine" tab: CPU, RAM, each NVIDIA GPU, and the running job's own share.

Samples once a second, only between `start()` and `stop()` (the main window
calls them when it is shown and hidden), so a hidden app costs nothing here.
It also shows the data moved this month (job files and results, engine/transfer.py),
against the monthly limit when one is set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop_agent import gpu
from desktop_agent.engine.transfer import MIB, local_now, month_key
from desktop_agent.gui.units import LocalNumber, bytes_text, size_text, with_unit
from desktop_agent.monitor import MachineSample, Monitor
from desktop_agent.gui.sparkline import Sparkline
from desktop_agent.gui.legible import HelperLabel

HISTORY_SECONDS = 180


# The GPU probe's reasons (desktop_agent/gpu.py speaks English), in the app's language.
_GPU_REASONS = {
    "No NVIDIA GPU found": QT_TRANSLATE_NOOP("MachineTab", "No NVIDIA GPU found"),
    "NVIDIA driver found, but no GPU": QT_TRANSLATE_NOOP(
        "MachineTab", "An NVIDIA driver is installed, but no GPU was found"
    ),
}


def gpu_reason_words(reason: str) -> str:
    """Why no GPU is listed, translated where the probe's words are known ("" = none found)."""
    key = _GPU_REASONS.get(reason or "No NVIDIA GPU found")
    return QCoreApplication.translate("MachineTab", str(key)) if key else reason


def _num(v: float | None, fmt: str, unit: str) -> str:
    return "—" if v is None else f"{v:{fmt}} {unit}"


class _GpuBox(QGroupBox):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.util = QLabel()
        self.vram = QLabel()
        self.temp = QLabel()
        self.power = QLabel()
        self.graph = Sparkline(capacity=HISTORY_SECONDS, color="#2e9d57")
        form = QFormLayout(self)
        form.addRow(self.tr("Utilisation:"), self.util)
        form.addRow(self.tr("Memory:"), self.vram)
        form.addRow(self.tr("Temperature:"), self.temp)
        form.addRow(self.tr("Power:"), self.power)
        form.addRow(self.graph)

    def show_sample(self, s: gpu.GpuSample) -> None:
        self.util.setText(_num(s.utilization_pct, ".0f", "%"))
        if s.memory_used_mb is None or s.memory_total_mb is None:
            self.vram.setText("—")
        else:
            used, total = s.memory_used_mb / 1024, s.memory_total_mb / 1024
            self.vram.setText(f"{LocalNumber(used):.1f} / {with_unit(f'{total:.1f}', 'GB')}")
        self.temp.setText(_num(s.temperature_c, ".0f", "°C"))
        self.power.setText(_num(s.power_w, ".0f", "W"))
        self.graph.add(s.utilization_pct)


class MachineTab(QWidget):
    def __init__(
        self,
        monitor: Monitor | None = None,
        parent: QWidget | None = None,
        *,
        interval_ms: int = 1000,
        pid_source: Callable[[], int | None] | None = None,
    ):
        super().__init__(parent)
        self.monitor = monitor or Monitor()
        self.pid_source = pid_source  # asked before each sample: the running job's pid, if any
        self.last_sample: MachineSample | None = None
        # (the store, the monthly limit in MiB), asked at each refresh; None: not shown
        self.transfer_source: Callable[[], tuple[Any, int]] | None = None

        self.cpu_label = QLabel()
        self.cpu_label.setAccessibleName(self.tr("CPU usage"))
        self.ram_label = QLabel()
        self.ram_label.setAccessibleName(self.tr("Memory usage"))
        self.cpu_graph = Sparkline(capacity=HISTORY_SECONDS)
        sys_box = QGroupBox(self.tr("This computer"))
        form = QFormLayout(sys_box)
        form.addRow(self.tr("CPU:"), self.cpu_label)
        form.addRow(self.tr("Memory:"), self.ram_label)
        self.transfer_label = QLabel()
        self.transfer_label.setAccessibleName(self.tr("Data transferred this month"))
        form.addRow(self.tr("Data this month:"), self.transfer_label)
        self._sys_form = form
        form.addRow(self.cpu_graph)
        self.graph_caption = HelperLabel(self.tr("CPU over the last 3 minutes"))
        form.addRow(self.graph_caption)

        self.gpu_area = QVBoxLayout()
        self.no_gpu_label = QLabel(self.tr("No NVIDIA GPU found"))
        self.no_gpu_label.setAccessibleName(self.tr("GPU status"))
        self.gpu_area.addWidget(self.no_gpu_label)
        self._gpu_boxes: list[_GpuBox] = []

        self.job_box = QGroupBox(self.tr("The current job's share"))
        self.job_cpu = QLabel()
        self.job_ram = QLabel()
        self.job_vram = QLabel()
        jf = QFormLayout(self.job_box)
        jf.addRow(self.tr("CPU:"), self.job_cpu)
        jf.addRow(self.tr("Memory:"), self.job_ram)
        jf.addRow(self.tr("GPU memory:"), self.job_vram)
        self.job_gpu_util = QLabel()  # utilisation of the GPUs the job holds memory on
        jf.addRow(self.tr("GPU use:"), self.job_gpu_util)
        self._job_form = jf
        self.no_job_label = HelperLabel(self.tr("No job process is running right now."))

        layout = QVBoxLayout(self)
        layout.addWidget(sys_box)
        layout.addLayout(self.gpu_area)
        layout.addWidget(self.job_box)
        layout.addWidget(self.no_job_label)
        layout.addStretch(1)
        for lab in (self.cpu_label, self.ram_label, self.job_cpu, self.job_ram, self.job_vram):
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.job_box.setVisible(False)

    def start(self) -> None:
        if not self.timer.isActive():
            self.refresh()
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def set_job_pid(self, pid: int | None) -> None:
        self.monitor.set_job_pid(pid)

    def refresh(self) -> None:
        if self.pid_source is not None:
            try:
                self.monitor.set_job_pid(self.pid_source())
            except Exception:  # a source that fails must not stop the sampling
                pass
        s = self.monitor.sample()
        self.last_sample = s
        self.cpu_label.setText(
            self.tr("{pct:.0f} % of {n} cores").format(pct=s.cpu_pct, n=s.cpu_count)
        )
        self.ram_label.setText(f"{bytes_text(s.ram_used)} / {bytes_text(s.ram_total)}")
        self.cpu_graph.add(s.cpu_pct)
        self._show_transfer()
        self._show_gpus(s)
        job = s.job
        self.job_box.setVisible(job is not None)
        self.no_job_label.setVisible(job is None)
        if job is not None:
            self.job_cpu.setText(self.tr("{pct:.0f} %").format(pct=job.cpu_pct))
            self.job_ram.setText(bytes_text(job.rss))
            self.job_vram.setText(
                "—" if job.vram_mb is None else with_unit(f"{job.vram_mb:.0f}", "MB")
            )
            self._job_form.setRowVisible(self.job_vram, bool(s.gpus))
            self.job_gpu_util.setText(
                "—" if job.gpu_util_pct is None else f"{job.gpu_util_pct:.0f} %"
            )
            self._job_form.setRowVisible(self.job_gpu_util, bool(s.gpus))

    def _show_transfer(self) -> None:
        text = ""
        if self.transfer_source is not None:
            try:
                store, limit_mb = self.transfer_source()
                used = sum(store.transfer(month_key(local_now()))) if store is not None else None
            except Exception:  # the dashboard must not fail over a figure
                used = None
            if used is not None:
                text = (
                    self.tr("{used} of {limit} transferred").format(
                        used=size_text(used), limit=size_text(limit_mb * MIB)
                    )
                    if limit_mb > 0
                    else self.tr("{used} transferred").format(used=size_text(used))
                )
        self.transfer_label.setText(text)
        self._sys_form.setRowVisible(self.transfer_label, bool(text))

    def _show_gpus(self, s: MachineSample) -> None:
        backend = gpu.backend()
        if not s.gpus:
            reason = getattr(backend, "reason", "") if backend.available is False else ""
            self.no_gpu_label.setText(gpu_reason_words(reason))
            self.no_gpu_label.setVisible(True)
            for box in self._gpu_boxes:
                box.setVisible(False)
            return
        self.no_gpu_label.setVisible(False)
        if len(self._gpu_boxes) != len(s.gpus):
            names = {g.index: g.name for g in backend.gpus()}
            for box in self._gpu_boxes:
                box.setParent(None)
                box.deleteLater()
            self._gpu_boxes = []
            for g in s.gpus:
                box = _GpuBox(
                    self.tr("GPU {i}: {name}").format(
                        i=g.index, name=names.get(g.index, "NVIDIA GPU")
                    )
                )
                self.gpu_area.addWidget(box)
                self._gpu_boxes.append(box)
        for box, g in zip(self._gpu_boxes, s.gpus, strict=True):
            box.setVisible(True)
            box.show_sample(g)

"""Settings row: "Job environments: 7.2 GB of 20 GB — Clear".

Self-contained: it reads the data folder itself (the envs and uv's cache,
hard-linked files counted once, as `EnvCache.usage_mb` does) on a worker
thread, since a torch env is tens of thousands of files. Clear removes every
ready environment and uv's download cache, and is offered only while no task
is in hand (a task's folder under `work/` exists from assignment to the end),
so it can never pull an environment out from under a running job; a build in
progress (`.build-*`) is never touched.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_agent.config import DEFAULTS, DataPaths, SettingsError, load_settings
from desktop_agent.engine.env_eviction import DiskUsage
from desktop_agent.engine.env_installer import READY
from desktop_agent.gui.units import with_unit


def _paths(data_dir: Path) -> tuple[Path, Path]:
    envs = DataPaths(data_dir).envs
    return envs, envs.parent / "uv-cache"


def env_cache_bytes(data_dir: Path) -> int:
    envs, uv_cache = _paths(data_dir)
    ready = [p for p in envs.iterdir() if (p / READY).is_file()] if envs.is_dir() else []
    return DiskUsage.scan(ready, uv_cache).total


def task_in_hand(data_dir: Path) -> bool:
    work = DataPaths(data_dir).work
    return work.is_dir() and any(p.name.startswith("task-") for p in work.iterdir())


def clear_env_cache(data_dir: Path) -> None:
    envs, uv_cache = _paths(data_dir)
    if envs.is_dir():
        for env in [p for p in envs.iterdir() if (p / READY).is_file()]:
            trash = envs / f".trash-{env.name}-{uuid.uuid4().hex[:8]}"
            try:
                env.rename(trash)  # first, so a half-deleted env never looks ready
            except OSError:
                continue
            shutil.rmtree(trash, ignore_errors=True)
    shutil.rmtree(uv_cache, ignore_errors=True)


def format_gb(n_bytes: float) -> str:
    gb = n_bytes / 1e9
    return with_unit(f"{gb:.1f}" if gb < 100 else f"{gb:.0f}", "GB")


class EnvCacheWidget(QWidget):
    _measured = Signal(object)  # bytes, from the worker thread

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = data_dir
        self.label = QLabel(self.tr("Job environments: measuring…"))
        self.label.setAccessibleName(self.tr("Disk used by job environments"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear job environments"))
        self.clear_button.setToolTip(
            self.tr("Delete cached job environments; they are rebuilt when a job needs them")
        )
        self.clear_button.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.clear_button)
        self._measured.connect(self._show)
        self._busy = False
        self.refresh()

    def budget_mb(self) -> int:
        try:
            return load_settings(self.data_dir).env_cache_budget_mb
        except (SettingsError, OSError):
            return DEFAULTS.env_cache_budget_mb

    def refresh(self) -> None:
        self._start(clear=False)

    def clear(self) -> None:
        if task_in_hand(self.data_dir):
            self._show_text(
                self.tr("Job environments: a task is running — Clear when it ends"), None
            )
            return
        self._start(clear=True)

    def _start(self, *, clear: bool) -> None:
        if self._busy:
            return
        self._busy = True
        self.clear_button.setEnabled(False)
        if clear:
            self.label.setText(self.tr("Job environments: clearing…"))

        def work() -> None:
            try:
                if clear:
                    clear_env_cache(self.data_dir)
                value: object = env_cache_bytes(self.data_dir)
            except OSError as exc:
                value = exc
            try:
                self._measured.emit(value)
            except RuntimeError:  # the page was closed meanwhile: nobody is left to tell
                pass

        threading.Thread(target=work, name="env-cache-usage", daemon=True).start()

    def _show(self, value: object) -> None:
        self._busy = False
        if isinstance(value, Exception):
            self._show_text(
                self.tr("Job environments: could not measure ({0})").replace("{0}", str(value)),
                None,
            )
            return
        assert isinstance(value, int)
        budget = self.budget_mb() * 1e6
        text = (
            self.tr("Job environments: {0} of {1}")
            .replace("{0}", format_gb(value))
            .replace("{1}", format_gb(budget))
        )
        self._show_text(text, value)

    def _show_text(self, text: str, used: int | None) -> None:
        self.label.setText(text)
        self.clear_button.setEnabled(bool(used) and not task_in_hand(self.data_dir))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

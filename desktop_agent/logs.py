"""The app log: one rotating file in the data folder, bounded on disk."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from desktop_agent.engine.text import printable

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class PrintableFormatter(logging.Formatter):
    """Escapes control characters in messages: a job's or server's text cannot forge log lines
    or send escape sequences to a terminal that shows the log (tracebacks are ours, kept as is)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = printable(record.message)
        return super().formatMessage(record)


def setup_logging(
    log_dir: Path, *, max_mb: int = 10, level: int = logging.INFO, console: bool = False
) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "agent.log"
    root = logging.getLogger("desktop_agent")
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_desktop_agent", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=max(1, max_mb) * 1024 * 1024 // 2, backupCount=2, encoding="utf-8"
    )
    file_handler.setFormatter(PrintableFormatter(FORMAT))
    file_handler._desktop_agent = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(PrintableFormatter("%(asctime)s %(message)s", "%H:%M:%S"))
        stream._desktop_agent = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    return path


def prune_task_logs(task_log_dir: Path, keep: int) -> None:
    logs = sorted(task_log_dir.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in logs[keep:]:
        old.unlink(missing_ok=True)

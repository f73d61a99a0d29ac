"""The history as a CSV file: one row per task, times in local ISO 8601, for a spreadsheet."""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any


CSV_FIELDS = (
    "task_id",
    "job_id",
    "server",
    "started_at",
    "ended_at",
    "duration_s",
    "outcome",
    "result_url",
    "exit_code",
    "bytes_down",
    "bytes_up",
    "error",
    "resends",
)


def row_field(row: Any, name: str) -> Any:
    if isinstance(row, dict):
        return row.get(name)
    return getattr(row, name, None)


def _iso(ts: Any) -> str:
    if ts is None or ts == "":
        return ""
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(float(ts)))
    except (TypeError, ValueError):
        return str(ts)


def write_history_csv(rows: Iterable[Any], path: Path) -> int:
    """Write history rows to `path` (times as local ISO 8601); returns how many rows."""
    n = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_FIELDS)
        for row in rows:
            values = []
            for f in CSV_FIELDS:
                v = row_field(row, f)
                if f in ("started_at", "ended_at"):
                    v = _iso(v)
                elif hasattr(v, "value"):
                    v = v.value
                values.append("" if v is None else v)
            w.writerow(values)
            n += 1
    return n

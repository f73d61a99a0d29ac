"""Validating settings loads no engine, GUI or metrics code: the grammars live below all of them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, sys
from desktop_agent.config import validate
validate({"schedule": {"mon": ["09:00-17:00"]}, "torch_backend": "cu126", "metrics_address": "9810"})
for bad in ({"schedule": {"monday": []}}, {"torch_backend": "cuda"}, {"metrics_address": "x:y"}):
    try:
        validate(bad)
    except Exception as exc:
        print(type(exc).__name__, exc, file=sys.stderr)
    else:
        raise SystemExit(f"accepted {bad}")
print(json.dumps(sorted(m for m in sys.modules if m.startswith("desktop_agent"))))
"""


def test_importing_and_validating_settings_loads_no_engine() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    loaded = json.loads(out.stdout)
    assert "desktop_agent.config" in loaded and "desktop_agent.settings_grammar" in loaded
    unwanted = [
        m
        for m in loaded
        if m.startswith(("desktop_agent.engine", "desktop_agent.gui"))
        or m == "desktop_agent.metrics"
    ]
    assert unwanted == []
    # Each rejected value was rejected by its own grammar, in words.
    assert "unknown weekday 'monday'" in out.stderr
    assert "torch_backend" in out.stderr and "metrics_address" in out.stderr

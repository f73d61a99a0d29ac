"""PySide6's import hook, once swapped: same answer per module, no source text kept.

Run in a fresh interpreter: the test process has long since imported PySide6 and the app.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = textwrap.dedent(
    """
    import json, linecache, sys
    sys.path.insert(0, sys.argv[1])
    import PySide6.QtCore
    import shibokensupport.feature as feature
    if sys.argv[2] == "swap":
        from desktop_agent.gui.pyside_sources import stop_caching_sources
        assert stop_caching_sources()
    elif sys.argv[2] == "app":
        import desktop_agent.gui.app
    import uses_qt, plain
    print(json.dumps({
        "cached": sorted(p for p in linecache.cache if p.startswith(sys.argv[1])),
        "uses_qt": feature.pyside_feature_dict.get("uses_qt"),
        "plain": feature.pyside_feature_dict.get("plain"),
    }))
    """
)


def _probe(tmp_path: Path, mode: str) -> dict:
    (tmp_path / "uses_qt.py").write_text(
        "from PySide6 import QtCore  # a module that uses PySide6\n"
    )
    (tmp_path / "plain.py").write_text("X = 1\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path), mode],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_hook_keeps_every_imported_modules_source_without_the_swap(tmp_path):
    seen = _probe(tmp_path, "none")
    assert seen["cached"] == sorted(str(tmp_path / n) for n in ("plain.py", "uses_qt.py"))
    assert (seen["uses_qt"], seen["plain"]) == (0, -1)


def test_after_the_swap_the_same_answers_and_no_source_kept(tmp_path):
    seen = _probe(tmp_path, "swap")
    assert seen["cached"] == []
    assert (seen["uses_qt"], seen["plain"]) == (0, -1)  # what PySide6's own check answered


def test_importing_the_app_swaps_it_before_anything_else_loads(tmp_path):
    assert _probe(tmp_path, "app")["cached"] == []

"""Launch to tray icon: the desktop app vs a bare PySide6 tray icon, same display, same run.

"Ready" is the first turn of the Qt event loop after the tray icon was shown: the moment the
process could first paint and answer a click. A `sitecustomize` on PYTHONPATH (only in the
processes this script starts) patches `QApplication.exec` the moment PySide6.QtWidgets is
imported, so the app's code runs unchanged; it prints the time and exits. Two figures for the
app, both honest:

- app process alone: from the app process's own start (what `DESKTOP_AGENT_SUPERVISED=1`
  measures, and what the bare baseline is comparable to);
- launcher: from the start of `python -m desktop_agent --minimized` (the supervisor, which
  then starts the app), i.e. what a volunteer waits for at login.

Runs alternate app / (baseline app) / bare to spread the shared machine's load over both; medians are printed.

    .venv/bin/python benchmarks/tray_launch.py            # 7 runs each
    .venv/bin/python benchmarks/tray_launch.py --runs 11
    .venv/bin/python benchmarks/tray_launch.py --baseline-tree /tmp/base   # + the code before a change

Not a test; nothing in CI runs it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _tray import BARE_TRAY, PY, ROOT, TraySession, add_baseline_arg

SITECUSTOMIZE = r"""
import importlib.abc, importlib.machinery, os, sys, time

class _Probe(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        real = spec.loader.exec_module

        def exec_module(module):
            real(module)
            from PySide6.QtCore import QTimer
            app_exec = module.QApplication.exec

            def probed(*a, **kw):
                def ready():
                    t = time.time()
                    import psutil
                    me = psutil.Process()
                    print("READY", t - me.create_time(), t - me.parent().create_time(), flush=True)
                    os._exit(0)
                QTimer.singleShot(0, ready)
                return app_exec()

            module.QApplication.exec = probed
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, _Probe())
"""


def probe(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float]:
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=cwd, timeout=120)
    for line in out.stdout.splitlines():
        if line.startswith("READY"):
            _, own, parent = line.split()
            return float(own), float(parent)
    raise RuntimeError(out.stderr[-3000:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    add_baseline_arg(ap)
    args = ap.parse_args()

    probe_dir = Path(tempfile.mkdtemp(prefix="tray-probe-"))
    (probe_dir / "sitecustomize.py").write_text(SITECUSTOMIZE)
    trees = {"app": ROOT} | ({"baseline": args.baseline_tree} if args.baseline_tree else {})
    own: dict[str, list[float]] = {name: [] for name in trees}
    launcher: dict[str, list[float]] = {name: [] for name in trees}
    bare: list[float] = []
    with TraySession() as session:
        env = session.env(first=probe_dir)
        probe([PY, "-c", BARE_TRAY], env)  # warm the file cache for both
        for _ in range(args.runs):
            for name, tree in trees.items():
                o, s = probe(
                    session.app_cmd(session.data_dir()), session.env(tree, probe_dir), tree
                )
                own[name].append(o)
                launcher[name].append(s)
            bare.append(probe([PY, "-c", BARE_TRAY], env)[0])
    b = statistics.median(bare)
    out: dict[str, object] = {"runs": args.runs, "bare_tray_s": round(b, 3)}
    for name in trees:
        a, s = statistics.median(own[name]), statistics.median(launcher[name])
        out |= {
            f"{name}_process_s": round(a, 3),
            f"{name}_launcher_s": round(s, 3),
            f"ratio_{name}_process": round(a / b, 2),
            f"ratio_{name}_launcher": round(s / b, 2),
            f"{name}_process_all_s": [round(x, 3) for x in own[name]],
        }
    out["bare_all_s"] = [round(x, 3) for x in bare]
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

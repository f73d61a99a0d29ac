"""What one finished task costs the open window: the History tab's refresh with a long history.

    .venv/bin/python benchmarks/history_refresh.py [--rows 50000] [--repeat 5]
        [--baseline-tree DIR | --baseline-rev REV]

On every finished task the History tab reloads and the Now page's chart is redrawn from what it
sends. Each tree runs in its own process (offscreen Qt): it creates its own store with its own
`Store` (so a tree with another schema version reads a file it understands), fills it with
`--rows` finished tasks spread over 60 days in one transaction, builds the History tab and the
chart wired as the main window wires them, and times `refresh()` (median of `--repeat`). The
baseline (the code before a change: `--baseline-tree` a copy of it, or `--baseline-rev` a commit
this script unpacks with `git archive`) runs in the same run, right before this tree, and the
script prints their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, header

CHILD = r"""
import json, os, sqlite3, statistics, sys, time
from pathlib import Path
import psutil
from PySide6.QtWidgets import QApplication
from desktop_agent.engine.store import Store
from desktop_agent.gui.contribution_chart import ContributionChart
from desktop_agent.gui.history_tab import HistoryTab

rows, repeat, folder = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
path = folder / "agent.db"
Store(path).close()
now = time.time()
db = sqlite3.connect(path)
with db:
    db.executemany(
        "INSERT INTO tasks(server, agent_id, task_id, job_id, code_url, requirements_url,"
        " chunk_data_url, phase, started_at, ended_at, outcome, exit_code, bytes_down, bytes_up)"
        " VALUES ('https://grid-x.example', 'agent-1', ?, ?, 'https://grid-x.example/c',"
        " 'https://grid-x.example/r', 'https://grid-x.example/d', 'ran', ?, ?, ?, 0, 4096, 512)",
        [
            (i, 1 + i // 500, t := now - 60 * 86400 * (1 - i / rows), t + 20,
             "failed" if i % 17 == 0 else "completed")
            for i in range(rows)
        ],
    )
db.close()
app = QApplication([])
store = Store(path)
tab = HistoryTab(lambda: store, titles_path=folder / "job-titles.json")
chart = ContributionChart()
if hasattr(tab, "days_changed"):
    tab.days_changed.connect(chart.set_days)
else:
    tab.rows_changed.connect(chart.set_rows)
times = []
for _ in range(repeat):
    t0 = time.perf_counter()
    tab.refresh()
    app.processEvents()
    times.append(time.perf_counter() - t0)
print(json.dumps({
    "median_s": statistics.median(times),
    "shown": tab.model.rowCount(),
    "rss_mib": psutil.Process().memory_info().rss / 2**20,
    "chart_total_s": sum(s for _, s in chart.days()),
}))
"""


def measure(tree: Path, rows: int, repeat: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory(prefix="history-bench-") as tmp:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(rows), str(repeat), tmp],
            env=env,
            cwd=tmp,  # `-c` puts the working folder first on sys.path: not the tree under test
            capture_output=True,
            text=True,
            check=True,
            timeout=1800,
        ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--baseline-tree", help="a copy of the code before the change")
    ap.add_argument("--baseline-rev", help="a commit to unpack (git archive) as the baseline")
    args = ap.parse_args()
    header(f"History refresh, {args.rows} tasks in the store")
    with tempfile.TemporaryDirectory(prefix="history-base-") as unpacked:
        base = Path(args.baseline_tree) if args.baseline_tree else None
        if base is None and args.baseline_rev:
            archive = subprocess.run(
                ["git", "-C", str(REPO), "archive", args.baseline_rev],
                capture_output=True,
                check=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", unpacked], input=archive, check=True)
            base = Path(unpacked)
        figures = {}
        if base is not None:
            figures["baseline"] = measure(base, args.rows, args.repeat)
        figures["this code"] = measure(REPO, args.rows, args.repeat)
    for name, f in figures.items():
        print(
            f"   {name:>9}: one refresh {f['median_s'] * 1000:8.1f} ms, {int(f['shown'])} rows"
            f" in the table, RSS after {f['rss_mib']:.1f} MiB,"
            f" chart {f['chart_total_s'] / 3600:.2f} h over 14 days"
        )
    if "baseline" in figures:
        b, t = figures["baseline"], figures["this code"]
        print(
            f"   this code vs baseline: refresh {t['median_s'] / b['median_s']:.3f}x"
            f" ({b['median_s'] / t['median_s']:.0f}x faster),"
            f" RSS {t['rss_mib'] - b['rss_mib']:+.1f} MiB"
        )


if __name__ == "__main__":
    main()

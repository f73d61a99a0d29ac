"""`desktop-agent history`: the task history as a table, or JSON for scripts."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict

from desktop_agent.cli.exit_codes import EXIT_OK
from desktop_agent.cli.parser import data_dir_of
from desktop_agent.config import DataPaths


def cmd_history(args: argparse.Namespace) -> int:
    from desktop_agent.engine.store import Store
    from desktop_agent.engine.text import printable

    paths = DataPaths(data_dir_of(args))
    if not paths.db.exists():
        rows = []
    else:
        store = Store(paths.db)
        if store.recovered:
            print(f"desktop-agent: {store.recovered}", file=sys.stderr)
        rows = store.history()
        store.close()
    if args.json:
        out = []
        for row in rows:
            item = asdict(row)
            item.pop("agent_id", None)  # the id is a credential; history is shareable
            item["duration_s"] = row.duration_s
            out.append(item)
        json.dump(out, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if not rows:
        print("No tasks yet.")
        return EXIT_OK
    print(f"{'when':19}  {'job':>5}  {'task':>6}  {'outcome':10}  {'duration':>9}  result")
    for row in rows:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(row.started_at))
        dur = f"{row.duration_s:.1f} s" if row.duration_s is not None else "-"
        print(
            printable(
                f"{when}  {row.job_id or '-':>5}  {row.task_id:>6}  {row.outcome or row.phase:10}  {dur:>9}  {row.result_url or ''}"
            )
        )
    return EXIT_OK

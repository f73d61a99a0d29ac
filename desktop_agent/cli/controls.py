"""`desktop-agent pause | resume | snooze | finish-then-pause | status`.

Each talks to the agent already running on a data folder, through its local
control socket (engine/control.py); nothing here changes a mode by itself.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop_agent.cli.exit_codes import EXIT_ERROR, EXIT_OK
from desktop_agent.cli.parser import data_dir_of


def status_words(answer: dict[str, Any]) -> str:
    """What `desktop-agent status` prints: the mode and the reason in words, and the task in hand."""
    lines = [
        f"mode: {answer.get('mode', '?').replace('_', ' ')}",
        f"state: {answer.get('state', '?')}",
        f"reason: {answer.get('reason', '')}",
    ]
    task = answer.get("task")
    if task:
        phase = task.get("phase") or "starting"
        pct = f" {task['fraction'] * 100:.0f}%" if task.get("fraction") is not None else ""
        held = " (suspended)" if task.get("suspended") else ""
        lines.append(f"task: {task.get('task_id')} (job {task.get('job_id')}) — {phase}{pct}{held}")
    else:
        lines.append("task: none")
    for note in answer.get("notes") or []:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def cmd_control(args: argparse.Namespace) -> int:
    from desktop_agent.engine.control import ControlUnavailable, request

    data_dir = data_dir_of(args)
    cmd = args.command.replace("-", "_")
    extra: dict[str, Any] = {}
    if cmd == "snooze":
        extra = {"until": "tomorrow"} if args.until_tomorrow else {"seconds": args.snooze_for}
    try:
        answer = request(data_dir, cmd, **extra)
    except ControlUnavailable as exc:
        print(f"desktop-agent: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if not answer.get("ok"):
        print(f"desktop-agent: {answer.get('error', 'the agent refused')}", file=sys.stderr)
        return EXIT_ERROR
    if cmd == "status" and getattr(args, "json", False):
        json.dump({k: v for k, v in answer.items() if k != "ok"}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(status_words(answer))
    return EXIT_OK

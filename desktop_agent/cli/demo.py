"""`desktop-agent demo`: the whole flow against a local reference backend with a sample job."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from desktop_agent.cli.console import ConsolePrinter
from desktop_agent.cli.exit_codes import EXIT_ERROR, EXIT_OK
from desktop_agent.cli.parser import data_dir_of
from desktop_agent.cli.run import run_agent_blocking
from desktop_agent.config import DataPaths, load_settings, resolve_data_dir


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_agent.config import save_settings
    from desktop_agent.devserver import DevServer
    from desktop_agent.paths import sample_job_dir

    headless = args.headless or not has_display()
    if not args.headless and headless:
        print("No display found: running the demo headless.", file=sys.stderr)
    if getattr(args, "sub_data_dir", None) or args.data_dir:
        data_dir = data_dir_of(args)
        shutil.rmtree(data_dir / "devserver", ignore_errors=True)  # the backend starts fresh
    else:
        # Emptied first, so History shows this demo's tasks only (the last demo's links are
        # dead: its backend is gone); kept afterwards so `history` can show this run.
        data_dir = resolve_data_dir(None) / "demo"
        shutil.rmtree(data_dir, ignore_errors=True)
    email = "demo@example.com"
    with DevServer(data_dir=data_dir / "devserver") as srv:
        srv.add_owner(email, role="seller")
        job_id = srv.submit_job(sample_job_dir(), title="Sample job")
        save_settings(
            data_dir / "agent",
            {"server": srv.url, "email": email, "poll_interval": 1.0, "heartbeat_interval": 2.0},
        )
        print(
            f"Reference backend at {srv.url}, job {job_id} with {len(srv.subtasks(job_id))} tasks",
            file=sys.stderr,
        )
        if not headless:
            from desktop_agent.gui.app import run_gui

            return run_gui(data_dir / "agent", demo=True, server_override=srv.url)
        return _headless_demo(srv, job_id, data_dir / "agent")


def self_command() -> str:
    """How to run this program again, as the person started it (`.venv/bin/desktop-agent` is not
    on PATH after the README's install; `python -m desktop_agent` always works)."""
    invoked = sys.argv[0] if sys.argv else ""
    name = Path(invoked).name.lower()
    if name in ("desktop-agent", "desktop-agent.exe"):
        if os.sep not in invoked and "/" not in invoked:
            return "desktop-agent"  # found on PATH
        return shlex.quote(invoked)
    return f"{shlex.quote(sys.executable)} -m desktop_agent"


def _headless_demo(srv: Any, job_id: int, data_dir: Path) -> int:
    from desktop_agent.logs import setup_logging

    paths = DataPaths(data_dir).ensure()
    settings = load_settings(data_dir)
    setup_logging(paths.logs)
    started = time.monotonic()

    async def job_done(_agent: Any) -> bool:
        return str(srv.job(job_id).get("status", "")).upper() == "COMPLETED"

    agent = run_agent_blocking(settings, paths, ConsolePrinter(), until=job_done)
    job = srv.job(job_id)
    outcomes: dict[str, int] = {}
    for finished in agent.finished:
        outcomes[finished.outcome.value] = outcomes.get(finished.outcome.value, 0) + 1
    print(
        f"\nDemo finished in {time.monotonic() - started:.1f} s: job {job_id} is {job.get('status')}, "
        f"{agent.tasks_finished} task(s) run here ({', '.join(f'{n} {k}' for k, n in outcomes.items()) or 'none'}).\n"
        f"History: {self_command()} history --data-dir {shlex.quote(str(data_dir))}"
    )
    return EXIT_OK if str(job.get("status", "")).upper() == "COMPLETED" else EXIT_ERROR

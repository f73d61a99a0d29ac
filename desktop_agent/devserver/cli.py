"""Command line: `python -m desktop_agent.devserver` and `desktop-agent devserver`.

On start it prints one line per fact, flushed at once so a parent process can read them:
`url <base URL>`, then `owner <id> <email>` per --owner, then `job <id> <folder>` per --job.
It then serves until interrupted (Ctrl+C or SIGTERM).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The devserver's flags, shared with the project's main CLI."""
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=8000, help="port to bind; 0 picks a free one (default 8000)"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="keep the database and files here (default: a temporary folder)",
    )
    parser.add_argument(
        "--owner",
        action="append",
        default=[],
        metavar="EMAIL",
        help="create a seller account at start-up (repeatable)",
    )
    parser.add_argument(
        "--job",
        action="append",
        default=[],
        type=Path,
        metavar="FOLDER",
        help="submit the job in FOLDER (train.py, requirements.txt, data.csv) at start-up (repeatable)",
    )
    parser.add_argument(
        "--requeue-after",
        type=float,
        default=600.0,
        metavar="SECONDS",
        help="requeue a running task whose agent is silent this long (default 600)",
    )
    parser.add_argument(
        "--sweep-interval",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how often to look for silent agents (default 60)",
    )
    parser.add_argument(
        "--chunks",
        type=int,
        default=5,
        metavar="N",
        help="split each job's data into N subtasks (default 5)",
    )


def run_from_args(args: argparse.Namespace) -> int:
    """Serve with already-parsed arguments (what the main CLI calls after its own parsing)."""
    if args.chunks < 1:
        print("devserver: --chunks must be at least 1", file=sys.stderr)
        return 2
    from .server import DevServer  # FastAPI/uvicorn load only when the server really runs

    server = DevServer(
        data_dir=None if args.data_dir is None else Path(args.data_dir),
        host=args.host,
        port=args.port,
        requeue_after=args.requeue_after,
        sweep_interval=args.sweep_interval,
        chunks=args.chunks,
        log_level="info",
    )
    try:
        server.start()
    except OSError as exc:
        print(f"devserver: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        server.close()
        return 1
    try:
        print(f"url {server.url}", flush=True)
        for email in args.owner:
            print(f"owner {server.add_owner(email)} {email}", flush=True)
        for folder in args.job:
            print(f"job {server.submit_job(folder, title=folder.name)} {folder}", flush=True)
        stopping = threading.Event()
        if threading.current_thread() is threading.main_thread():
            # SIGINT too, explicitly: a shell starts background jobs with it ignored, and
            # `kill -INT` should still stop a devserver started with `&`.
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: stopping.set())
        while not stopping.wait(0.5):
            pass
        return 0
    except (OSError, ValueError) as exc:
        print(f"devserver: {exc}", file=sys.stderr)
        return 1
    finally:
        server.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="devserver", description="Run the reference backend for agents."
    )
    add_arguments(parser)
    return run_from_args(parser.parse_args(argv))

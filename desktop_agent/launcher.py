"""The plain app start (`desktop-agent [--minimized] [--data-dir X]`), without the CLI.

That start is what a login runs every day, and both processes it makes live as long as the app:
the supervisor, then the app under it. The CLI's module and parser pull in asyncio, ssl and the
reference backend's options, which neither needs (the engine loads asyncio on its own thread).
So `python -m desktop_agent` and the frozen executable try this first and fall back to the CLI
for anything else: a subcommand, --help, --version, or a typo, which the CLI's parser explains.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

EXIT_DATA_BROKEN = 6  # the CLI's exit code for a damaged data folder (cli.EXIT_DATA_BROKEN)


def plain_launch(argv: Sequence[str]) -> tuple[bool, str | None]:
    """(True, the --data-dir value or None) when `argv` only starts the app; else (False, None)."""
    data_dir: str | None = None
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--minimized":
            continue
        if arg == "--data-dir" and rest and not rest[0].startswith("-"):
            data_dir = rest.pop(0)
        elif arg.startswith("--data-dir=") and len(arg) > len("--data-dir="):
            data_dir = arg.split("=", 1)[1]
        else:
            return False, None
    return True, data_dir


def launch(argv: Sequence[str]) -> int | None:
    """Supervise the app, or (as the supervised child) run it; None when the CLI must handle argv."""
    plain, data_dir = plain_launch(argv)
    if not plain:
        return None
    from desktop_agent.config import resolve_data_dir
    from desktop_agent.supervisor import run_supervised, should_supervise

    root = resolve_data_dir(data_dir)
    if should_supervise():
        return run_supervised(argv, root)
    from desktop_agent.engine.errors import DataFolderBroken
    from desktop_agent.gui.app import run_gui

    try:
        return run_gui(root, minimized="--minimized" in argv)
    except DataFolderBroken as exc:
        print(f"desktop-agent: {exc}", file=sys.stderr)
        return EXIT_DATA_BROKEN

"""The one entry point: the app by default, plus headless and operator commands.

desktop-agent                 the desktop app (tray + window)
desktop-agent run             headless agent (servers, fleets)
desktop-agent demo            the app against a local reference backend with a sample job
desktop-agent history         the task history (--json for scripts)
desktop-agent devserver       the reference backend on its own
desktop-agent self-test       can this installation do its job?

The arguments are parser.py's; each command lives in a module of its name
(run.py, demo.py, history.py, controls.py). Commands are imported when chosen,
so starting the app loads none of the headless code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from desktop_agent.cli.exit_codes import EXIT_DATA_BROKEN, EXIT_OK, EXIT_USAGE
from desktop_agent.cli.parser import CONTROL_HELP, build_parser, data_dir_of
from desktop_agent.config import SettingsError


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # here, not at exit: a closed pipe is then caught below
        return code
    except BrokenPipeError:
        # The reader went away (`history --json | head -1`): what it read is all it wanted.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _main(argv: Sequence[str] | None) -> int:
    from desktop_agent.engine.errors import DataFolderBroken

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from desktop_agent.supervisor import run_supervised, should_supervise

            if should_supervise():
                return run_supervised(
                    list(sys.argv[1:] if argv is None else argv), data_dir_of(args)
                )
            from desktop_agent.gui.app import run_gui

            return run_gui(data_dir_of(args), minimized=args.minimized)
        if args.command == "run":
            from desktop_agent.cli.run import cmd_run

            return cmd_run(args)
        if args.command in CONTROL_HELP:
            from desktop_agent.cli.controls import cmd_control

            return cmd_control(args)
        if args.command == "history":
            from desktop_agent.cli.history import cmd_history

            return cmd_history(args)
        if args.command == "demo":
            from desktop_agent.cli.demo import cmd_demo

            return cmd_demo(args)
        if args.command == "devserver":
            from desktop_agent.devserver.cli import run_from_args

            return run_from_args(args)
        if args.command == "self-test":
            from desktop_agent.selftest import run_self_test

            return run_self_test(data_dir_of(args))
        if args.command == "diagnostics":
            from desktop_agent.diagnostics import cmd_diagnostics

            return cmd_diagnostics(data_dir_of(args), args.output)
        if args.command == "uninstall-cleanup":
            from desktop_agent.uninstall import run_from_args as run_cleanup

            return run_cleanup(data_dir_of(args), args)
    except SettingsError as exc:
        print(f"desktop-agent: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DataFolderBroken as exc:
        print(f"desktop-agent: {exc}", file=sys.stderr)
        return EXIT_DATA_BROKEN
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE

"""`desktop-agent run`: the agent headless (servers, fleets), until stopped or --max-tasks."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import time
from typing import Any

from desktop_agent.cli.console import ConsolePrinter
from desktop_agent.cli.exit_codes import (
    EXIT_EMAIL_UNKNOWN,
    EXIT_ERROR,
    EXIT_LOCKED,
    EXIT_NOT_THIS_SERVER,
    EXIT_OK,
    EXIT_USAGE,
)
from desktop_agent.cli.parser import data_dir_of, set_values
from desktop_agent.config import DataPaths, load_settings


def cmd_run(args: argparse.Namespace) -> int:
    from desktop_agent.engine.errors import DataDirLocked, DiskFull, EmailNotFound, NotThisServer
    from desktop_agent.engine.retry import DISK_FULL, Backoff
    from desktop_agent.logs import setup_logging

    data_dir = data_dir_of(args)
    settings = load_settings(
        data_dir,
        {
            "server": args.server,
            "email": args.email,
            "heartbeat_interval": args.heartbeat_interval,
            "poll_interval": args.poll_interval,
            "metrics_address": args.metrics,
            **set_values(args.set_values),
        },
    )
    if not settings.email:
        print(
            "desktop-agent: no owner email — pass --email or set DESKTOP_AGENT_EMAIL",
            file=sys.stderr,
        )
        return EXIT_USAGE
    paths = DataPaths(data_dir).ensure()
    if args.paused:
        from desktop_agent.engine.loop import save_mode_file
        from desktop_agent.engine.modes import Mode, ModeState

        save_mode_file(paths.root, ModeState(Mode.PAUSED))
    setup_logging(paths.logs, max_mb=settings.log_max_mb)
    printer: Any = ConsolePrinter(verbose=args.verbose)
    backoff = Backoff(DISK_FULL)
    stop_metrics = None
    if settings.metrics_address:  # Prometheus metrics (metrics.py), off unless asked
        from desktop_agent.metrics import MetricsUnavailable, start_for_run

        try:
            printer, url, stop_metrics = start_for_run(
                settings.metrics_address, paths.root, printer
            )
        except MetricsUnavailable as exc:
            print(f"desktop-agent: {exc}", file=sys.stderr)
            return EXIT_ERROR
        print(f"Metrics at {url}", file=sys.stderr, flush=True)
    if settings.update_url:  # no update repository: the updater's code is not even loaded
        from desktop_agent.updates import start_headless_checks

        say = lambda text: print(f"desktop-agent: {text}", file=sys.stderr)  # noqa: E731
        start_headless_checks(settings, paths.root, say)  # signed check: says, never installs
    try:
        while True:
            try:
                run_agent_blocking(settings, paths, printer, max_tasks=args.max_tasks)
                break
            except DiskFull as exc:  # the host's problem: wait it out, never a crash loop
                delay = backoff.next_delay()
                print(f"desktop-agent: {exc} (next try in {delay:.0f} s)", file=sys.stderr)
                time.sleep(delay)
    except KeyboardInterrupt:
        return EXIT_OK
    except EmailNotFound as exc:
        print(f"desktop-agent: {exc}", file=sys.stderr)
        return EXIT_EMAIL_UNKNOWN
    except NotThisServer as exc:
        print(f"desktop-agent: {exc}", file=sys.stderr)
        return EXIT_NOT_THIS_SERVER
    except DataDirLocked as exc:
        print(f"desktop-agent: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    finally:
        if stop_metrics is not None:
            stop_metrics()
    return EXIT_OK


def run_agent_blocking(
    settings: Any, paths: DataPaths, sink: Any, *, max_tasks: int | None = None, until: Any = None
) -> Any:
    """Run an Agent on this thread until done; SIGINT/SIGTERM stop it gracefully (twice: at once)."""
    from desktop_agent.engine.loop import Agent

    agent = Agent(settings, paths, emit=sink, max_tasks=max_tasks)

    async def main_coro() -> None:
        loop = asyncio.get_running_loop()
        signals_seen = 0

        def on_signal() -> None:
            nonlocal signals_seen
            signals_seen += 1
            if signals_seen == 1:
                print("Stopping gracefully (press Ctrl+C again to stop at once)…", file=sys.stderr)
                agent.stop()
            else:
                os._exit(130)

        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, on_signal)
            except (NotImplementedError, RuntimeError):
                signal.signal(sig, lambda *_: loop.call_soon_threadsafe(on_signal))
        watcher = None
        if until is not None:

            async def watch() -> None:
                while not await until(agent):
                    await asyncio.sleep(0.5)
                agent.stop()

            watcher = asyncio.create_task(watch())
        try:
            await agent.run()
        finally:
            if watcher is not None:
                watcher.cancel()

    asyncio.run(main_coro())
    return agent

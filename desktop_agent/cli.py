"""The one entry point: the app by default, plus headless and operator commands.

desktop-agent                 the desktop app (tray + window)
desktop-agent run             headless agent (servers, fleets)
desktop-agent demo            the app against a local reference backend with a sample job
desktop-agent history         the task history (--json for scripts)
desktop-agent devserver       the reference backend on its own
desktop-agent self-test       can this installation do its job?
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import signal
import sys
import shutil
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any
from collections.abc import Sequence

from desktop_agent import __version__
from desktop_agent.config import (
    DataPaths,
    SettingsError,
    load_settings,
    resolve_data_dir,
)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_EMAIL_UNKNOWN = 3
EXIT_LOCKED = 4
EXIT_NOT_THIS_SERVER = 5
EXIT_DATA_BROKEN = 6  # a file in the data folder is damaged, too new, or a folder


def _server_url(text: str) -> str:
    """An http(s) address with a host: anything else is a usage error, not something to retry."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a server address; use one like https://grid.example.org"
        )
    return text.strip()


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="desktop-agent", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"desktop-agent {__version__}")
    parser.add_argument(
        "--data-dir", help="data folder (default: per-user app data; env DESKTOP_AGENT_HOME)"
    )
    parser.add_argument(
        "--minimized", action="store_true", help="start in the tray (used at login)"
    )
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="run the agent headless")
    run.add_argument("--server", type=_server_url, help="backend URL (env DESKTOP_AGENT_SERVER)")
    run.add_argument("--email", help="owner's email (env DESKTOP_AGENT_EMAIL)")
    run.add_argument("--data-dir", dest="sub_data_dir", help="data folder (env DESKTOP_AGENT_HOME)")
    run.add_argument("--max-tasks", type=_positive_int, help="exit after this many tasks finished")
    run.add_argument(
        "--heartbeat-interval", type=_positive_float, help="seconds between heartbeats (default 10)"
    )
    run.add_argument(
        "--poll-interval", type=_positive_float, help="seconds between asking for work (default 10)"
    )
    run.add_argument("--verbose", "-v", action="store_true", help="also print the job's own output")
    run.add_argument(
        "--paused", action="store_true", help="start paused (resume with `desktop-agent resume`)"
    )
    run.add_argument(
        "--metrics",
        metavar="ADDR",
        help="serve Prometheus metrics on ADDR: PORT (loopback) or HOST:PORT (setting metrics_address)",
    )
    run.add_argument(
        "--set",
        dest="set_values",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any setting for this run, e.g. --set pause_on_battery=false (see docs/settings.md)",
    )
    for (
        name,
        text,
    ) in CONTROL_HELP.items():  # contribution controls: talk to the agent running on a data dir
        ctl = sub.add_parser(name, help=text)
        ctl.add_argument("--data-dir", dest="sub_data_dir", help="data folder of the running agent")
        if name == "snooze":
            when = ctl.add_mutually_exclusive_group(required=True)
            when.add_argument(
                "--for", dest="snooze_for", type=_duration, help="how long: 1h, 30m, 90s"
            )
            when.add_argument("--until-tomorrow", action="store_true", help="until 07:00 tomorrow")
        if name == "status":
            ctl.add_argument("--json", action="store_true", help="machine-readable output")

    hist = sub.add_parser("history", help="show the task history")
    hist.add_argument("--data-dir", dest="sub_data_dir", help="data folder")
    hist.add_argument("--json", action="store_true", help="machine-readable output")

    demo = sub.add_parser(
        "demo", help="try the whole flow against a local backend with a sample job"
    )
    demo.add_argument("--headless", action="store_true", help="no window, print progress")
    demo.add_argument(
        "--data-dir",
        dest="sub_data_dir",
        help="data folder (default: the 'demo' folder inside the usual data folder, emptied at "
        "the start of every demo and kept afterwards so `history` can show the run)",
    )

    dev = sub.add_parser("devserver", help="run the local reference backend")
    from desktop_agent.devserver.cli import add_arguments

    add_arguments(dev)

    test = sub.add_parser("self-test", help="check this installation can do its job")
    test.add_argument("--data-dir", dest="sub_data_dir", help="data folder")

    diag = sub.add_parser(
        "diagnostics", help="write a zip for a bug report (agent id and emails removed)"
    )
    diag.add_argument("--data-dir", dest="sub_data_dir", help="data folder")
    diag.add_argument(
        "--output", help="zip file or folder to write to (default: the current folder)"
    )

    cleanup = sub.add_parser(
        "uninstall-cleanup",
        help="remove this user's agent id, autostart entry and job environments",
    )
    from desktop_agent.uninstall import add_arguments as add_cleanup_arguments

    add_cleanup_arguments(cleanup)
    return parser


def _data_dir(args: argparse.Namespace) -> Path:
    return resolve_data_dir(getattr(args, "sub_data_dir", None) or args.data_dir)


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
                return run_supervised(list(sys.argv[1:] if argv is None else argv), _data_dir(args))
            from desktop_agent.gui.app import run_gui

            return run_gui(_data_dir(args), minimized=args.minimized)
        if args.command == "run":
            return cmd_run(args)
        if args.command in CONTROL_HELP:
            return cmd_control(args)
        if args.command == "history":
            return cmd_history(args)
        if args.command == "demo":
            return cmd_demo(args)
        if args.command == "devserver":
            from desktop_agent.devserver.cli import run_from_args

            return run_from_args(args)
        if args.command == "self-test":
            from desktop_agent.selftest import run_self_test

            return run_self_test(_data_dir(args))
        if args.command == "diagnostics":
            from desktop_agent.diagnostics import cmd_diagnostics

            return cmd_diagnostics(_data_dir(args), args.output)
        if args.command == "uninstall-cleanup":
            from desktop_agent.uninstall import run_from_args as run_cleanup

            return run_cleanup(_data_dir(args), args)
    except SettingsError as exc:
        print(f"desktop-agent: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DataFolderBroken as exc:
        print(f"desktop-agent: {exc}", file=sys.stderr)
        return EXIT_DATA_BROKEN
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


# --- run ---------------------------------------------------------------------------------


def cmd_run(args: argparse.Namespace) -> int:
    from desktop_agent.engine.errors import DataDirLocked, DiskFull, EmailNotFound, NotThisServer
    from desktop_agent.engine.retry import DISK_FULL, Backoff
    from desktop_agent.logs import setup_logging

    data_dir = _data_dir(args)
    settings = load_settings(
        data_dir,
        {
            "server": args.server,
            "email": args.email,
            "heartbeat_interval": args.heartbeat_interval,
            "poll_interval": args.poll_interval,
            "metrics_address": args.metrics,
            **_set_values(args.set_values),
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


class ConsolePrinter:
    """Readable progress on stderr: state changes, phases, finished tasks, problems."""

    def __init__(self, verbose: bool = False, stream: Any = None):
        self.verbose = verbose
        self.stream = stream or sys.stderr
        self._last_phase: tuple[int, str, int] | None = None

    def _print(self, text: str) -> None:
        from desktop_agent.engine.text import printable

        # Event text carries a job's output and a server's words: escaped, one line each.
        print(f"{time.strftime('%H:%M:%S')} {printable(text)}", file=self.stream, flush=True)

    def __call__(self, event: Any) -> None:
        from desktop_agent.engine import events as ev

        if isinstance(event, ev.StateChanged):
            self._print(f"[{event.state.value}] {event.detail}")
        elif isinstance(event, ev.TaskStarted):
            self._print(
                f"task {event.task_id} (job {event.job_id}){' resumed' if event.resumed else ''}"
            )
        elif isinstance(event, ev.PhaseProgress):
            bucket = -1 if event.fraction is None else int(event.fraction * 4)
            key = (event.task_id, event.phase.value, bucket)
            if key != self._last_phase:
                self._last_phase = key
                pct = "" if event.fraction is None else f" {event.fraction * 100:.0f}%"
                self._print(f"task {event.task_id}: {event.phase.value}{pct}")
        elif isinstance(event, ev.TaskFinished):
            extra = f" — {event.error}" if event.error else ""
            self._print(
                f"task {event.task_id}: {event.outcome.value} in {event.duration_s:.1f} s{extra}"
            )
        elif isinstance(event, ev.ProblemRaised):
            self._print(f"problem: {event.message}")
        elif isinstance(event, ev.LogLine):
            if event.task_id is None and event.level in ("WARNING", "ERROR"):
                self._print(f"{event.level.lower()}: {event.text}")
            elif event.task_id is not None and self.verbose:
                self._print(f"  | {event.text}")


# --- history -------------------------------------------------------------------------------


def cmd_history(args: argparse.Namespace) -> int:
    from desktop_agent.engine.store import Store
    from desktop_agent.engine.text import printable

    paths = DataPaths(_data_dir(args))
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


# --- demo ----------------------------------------------------------------------------------


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
        data_dir = _data_dir(args)
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


# --- contribution controls: pause | resume | snooze | finish-then-pause | status ------------------

CONTROL_HELP = {
    "pause": "pause the agent running on a data folder (the task in hand is suspended)",
    "resume": "resume contributing",
    "snooze": "pause for a while, then contribute again by itself",
    "finish-then-pause": "finish the task in hand, take no new one, then pause",
    "status": "say what the running agent is doing, and why",
}


def _duration(text: str) -> float:
    """ "1h", "30m", "90s", "1h30m" or plain seconds."""
    import re

    t = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", t):
        seconds = float(t)
    else:
        parts = re.findall(r"(\d+(?:\.\d+)?)\s*([hms])", t)
        if not parts or "".join(f"{n}{u}" for n, u in parts) != t.replace(" ", ""):
            raise argparse.ArgumentTypeError(f"{text!r} is not a duration like 1h, 30m or 90s")
        seconds = sum(float(n) * {"h": 3600, "m": 60, "s": 1}[u] for n, u in parts)
    if seconds <= 0:
        raise argparse.ArgumentTypeError("must be longer than 0 s")
    return seconds


def _set_values(pairs: Sequence[str]) -> dict[str, Any]:
    """--set KEY=VALUE: VALUE is JSON (true, 3, "x", {"mon": [...]}) or else a plain string; validated later."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise SettingsError(f"--set {pair!r}: use KEY=VALUE")
        try:
            out[key.strip()] = json.loads(value)
        except ValueError:
            out[key.strip()] = value
    return out


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

    data_dir = _data_dir(args)
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

"""The command line's arguments: every subcommand and what its values must look like.

A value that cannot be right (a server address without a host, 0 seconds) is a
usage error here, before anything starts, rather than something to retry.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop_agent import __version__
from desktop_agent.config import SettingsError, resolve_data_dir

DESCRIPTION = "The one entry point: the app by default, plus headless and operator commands."

# Contribution controls: talk to the agent running on a data folder (controls.py).
CONTROL_HELP = {
    "pause": "pause the agent running on a data folder (the task in hand is suspended)",
    "resume": "resume contributing",
    "snooze": "pause for a while, then contribute again by itself",
    "finish-then-pause": "finish the task in hand, take no new one, then pause",
    "status": "say what the running agent is doing, and why",
}


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


def _duration(text: str) -> float:
    """ "1h", "30m", "90s", "1h30m" or plain seconds."""
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


def set_values(pairs: Sequence[str]) -> dict[str, Any]:
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


def data_dir_of(args: argparse.Namespace) -> Path:
    """The data folder a command works on: its own --data-dir, the global one, or the default."""
    return resolve_data_dir(getattr(args, "sub_data_dir", None) or args.data_dir)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="desktop-agent", description=DESCRIPTION)
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
    for name, text in CONTROL_HELP.items():
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

"""Keeps the desktop app alive: runs it as a child process and starts it again when it crashes.

A tray app is meant to run for months, and a crash in a native library (Qt, a GPU driver) kills the
process without any Python code getting a say. So the `desktop-agent` launcher does not run the
window itself: it runs this small supervisor, which imports nothing heavy, starts the app as a
child, and when the child dies by a signal or an unexpected exit code, writes a notice for the next
start and starts it again with backoff. The engine's crash-safe resume carries the task in hand
across the restart; the notice lets the new process tell the volunteer once what happened.

Exits that mean "stop" are respected: a clean quit (0), a usage or settings error (2: restarting
cannot fix it), and anything after the supervisor itself was asked to stop. A burst of crashes
(`GIVE_UP_AFTER` within `CRASH_WINDOW_S`) ends the loop so that a broken installation does not
restart forever; the notice then says so.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SUPERVISED_ENV = "DESKTOP_AGENT_SUPERVISED"
NOTICE_FILE = "restart-notice.json"
STOP_EXIT_CODES = frozenset({0, 2})
GIVE_UP_AFTER = 5
CRASH_WINDOW_S = 600.0
BACKOFF_S = (1.0, 2.0, 5.0, 15.0, 30.0, 60.0)
STABLE_AFTER_S = 300.0  # a child that ran this long resets the backoff


def describe_exit(returncode: int) -> str:
    """How a child ended, in words for the log: 'killed by SIGABRT' or 'exit code 1'."""
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit code {returncode}"


@dataclass(frozen=True)
class RestartNotice:
    """What the supervisor tells the next start of the app."""

    stopped_at: str  # ISO 8601, UTC
    how: str  # describe_exit()
    restarts: int  # crashes in the current burst
    gave_up: bool = False

    def write(self, data_dir: Path) -> None:
        path = data_dir / NOTICE_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.__dict__), encoding="utf-8")
        os.replace(tmp, path)


def take_notice(data_dir: Path) -> RestartNotice | None:
    """Read and remove the notice, so that it is shown exactly once; None when there is none.

    A damaged notice is removed and ignored: it only ever carries a courtesy message.
    """
    path = data_dir / NOTICE_FILE
    try:
        raw = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, PermissionError, UnicodeDecodeError):
        return None
    finally:
        try:
            path.unlink()
        except OSError:
            pass
    try:
        data = json.loads(raw)
        return RestartNotice(
            stopped_at=str(data["stopped_at"]),
            how=str(data["how"]),
            restarts=int(data["restarts"]),
            gave_up=bool(data.get("gave_up", False)),
        )
    except (ValueError, KeyError, TypeError):
        return None


class Supervisor:
    """Runs `command` until it stops on purpose; see the module docstring for the rules."""

    def __init__(
        self,
        command: Sequence[str],
        data_dir: Path,
        *,
        env: dict[str, str] | None = None,
        backoff_s: Sequence[float] = BACKOFF_S,
        clock: Callable[[], float] = time.monotonic,
        log: Callable[[str], None] | None = None,
    ):
        self.command = list(command)
        self.data_dir = data_dir
        self.env = dict(os.environ if env is None else env, **{SUPERVISED_ENV: "1"})
        self.backoff_s = tuple(backoff_s)
        self.clock = clock
        self.log = log or (lambda line: print(f"desktop-agent supervisor: {line}", file=sys.stderr))
        self.child: subprocess.Popen[bytes] | None = None
        self._stop = threading.Event()

    def stop(self, signum: int = signal.SIGTERM) -> None:
        """Stop supervising and pass the signal on to the app, which then quits gracefully."""
        self._stop.set()
        child = self.child
        if child is not None and child.poll() is None:
            try:
                child.send_signal(signum)
            except ProcessLookupError:
                pass

    def install_signal_handlers(self) -> None:
        # SIGHUP does not exist on Windows, where the console's close event ends both processes.
        for name in ("SIGTERM", "SIGINT", "SIGHUP"):
            sig = getattr(signal, name, None)
            if sig is not None:
                signal.signal(sig, lambda signum, _frame: self.stop(signum))

    def run(self) -> int:
        crashes: deque[float] = deque()
        streak = 0
        while True:
            started = self.clock()
            self.child = subprocess.Popen(self.command, env=self.env)
            rc = self._wait(self.child)
            if self._stop.is_set() or rc in STOP_EXIT_CODES:
                return rc if rc >= 0 else 0
            now = self.clock()
            streak = 0 if now - started >= STABLE_AFTER_S else streak
            crashes.append(now)
            while crashes and now - crashes[0] > CRASH_WINDOW_S:
                crashes.popleft()
            gave_up = len(crashes) >= GIVE_UP_AFTER
            how = describe_exit(rc)
            notice = RestartNotice(
                stopped_at=datetime.now(UTC).isoformat(timespec="seconds"),
                how=how,
                restarts=len(crashes),
                gave_up=gave_up,
            )
            try:
                notice.write(self.data_dir)
            except OSError as exc:
                self.log(f"could not write the restart notice: {exc}")
            if gave_up:
                self.log(
                    f"the app stopped ({how}) {len(crashes)} times in "
                    f"{CRASH_WINDOW_S / 60:.0f} minutes; not restarting it again"
                )
                return 1
            delay = self.backoff_s[min(streak, len(self.backoff_s) - 1)]
            streak += 1
            self.log(f"the app stopped ({how}); starting it again in {delay:g} s")
            if self._stop.wait(delay):
                return 0

    def _wait(self, child: subprocess.Popen[bytes]) -> int:
        while True:
            try:
                return child.wait()
            except InterruptedError:  # pragma: no cover - PEP 475 retries for us
                continue


def child_command(argv: Sequence[str]) -> list[str]:
    """This installation's own launcher with the same arguments (the frozen app or `-m`)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *argv]
    return [sys.executable, "-m", "desktop_agent", *argv]


def should_supervise(environ: dict[str, str] | None = None) -> bool:
    """True unless this process is already the supervised child (or supervision is turned off)."""
    env = os.environ if environ is None else environ
    return env.get(SUPERVISED_ENV) not in ("1", "off")


def run_supervised(argv: Sequence[str], data_dir: Path) -> int:
    """Entry point for the GUI launcher: supervise `desktop-agent <argv>` until it stops on purpose."""
    data_dir.mkdir(parents=True, exist_ok=True)
    sup = Supervisor(child_command(argv), data_dir)
    sup.install_signal_handlers()
    return sup.run()

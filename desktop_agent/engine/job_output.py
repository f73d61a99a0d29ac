"""A job's output: read from both pipes at once, kept in a capped log, and read for progress.

Lines are split on `\\n`, `\\r\\n` and `\\r` (tqdm's redraws count as lines); a line longer than
`MAX_LINE_CHARS` is cut into pieces so a job printing without newlines cannot grow memory.
The log file keeps the last `LOG_KEEP_BYTES` behind a marker that says how much was dropped.
"""

from __future__ import annotations

import asyncio
import codecs
import os
import re
from collections import deque
from collections.abc import Callable
from pathlib import Path

MAX_LINE_CHARS = 8192  # a line longer than this is cut into pieces (keeps memory bounded)
LOG_KEEP_BYTES = 1024 * 1024  # the task log keeps the last 1 MiB of output (plus a cut marker)
TAIL_LINES = 20
_READ_SIZE = 64 * 1024
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_EXPLICIT = re.compile(r"\bprogress\s*[:=]\s*(\d+(?:\.\d+)?)", re.IGNORECASE)
_TQDM = re.compile(r"(\d+(?:\.\d+)?)\s*%\|")
_COUNTER = re.compile(
    r"\b(?:step|epoch|iter(?:ation)?|batch)\s*[:#]?\s*(\d+)\s*/\s*(\d+)", re.IGNORECASE
)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


def parse_progress(line: str) -> float | None:
    """How far along a script says it is (0..1), or None when the line does not say.

    Recognised, most specific first: `progress: 0.42` / `progress=42` (values
    above 1 are percent), tqdm bars, `step 42/100` / `epoch 3/10`, then a bare
    `42%`. The order matters: "epoch 3/10 acc 93%" is at epoch 3, not 93%.
    """
    if m := _EXPLICIT.search(line):
        value = float(m.group(1))
        value = value / 100 if value > 1 else value
    elif m := _TQDM.search(line):
        value = float(m.group(1)) / 100
    elif m := _COUNTER.search(line):
        total = int(m.group(2))
        if total == 0:
            return None
        value = int(m.group(1)) / total
    elif m := _PERCENT.search(line):
        value = float(m.group(1)) / 100
    else:
        return None
    return min(1.0, max(0.0, value))


class OutputCapture:
    """The reading half of a job run (runner.JobProcess): every line to the log, the tail,
    the caller's `on_output` and, when it says how far along it is, `on_progress`."""

    _tail: deque[str]
    on_output: Callable[[str, str], None] | None
    on_progress: Callable[[float], None] | None

    async def _read(self, stream: asyncio.StreamReader | None, name: str, log: CappedLog) -> None:
        assert stream is not None
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pending = ""
        while True:
            chunk = await stream.read(_READ_SIZE)
            pending += decoder.decode(chunk, final=not chunk)
            parts = _LINE_BREAK.split(pending)
            pending = (
                parts.pop()
            )  # a `\r\n` cut between reads yields a blank line, which is skipped
            while len(pending) > MAX_LINE_CHARS:
                parts.append(pending[:MAX_LINE_CHARS])
                pending = pending[MAX_LINE_CHARS:]
            if not chunk and pending:
                parts.append(pending)
            for line in parts:
                for start in range(0, max(1, len(line)), MAX_LINE_CHARS):
                    self._line(name, line[start : start + MAX_LINE_CHARS], log)
            if not chunk:
                return

    def _line(self, stream: str, line: str, log: CappedLog) -> None:
        if not line.strip():
            return
        self._tail.append(line)
        log.write(line + "\n")
        if self.on_output is not None:
            self.on_output(stream, line)
        if self.on_progress is not None:
            value = parse_progress(line)
            if value is not None:
                self.on_progress(value)


class CappedLog:
    """The task's log file, holding at most the last ~`LOG_KEEP_BYTES` of output.

    A job can print hundreds of MB; the file grows to twice the cap, then is cut back to its
    last `LOG_KEEP_BYTES` behind a line that says how much was dropped.
    """

    def __init__(self, path: Path, keep: int = LOG_KEEP_BYTES):
        self.path = path
        self.keep = keep
        self.dropped = 0

    def __enter__(self) -> CappedLog:
        self._fh = open(self.path, "a", encoding="utf-8", buffering=1)
        self._size = self._fh.tell()
        return self

    def write(self, text: str) -> None:
        """Append `text`; on a full disk the line is dropped (the in-memory tail still has it)."""
        try:
            self._fh.write(text)
            self._size += len(text.encode("utf-8", errors="replace"))
            if self._size > 2 * self.keep:
                self._cut()
        except OSError:
            self.dropped += len(text)

    def _cut(self) -> None:
        self._fh.close()
        with open(self.path, "rb") as fh:
            fh.seek(max(0, self._size - self.keep))
            tail = fh.read()
        start = tail.find(b"\n") + 1  # from a line boundary
        self.dropped += self._size - len(tail) + start
        marker = f"[... {self.dropped:,} bytes of output not kept ...]\n".encode()
        tmp = self.path.with_suffix(".cut")
        tmp.write_bytes(marker + tail[start:])
        os.replace(tmp, self.path)
        self._fh = open(self.path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 (closed in __exit__)
        self._size = self._fh.tell()

    def __exit__(self, *exc: object) -> None:
        try:
            self._fh.close()
        except OSError:  # the last buffered lines, on a full disk
            pass

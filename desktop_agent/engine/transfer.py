"""The monthly transfer count: bytes of job files down and results up, per local calendar month.

BOINC-style: a volunteer on a capped plan sets `monthly_transfer_mb`; once the month's total
reaches it, no new task is taken until the 1st of the next month. What is already in hand is
not cut off:

- a task taken before the limit was reached finishes, and its result is always sent (a
  finished result is never lost to the cap; its upload only counts);
- the server does not say how big a task is before it is taken (`request_task` gives only
  URLs), so the limit is checked before a task is taken, and the month's total may end above
  it by up to one task's files and result.

The count lives in the store (table `transfer`, one row per month), so a restart keeps it.
It is written in steps (`FLUSH_BYTES` or `FLUSH_S`, whichever comes first, and at every
upload and at shutdown), not per network read: a power cut may lose the last few MB of the
count, never the month's total.

A month is the local calendar month of the moment the bytes arrived (`clock`, injectable).
MB here are MiB, as in every other `*_mb` setting.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Protocol

from desktop_agent.engine import errors
from desktop_agent.engine.modes import Verdict
from desktop_agent.engine.reasons import Reason, ReasonCode, day_words, size_words

log = logging.getLogger("desktop_agent.engine")

MIB = 1024 * 1024
FLUSH_BYTES = 4 * MIB
FLUSH_S = 5.0


class CountStore(Protocol):
    """What the meter needs of engine/store.py's Store."""

    def add_transfer(self, month: str, down: int, up: int) -> None: ...

    def transfer(self, month: str) -> tuple[int, int]: ...


def local_now() -> datetime:
    return datetime.now().astimezone()


def month_key(now: datetime) -> str:
    return f"{now.year:04d}-{now.month:02d}"


def next_month(now: datetime) -> date:
    return date(now.year + 1, 1, 1) if now.month == 12 else date(now.year, now.month + 1, 1)


class TransferMeter:
    """Counts bytes as they move and says whether this month's limit is used up.

    Engine thread only (the store itself is thread-safe, so the GUI may read `Store.transfer`).
    """

    def __init__(
        self,
        store: CountStore | None,
        *,
        cap_mb: Callable[[], int],
        clock: Callable[[], datetime] = local_now,
        monotonic: Callable[[], float] = time.monotonic,
        say: Callable[[str, str], None] | None = None,
    ):
        self._store = store
        self._cap_mb = cap_mb
        self._clock = clock
        self._monotonic = monotonic
        self._month = ""
        self._stored = 0  # this month's total as the store has it
        self._down = 0  # counted, not yet written
        self._up = 0
        self._flushed_at = monotonic()
        self._say = say  # the engine's log (level, text): told once per month the limit is hit
        self._told = ""

    # --- counting ------------------------------------------------------------------------

    def downloaded(self, n: int) -> None:
        self._add(n, 0)

    def uploaded(self, n: int) -> None:
        self._add(0, n)
        self.flush()  # one write per result: an upload is rare and worth keeping at once

    def _add(self, down: int, up: int) -> None:
        self._roll()
        self._down += down
        self._up += up
        pending = self._down + self._up
        if pending >= FLUSH_BYTES or self._monotonic() - self._flushed_at >= FLUSH_S:
            self.flush()

    def flush(self) -> None:
        """Write what was counted since the last write (kept for the next try if that fails)."""
        self._flushed_at = self._monotonic()
        if not (self._down or self._up) or self._store is None:
            return
        try:
            self._store.add_transfer(self._month, self._down, self._up)
        except (sqlite3.Error, OSError, errors.AgentError) as exc:
            log.warning("could not save the transfer count (kept for the next try): %s", exc)
            return
        self._stored += self._down + self._up
        self._down = self._up = 0

    def _roll(self) -> None:
        """At the first count of a new month: write the old month's rest, read the new one's."""
        month = month_key(self._clock())
        if month == self._month:
            return
        if self._month:
            self.flush()
        self._month = month
        self._down = self._up = 0
        self._stored = sum(self._store.transfer(month)) if self._store is not None else 0

    # --- what it says ------------------------------------------------------------------

    def month_bytes(self) -> int:
        """Bytes down + up so far this (local) month, including what is not written yet."""
        self._roll()
        return self._stored + self._down + self._up

    def used_up(self) -> Reason | None:
        """The reason for "no new task" when this month's limit is reached; None otherwise."""
        cap = self._cap_mb()
        if cap <= 0 or self.month_bytes() < cap * MIB:
            return None
        resumes = next_month(self._clock())
        if self._say is not None and self._told != self._month:
            self._told = self._month
            self._say(
                "INFO",
                f"This month's transfer limit ({size_words(cap * MIB)}) is reached: no new task"
                f" until {day_words(resumes)}; a result in hand is still sent",
            )
        return Reason.of(
            ReasonCode.MONTHLY_LIMIT, limit=cap * MIB, day=resumes.day, month=resumes.month
        )

    def limit_verdict(self, verdict: Verdict) -> Verdict:
        """`verdict` with the monthly limit added to its reasons not to take new work."""
        why = self.used_up()
        if why is None or why in verdict.no_new_work:
            return verdict
        return replace(verdict, no_new_work=(*verdict.no_new_work, why))

    def summary(self) -> dict[str, int | str]:
        """For `desktop-agent status`: the month, its total, and the limit (0 = none)."""
        return {
            "month": month_key(self._clock()),
            "bytes": self.month_bytes(),
            "limit_mb": self._cap_mb(),
        }

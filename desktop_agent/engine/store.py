"""SQLite store: task history, the task in hand and the outbox, in one file.

long: one schema, its migrations and the queries on it; splitting them would scatter the
crash-safety rules (what is written, when, fsync'd) that have to be read together.

Every task the server hands us gets a row the moment it is assigned, and the
row's `phase` is saved on every transition (fsync'd: WAL + synchronous=FULL),
so after a crash the next start knows exactly what to do with it:

    assigned → fetched → ran → uploaded → completing → (outcome set: done)

A row with no `outcome` is open. Open rows in `uploaded`/`completing` are the
outbox: results that exist but that the server has not acknowledged. At most
one open row exists per (server, agent, task).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
import time
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop_agent.engine import errors
from desktop_agent.engine.text import printable

SCHEMA_VERSION = 7

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE tasks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        server TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        task_id INTEGER NOT NULL,
        job_id INTEGER,
        code_url TEXT NOT NULL,
        requirements_url TEXT NOT NULL,
        chunk_data_url TEXT NOT NULL,
        phase TEXT NOT NULL,
        started_at REAL NOT NULL,
        ended_at REAL,
        outcome TEXT,
        result_path TEXT,
        result_url TEXT,
        exit_code INTEGER,
        error TEXT,
        bytes_down INTEGER NOT NULL DEFAULT 0,
        bytes_up INTEGER NOT NULL DEFAULT 0,
        log_path TEXT,
        complete_sends INTEGER NOT NULL DEFAULT 0,
        resends INTEGER NOT NULL DEFAULT 0,
        runs INTEGER NOT NULL DEFAULT 0,
        env_key TEXT,
        script_sha256 TEXT,
        script_bytes INTEGER,
        data_bytes INTEGER,
        requirements TEXT
    );
    CREATE UNIQUE INDEX tasks_open ON tasks(server, agent_id, task_id) WHERE outcome IS NULL;
    CREATE INDEX tasks_started ON tasks(started_at);
    """,
    # What each task cost and how it was contained (transparency, energy, GPU accounting).
    2: """
    ALTER TABLE tasks ADD COLUMN sandbox TEXT;
    ALTER TABLE tasks ADD COLUMN energy_wh REAL;
    ALTER TABLE tasks ADD COLUMN energy_source TEXT;
    ALTER TABLE tasks ADD COLUMN peak_vram_mb REAL;
    ALTER TABLE tasks ADD COLUMN peak_rss_mb REAL;
    ALTER TABLE tasks ADD COLUMN cpu_seconds REAL;
    ALTER TABLE tasks ADD COLUMN torch_backend TEXT
    """,
    # What "did my completion land?" is decided from (engine/delivery.py), and a note for history.
    3: """
    ALTER TABLE tasks ADD COLUMN complete_baseline INTEGER;
    ALTER TABLE tasks ADD COLUMN complete_evidence TEXT;
    ALTER TABLE tasks ADD COLUMN note TEXT
    """,
    # Which mechanism enforced each resource limit (kernel cgroup or the agent's watchdog).
    4: """
    ALTER TABLE tasks ADD COLUMN limits TEXT
    """,
    # Time the app was not running while a task was open does not count as its duration.
    5: """
    ALTER TABLE tasks ADD COLUMN touched_at REAL;
    ALTER TABLE tasks ADD COLUMN away_s REAL NOT NULL DEFAULT 0
    """,
    # Bytes moved per local calendar month ("2026-12"), for the monthly cap (engine/transfer.py).
    6: """
    CREATE TABLE transfer (
        month TEXT PRIMARY KEY,
        bytes_down INTEGER NOT NULL DEFAULT 0,
        bytes_up INTEGER NOT NULL DEFAULT 0
    )
    """,
    # When a complete_task send that may still be at work on the server went out, so that the
    # next start waits only what is left of the late-landing grace (engine/task_completion.py).
    7: """
    ALTER TABLE tasks ADD COLUMN complete_sent_at REAL
    """,
}


class TaskPhase(StrEnum):
    """Where an open task stands; stored as its value, so old data folders read back the same."""

    ASSIGNED = "assigned"
    FETCHED = "fetched"
    RAN = "ran"  # a result (or a job fault) is safe outside the workspace
    UPLOADED = "uploaded"
    COMPLETING = "completing"  # a complete_task send may have gone out


OPEN_PHASES = tuple(TaskPhase)
OUTBOX_PHASES = (TaskPhase.UPLOADED, TaskPhase.COMPLETING)


@dataclass(frozen=True)
class TaskRow:
    id: int
    server: str
    agent_id: str
    task_id: int
    job_id: int | None
    code_url: str
    requirements_url: str
    chunk_data_url: str
    phase: TaskPhase
    started_at: float
    ended_at: float | None
    outcome: str | None
    result_path: str | None
    result_url: str | None
    exit_code: int | None
    error: str | None
    bytes_down: int
    bytes_up: int
    log_path: str | None
    complete_sends: int
    resends: int
    runs: int
    env_key: str | None
    script_sha256: str | None
    script_bytes: int | None
    data_bytes: int | None
    requirements: str | None
    sandbox: str | None = None  # "bwrap", "none (not available)", ...
    energy_wh: float | None = None  # None: not measured (never a guess)
    energy_source: str | None = None  # "nvml-counter", "nvml-power", "rapl", ...
    peak_vram_mb: float | None = None
    peak_rss_mb: float | None = None
    cpu_seconds: float | None = None
    torch_backend: str | None = None
    complete_baseline: int | None = None  # the job's completed count just before the last send
    complete_evidence: str | None = None  # this machine's server-side status seen after that send
    note: str | None = None  # what a person should know about how the task ended
    limits: str | None = None  # "memory: kernel (cgroup-v1 memory controller); processes: ..."
    touched_at: float | None = None  # wall time of the last write while this app held the task
    away_s: float = 0.0  # time the app was not running while the task was open
    # Wall time the late-landing grace of the last send counts from: its going out, or its
    # timeout; 0 once it came back in a way that rules a late landing out; None when unknown
    # (written before this column existed).
    complete_sent_at: float | None = None

    @property
    def duration_s(self) -> float | None:
        """Wall time from assignment to outcome, less the time the app was not running."""
        if self.ended_at is None:
            return None
        return max(0.0, self.ended_at - self.started_at - (self.away_s or 0.0))


HistoryRow = TaskRow

_COLUMNS = [f.name for f in fields(TaskRow)]


@dataclass(frozen=True)
class Totals:
    tasks_done: int  # completed + failed: work the server accepted
    compute_hours: float
    by_outcome: dict[str, int]
    energy_wh: float | None = (
        None  # summed over tasks with a reading; None: no task was ever measured
    )


class StoreError(RuntimeError):
    pass


class NewerSchema(StoreError, errors.DataFolderBroken):
    """The file was written by a newer version: refused, never migrated down or clobbered."""


class _Damaged(Exception):
    """The file is not a usable SQLite database (garbage, truncated, failed integrity check)."""


_DAMAGED_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
DISK_FULL_MESSAGE = (
    "The disk holding the data folder is full — free some space; the agent waits and tries again"
)


def _code(exc: sqlite3.Error) -> int | None:
    return getattr(exc, "sqlite_errorcode", None)


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.Error):
        return (_code(exc) or 0) & 0xFF == sqlite3.SQLITE_FULL
    return isinstance(exc, OSError) and exc.errno == errno.ENOSPC


class Store:
    """Thread-safe: the engine writes from its loop thread, the GUI reads from its own."""

    def __init__(self, path: Path):
        self.path = path
        self.recovered: str | None = None
        """Set when a damaged file was moved aside at open: the line to show the person."""
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._unusable(exc) from exc
        if path.is_dir():
            raise errors.DataFolderBroken(
                f"{path} is a folder, not the history file — move it out of the way and start again"
            )
        try:
            self._open()
        except _Damaged:
            if getattr(self, "_db", None) is not None:
                self._db.close()
            self.recovered = self._move_aside()
            self._open()

    def _open(self) -> None:
        try:
            self._db = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=30
            )
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA busy_timeout=30000")
            self._enable_wal()
            self._db.execute("PRAGMA synchronous=FULL")
            check = self._db.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise _Damaged(str(check[0] if check else "no answer"))
            self._migrate()
        except sqlite3.DatabaseError as exc:
            if _code(exc) in _DAMAGED_CODES:
                raise _Damaged(str(exc)) from exc
            raise self._unusable(exc) from exc
        except OSError as exc:
            raise self._unusable(exc) from exc

    def _unusable(self, exc: BaseException) -> errors.AgentError:
        if _is_disk_full(exc):
            return errors.DiskFull(DISK_FULL_MESSAGE)
        return errors.DataFolderBroken(
            f"{self.path} cannot be opened ({exc}) — check that the data folder is yours and writable"
        )

    def _move_aside(self) -> str:
        """Keep the damaged file (and its journal) for inspection under a dated name; start empty."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        broken = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = self.path.with_name(self.path.name + suffix)
            if source.exists():
                os.replace(source, broken.with_name(broken.name + suffix))
        return f"{self.path.name} is damaged — moved to {broken.name}; history restarts empty"

    # --- schema -------------------------------------------------------------

    def _enable_wal(self) -> None:
        """Switch to WAL once per file (it persists); the switch needs a moment alone with the file.

        The GUI opens the store to show history while the engine opens it to work: SQLite answers
        the loser of that race with an immediate "database is locked" rather than waiting.
        """
        deadline = time.monotonic() + 30.0
        while True:
            try:
                mode = self._db.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _migrate(self) -> None:
        """Bring the schema up to date; the version is read inside the write lock so two
        processes opening an old file at once cannot both run the same migration."""
        with self._lock:
            for version in range(1, SCHEMA_VERSION + 1):
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    self._db.execute(
                        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
                    )
                    row = self._db.execute(
                        "SELECT value FROM meta WHERE key='schema_version'"
                    ).fetchone()
                    current = int(row["value"]) if row else 0
                    if current > SCHEMA_VERSION:
                        raise NewerSchema(
                            f"{self.path} was written by a newer desktop-agent (schema {current}) "
                            "— update the app; the file was left as it is"
                        )
                    if current >= version:
                        self._db.execute("COMMIT")
                        continue
                    for statement in filter(str.strip, _MIGRATIONS[version].split(";")):
                        self._db.execute(statement)
                    self._db.execute(
                        "INSERT INTO meta(key, value) VALUES('schema_version', ?) "
                        "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                        (str(version),),
                    )
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise

    def schema_version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row["value"]) if row else 0

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- writes (each one durable before it returns) -------------------------

    def _write(self, sql: str, params: tuple[Any, ...] | dict[str, Any]) -> sqlite3.Cursor:
        with self._lock:
            try:
                return self._db.execute(sql, params)
            except (sqlite3.OperationalError, OSError) as exc:
                if _is_disk_full(exc):
                    raise errors.DiskFull(DISK_FULL_MESSAGE) from exc
                raise

    def open_task(
        self,
        *,
        server: str,
        agent_id: str,
        task_id: int,
        job_id: int | None,
        code_url: str,
        requirements_url: str,
        chunk_data_url: str,
    ) -> TaskRow:
        """Record an assignment; an existing open row for the same task is returned as is."""
        existing = self.find_open(server, agent_id, task_id)
        if existing is not None:
            return existing
        cur = self._write(
            "INSERT INTO tasks(server, agent_id, task_id, job_id, code_url, requirements_url,"
            " chunk_data_url, phase, started_at, touched_at) VALUES (?,?,?,?,?,?,?, 'assigned', ?, ?)",
            (
                server,
                agent_id,
                task_id,
                job_id,
                code_url,
                requirements_url,
                chunk_data_url,
                now := time.time(),
                now,
            ),
        )
        row = self.get(int(cur.lastrowid or 0))
        assert row is not None
        return row

    def update(self, row_id: int, **changes: Any) -> TaskRow:
        unknown = set(changes) - set(_COLUMNS)
        if unknown or "id" in changes:
            raise StoreError(f"cannot update {sorted(unknown | ({'id'} & set(changes)))}")
        changes.setdefault("touched_at", time.time())
        if isinstance(changes.get("error"), str):  # a job's stderr or a server's words: data
            changes["error"] = printable(changes["error"], keep_newlines=True)
        assignments = ", ".join(f"{k}=?" for k in changes)
        self._write(f"UPDATE tasks SET {assignments} WHERE id=?", (*changes.values(), row_id))
        row = self.get(row_id)
        assert row is not None
        return row

    def set_phase(self, row_id: int, phase: TaskPhase | str, **changes: Any) -> TaskRow:
        if phase not in OPEN_PHASES:
            raise StoreError(f"unknown phase {phase!r}")
        return self.update(row_id, phase=TaskPhase(phase), **changes)

    def record_complete_send(self, row_id: int, baseline: int | None = None) -> TaskRow:
        """Count a complete_task send *before* it goes out; any send after the first is a resend.

        `baseline` is the job's completed count read just before this send; the evidence of an
        earlier send no longer applies to this one and is cleared. The moment it goes out is
        kept (`complete_sent_at`): a next start judging it knows how long it has been."""
        now = time.time()
        self._write(
            "UPDATE tasks SET phase='completing', complete_sends = complete_sends + 1,"
            " resends = resends + (CASE WHEN complete_sends > 0 THEN 1 ELSE 0 END),"
            " complete_baseline = ?, complete_evidence = NULL, complete_sent_at = ?,"
            " touched_at=? WHERE id=?",
            (baseline, now, now, row_id),
        )
        row = self.get(row_id)
        assert row is not None
        return row

    def resume(self, row_id: int) -> TaskRow:
        """A task left open by an earlier run of the app is picked up again: the time since that
        run last wrote to it (the app was stopped or had crashed) is not the task's duration."""
        now = time.time()
        self._write(
            "UPDATE tasks SET away_s = away_s + MAX(0, ? - COALESCE(touched_at, ?)), touched_at=?"
            " WHERE id=?",
            (now, now, now, row_id),
        )
        row = self.get(row_id)
        assert row is not None
        return row

    def finish(self, row_id: int, outcome: str, **changes: Any) -> TaskRow:
        return self.update(row_id, outcome=outcome, ended_at=time.time(), **changes)

    def add_transfer(self, month: str, down: int, up: int) -> None:
        """Add to a month's byte counts (engine/transfer.py); durable before it returns."""
        self._write(
            "INSERT INTO transfer(month, bytes_down, bytes_up) VALUES (?,?,?) ON CONFLICT(month)"
            " DO UPDATE SET bytes_down = bytes_down + excluded.bytes_down,"
            " bytes_up = bytes_up + excluded.bytes_up",
            (month, int(down), int(up)),
        )

    # --- reads ----------------------------------------------------------------

    def transfer(self, month: str) -> tuple[int, int]:
        """(bytes down, bytes up) counted in `month` ("2026-12"); (0, 0) when none."""
        with self._lock:
            row = self._db.execute(
                "SELECT bytes_down, bytes_up FROM transfer WHERE month=?", (month,)
            ).fetchone()
        return (int(row["bytes_down"]), int(row["bytes_up"])) if row else (0, 0)

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[TaskRow]:
        with self._lock:
            cur = self._db.execute(sql, params)
            return [
                TaskRow(**{k: r[k] for k in _COLUMNS} | {"phase": TaskPhase(r["phase"])})
                for r in cur.fetchall()
            ]

    def get(self, row_id: int) -> TaskRow | None:
        rows = self._rows("SELECT * FROM tasks WHERE id=?", (row_id,))
        return rows[0] if rows else None

    def find_open(self, server: str, agent_id: str, task_id: int) -> TaskRow | None:
        rows = self._rows(
            "SELECT * FROM tasks WHERE outcome IS NULL AND server=? AND agent_id=? AND task_id=?",
            (server, agent_id, task_id),
        )
        return rows[0] if rows else None

    def open_tasks(self) -> list[TaskRow]:
        return self._rows("SELECT * FROM tasks WHERE outcome IS NULL ORDER BY id")

    def pending_results(self) -> int:
        """Results that exist but are not yet acknowledged (what a server switch would strand)."""
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*) AS n FROM tasks WHERE outcome IS NULL AND phase IN ('ran','uploaded','completing')"
            ).fetchone()
        return int(row["n"])

    def history(self, limit: int | None = None) -> list[TaskRow]:
        sql = "SELECT * FROM tasks ORDER BY started_at DESC, id DESC"
        if limit is not None:
            return self._rows(sql + " LIMIT ?", (int(limit),))
        return self._rows(sql)

    def totals(self) -> Totals:
        with self._lock:
            rows = self._db.execute(
                "SELECT outcome, COUNT(*) AS n,"
                " SUM(COALESCE(MAX(0, ended_at - started_at - away_s), 0)) AS secs"
                " FROM tasks WHERE outcome IS NOT NULL GROUP BY outcome"
            ).fetchall()
        by_outcome = {r["outcome"]: int(r["n"]) for r in rows}
        with (
            self._lock
        ):  # energy accounting (accounting.py): NULL means not measured, never counted as 0
            energy = self._db.execute(
                "SELECT SUM(energy_wh) AS wh FROM tasks WHERE energy_wh IS NOT NULL"
            ).fetchone()
        done_secs = sum(
            float(r["secs"] or 0) for r in rows if r["outcome"] in ("completed", "failed")
        )
        return Totals(
            tasks_done=by_outcome.get("completed", 0) + by_outcome.get("failed", 0),
            compute_hours=done_secs / 3600.0,
            by_outcome=by_outcome,
            energy_wh=None if energy["wh"] is None else float(energy["wh"]),
        )

    def compute_per_day(self, since: float) -> dict[str, float]:
        """Seconds of accepted work per local day ("2026-12-03"), for tasks ended at or after `since`.

        Summed by SQLite, so a chart of the last days costs one small answer however long the
        history is; counted as `totals()` counts (completed + failed, less the time away).
        """
        with self._lock:
            rows = self._db.execute(
                "SELECT date(ended_at, 'unixepoch', 'localtime') AS day,"
                " SUM(MAX(0, ended_at - started_at - COALESCE(away_s, 0))) AS secs"
                " FROM tasks WHERE outcome IN ('completed', 'failed') AND ended_at >= ?"
                " GROUP BY day",
                (float(since),),
            ).fetchall()
        return {str(r["day"]): float(r["secs"] or 0.0) for r in rows}

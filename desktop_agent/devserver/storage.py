"""SQLite storage for the devserver: owners, jobs, subtasks, agents and owner credits.

long: one schema and every query on it; the atomicity of assignment and credit depends on
reading those queries together.

One connection is shared by every request thread behind a lock, and every write runs inside
`BEGIN IMMEDIATE`. That is what makes task assignment atomic here, deliberately unlike the real
server (whose race can be switched back on with the `racy` fault). WAL keeps readers of the
database file (a developer poking at it with the sqlite3 shell) from blocking the server.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

PENDING = "PENDING"
RUNNING = "RUNNING"
COMPLETED = "COMPLETED"

CompleteOutcome = Literal["not_found", "not_assigned", "completed", "job_done"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    password TEXT NOT NULL,
    role TEXT NOT NULL,
    credits REAL NOT NULL DEFAULT 100.0
);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    merges INTEGER NOT NULL DEFAULT 0,
    merged_results INTEGER,
    created_at REAL NOT NULL,
    final_result_url TEXT,
    convergence_delta REAL
);
CREATE TABLE IF NOT EXISTS subtasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    chunk_index INTEGER NOT NULL,
    status TEXT NOT NULL,
    assigned_agent_id TEXT,
    assigned_at REAL,
    result_url TEXT,
    completed_at REAL
);
CREATE TABLE IF NOT EXISTS agents (
    id TEXT PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    gpu_model TEXT NOT NULL,
    ram_total TEXT NOT NULL,
    status TEXT NOT NULL,
    last_heartbeat REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS credits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id INTEGER NOT NULL,
    agent_id TEXT NOT NULL,
    owner_id INTEGER,
    at REAL NOT NULL
);
"""


# Columns added after the first release of the schema, for data folders made before them.
_ADDED_COLUMNS = (
    ("users", "credits", "REAL NOT NULL DEFAULT 100.0"),
    ("jobs", "final_result_url", "TEXT"),
    ("jobs", "convergence_delta", "REAL"),
    ("subtasks", "completed_at", "REAL"),
)


class DuplicateEmail(Exception):
    """Raised when an owner account with that email already exists."""


def job_dir(job_id: int) -> str:
    """Relative folder (under the files root, and under `/files/` in URLs) of a job's files."""
    return f"jobs/{job_id}"


def chunk_path(job_id: int, chunk_index: int) -> str:
    return f"{job_dir(job_id)}/chunk_{chunk_index}.csv"


def result_path(job_id: int, task_id: int) -> str:
    return f"{job_dir(job_id)}/results/{task_id}_model.pth"


def final_model_path(job_id: int) -> str:
    return f"{job_dir(job_id)}/final_model.pth"


def original_data_path(job_id: int) -> str:
    return f"{job_dir(job_id)}/data.csv"


class Storage:
    """The devserver's state: a SQLite file plus the served files, both under one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.files_root = data_dir / "files"
        self.files_root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(
            data_dir / "devserver.sqlite3", check_same_thread=False, isolation_level=None
        )
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.executescript(_SCHEMA)
        for table, column, decl in _ADDED_COLUMNS:
            have = {r["name"] for r in self._conn.execute(f"PRAGMA table_info({table})")}
            if column not in have:
                self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _write_file(self, relative: str, content: bytes) -> None:
        target = self.files_root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    # Owners -------------------------------------------------------------------------------

    def create_user(self, email: str, password: str, role: str) -> int:
        with self._tx() as conn:
            if conn.execute("SELECT 1 FROM users WHERE email = ?", (email,)).fetchone():
                raise DuplicateEmail(email)
            cursor = conn.execute(
                "INSERT INTO users (email, password, role) VALUES (?, ?, ?)",
                (email, password, role),
            )
            return int(cursor.lastrowid or 0)

    def user_id_for_email(self, email: str) -> int | None:
        with self._tx() as conn:
            row = conn.execute("SELECT id FROM users WHERE email = ?", (email,)).fetchone()
            return None if row is None else int(row["id"])

    def user(self, user_id: int) -> dict[str, Any] | None:
        with self._tx() as conn:
            row = conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
            return None if row is None else dict(row)

    def user_by_email(self, email: str) -> dict[str, Any] | None:
        with self._tx() as conn:
            row = conn.execute("SELECT * FROM users WHERE email = ?", (email,)).fetchone()
            return None if row is None else dict(row)

    def user_exists(self, user_id: int) -> bool:
        with self._tx() as conn:
            return (
                conn.execute("SELECT 1 FROM users WHERE id = ?", (user_id,)).fetchone() is not None
            )

    # Jobs ---------------------------------------------------------------------------------

    def create_job(
        self,
        user_id: int,
        title: str,
        code: bytes,
        requirements: bytes,
        chunks: list[bytes],
        now: float,
        data: bytes = b"",
    ) -> int:
        """Store the job's files and one PENDING subtask per chunk, all in one transaction."""
        with self._tx() as conn:
            cursor = conn.execute(
                "INSERT INTO jobs (user_id, title, status, created_at) VALUES (?, ?, ?, ?)",
                (user_id, title, PENDING, now),
            )
            job_id = int(cursor.lastrowid or 0)
            self._write_file(f"{job_dir(job_id)}/train.py", code)
            self._write_file(f"{job_dir(job_id)}/requirements.txt", requirements)
            self._write_file(original_data_path(job_id), data)
            for index, chunk in enumerate(chunks):
                self._write_file(chunk_path(job_id, index), chunk)
                conn.execute(
                    "INSERT INTO subtasks (job_id, chunk_index, status) VALUES (?, ?, ?)",
                    (job_id, index, PENDING),
                )
            return job_id

    def job(self, job_id: int) -> dict[str, Any] | None:
        """Everything known about a job, for tests (the HTTP job page shows only part of it)."""
        with self._tx() as conn:
            row = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                return None
            subtasks = [
                {
                    "id": sub["id"],
                    "chunk_index": sub["chunk_index"],
                    "status": sub["status"],
                    "assigned_agent_id": sub["assigned_agent_id"],
                    "result_url": sub["result_url"],
                    "completed_at": sub["completed_at"],
                }
                for sub in conn.execute(
                    "SELECT * FROM subtasks WHERE job_id = ? ORDER BY id", (job_id,)
                )
            ]
        statuses = [sub["status"] for sub in subtasks]
        return {
            "job_id": row["id"],
            "title": row["title"],
            "user_id": row["user_id"],
            "status": row["status"],
            "created_at": row["created_at"],
            "final_result_url": row["final_result_url"],
            "convergence_delta": row["convergence_delta"],
            "total": len(subtasks),
            "pending": statuses.count(PENDING),
            "running": statuses.count(RUNNING),
            "completed": statuses.count(COMPLETED),
            "merges": row["merges"],
            "merged_results": row["merged_results"],
            "subtasks": subtasks,
        }

    def jobs_of(self, user_id: int) -> list[int]:
        with self._tx() as conn:
            return [
                int(r["id"])
                for r in conn.execute(
                    "SELECT id FROM jobs WHERE user_id = ? ORDER BY id", (user_id,)
                )
            ]

    def subtask(self, task_id: int) -> dict[str, Any] | None:
        with self._tx() as conn:
            row = conn.execute("SELECT * FROM subtasks WHERE id = ?", (task_id,)).fetchone()
            return None if row is None else dict(row)

    # Agents -------------------------------------------------------------------------------

    def register_agent(
        self, agent_id: str, owner_id: int, gpu_model: str, ram_total: str, now: float
    ) -> Literal["created", "linked"]:
        """Create or re-link an agent; registering counts as a sign of life for the sweeper."""
        with self._tx() as conn:
            known = (
                conn.execute("SELECT 1 FROM agents WHERE id = ?", (agent_id,)).fetchone()
                is not None
            )
            if known:
                conn.execute(
                    "UPDATE agents SET owner_id = ?, gpu_model = ?, ram_total = ?, status = 'IDLE', "
                    "last_heartbeat = ? WHERE id = ?",
                    (owner_id, gpu_model, ram_total, now, agent_id),
                )
                return "linked"
            conn.execute(
                "INSERT INTO agents (id, owner_id, gpu_model, ram_total, status, last_heartbeat) "
                "VALUES (?, ?, ?, ?, 'IDLE', ?)",
                (agent_id, owner_id, gpu_model, ram_total, now),
            )
            return "created"

    def heartbeat(self, agent_id: str, status: str, now: float) -> bool:
        with self._tx() as conn:
            cursor = conn.execute(
                "UPDATE agents SET status = ?, last_heartbeat = ? WHERE id = ?",
                (status, now, agent_id),
            )
            return cursor.rowcount > 0

    def agent(self, agent_id: str) -> dict[str, Any] | None:
        with self._tx() as conn:
            row = conn.execute(
                "SELECT agents.*, users.email AS owner_email FROM agents "
                "LEFT JOIN users ON users.id = agents.owner_id WHERE agents.id = ?",
                (agent_id,),
            ).fetchone()
            return None if row is None else dict(row)

    def agents(
        self, *, seen_since: float | None = None, owner_id: int | None = None
    ) -> list[dict[str, Any]]:
        """Agent rows, oldest id first: those heard from since `seen_since`, or one owner's."""
        sql, params = "SELECT * FROM agents WHERE 1=1", []
        if seen_since is not None:
            sql += " AND last_heartbeat >= ?"
            params.append(seen_since)
        if owner_id is not None:
            sql += " AND owner_id = ?"
            params.append(owner_id)
        with self._tx() as conn:
            return [dict(r) for r in conn.execute(sql + " ORDER BY rowid", params)]

    def subtasks_of_owner(self, owner_id: int) -> list[dict[str, Any]]:
        """Every subtask assigned to one of this owner's agents."""
        with self._tx() as conn:
            return [
                dict(r)
                for r in conn.execute(
                    "SELECT subtasks.* FROM subtasks JOIN agents ON agents.id = subtasks.assigned_agent_id "
                    "WHERE agents.owner_id = ? ORDER BY subtasks.id",
                    (owner_id,),
                )
            ]

    def forget_agents(self) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM agents")

    # Tasks --------------------------------------------------------------------------------

    def assign_task(self, agent_id: str, now: float, racy: bool) -> dict[str, Any] | None:
        """Hand the first PENDING subtask to `agent_id` (which need not exist, as on the real server).

        With `racy`, a RUNNING subtask may be handed out again, reproducing what the real server's
        unlocked read-then-write does when two agents ask at the same instant.
        """
        wanted = (PENDING, RUNNING) if racy else (PENDING,)
        marks = ", ".join("?" for _ in wanted)
        with self._tx() as conn:
            row = conn.execute(
                f"SELECT id, job_id, chunk_index FROM subtasks WHERE status IN ({marks}) ORDER BY id LIMIT 1",
                wanted,
            ).fetchone()
            if row is None:
                return None
            conn.execute(
                "UPDATE subtasks SET status = ?, assigned_agent_id = ?, assigned_at = ? WHERE id = ?",
                (RUNNING, agent_id, now, row["id"]),
            )
            conn.execute(
                "UPDATE agents SET status = 'BUSY', last_heartbeat = ? WHERE id = ?",
                (now, agent_id),
            )
            conn.execute(
                "UPDATE jobs SET status = ? WHERE id = ? AND status = ?",
                (RUNNING, row["job_id"], PENDING),
            )
            return dict(row)

    def complete_task(
        self, agent_id: str, task_id: int, result_url: str, now: float
    ) -> CompleteOutcome:
        """Accept a completion and credit the owner; deliberately not idempotent, like the real server."""
        with self._tx() as conn:
            row = conn.execute(
                "SELECT job_id, assigned_agent_id FROM subtasks WHERE id = ?", (task_id,)
            ).fetchone()
            if row is None:
                return "not_found"
            if row["assigned_agent_id"] != agent_id:
                return "not_assigned"
            conn.execute(
                "UPDATE subtasks SET status = ?, result_url = ?, completed_at = ? WHERE id = ?",
                (COMPLETED, result_url, now, task_id),
            )
            conn.execute(
                "UPDATE agents SET status = 'IDLE', last_heartbeat = ? WHERE id = ?",
                (now, agent_id),
            )
            owner = conn.execute("SELECT owner_id FROM agents WHERE id = ?", (agent_id,)).fetchone()
            owner_id = None if owner is None else owner["owner_id"]
            conn.execute(
                "INSERT INTO credits (task_id, agent_id, owner_id, at) VALUES (?, ?, ?, ?)",
                (task_id, agent_id, owner_id, now),
            )
            conn.execute("UPDATE users SET credits = credits + 1 WHERE id = ?", (owner_id,))
            unfinished = conn.execute(
                "SELECT COUNT(*) FROM subtasks WHERE job_id = ? AND status != ?",
                (row["job_id"], COMPLETED),
            ).fetchone()[0]
            return "completed" if unfinished else "job_done"

    def record_merge(self, job_id: int, final_result_url: str) -> None:
        """The second commit: the job COMPLETED with its merged model. Like the real merge,
        results completed with "" are skipped."""
        with self._tx() as conn:
            merged = conn.execute(
                "SELECT COUNT(*) FROM subtasks WHERE job_id = ? AND result_url != ''", (job_id,)
            ).fetchone()[0]
            conn.execute(
                "UPDATE jobs SET status = ?, merges = merges + 1, merged_results = ?, "
                "final_result_url = ?, convergence_delta = ? WHERE id = ?",
                (COMPLETED, merged, final_result_url, 0.0, job_id),
            )

    def credits(self, task_id: int) -> int:
        with self._tx() as conn:
            return int(
                conn.execute(
                    "SELECT COUNT(*) FROM credits WHERE task_id = ?", (task_id,)
                ).fetchone()[0]
            )

    def sweep(self, requeue_after: float, now: float) -> list[int]:
        """Requeue RUNNING subtasks whose agent has been silent too long; mark silent agents OFFLINE.

        An agent's clock is its last heartbeat, register or assignment. A subtask handed to an id
        that is not (or no longer) registered is judged by its assignment time instead.
        """
        cutoff = now - requeue_after
        with self._tx() as conn:
            stale = [
                int(row["id"])
                for row in conn.execute(
                    "SELECT subtasks.id FROM subtasks LEFT JOIN agents ON agents.id = subtasks.assigned_agent_id "
                    "WHERE subtasks.status = ? AND COALESCE(agents.last_heartbeat, subtasks.assigned_at) < ?",
                    (RUNNING, cutoff),
                )
            ]
            for task_id in stale:
                conn.execute(
                    "UPDATE subtasks SET status = ?, assigned_agent_id = NULL, assigned_at = NULL WHERE id = ?",
                    (PENDING, task_id),
                )
            conn.execute(
                "UPDATE agents SET status = 'OFFLINE' WHERE last_heartbeat < ? AND status != 'OFFLINE'",
                (cutoff,),
            )
            return stale

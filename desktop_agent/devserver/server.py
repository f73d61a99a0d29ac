"""`DevServer`: the reference backend in a background thread, for tests, the demo and the CLI."""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import uvicorn

from .app import create_app
from .connections import ConnectionRegistry
from .context import AppContext
from .faults import Faults
from .recorder import Call, Recorder
from .routes.agent import normalise_email
from .routes.jobs import create_job
from .storage import Storage

BUYER_EMAIL = "buyer@example.com"
_STARTUP_TIMEOUT = 10.0
# uvicorn waits this long for busy connections before cancelling their requests.
_GRACEFUL_STOP = 1


class DevServer:
    """A faithful stand-in for the real backend, listening on loopback.

    The data folder (SQLite file and served files) outlives `stop()`, so `stop(); start()`
    models a server that goes down and comes back with its state. The port is fixed at the
    first `start()` (port 0 picks a free one) and reused afterwards, so URLs stay valid.
    """

    def __init__(
        self,
        data_dir: Path | str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        requeue_after: float = 600.0,
        sweep_interval: float = 60.0,
        faults_enabled: bool = False,
        chunks: int = 5,
        merge_delay: float = 0.0,
        log_level: str = "warning",
    ) -> None:
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None
        if data_dir is None:
            self._tempdir = tempfile.TemporaryDirectory(
                prefix="devserver-", ignore_cleanup_errors=True
            )
            data_dir = self._tempdir.name
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.host = host
        self.port = port
        self.requeue_after = requeue_after
        self.sweep_interval = sweep_interval
        self.chunks = chunks
        self.merge_delay = merge_delay
        self.log_level = log_level
        self.storage = Storage(self.data_dir)
        self._faults = Faults(self.storage) if faults_enabled else None
        if self._faults is not None:
            self._faults.on_kill = self._crash
        self._recorder = Recorder()
        self._connections = ConnectionRegistry()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._lifecycle = threading.Lock()

    # Lifecycle ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL without a trailing slash; known before start when the port was given."""
        if self.port == 0:
            raise RuntimeError("the port is chosen at the first start(); start the server first")
        # A wildcard bind is still reached through loopback from this machine.
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        host = "[::1]" if host == "::" else (f"[{host}]" if ":" in host else host)
        return f"http://{host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _bind(self) -> socket.socket:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # proto must be explicit: asyncio only sets TCP_NODELAY on accepted sockets whose proto is
        # IPPROTO_TCP, and without it every response waits ~40 ms for a delayed ACK.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        return sock

    def start(self) -> None:
        """Bind, serve in a background thread and return once connections are accepted."""
        with self._lifecycle:
            if self.running:
                return
            sock = self._bind()
            context = AppContext(
                self.storage, self.url, self.chunks, self.merge_delay, self._faults
            )
            app = create_app(
                context, self._recorder, self._connections, self.requeue_after, self.sweep_interval
            )
            config = uvicorn.Config(
                app,
                http=self._connections.protocol_class(),
                ws="none",
                lifespan="on",
                log_level=self.log_level,
                access_log=False,
                timeout_graceful_shutdown=_GRACEFUL_STOP,
            )
            server = uvicorn.Server(config)
            thread = threading.Thread(
                target=server.run,
                kwargs={"sockets": [sock]},
                name=f"devserver:{self.port}",
                daemon=True,
            )
            thread.start()
            deadline = time.monotonic() + _STARTUP_TIMEOUT
            while not server.started:
                if not thread.is_alive() or time.monotonic() > deadline:
                    server.should_exit = True
                    sock.close()
                    raise RuntimeError(f"devserver failed to start on {self.url}")
                time.sleep(0.01)
            self._server, self._thread = server, thread

    def stop(self) -> None:
        """Shut down within about two seconds, even while requests hang; keeps the data."""
        with self._lifecycle:
            server, thread = self._server, self._thread
            self._server = self._thread = None
            if server is None or thread is None:
                return
            server.should_exit = True
            thread.join(_GRACEFUL_STOP + 0.5)
            if thread.is_alive():
                # Only a request stuck in a worker thread (a long merge_delay) gets here; the
                # daemon thread is left to finish it, and the port is already free again.
                server.force_exit = True
                thread.join(0.5)

    def _crash(self, down_for: float) -> None:
        """A kill fault fired: go away now, come back after `down_for` seconds (own thread,
        since this is called from inside the request being killed)."""

        def bounce() -> None:
            self.stop()
            time.sleep(down_for)
            self.start()

        threading.Thread(target=bounce, name=f"devserver-crash:{self.port}", daemon=True).start()

    def close(self) -> None:
        """Stop and release the database; a temporary data folder is deleted."""
        self.stop()
        self.storage.close()
        if self._tempdir is not None:
            self._tempdir.cleanup()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # Seeding ------------------------------------------------------------------------------

    def add_owner(self, email: str, role: str = "seller", password: str = "devserver") -> int:
        """Create an owner account (or return the existing one's id, so seeding can be repeated)."""
        normalised = normalise_email(email)
        existing = self.storage.user_id_for_email(normalised)
        if existing is not None:
            return existing
        return self.storage.create_user(normalised, password, role)

    def submit_job(
        self,
        folder: Path | str | None = None,
        *,
        code: bytes | None = None,
        requirements: bytes | None = None,
        data: bytes | None = None,
        title: str = "Sample job",
        chunks: int | None = None,
    ) -> int:
        """Create a job owned by buyer@example.com, split like an upload.

        Files come from `folder` (`train.py`, `requirements.txt`, `data.csv`); explicit bytes
        override the folder's, so a test can vary one file of the sample job.
        """
        source = None if folder is None else Path(folder)

        def pick(given: bytes | None, name: str) -> bytes:
            if given is not None:
                return given
            if source is None:
                raise ValueError(f"no folder given and no bytes for {name}")
            return (source / name).read_bytes()

        owner_id = self.add_owner(BUYER_EMAIL, role="buyer")
        return create_job(
            self.storage,
            owner_id,
            title,
            pick(code, "train.py"),
            pick(requirements, "requirements.txt"),
            pick(data, "data.csv"),
            chunks or self.chunks,
        )

    # Observation --------------------------------------------------------------------------

    @property
    def faults(self) -> Faults:
        if self._faults is None:
            raise RuntimeError("fault injection is off; construct DevServer(faults_enabled=True)")
        return self._faults

    def calls(self, path: str | None = None) -> list[Call]:
        """Recorded /agent/* and /files/* requests, oldest first; `path` filters exactly or by folder."""
        return self._recorder.calls(path)

    def credits(self, task_id: int) -> int:
        """How many complete_task calls for this task were accepted (each credits the owner)."""
        return self.storage.credits(task_id)

    def job(self, job_id: int) -> dict[str, Any]:
        job = self.storage.job(job_id)
        if job is None:
            raise KeyError(job_id)
        return job

    def subtask(self, task_id: int) -> dict[str, Any]:
        subtask = self.storage.subtask(task_id)
        if subtask is None:
            raise KeyError(task_id)
        return subtask

    def subtasks(self, job_id: int) -> list[dict[str, Any]]:
        """Every subtask of a job (id, chunk_index, status, assigned_agent_id, result_url,
        completed_at): the per-subtask view the real job page does not offer over HTTP."""
        return list(self.job(job_id)["subtasks"])

    def wallet(self, user_id: int) -> float:
        """The owner's credits (new accounts start at 100.0; each accepted completion adds 1)."""
        user = self.storage.user(user_id)
        if user is None:
            raise KeyError(user_id)
        return float(user["credits"])

    def agent(self, agent_id: str) -> dict[str, Any] | None:
        return self.storage.agent(agent_id)

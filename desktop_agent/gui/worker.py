"""The one bridge between the engine (asyncio, its own thread) and Qt.

`EngineThread.run()` builds the agent and runs `asyncio.run(agent.run())`. Building it
there keeps the engine's imports (HTTP client, store, sandbox: a few hundred ms) off the GUI
thread, so the tray icon is up before they finish. Commands that arrive while the agent is
being built are kept and given to it, in order, before its loop starts. The agent's `emit`
callback is `EngineBridge.emit_event`, called on the engine thread: it only
emits a Qt signal, and because every receiver lives on the GUI thread Qt
queues the delivery there. Commands go the other way through the Agent's own
thread-safe methods (`pause`, `resume`, `stop` use `call_soon_threadsafe`), not
through slots on the thread object, whose thread is busy running the loop.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, ClassVar
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from desktop_agent.config import DataPaths, Settings
from desktop_agent.engine.events import (
    AgentState,
    Event,
    HeartbeatSent,
    LogLine,
    PhaseProgress,
    ProblemCleared,
    JobDescribed,
    ProblemRaised,
    RetryScheduled,
    StateChanged,
    TaskFinished,
    TaskStarted,
)

log = logging.getLogger(__name__)

AgentFactory = Callable[..., Any]


def forget_module_sources() -> None:
    """Drop the source text PySide6 cached for every module imported after it (~14 MiB here).

    PySide6's import hook reads each newly imported module's source (`inspect.getsource`, to
    look for `from __feature__ import`) and `linecache` keeps it for the life of the process.
    The app never needs it: a traceback reads the lines again. Called after the big imports
    (the engine, the dashboard). A frozen build has no sources, so there it frees nothing.
    """
    import linecache

    linecache.clearcache()


def _default_agent_factory(
    settings: Settings, paths: DataPaths, *, emit: Callable[[Event], None]
) -> Any:
    from desktop_agent.engine.loop import (
        Agent,
    )  # imported late: the GUI starts before the engine loads

    return Agent(settings, paths, emit=emit)


class EngineThread(QThread):
    """Runs the engine's asyncio loop; reports a crash instead of dying silently."""

    crashed = Signal(str)

    def __init__(self, make_agent: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._make_agent = make_agent
        self.setObjectName("engine")

    def run(self) -> None:  # engine thread
        try:
            import asyncio  # here, not at the top: the GUI thread never needs it

            agent = self._make_agent()
            asyncio.run(agent.run())
        except Exception as exc:  # pragma: no cover - depends on engine bugs
            log.exception("engine stopped with an error")
            self.crashed.emit(f"{type(exc).__name__}: {exc}")


class EngineBridge(QObject):
    """Engine events as Qt signals, plus the commands the GUI may send."""

    # One signal per event type; each carries the frozen event dataclass.
    state_changed = Signal(object)
    task_started = Signal(object)
    phase_progress = Signal(object)
    log_line = Signal(object)
    task_finished = Signal(object)
    problem_raised = Signal(object)
    problem_cleared = Signal(object)
    heartbeat_sent = Signal(object)
    retry_scheduled = Signal(object)
    job_described = Signal(object)
    # The engine thread has ended (after a graceful stop, or a crash).
    engine_stopped = Signal()
    engine_crashed = Signal(str)

    _SIGNAL_FOR: ClassVar[dict[type, str]] = {
        StateChanged: "state_changed",
        TaskStarted: "task_started",
        PhaseProgress: "phase_progress",
        LogLine: "log_line",
        TaskFinished: "task_finished",
        ProblemRaised: "problem_raised",
        ProblemCleared: "problem_cleared",
        HeartbeatSent: "heartbeat_sent",
        RetryScheduled: "retry_scheduled",
        JobDescribed: "job_described",
    }

    def __init__(self, parent: QObject | None = None, *, agent_factory: AgentFactory | None = None):
        super().__init__(parent)
        self._factory = agent_factory or _default_agent_factory
        self._agent: Any = None
        self._thread: EngineThread | None = None
        self._lock = threading.Lock()  # guards _agent and _pending across the two threads
        self._pending: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.state: AgentState = AgentState.STOPPED
        self.state_changed.connect(self._remember_state)

    # --- engine thread side -------------------------------------------------
    def emit_event(self, event: Event) -> None:
        """The Agent's `emit` sink. Safe to call from any thread."""
        name = self._SIGNAL_FOR.get(type(event))
        if name is not None:
            getattr(self, name).emit(event)

    # --- GUI thread side ----------------------------------------------------
    def _remember_state(self, event: StateChanged) -> None:
        self.state = event.state

    @property
    def agent(self) -> Any:
        return self._agent

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start(self, settings: Settings, paths: DataPaths) -> None:
        if self.is_running():
            raise RuntimeError("the engine is already running")
        with self._lock:
            self._agent = None
            self._pending = []

        def make_agent() -> Any:  # engine thread
            agent = self._factory(settings, paths, emit=self.emit_event)
            forget_module_sources()
            with self._lock:
                self._agent = agent
                pending, self._pending = self._pending, []
            # Before its loop runs, the agent applies commands at once, in this thread.
            for name, args, kwargs in pending:
                if hasattr(agent, name):
                    getattr(agent, name)(*args, **kwargs)
            return agent

        thread = EngineThread(make_agent)
        thread.crashed.connect(self.engine_crashed)
        thread.finished.connect(self._on_thread_finished)
        self._thread = thread
        self.state = AgentState.STARTING
        thread.start()

    def _on_thread_finished(self) -> None:
        self.state = AgentState.STOPPED
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.deleteLater()
        self.engine_stopped.emit()

    def _command(self, name: str, *args: Any, **kwargs: Any) -> None:
        """Call the agent's thread-safe `name`; kept for it while it is still being built."""
        with self._lock:
            agent = self._agent
            if agent is None:
                if self.is_running():
                    self._pending.append((name, args, kwargs))
                return
        if hasattr(agent, name):  # a test's stand-in agent may lack some commands
            getattr(agent, name)(*args, **kwargs)

    def pause(self) -> None:
        self._command("pause")

    def resume(self) -> None:
        self._command("resume")

    def snooze(self, how: float | str) -> None:
        """Contribution controls: `how` is seconds, or "tomorrow"."""
        if isinstance(how, str):
            self._command("snooze", until=how)
        else:
            self._command("snooze", float(how))

    def finish_then_pause(self) -> None:
        self._command("finish_then_pause")

    def retry_now(self) -> None:
        """Try the server again at once ("Retry now"), cutting the current wait short."""
        self._command("retry_now")

    def update_settings(self, settings: Settings) -> None:
        self._command("update_settings", settings)

    def stop(self) -> None:
        """Ask for a graceful stop; `engine_stopped` follows when the thread ends."""
        if self.is_running():
            self._command("stop")

    def wait(self, timeout_ms: int) -> bool:
        """Block until the engine thread ends (for shutdown paths); True if it did."""
        thread = self._thread
        if thread is None:
            return True
        return thread.wait(timeout_ms)

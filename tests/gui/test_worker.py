"""The engine bridge builds the agent on the engine thread and loses no command sent meanwhile."""

from __future__ import annotations

import asyncio
import threading

from desktop_agent.config import Settings
from desktop_agent.gui.worker import EngineBridge


class _Agent:
    """A stand-in agent that records its commands and runs until stopped."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []
        self.built_on = threading.current_thread()
        self._stopped = threading.Event()
        self.running = threading.Event()

    def pause(self) -> None:
        self.calls.append(("pause", self.running.is_set()))

    def snooze(self, seconds: float | None = None, *, until: str | None = None) -> None:
        self.calls.append(("snooze", until or seconds))

    def stop(self) -> None:
        self.calls.append(("stop", self.running.is_set()))
        self._stopped.set()

    async def run(self) -> None:
        self.running.set()
        await asyncio.to_thread(self._stopped.wait)


def test_agent_is_built_off_the_gui_thread_and_gets_early_commands_in_order(qtbot, paths):
    release = threading.Event()
    made: list[_Agent] = []

    def factory(settings, paths, *, emit):
        release.wait(10)  # the engine's imports, slowed down
        made.append(_Agent())
        return made[0]

    bridge = EngineBridge(agent_factory=factory)
    bridge.start(Settings(), paths)
    assert bridge.agent is None  # still being built: start() did not wait for it
    bridge.pause()
    bridge.snooze("tomorrow")
    release.set()
    qtbot.waitUntil(lambda: bridge.agent is not None and made[0].running.is_set(), timeout=5000)
    agent = made[0]
    assert agent.built_on is not threading.main_thread()
    assert agent.calls == [("pause", False), ("snooze", "tomorrow")]
    with qtbot.waitSignal(bridge.engine_stopped, timeout=5000):
        bridge.stop()
    assert agent.calls[-1] == ("stop", True)


def test_stop_while_the_agent_is_being_built_still_stops_it(qtbot, paths):
    release = threading.Event()

    def factory(settings, paths, *, emit):
        release.wait(10)
        return _Agent()

    bridge = EngineBridge(agent_factory=factory)
    bridge.start(Settings(), paths)
    with qtbot.waitSignal(bridge.engine_stopped, timeout=5000):
        bridge.stop()
        release.set()
    assert bridge.agent.calls == [("stop", False)]

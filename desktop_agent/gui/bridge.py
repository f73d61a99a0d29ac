"""Where `engine/events.py` points: the engine→Qt bridge lives in `gui/worker.py`."""

from desktop_agent.gui.worker import EngineBridge, EngineThread

__all__ = ["EngineBridge", "EngineThread"]

"""The project's reference backend: a faithful, self-contained stand-in for the real server.

It shares no code with the agent engine on purpose, so that a misreading of the protocol
cannot hide in both. See README.md in this folder for running it and for curl examples.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .faults import Faults
    from .recorder import Call
    from .server import DevServer

__all__ = ["Call", "DevServer", "Faults"]

_HOMES = {"Call": ".recorder", "DevServer": ".server", "Faults": ".faults"}


def __getattr__(name: str) -> Any:
    """Load FastAPI and uvicorn on first use: the agent's CLI imports this package for its flags,
    and a headless agent that never serves should not carry ~18 MB of web framework."""
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

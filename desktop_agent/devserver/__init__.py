"""The project's reference backend: a faithful, self-contained stand-in for the real server.

It shares no code with the agent engine on purpose, so that a misreading of the protocol
cannot hide in both. See README.md in this folder for running it and for curl examples.
"""

from .faults import Faults
from .recorder import Call
from .server import DevServer

__all__ = ["Call", "DevServer", "Faults"]

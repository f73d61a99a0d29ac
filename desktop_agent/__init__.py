"""desktop-agent: lend this computer's CPU/GPU to train slices of other people's ML jobs."""

__version__ = "0.1.0"

"""Where bundled resources live, whether installed, run from a checkout, or frozen.

The repository keeps them at the top level (`resources/`) where designers and the
packaging scripts expect them; an installed wheel carries them as the
`desktop_agent.resources` package, and a PyInstaller bundle unpacks them next to
the executable (`sys._MEIPASS/resources`).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if (checkout / "sample_job").is_dir():
        return checkout
    try:
        import desktop_agent.resources as packaged  # installed wheel

        return Path(next(iter(packaged.__path__)))
    except (ImportError, StopIteration):
        return checkout


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_job_dir() -> Path:
    return resource_path("sample_job")

"""Keep PySide6's import hook from leaving every module's source text in memory.

Once PySide6 is imported, its import hook looks at each newly imported module to learn whether
that module uses PySide6 (for `from __feature__ import ...`, which this app never uses). It does
so with `inspect.getsource`, and `linecache` then holds the whole source of every module the app
imports afterwards — the engine, httpx, asyncio: about a megabyte of text in the idle tray app,
kept for the life of the process (clearing it later returns little: the freed blocks stay with
the interpreter). The replacement gives the hook the same answer, a search of the module's file
for "PySide6", without caching the text. Where the hook is not there (another PySide6 version),
nothing changes.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _mentions_pyside(module: ModuleType) -> bool:
    """What PySide6's own check answers (its source contains "PySide6"), read without a cache."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # no source to search: the hook's own check says False here too
    try:
        with open(path, "rb") as f:
            return b"PySide6" in f.read()
    except OSError:
        return False


def stop_caching_sources() -> bool:
    """Swap the hook's source check for one that caches nothing; True when the hook was there."""
    import PySide6.QtCore  # noqa: F401  # installs the hook (and shibokensupport) on first import

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", _mentions_pyside)  # noqa: B010  # a module mypy cannot see
    return True

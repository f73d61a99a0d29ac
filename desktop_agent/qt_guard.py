"""Refuse Qt bindings known to corrupt the interpreter, at build time and at start.

PySide6 6.12 on Python < 3.12 loses a reference to `None` on most void Qt calls and to `True` on
every signal emit; when a count reaches zero the interpreter aborts (`none_dealloc`). From Python
3.12 on these objects are immortal and the same release is harmless. pyproject.toml keeps pip from
choosing such a combination; this module catches the ones that get here anyway (a hand-installed
wheel, a build machine's stale environment). It imports nothing from Qt itself.
"""

from __future__ import annotations

import sys

# First PySide6 release known to leak on Python < 3.12. No later release has been shown not to,
# so everything from it on is treated as leaking there.
FIRST_LEAKING = (6, 12)


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def leaking_combination(pyside_version: str, python: tuple[int, int]) -> bool:
    """True when this PySide6 release on this Python loses references to None/True/False."""
    return python < (3, 12) and _version_tuple(pyside_version)[:2] >= FIRST_LEAKING


def installed_pyside_version() -> str | None:
    # Once PySide6 is imported (the app's start) its own version string is free; the metadata
    # lookup imports importlib.metadata and scans the installed distributions (~40 ms).
    version = getattr(sys.modules.get("PySide6"), "__version__", None)
    if isinstance(version, str):
        return version
    from importlib import metadata

    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return None


def problem() -> str | None:
    """A sentence for the log or the build when this environment has a leaking binding, else None."""
    version = installed_pyside_version()
    if version is None or not leaking_combination(version, sys.version_info[:2]):
        return None
    return (
        f"PySide6 {version} on Python {sys.version_info[0]}.{sys.version_info[1]} loses references "
        "to None/True and makes the app abort after a while; install PySide6-Essentials<6.12 "
        "(pip install 'PySide6-Essentials<6.12') or use Python 3.12 or later"
    )

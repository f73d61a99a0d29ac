"""Sizes in the volunteer's units: "5 GB", "1,2 Go", "300 MB" — the unit through the catalogue.

French writes octets (Go, Mo, Ko), so a unit is a translated string, never a constant glued to
a number; the number keeps the engine's rounding (reasons.size_number). A no-break space keeps
the number and its unit on one line.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from desktop_agent.engine.reasons import MIB, size_number

NBSP = "\u00a0"
_FIXED = re.compile(r"\.(?P<places>\d+)f")


class LocalNumber(float):
    """A number that writes itself with the app's decimal mark: "{s:.1f}" gives 93,5 in German.

    The catalogues keep Python's format specs ("{s:.1f} s"), so a translator sees the
    precision; only the mark (and digit grouping) comes from the locale.
    """

    def __format__(self, spec: str) -> str:
        fixed = _FIXED.fullmatch(spec)
        if fixed is None:
            return super().__format__(spec)
        return QLocale().toString(float(self), "f", int(fixed["places"]))


_UNITS = {
    "B": QT_TRANSLATE_NOOP("Units", "{n} B"),
    "KB": QT_TRANSLATE_NOOP("Units", "{n} KB"),
    "MB": QT_TRANSLATE_NOOP("Units", "{n} MB"),
    "GB": QT_TRANSLATE_NOOP("Units", "{n} GB"),
    "TB": QT_TRANSLATE_NOOP("Units", "{n} TB"),
}


def with_unit(number: str, unit: str) -> str:
    """ "5 GB" in the app's language ("5 Go" in French, "1,2 GB" in German).

    `number` is written with a decimal point; the app's locale gives the mark it reads.
    """
    number = number.replace(".", QLocale().decimalPoint())
    return (
        QCoreApplication.translate("Units", str(_UNITS[unit])).format(n=number).replace(" ", NBSP)
    )


def size_text(n_bytes: float) -> str:
    """ "5 GB", "1.2 GB", "300 MB", "12 KB" (binary units, as the settings use)."""
    if n_bytes >= 1024 * MIB:
        return with_unit(size_number(n_bytes / (1024 * MIB)), "GB")
    if n_bytes >= MIB:
        return with_unit(size_number(n_bytes / MIB), "MB")
    return with_unit(size_number(n_bytes / 1024), "KB")


def bytes_text(n: float | None, *, places: int = 1) -> str:
    """ "812 B", "40 KB", "3.1 GB" (memory figures); "—" when unknown."""
    if n is None:
        return "—"
    value = float(n)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(value) < 1024 or unit == "TB":
            return with_unit(f"{value:.0f}" if unit in ("B", "KB") else f"{value:.{places}f}", unit)
        value /= 1024
    return with_unit(f"{value:.{places}f}", "TB")

"""Durations and moments in a volunteer's words: "2 min 05 s", "Today 09:12", "Yesterday 14:05".

The History tab must let someone find "what it did yesterday" without reading
dates: the last week is named by day, older moments by date, all in the
system's locale (its day names and its 12- or 24-hour clock).
"""

from __future__ import annotations

import time
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    s = int(max(seconds, 0))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    if h:
        return QCoreApplication.translate("TimeWords", "{h} h {m:02d} min").format(h=h, m=m)
    if m:
        return QCoreApplication.translate("TimeWords", "{m} min {s:02d} s").format(m=m, s=sec)
    return QCoreApplication.translate("TimeWords", "{s} s").format(s=sec)


def when_words(ts: float, now: float | None = None, locale: QLocale | None = None) -> str:
    """ "Today 14:05", "Yesterday 14:05", "Monday 14:05" (this past week), else "3 Nov 2026 14:05"."""
    loc = locale or QLocale()
    moment = datetime.fromtimestamp(ts)
    today = datetime.fromtimestamp(time.time() if now is None else now).date()
    clock = loc.toString(
        QDateTime.fromSecsSinceEpoch(int(ts)).time(), QLocale.FormatType.ShortFormat
    )
    days = (today - moment.date()).days
    if days == 0:
        return QCoreApplication.translate("TimeWords", "Today {time}").format(time=clock)
    if days == 1:
        return QCoreApplication.translate("TimeWords", "Yesterday {time}").format(time=clock)
    if 1 < days < 7:
        return f"{loc.dayName(moment.isoweekday(), QLocale.FormatType.LongFormat)} {clock}"
    day = QDateTime.fromSecsSinceEpoch(int(ts)).date()
    fmt = "d MMM yyyy" if moment.date().year != today.year or days < 0 else "d MMM"
    return f"{loc.toString(day, fmt)} {clock}"


def day_start(d: date) -> float:
    """The local midnight starting `d`, as a timestamp (for "yesterday" filters and tests)."""
    return datetime.combine(d, datetime.min.time()).timestamp()

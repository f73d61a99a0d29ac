"""What this computer gave, per day: a small self-painted bar chart (no QtCharts needed).

`daily_compute()` (history rows in) and `window_days()` (the store's per-day sums in,
`Store.compute_per_day`) are pure, one figure per local day out, so they are tested
without a screen; `ContributionChart` only paints it, and says the
same in words for screen readers (its accessible description).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

DAYS = 14
COUNTED = ("completed", "failed")  # work the server accepted (as the History totals count it)


def _get(row: Any, name: str) -> Any:
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


def daily_compute(
    rows: Iterable[Any], *, days: int = DAYS, today: date | None = None
) -> list[tuple[date, float]]:
    """Seconds of compute given on each of the last `days` local days, oldest first."""
    today = today or date.today()
    first = today - timedelta(days=days - 1)
    totals = {first + timedelta(days=i): 0.0 for i in range(days)}
    for row in rows:
        outcome = _get(row, "outcome")
        outcome = getattr(outcome, "value", outcome)
        ended, started = _get(row, "ended_at"), _get(row, "started_at")
        if outcome not in COUNTED or not isinstance(ended, (int, float)):
            continue
        day = datetime.fromtimestamp(ended).date()
        if day in totals and isinstance(started, (int, float)):
            totals[day] += max(0.0, float(ended) - float(started))
    return sorted(totals.items())


def first_day(*, days: int = DAYS, today: date | None = None) -> date:
    """The oldest local day the chart shows."""
    return (today or date.today()) - timedelta(days=days - 1)


def window_days(
    per_day: Mapping[str, float], *, days: int = DAYS, today: date | None = None
) -> list[tuple[date, float]]:
    """The last `days` local days, oldest first, from sums keyed "YYYY-MM-DD" (others ignored)."""
    first = first_day(days=days, today=today)
    window = [first + timedelta(days=i) for i in range(days)]
    return [(d, max(0.0, float(per_day.get(d.isoformat(), 0.0)))) for d in window]


def hours_words(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return QCoreApplication.translate("ContributionChart", "{m} min").format(m=minutes)
    h, m = divmod(minutes, 60)
    return QCoreApplication.translate("ContributionChart", "{h} h {m:02d} min").format(h=h, m=m)


def summary(days: list[tuple[date, float]]) -> str:
    total = sum(s for _, s in days)
    if total <= 0:
        return QCoreApplication.translate(
            "ContributionChart", "Nothing given in the last {n} days yet."
        ).format(n=len(days))
    best_day, best = max(days, key=lambda d: d[1])
    yesterday = days[-2][1] if len(days) >= 2 else 0.0
    return QCoreApplication.translate(
        "ContributionChart",
        "Last {n} days: {total} of compute; yesterday {yesterday}; most on {day} ({best}).",
    ).format(
        n=len(days),
        total=hours_words(total),
        yesterday=hours_words(yesterday),
        day=QLocale().toString(QDate(best_day.year, best_day.month, best_day.day), "ddd d MMM"),
        best=hours_words(best),
    )


class ContributionChart(QWidget):
    def __init__(self, parent: QWidget | None = None, *, accent: str = "#2f6fde"):
        super().__init__(parent)
        self._days: list[tuple[date, float]] = daily_compute([])
        self._accent = QColor(accent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(72)
        self.setAccessibleName(self.tr("Compute given per day"))
        self._describe()

    def sizeHint(self) -> QSize:
        return QSize(320, 84)

    def days(self) -> list[tuple[date, float]]:
        return list(self._days)

    def set_rows(self, rows: Iterable[Any], today: date | None = None) -> None:
        self._days = daily_compute(rows, today=today)
        self._describe()
        self.update()

    def set_days(self, per_day: Mapping[str, float], today: date | None = None) -> None:
        """Show the store's per-day sums (`Store.compute_per_day`): no rows needed."""
        self._days = window_days(per_day, today=today)
        self._describe()
        self.update()

    def _describe(self) -> None:
        text = summary(self._days)
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        try:
            pal = self.palette()
            fm = p.fontMetrics()
            label_h = fm.height() + 2
            r = QRectF(self.rect()).adjusted(1, 1, -1, -1 - label_h)
            p.setPen(pal.color(QPalette.ColorRole.Mid))
            p.drawLine(r.bottomLeft(), r.bottomRight())
            top = max((s for _, s in self._days), default=0.0)
            n = max(len(self._days), 1)
            slot = r.width() / n
            for i, (day, secs) in enumerate(self._days):
                x = r.left() + i * slot
                if top > 0 and secs > 0:
                    h = max(2.0, (secs / top) * (r.height() - 4))
                    p.fillRect(QRectF(x + slot * 0.15, r.bottom() - h, slot * 0.7, h), self._accent)
                if i % 2 == (n - 1) % 2:  # every other day, ending with today
                    p.setPen(pal.color(QPalette.ColorRole.WindowText))
                    p.drawText(
                        QRectF(x - slot, r.bottom() + 1, slot * 3, label_h),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                        day.strftime("%d"),
                    )
        finally:
            p.end()

"""Compute given per day: counted like the History totals, painted, and said in words."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop_agent.gui.contribution_chart import (
    ContributionChart,
    daily_compute,
    summary,
    window_days,
)


def _at(day: date, hour: int) -> float:
    return datetime(day.year, day.month, day.day, hour).timestamp()


def test_daily_compute_counts_accepted_work_per_local_day():
    today = date(2026, 12, 2)
    y = today - timedelta(days=1)
    rows = [
        {"outcome": "completed", "started_at": _at(y, 10), "ended_at": _at(y, 10) + 1800},
        {"outcome": "failed", "started_at": _at(y, 12), "ended_at": _at(y, 12) + 600},
        {"outcome": "released", "started_at": _at(y, 13), "ended_at": _at(y, 14)},  # not counted
        {"outcome": None, "started_at": _at(today, 9), "ended_at": None},  # still running
        {"outcome": "completed", "started_at": _at(today, 8), "ended_at": _at(today, 9)},
        {"outcome": "completed", "started_at": 0.0, "ended_at": 60.0},  # long ago: off the chart
    ]
    days = daily_compute(rows, days=14, today=today)
    assert len(days) == 14 and days[-1][0] == today and days[0][0] == today - timedelta(days=13)
    assert dict(days)[y] == 2400.0 and dict(days)[today] == 3600.0
    assert sum(s for _, s in days) == 6000.0
    text = summary(days)
    assert "1 h 40 min of compute" in text and "yesterday 40 min" in text


def test_chart_paints_and_describes_itself(qtbot):
    chart = ContributionChart()
    qtbot.addWidget(chart)
    assert "Nothing given" in chart.accessibleDescription()
    today = date.today()
    chart.set_rows(
        [{"outcome": "completed", "started_at": _at(today, 8), "ended_at": _at(today, 8) + 900}]
    )
    chart.resize(300, 90)
    chart.show()
    qtbot.waitExposed(chart)
    img = chart.grab().toImage()
    accent = chart._accent.rgb()
    right = [
        img.pixel(x, y) for x in range(img.width() - 20, img.width()) for y in range(img.height())
    ]
    assert accent in right  # today's bar, at the right end
    assert "15 min of compute" in chart.accessibleDescription()
    assert chart.toolTip() == chart.accessibleDescription()


def test_the_chart_takes_the_stores_per_day_sums(qtbot):
    today = date(2026, 12, 2)
    per_day = {"2026-12-01": 2400.0, "2026-12-02": 600.0, "2026-11-01": 9e9, "junk": 5.0}
    days = window_days(per_day, today=today)
    assert len(days) == 14 and days[-1] == (today, 600.0) and days[-2][1] == 2400.0
    assert sum(s for _, s in days) == 3000.0  # days off the chart and odd keys are left out
    chart = ContributionChart()
    qtbot.addWidget(chart)
    chart.set_days({date.today().isoformat(): 900.0})
    assert "15 min of compute" in chart.accessibleDescription()

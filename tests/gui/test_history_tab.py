"""The History tab answers "what did it do yesterday?": moments in words, job titles, plain outcomes."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale

from desktop_agent.engine.events import JobDescribed
from desktop_agent.gui.history_tab import (
    SHOW_ALL,
    SHOW_TODAY,
    SHOW_YESTERDAY,
    HistoryModel,
    HistoryTab,
)
from desktop_agent.gui.job_titles import MAX_ENTRIES, JobTitles
from desktop_agent.gui.time_words import when_words

pytestmark = pytest.mark.timeout(60)
C = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)  # 24-hour clock


def _at(days_ago: int, hour: int, minute: int) -> float:
    d = date.today() - timedelta(days=days_ago)
    return datetime(d.year, d.month, d.day, hour, minute).timestamp()


def test_moments_are_said_in_words():
    now = _at(0, 18, 0)
    assert when_words(_at(0, 9, 12), now, C) == "Today 09:12"
    assert when_words(_at(1, 14, 5), now, C) == "Yesterday 14:05"
    three = date.today() - timedelta(days=3)
    assert when_words(_at(3, 8, 0), now, C) == f"{C.dayName(three.isoweekday())} 08:00"
    old = datetime(2020, 3, 4, 10, 30).timestamp()
    assert when_words(old, now, C) == "4 Mar 2020 10:30"


@dataclass(frozen=True)
class Row:
    task_id: int
    job_id: int
    ended_at: float
    outcome: str | None
    server: str = "https://grid-x.example"
    started_at: float = 0.0
    duration_s: float = 60.0
    result_url: str | None = None
    error: str | None = None


class Store:
    def __init__(self, rows):
        self.rows = rows

    def history(self, limit=None):
        return list(self.rows)

    def totals(self):
        return None


def _tab(qtbot, rows, tmp_path):
    tab = HistoryTab(lambda: Store(rows), titles_path=tmp_path / "job-titles.json")
    qtbot.addWidget(tab)
    return tab


def _column(tab, col):
    return [tab.proxy.index(r, col).data() for r in range(tab.proxy.rowCount())]


def test_yesterday_is_one_choice_away_with_titles_and_plain_outcomes(qtbot, tmp_path):
    rows = [
        Row(7, 4, _at(0, 9, 30), None),
        Row(6, 4, _at(1, 14, 5), "completed"),
        Row(5, 3, _at(1, 11, 0), "failed", error="train.py crashed"),
        Row(4, 3, _at(2, 10, 0), "released"),
    ]
    tab = _tab(qtbot, rows, tmp_path)
    tab.remember_title(JobDescribed(4, "Sentiment classifier"))
    assert _column(tab, HistoryModel.JOB).count("Sentiment classifier") == 2
    assert "Job 3" in _column(tab, HistoryModel.JOB)  # never named: its number, in words
    tab.show_combo.setCurrentIndex(SHOW_YESTERDAY)
    assert sorted(_column(tab, HistoryModel.TASK)) == ["5", "6"]
    when = _column(tab, HistoryModel.WHEN)
    assert all(w.startswith("Yesterday ") for w in when)
    assert set(_column(tab, HistoryModel.OUTCOME)) == {"Completed", "The job's code failed"}
    tab.show_combo.setCurrentIndex(SHOW_TODAY)
    assert _column(tab, HistoryModel.OUTCOME) == ["In progress"]
    tab.show_combo.setCurrentIndex(SHOW_ALL)
    assert "Given back for someone else" in _column(tab, HistoryModel.OUTCOME)


def test_a_day_without_tasks_says_so(qtbot, tmp_path):
    tab = _tab(qtbot, [Row(1, 1, _at(3, 9, 0), "completed")], tmp_path)
    tab.show()
    tab.show_combo.setCurrentIndex(SHOW_YESTERDAY)
    assert tab.proxy.rowCount() == 0
    assert tab.empty_label.isVisible() and tab.empty_label.text() == "No tasks in this time."


def test_titles_survive_a_restart_and_stay_per_server(qtbot, tmp_path):
    rows = [Row(1, 2, _at(0, 9, 0), "completed")]
    _tab(qtbot, rows, tmp_path).remember_title(JobDescribed(2, "  Cats\nvs dogs "))
    again = _tab(
        qtbot, [*rows, Row(9, 2, _at(0, 10, 0), "completed", server="http://other")], tmp_path
    )
    assert sorted(_column(again, HistoryModel.JOB)) == ["Cats vs dogs", "Job 2"]


def test_a_damaged_or_hostile_titles_file_is_harmless(tmp_path):
    path = tmp_path / "job-titles.json"
    path.write_text("{not json")
    titles = JobTitles(path)
    assert titles.get("s", 1) == ""
    for i in range(MAX_ENTRIES + 20):
        titles.remember("s", i, "<b>x</b>" * 100)
    saved = json.loads(path.read_text())
    assert len(saved) == MAX_ENTRIES and "s 0" not in saved
    assert max(len(v) for v in saved.values()) <= 200
    assert JobTitles(path).get("s", MAX_ENTRIES + 19).startswith("<b>x</b>")  # text, not markup


def test_the_table_shows_titles_as_plain_text(qtbot, tmp_path):
    tab = _tab(qtbot, [Row(1, 5, time.time(), "completed")], tmp_path)
    tab.remember_title(JobDescribed(5, "<img src=x>"))
    assert _column(tab, HistoryModel.JOB) == ["<img src=x>"]  # DisplayRole: drawn as text

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


def _real_store(path, rows):
    """A real Store holding `rows` (started, ended, outcome, away_s), written in one transaction."""
    import sqlite3

    from desktop_agent.engine.store import Store

    Store(path).close()
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO tasks(server, agent_id, task_id, job_id, code_url, requirements_url,"
            " chunk_data_url, phase, started_at, ended_at, outcome, away_s)"
            " VALUES ('https://grid-x.example', 'a', ?, 1, 'c', 'r', 'd', 'ran', ?, ?, ?, ?)",
            [(i, *row) for i, row in enumerate(rows)],
        )
    db.close()
    return Store(path)


def test_the_store_sums_compute_per_local_day(tmp_path):
    y = _at(1, 10, 0)
    store = _real_store(
        tmp_path / "agent.db",
        [
            (y, y + 1800, "completed", 0.0),
            (y, y + 900, "failed", 300.0),  # 5 min away from the app: not given
            (y, y + 3600, "released", 0.0),  # given back: not counted
            (_at(0, 8, 0), _at(0, 9, 0), "completed", 0.0),
            (_at(0, 9, 0), None, None, 0.0),  # still running
            (_at(20, 8, 0), _at(20, 9, 0), "completed", 0.0),  # before `since`
        ],
    )
    days = store.compute_per_day(_at(13, 0, 0))
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert days == {yesterday: 2400.0, date.today().isoformat(): 3600.0}


def test_a_long_history_shows_the_newest_rows_and_says_so(qtbot, tmp_path, monkeypatch):
    from desktop_agent.gui import history_tab

    monkeypatch.setattr(history_tab, "SHOWN_ROWS", 20)
    start = _at(0, 8, 0)
    store = _real_store(
        tmp_path / "agent.db",
        [(start + 60 * i, start + 60 * i + 30, "completed", 0.0) for i in range(25)],
    )
    tab = HistoryTab(lambda: store, titles_path=tmp_path / "job-titles.json")
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 20 and not tab.more_label.isHidden()
    assert sorted(int(t) for t in _column(tab, HistoryModel.TASK)) == list(range(5, 25))
    assert tab.totals_label.text().startswith("25 tasks done")  # totals count every row
    with qtbot.waitSignal(tab.days_changed) as sent:
        tab.refresh()
    assert sent.args == [{date.today().isoformat(): 25 * 30.0}]  # every row, not the 20 shown
    out = tmp_path / "all.csv"
    monkeypatch.setattr(history_tab.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    tab.export_csv()
    assert len(out.read_text().splitlines()) == 1 + 25  # the export writes every task


def test_a_short_history_says_nothing_about_more(qtbot, tmp_path):
    tab = _tab(qtbot, [Row(1, 1, _at(0, 9, 0), "completed")], tmp_path)
    assert tab.more_label.isHidden()

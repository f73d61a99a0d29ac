"""The Now tab's last-task line names the job, and its parts (contribution view, outage line) stay wired."""

from __future__ import annotations

import pytest

from desktop_agent.engine.events import JobDescribed, Outcome, TaskFinished, TaskStarted
from desktop_agent.gui.now_tab import NowTab
from tests.helpers.now_page import working_through_an_outage

pytestmark = pytest.mark.timeout(30)


def _started(task_id: int, job_id: int) -> TaskStarted:
    return TaskStarted(task_id, job_id, "https://grid-x.example")


def test_the_last_task_is_named_by_its_job(qtbot):
    tab = NowTab()
    qtbot.addWidget(tab)
    tab.on_task_started(_started(7, 3))
    tab.on_job(JobDescribed(3, "Sentiment classifier"))
    tab.on_task_finished(TaskFinished(7, 3, Outcome.COMPLETED, 17.0))
    assert tab.last_label.text() == "Last task, for “Sentiment classifier”: completed after 17 s"
    tab.on_task_started(_started(8, 9))
    tab.on_task_finished(TaskFinished(8, 9, Outcome.RELEASED, 5.0))
    assert (
        tab.last_label.text() == "Last task: 8 — given back for someone else after 5 s"
    )  # a job never named


def test_the_split_parts_answer_through_the_tab(qtbot):
    tab = NowTab()
    qtbot.addWidget(tab)
    tab.set_totals(2, 3600.0)
    assert "finished 2 tasks (1 h 00 min" in tab.totals_label.text()
    assert tab.totals_label is tab.contribution.totals_label
    seen = []
    tab.retry_requested.connect(lambda: seen.append(True))
    tab.retry_button.click()
    assert seen == [True]


@pytest.mark.parametrize(("screen_h", "scrolls"), [(512, True), (728, False)])
def test_a_busy_window_without_a_tray_fits_the_screen(
    qtbot, tmp_path, qapp, monkeypatch, screen_h, scrolls
):
    """German, a task, an outage and every command. At 150 % on 1366×768 (512 logical
    pixels high, less a panel and the title bar) the window still fits and the Now page
    scrolls up and down instead of cutting off its end; at 100 % (728 px) it shows the
    whole page. It never scrolls sideways."""

    from PySide6.QtCore import QLocale

    from desktop_agent.gui import i18n, now_tab
    from desktop_agent.gui.main_window import MainWindow

    monkeypatch.setattr(now_tab._NowArea, "screen_height", lambda self: screen_h)
    before = QLocale()
    i18n.install(qapp, "de")
    try:
        w = MainWindow(tmp_path, tray_available=False)
        qtbot.addWidget(w)
        now = w.now_tab
        working_through_an_outage(w)
        w.show()
        qtbot.waitExposed(w)
        qapp.processEvents()
        hint = w.minimumSizeHint()
        assert hint.width() <= 900 and hint.height() <= screen_h - now_tab._NowArea.PANELS, hint
        w.resize(hint)
        qapp.processEvents()
        area = now.scroll_area
        assert (area.verticalScrollBar().maximum() > 0) is scrolls
        assert area.horizontalScrollBar().maximum() == 0
    finally:
        i18n.install(qapp, "en")
        QLocale.setDefault(before)

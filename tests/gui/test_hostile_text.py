"""A job's stderr and a server's result URL are shown as text, and only web links are opened."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_agent.engine.store import Store
from tests.rows import open_sample_task

BANNER = "<h1 style='color:red'>Your computer is infected</h1><a href='http://evil'>call now</a>"


@pytest.fixture
def finished_row(tmp_path):
    store = Store(tmp_path / "agent.db")
    row = open_sample_task(
        store,
        server="http://127.0.0.1:1",
        agent_id="agent-x",
        task_id=7,
        job_id=3,
        code_url="http://a",
        requirements_url="http://b",
        chunk_data_url="http://c",
    )
    row = store.finish(row.id, "failed", error=BANNER, result_url="file:///etc/passwd")
    store.close()
    return row


def test_task_details_show_html_as_text_and_refuse_non_web_results(
    qtbot, finished_row, monkeypatch
):
    from desktop_agent.gui import task_details
    from desktop_agent.gui.task_details import TaskDetailsDialog

    opened = []
    monkeypatch.setattr(task_details.QDesktopServices, "openUrl", lambda url: opened.append(url))
    dialog = TaskDetailsDialog(finished_row)
    qtbot.addWidget(dialog)
    label = dialog.fields["error"]
    assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == BANNER
    assert not dialog.open_result.isEnabled()
    assert task_details.open_web_url("file:///etc/passwd") is False
    assert task_details.open_web_url("\\\\host\\share\\run.exe") is False
    assert task_details.open_web_url("javascript:alert(1)") is False
    assert opened == []
    task_details.open_web_url("https://results.example.org/m.pth")
    assert [u.toString() for u in opened] == ["https://results.example.org/m.pth"]


def test_history_tooltip_escapes_the_error(finished_row):
    from desktop_agent.gui.task_details import plain_tooltip

    tip = plain_tooltip(BANNER)
    assert "<h1" not in tip and "&lt;h1" in tip

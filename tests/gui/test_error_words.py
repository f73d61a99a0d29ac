"""Task details show a recorded problem as a sentence, never a raw protocol error."""

from __future__ import annotations

import pytest

from desktop_agent.gui.error_words import plain_error


@pytest.mark.parametrize(
    ("raw", "expected_part"),
    [
        (
            "/agent/complete_task: This task was not assigned to you",
            "handed this task to someone else",
        ),
        ("/agent/upload_result: server error 503", "problem of its own"),
        (
            "/agent/complete_task: sent, but no answer arrived (ReadTimeout); the server may have acted on it",
            "connection",
        ),
        ("released: held paused for more than 30 min", "paused for more than 30 min"),
        ("released: /agent/upload_result: server error 500", "problem of its own"),
        ("/agent/upload_result: HTTP 418: teapot", "did not accept the result"),
    ],
)
def test_protocol_errors_become_sentences(raw, expected_part):
    words = plain_error(raw)
    assert expected_part in words
    assert "/agent" not in words and "agent" not in words.lower() and "HTTP" not in words


def test_the_jobs_own_error_passes_through_and_empty_is_empty():
    assert plain_error("train.py exited with code 1") == "train.py exited with code 1"
    assert plain_error(None) == "" and plain_error("  ") == ""


def test_details_dialog_shows_the_sentence_as_plain_text(qtbot):
    from PySide6.QtCore import Qt

    from desktop_agent.gui.task_details import TaskDetailsDialog

    row = {
        "task_id": 3,
        "job_id": 1,
        "outcome": "rejected",
        "error": "/agent/complete_task: <b>This task was not assigned to you</b>",
    }
    dlg = TaskDetailsDialog(row)
    qtbot.addWidget(dlg)
    label = dlg.fields["error"]
    assert "/agent" not in label.text() and "someone else" in label.text()
    assert label.textFormat() == Qt.TextFormat.PlainText


def test_raised_problems_lose_their_protocol_detail(qtbot):
    from desktop_agent.engine.events import ProblemKind, ProblemRaised
    from desktop_agent.gui.now_tab import NowTab

    tab = NowTab()
    qtbot.addWidget(tab)
    tab.on_problem(
        ProblemRaised(
            ProblemKind.SERVER_ERROR, "The server answered oddly: /agent/register: HTTP 418: x"
        )
    )
    text = tab.problem_label.text()
    assert "could not use" in text and "/agent" not in text and "HTTP" not in text
    tab.on_problem(
        ProblemRaised(ProblemKind.DISK_LOW, "Low disk space: 0.5 GB free — free some space")
    )
    assert "Low disk space" in tab.problem_label.text()

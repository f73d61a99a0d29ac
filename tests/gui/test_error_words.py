"""Task details show a recorded problem as a sentence, never a raw protocol error."""

from __future__ import annotations

import re

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
    assert plain_error("ValueError: bad batch") == "ValueError: bad batch"
    words = plain_error("train.py exited with code 1: ValueError: bad batch")
    assert "exit code 1" in words and words.endswith("ValueError: bad batch")
    assert plain_error(None) == "" and plain_error("  ") == ""


# Every error the engine stores for a task, with the part that is the job's own words.
ENGINE_ERRORS = [
    ("released: held paused for more than 30 min", ""),
    ("released: the job uses 91 % of memory (limit 80 %)", ""),
    ("released: completion unconfirmed", ""),
    ("released: the disk holding the work folder filled up again while this task ran", ""),
    (
        "released: the disk holding the agent's work folder is full (120 MB free); the task's "
        "files were removed and it will be tried again later. Free some disk space",
        "",
    ),
    (
        "released: Can't reach the server at https://grid-x.example (ConnectError) — check the "
        "address and your connection",
        "",
    ),
    ("released: /agent/upload_result: server error 503", ""),
    ("released: the server answered 502 to /agent/job/3", ""),
    ("/agent/complete_task: This task was not assigned to you", ""),
    (
        "/agent/complete_task: sent, but the answer did not arrive in full (ReadError); the "
        "server may have acted on it",
        "",
    ),
    ("/agent/upload_result: HTTP 418: teapot", ""),
    (
        "train.py exited with code 1: Traceback\nValueError: bad batch",
        "Traceback\nValueError: bad batch",
    ),
    ("train.py ran past the 3600 s limit and was stopped", ""),
    ("train.py used more than 2048 MB of memory and was stopped by the system", ""),
    ("model.pth is 900 MB, more than the 500 MB disk quota; it was not uploaded", ""),
    ("train.py finished but wrote no model.pth", ""),
    ("model.pth is a symbolic link; refusing to upload what it points to", ""),
    ("model.pth is a hard link to another file; refusing to upload it", ""),
    ("the server or machine id changed before this task finished", ""),
]
_LETTERS = re.compile(r"[^\W\d_]{4,}")
SAME_IN_GERMAN = {"server", "grid", "computer", "problem"}  # words German writes as English does


@pytest.mark.parametrize(("raw", "jobs_own"), ENGINE_ERRORS)
def test_a_german_window_words_every_stored_error_in_german(qapp, raw, jobs_own):
    from PySide6.QtCore import QLocale

    from desktop_agent.gui import i18n

    english = plain_error(raw)
    before = QLocale()
    i18n.install(qapp, "de")
    try:
        german = plain_error(raw)
    finally:
        i18n.install(qapp, "en")
        QLocale.setDefault(before)
    assert "/agent" not in german and "train.py" not in german and "model.pth" not in german
    left = {w.lower() for w in _LETTERS.findall(german.replace(jobs_own, ""))}
    left &= {w.lower() for w in _LETTERS.findall(english.replace(jobs_own, ""))}
    assert not left - SAME_IN_GERMAN, (german, left)
    assert jobs_own in german


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

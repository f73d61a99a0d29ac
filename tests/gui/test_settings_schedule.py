"""The schedule editor: time pickers that round-trip the `schedule` setting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTime

from desktop_agent.config import load_settings, save_settings, validate
from desktop_agent.gui.program_list import AddProgramDialog, ProgramList
from desktop_agent.gui.schedule_editor import ScheduleEditor
from desktop_agent.gui.settings_tab import SettingsTab

pytestmark = pytest.mark.timeout(60)

SCHEDULE = {
    "mon": ["09:00-17:00", "20:00-23:30"],
    "sat": ["00:00-24:00"],
    "sun": ["22:00-06:00"],
}


def test_a_schedule_round_trips_through_the_pickers(qtbot):
    editor = ScheduleEditor()
    qtbot.addWidget(editor)
    editor.set_schedule(SCHEDULE)
    assert editor.these_hours.isChecked()
    assert editor.schedule() == SCHEDULE
    validate({"schedule": editor.schedule()})
    editor.set_schedule({})
    assert editor.any_time.isChecked() and editor.schedule() == {}


def test_hours_are_added_changed_and_removed(qtbot):
    editor = ScheduleEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.these_hours.setChecked(True)
    editor.add_buttons["tue"].click()
    assert editor.schedule() == {"tue": ["09:00-17:00"]}
    rng = editor._ranges["tue"][0]
    rng.start.setTime(QTime(18, 0))
    rng.end.setTime(QTime(0, 0))  # midnight: until the end of the day
    assert editor.schedule() == {"tue": ["18:00-24:00"]}
    rng.remove_button.click()
    assert editor.schedule() == {}
    assert "at least one day" in (editor.problem() or "")


def test_a_range_that_starts_where_it_ends_is_told_in_words(qtbot):
    editor = ScheduleEditor()
    qtbot.addWidget(editor)
    editor.set_schedule({"wed": ["09:00-17:00"]})
    editor._ranges["wed"][0].end.setTime(QTime(9, 0))
    assert editor.problem() == (
        "Wednesday: the hours start and end at the same time (09:00) — "
        "change one of them, or remove them."
    )


def test_any_time_keeps_nothing_but_any_time(qtbot):
    editor = ScheduleEditor()
    qtbot.addWidget(editor)
    editor.set_schedule({"fri": ["08:00-12:00"]})
    editor.any_time.setChecked(True)
    assert editor.schedule() == {} and editor.problem() is None


def test_the_settings_tab_saves_the_schedule_from_the_pickers(qtbot, tmp_path):
    save_settings(tmp_path, {"schedule": {"thu": ["10:00-11:00"]}})
    tab = SettingsTab(tmp_path)
    qtbot.addWidget(tab)
    editor = tab.rules_panel.schedule_editor
    assert editor.schedule() == {"thu": ["10:00-11:00"]}
    editor.add_range("sun", 22 * 60, 6 * 60)
    tab.apply_button.click()
    assert load_settings(tmp_path).schedule == {"thu": ["10:00-11:00"], "sun": ["22:00-06:00"]}


def test_the_program_list_offers_running_programs_and_takes_a_typed_name(qtbot):
    programs = ProgramList()
    qtbot.addWidget(programs)
    dlg = AddProgramDialog(["blender", "steam"])
    qtbot.addWidget(dlg)
    assert [dlg.combo.itemText(i) for i in range(dlg.combo.count())] == ["blender", "steam"]
    dlg._accept()
    assert "Type or pick" in dlg.error.text() and dlg.result() == 0
    dlg.combo.setEditText("  obs  ")
    dlg._accept()
    assert dlg.result() == 1 and dlg.name() == "obs"
    programs.add(dlg.name())
    assert programs.programs() == ["obs"] and not programs.remove_button.isEnabled()
    programs.list.setCurrentRow(0)
    programs.remove_button.click()
    assert programs.programs() == []


def test_running_programs_lists_this_process():
    import psutil

    from desktop_agent.gui.program_list import running_programs

    assert psutil.Process().name() in running_programs()

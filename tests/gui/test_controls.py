"""The tray and the dashboard say which mode is active and why; the rules panel saves real settings."""

from __future__ import annotations

import json

import pytest

from desktop_agent.engine.events import AgentState
from desktop_agent.engine.modes import Mode
from tests.gui.helpers import registered_settings, submit_sample

pytestmark = pytest.mark.timeout(90)


def _mode(mode):
    return lambda ev: ev.mode == mode


def test_tray_snooze_and_finish_then_pause_show_mode_and_reason(
    qtbot, devserver, paths, make_controller
):
    c = make_controller(registered_settings(devserver, paths).with_overrides(rules_interval_s=0.2))
    with qtbot.waitSignal(
        c.bridge.state_changed, timeout=20_000, check_params_cb=lambda e: e.state == AgentState.IDLE
    ):
        c.start()
    now = c.window.now_tab
    t = c.tray
    t.menu.aboutToShow.emit()
    assert [a.text() for a in t.menu.actions() if a.text() and a.isVisible()] == [
        "Ready — waiting for work",
        "Pause",
        "Snooze",
        "Open dashboard",
        "Quit",
    ]
    assert not t.finish_action.isVisible()  # nothing in hand to finish

    with qtbot.waitSignal(c.bridge.state_changed, timeout=10_000, check_params_cb=_mode("snoozed")):
        t.snooze_hour_action.trigger()
    assert c.bridge.agent.mode is Mode.SNOOZED
    assert "Snoozed until" in t.icon.toolTip()
    assert now.state_label.text().startswith("Snoozed until")
    assert now.pause_button.text() == "Resume"
    t.menu.aboutToShow.emit()
    assert t.status_action.text().startswith("Snoozed until")
    assert t.pause_action.text().startswith("Resume (snoozed until")

    with qtbot.waitSignal(
        c.bridge.state_changed, timeout=10_000, check_params_cb=_mode("contributing")
    ):
        t.pause_action.trigger()  # Resume: back to contributing
    submit_sample(devserver, chunks=2, seconds=3.0)
    qtbot.waitUntil(lambda: now.task is not None, timeout=30_000)
    t.menu.aboutToShow.emit()
    assert t.finish_action.isVisible() and t.finish_action.isEnabled()
    with qtbot.waitSignal(
        c.bridge.state_changed, timeout=10_000, check_params_cb=_mode("finish_then_pause")
    ):
        t.finish_action.trigger()
    if (
        now.task is not None
    ):  # still in hand: the window and the tray say the same, not "Contributing"
        assert now.state_label.text() == "Finishing this task, then pausing"
        assert t.status_action.text() == now.state_label.text()
        assert now.pause_button.text() == "Resume"
    with qtbot.waitSignal(c.bridge.state_changed, timeout=30_000, check_params_cb=_mode("paused")):
        pass
    assert "Paused by you" in t.icon.toolTip() and now.state_label.text() == "Paused by you"
    assert "picked up automatically" not in now.detail_label.text()
    assert len(devserver.calls("/agent/request_task")) >= 1
    assert c.bridge.agent.tasks_finished == 1


def test_rules_panel_saves_settings_and_toggles_start_at_login(qtbot, paths, tmp_path, monkeypatch):
    from desktop_agent.gui.rules_panel import RulesPanel

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    panel = RulesPanel(paths.root, gpu_available=True)
    qtbot.addWidget(panel)
    assert (
        panel.battery.isChecked() and not panel.idle.isChecked() and not panel.autostart.isChecked()
    )
    panel.idle.setChecked(True)
    panel.idle_minutes.setValue(12)
    panel.cores.setValue(1)
    panel.gpu_temp.setValue(83)
    panel.battery.setChecked(False)
    with qtbot.waitSignal(panel.saved) as blocker:
        panel.save_button.click()
    saved = json.loads((paths.root / "settings.json").read_text())
    assert saved["run_when_idle_only"] is True and saved["idle_minutes"] == 12.0
    assert (
        saved["cpu_max_cores"] == 1
        and saved["gpu_max_temp_c"] == 83.0
        and saved["pause_on_battery"] is False
    )
    assert blocker.args[0]["run_when_idle_only"] is True
    panel.autostart.setChecked(True)
    entry = tmp_path / "cfg" / "autostart" / "desktop-agent.desktop"
    assert entry.is_file() and "--minimized" in entry.read_text()
    panel.autostart.setChecked(False)
    assert not entry.exists()
    without_gpu = RulesPanel(paths.root, gpu_available=False)
    qtbot.addWidget(without_gpu)
    assert "use_gpu" not in without_gpu.values()  # no switch that cannot work

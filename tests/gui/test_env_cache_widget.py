"""The Settings row for job environments: usage against the budget, Clear, and a measurement
that ends after the window closed."""

from __future__ import annotations

import threading

import shiboken6

from desktop_agent.engine import env_cache as envs_mod
from desktop_agent.engine.env_cache import EnvCache
from desktop_agent.gui import env_cache_widget
from tests.helpers.fake_envs import seed


def test_settings_row_shows_usage_and_clears(tmp_path, qtbot):
    from desktop_agent.config import DataPaths, save_settings
    from desktop_agent.gui.env_cache_widget import EnvCacheWidget

    paths = DataPaths(tmp_path / "data").ensure()
    save_settings(paths.root, {"env_cache_budget_mb": 20_000})
    cache = EnvCache(paths.envs, budget_mb=20_000, base_python="python3", uv_bin="uv")
    seed(cache)
    widget = EnvCacheWidget(paths.root)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: "of" in widget.label.text(), timeout=5000)
    assert widget.label.text().replace("\xa0", " ") == "Job environments: 0.0 GB of 20.0 GB"
    assert widget.clear_button.isEnabled()

    (paths.work / "task-7").mkdir()  # a task in hand: Clear is refused
    widget.clear()
    assert "running" in widget.label.text() and (paths.envs / "old").exists()
    (paths.work / "task-7").rmdir()

    widget.clear()
    qtbot.waitUntil(lambda: "of" in widget.label.text(), timeout=5000)
    assert not (paths.envs / "old").exists() and not (paths.envs / "new").exists()
    assert not cache.uv_cache_dir.exists()
    assert (
        envs_mod.EnvCache(paths.envs, budget_mb=1, base_python="python3", uv_bin="uv").usage_mb()
        == 0
    )
    assert not widget.clear_button.isEnabled()


def test_a_measurement_that_ends_after_the_widget_is_gone_is_dropped(qtbot, tmp_path, monkeypatch):
    release, failures = threading.Event(), []
    monkeypatch.setattr(env_cache_widget, "env_cache_bytes", lambda _d: release.wait(10) and 0)
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    widget = env_cache_widget.EnvCacheWidget(tmp_path)
    widget.refresh()
    (worker,) = [t for t in threading.enumerate() if t.name == "env-cache-usage"]
    shiboken6.delete(widget)  # the settings page closed while the folder was being measured
    release.set()
    worker.join(10)
    assert not worker.is_alive() and failures == []

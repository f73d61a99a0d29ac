"""The job-environment line measures in a thread: closing the window meanwhile must be harmless."""

from __future__ import annotations

import threading

import shiboken6

from desktop_agent.gui import env_cache_widget


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

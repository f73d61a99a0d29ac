"""One app per user and data folder: a second launch wakes the first and exits 0."""

from __future__ import annotations

import os
import socket

import pytest
from PySide6.QtCore import QDir

from desktop_agent.gui.single_instance import SingleInstance, server_name

pytestmark = pytest.mark.timeout(60)


def test_second_instance_activates_the_first(qtbot, tmp_path):
    name = server_name(tmp_path)
    first = SingleInstance(name)
    assert first.acquire()
    try:
        second = SingleInstance(name)
        with qtbot.waitSignal(first.activate_requested, timeout=5_000):
            assert second.acquire() is False
        assert second.server is None
    finally:
        first.release()


def test_names_differ_by_data_folder(tmp_path):
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")


def test_stale_socket_from_a_crash_does_not_block_start(qtbot, tmp_path):
    name = server_name(tmp_path)
    path = os.path.join(QDir.tempPath(), name)
    # What a crashed instance leaves behind: a socket file nobody listens on.
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    s.close()
    assert os.path.exists(path)
    guard = SingleInstance(name)
    try:
        assert guard.acquire() is True
        assert guard.server is not None and guard.server.isListening()
        other = SingleInstance(name)
        with qtbot.waitSignal(guard.activate_requested, timeout=5_000):
            assert other.acquire() is False
    finally:
        guard.release()


def test_run_gui_second_launch_wakes_the_first_and_returns_0(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from desktop_agent.gui.app import run_gui

    monkeypatch.setattr(
        QApplication, "exec", lambda *a: pytest.fail("a second launch must not run an event loop")
    )
    first = SingleInstance(server_name(tmp_path.resolve()))
    assert first.acquire()
    try:
        with qtbot.waitSignal(first.activate_requested, timeout=5_000):
            assert run_gui(tmp_path) == 0
    finally:
        first.release()

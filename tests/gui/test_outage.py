"""A server outage while a result waits: reassuring words, a countdown, Retry now, and "back online"."""

from __future__ import annotations

import time

import pytest

from desktop_agent.engine.events import AgentState, Outcome, Phase

from .helpers import registered_settings, submit_sample

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def faulty_server():
    from desktop_agent.devserver import DevServer

    from .helpers import VOLUNTEER

    with DevServer(requeue_after=600, faults_enabled=True) as server:
        server.add_owner(VOLUNTEER)
        yield server


def test_outage_while_delivering_then_retry_now_then_back_online(
    qtbot, faulty_server, paths, make_controller
):
    srv = faulty_server
    c = make_controller(registered_settings(srv, paths))
    now = c.window.now_tab
    retries = []
    c.bridge.retry_scheduled.connect(retries.append)
    submit_sample(srv, chunks=1, seconds=0.5)
    srv.faults.fail_next("/agent/heartbeat", n=10_000, status=503)
    srv.faults.fail_next("/agent/upload_result", n=10_000, status=503)
    c.start()
    qtbot.waitUntil(
        lambda: (
            now.outage_box.isVisibleTo(c.window)
            and now.phase is not None
            and now.phase.phase == Phase.UPLOADING
        ),
        timeout=30_000,
    )
    text = now.outage_label.text()
    assert text.startswith(
        "The Grid-X server isn't answering — your result is saved and will be sent automatically."
    )
    assert "agent" not in text.lower() and "/" not in text
    assert now.state_label.text() == "Your result is ready — waiting for the server"
    assert now.progress.maximum() == 100 and now.progress.value() == 100  # still, not busy
    assert now.progress.text() == "Saved — waiting to send"
    assert c.tray.status_action.text() == now.state_label.text()
    assert "your result is saved" in c.tray.icon.toolTip()
    qtbot.waitUntil(lambda: "Next try in" in now.outage_label.text(), timeout=20_000)

    # Wait for a back-off long enough that only "Retry now" can explain a prompt new try.
    qtbot.waitUntil(
        lambda: any(r.what == "task" and r.at - time.time() > 6 for r in retries[-1:]),
        timeout=60_000,
    )
    before = len(srv.calls("/agent/upload_result"))
    now.retry_button.click()
    qtbot.waitUntil(lambda: len(srv.calls("/agent/upload_result")) > before, timeout=4_000)

    srv.faults.reset()  # the server is back
    with qtbot.waitSignal(c.bridge.task_finished, timeout=40_000) as done:
        now.retry_button.click()
    assert done.args[0].outcome == Outcome.COMPLETED
    qtbot.waitUntil(lambda: not now.outage_box.isVisibleTo(c.window), timeout=20_000)
    assert now.back_online_label.isVisibleTo(c.window)
    assert now.back_online_label.text() == "Back online — result delivered. Thank you!"
    assert c.bridge.state in (AgentState.IDLE, AgentState.WORKING)

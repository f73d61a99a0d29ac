"""Fleet fixtures: the .deb, built once per test session (slow) unless DESKTOP_AGENT_DEB names one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packaging.build import given_or_built

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def deb(request) -> Path:
    """DESKTOP_AGENT_DEB when set (a .deb from installers/linux/build.sh), else the run's build."""
    return given_or_built(request, "DESKTOP_AGENT_DEB", "linux_build", "deb")


def wait_for_one_completed_task(
    agent, metrics_url: str, log: Path, srv, job_id: int, timeout: float
):
    """Watch a fleet agent's own metrics until it has completed one task and failed none; then
    check on the server that exactly that one completion was accepted, once."""
    import httpx

    from tests.e2e.conftest import wait_until

    def completed() -> bool:
        assert agent.poll() is None, log.read_text(errors="replace")
        try:
            text = httpx.get(metrics_url, timeout=5).text
        except httpx.HTTPError:
            return False
        assert 'outcome="failed"} 0.0' in text, log.read_text(errors="replace")
        return 'desktop_agent_tasks_finished_total{outcome="completed"} 1.0' in text

    wait_until(completed, timeout, interval=0.5)
    done = [s for s in srv.subtasks(job_id) if s.get("result_url")]
    assert len(done) == 1 and srv.credits(done[0]["id"]) == 1

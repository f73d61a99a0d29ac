"""A real Prometheus server scrapes a real agent working a job, and its HTTP API answers with the values.

Debian's `prometheus` package (binary /usr/bin/prometheus) on loopback with a
1 s scrape interval; the agent is `desktop-agent run --metrics 0` against the
reference backend. The fleet's alert rules (installers/fleet) are loaded too,
so a rule Prometheus cannot evaluate fails here.
"""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.fleet.test_fleet_files import dashboard_queries
from tests.e2e.conftest import OWNER, SAMPLE, agent_output, sample_code, spawn_agent, wait_until

PROMETHEUS = shutil.which("prometheus")
RULES = Path(__file__).resolve().parents[2] / "installers" / "fleet" / "prometheus" / "alerts.yml"

pytestmark = pytest.mark.skipif(
    PROMETHEUS is None, reason="Prometheus is not installed (apt-get install prometheus)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Prometheus:
    def __init__(self, tmp: Path, target: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = tmp / "prometheus.yml"
        config.write_text(
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
            f"rule_files: ['{RULES}']\n"
            "scrape_configs:\n"
            "  - job_name: desktop-agent\n"
            f"    static_configs: [{{targets: ['{target}'], labels: {{instance: 'machine-01'}}}}]\n"
        )
        self.log = tmp / "prometheus.log"
        self.proc = subprocess.Popen(
            [
                str(PROMETHEUS),
                f"--config.file={config}",
                f"--storage.tsdb.path={tmp / 'tsdb'}",
                f"--web.listen-address=127.0.0.1:{self.port}",
            ],
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )

    def ready(self) -> bool:
        assert self.proc.poll() is None, self.log.read_text(errors="replace")[-3000:]
        try:
            return httpx.get(f"{self.url}/-/ready", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def query(self, promql: str) -> list[dict]:
        answer = httpx.get(f"{self.url}/api/v1/query", params={"query": promql}, timeout=10).json()
        assert answer["status"] == "success", answer
        return answer["data"]["result"]

    def value(self, promql: str) -> float | None:
        result = self.query(promql)
        return float(result[0]["value"][1]) if result else None

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def test_prometheus_scrapes_an_agent_working_a_job(tmp_path):
    from desktop_agent.devserver import DevServer

    with DevServer(data_dir=tmp_path / "server") as srv:
        srv.add_owner(OWNER)
        agent = spawn_agent(srv.url, tmp_path / "agent", "--metrics", "0")
        found = wait_until(
            lambda: re.search(r"Metrics at http://(127\.0\.0\.1:\d+)/metrics", agent_output(agent)),
            60,
        )
        prom = Prometheus(tmp_path, found.group(1))  # type: ignore[union-attr]
        try:
            wait_until(prom.ready, 60, interval=0.2)
            wait_until(lambda: prom.value('up{job="desktop-agent"}') == 1, 60, interval=0.5)
            # The work arrives once Prometheus scrapes, so it sees the task in hand however
            # quickly this machine starts it.
            srv.submit_job(SAMPLE, code=sample_code(seconds=4), chunks=1)
            done = 'desktop_agent_tasks_finished_total{outcome="completed"}'
            wait_until(lambda: prom.value(done) == 1, 90, interval=0.5)
            # what Prometheus stored while the task was in hand, and after
            assert prom.value("max_over_time(desktop_agent_task_in_hand[5m])") == 1
            assert prom.value('max_over_time(desktop_agent_task_phase{phase="training"}[5m])') == 1
            assert prom.value('max_over_time(desktop_agent_state{state="working"}[5m])') == 1
            wait_until(lambda: prom.value('desktop_agent_state{state="idle"}') == 1, 30, 0.5)
            assert prom.value("desktop_agent_compute_seconds_total") >= 4
            assert prom.value("desktop_agent_download_bytes_total") > 0
            assert prom.value("desktop_agent_upload_bytes_total") > 0
            assert prom.value("desktop_agent_heartbeat_age_seconds") < 10
            assert prom.value("desktop_agent_server_reachable") == 1
            assert prom.value("desktop_agent_process_resident_memory_bytes") > 10 * 2**20
            info = prom.query("desktop_agent_info")
            assert info and info[0]["metric"]["instance"] == "machine-01"
            assert info[0]["metric"]["sandbox"] in ("bwrap", "none")
            # the fleet view (installers/fleet/README.md): one row per machine, in words
            view = prom.query(FLEET_VIEW)
            assert [(r["metric"]["status"], r["metric"]["why"]) for r in view] == [
                ("idle", "contributing")
            ], view
            # the alert rules loaded and evaluate: nothing fires for a healthy agent
            groups = httpx.get(f"{prom.url}/api/v1/rules").json()["data"]["groups"]
            rules = {r["name"]: r for g in groups for r in g["rules"]}
            assert {
                "DesktopAgentDown",
                "DesktopAgentTasksFailing",
                "DesktopAgentHeartbeatStale",
            } <= set(rules)
            assert all(r["health"] == "ok" for r in rules.values()), rules
            assert prom.query('ALERTS{alertstate="firing"}') == []
            # every query of the Grafana dashboard runs; all but the GPU ones find data here
            for expr in dashboard_queries():
                result = prom.query(
                    expr.replace("$instance", ".*").replace("$__rate_interval", "1m")
                )
                assert result or "gpu_" in expr, expr
        finally:
            prom.stop()
            agent.send_signal(signal.SIGTERM)
            agent.wait(60)


FLEET_VIEW = (
    "instance:desktop_agent_status:info"  # recorded by installers/fleet/prometheus/alerts.yml
)

"""installers/fleet: the alert rules pass promtool (syntax and the behaviour in alerts_test.yml),
the Grafana dashboard is well formed (its queries run against a real Prometheus in test_prometheus.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLEET = ROOT / "installers" / "fleet"
PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(
    PROMTOOL is None, reason="promtool is not installed (apt-get install prometheus)"
)


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PROMTOOL), *args], capture_output=True, text=True, timeout=120, cwd=ROOT
    )


@needs_promtool
def test_alert_rules_are_valid():
    done = promtool("check", "rules", str(FLEET / "prometheus" / "alerts.yml"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS: 5 rules found" in done.stdout


@needs_promtool
def test_alerts_and_fleet_view_behave_on_made_up_machines():
    done = promtool("test", "rules", str(Path(__file__).with_name("alerts_test.yml")))
    assert done.returncode == 0, done.stdout + done.stderr


@needs_promtool
def test_sample_prometheus_config_is_valid(tmp_path):
    """prometheus.yml with its /etc paths pointed at this checkout's rules and a two-machine list."""
    targets = tmp_path / "targets.yml"
    targets.write_text("- targets: ['gpu-001:9810', 'gpu-002:9810']\n")
    text = (FLEET / "prometheus" / "prometheus.yml").read_text()
    assert "/etc/prometheus/desktop-agent-alerts.yml" in text
    text = text.replace(
        "/etc/prometheus/desktop-agent-alerts.yml", str(FLEET / "prometheus" / "alerts.yml")
    ).replace("/etc/prometheus/desktop-agent-targets.yml", str(targets))
    config = tmp_path / "prometheus.yml"
    config.write_text(text)
    done = promtool("check", "config", str(config))
    assert done.returncode == 0, done.stdout + done.stderr


DASHBOARD = FLEET / "grafana" / "desktop-agent-fleet.json"


def dashboard_queries() -> list[str]:
    panels = json.loads(DASHBOARD.read_text())["panels"]
    return [t["expr"] for p in panels for t in p.get("targets", [])]


def test_dashboard_is_well_formed():
    dash = json.loads(DASHBOARD.read_text())
    panels = dash["panels"]
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids))
    variables = {v["name"] for v in dash["templating"]["list"]}
    assert {"datasource", "instance"} <= variables
    for p in panels:
        if p["type"] == "row":
            continue
        assert p["datasource"]["uid"] == "${datasource}", p[
            "title"
        ]  # no uid of one Grafana install
        assert p["targets"], p["title"]
    exprs = dashboard_queries()
    assert all('instance=~"$instance"' in e for e in exprs), exprs
    text = " ".join(exprs)
    for name in (
        "instance:desktop_agent_status:info",
        "desktop_agent_state",
        "desktop_agent_tasks_finished_total",
        "desktop_agent_compute_seconds_total",
        "desktop_agent_heartbeat_age_seconds",
        "desktop_agent_gpu_utilisation_ratio",
    ):
        assert name in text, name

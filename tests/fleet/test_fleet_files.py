"""installers/fleet: the alert rules pass promtool (syntax and the behaviour in alerts_test.yml)."""

from __future__ import annotations

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

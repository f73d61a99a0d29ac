"""The Ansible role (installers/fleet/ansible): syntax, a check-mode run on this machine, its refusals,
and (marked `packaging`: builds the .deb) a real install on this machine, an agent started as the
fleet unit starts it working a task with metrics on, and a second run that changes nothing.

Runs as root with connection=local, as CI does; skipped elsewhere.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.fleet.conftest import wait_for_one_completed_task
from tests.packaging.build import INSTALLS
from tests.e2e.conftest import SAMPLE, sample_code

ROOT = Path(__file__).resolve().parents[2]
ANSIBLE = ROOT / "installers" / "fleet" / "ansible"
PLAYBOOK = shutil.which("ansible-playbook")
OWNER = "fleet-owner@example.com"

pytestmark = pytest.mark.skipif(
    PLAYBOOK is None, reason="Ansible is not installed (apt-get install ansible)"
)
needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or not Path("/usr/bin/python3").exists() or shutil.which("dpkg") is None,
    reason="the role runs as root on a Debian-like machine (CI does); connection=local here",
)


def inventory(tmp_path: Path, **variables) -> Path:
    """This machine as the only member of gpu_machines (connection local, the system Python for apt)."""
    host = {"ansible_connection": "local", "ansible_python_interpreter": "/usr/bin/python3"}
    inv = {"all": {"children": {"gpu_machines": {"hosts": {"localhost": host}, "vars": variables}}}}
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(inv))
    return path


def playbook(inv: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ANSIBLE_CONFIG=str(ANSIBLE / "ansible.cfg"), ANSIBLE_NOCOLOR="1")
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [str(PLAYBOOK), "-i", str(inv), str(ANSIBLE / "site.yml"), *args],
        cwd=ANSIBLE,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def recap(done: subprocess.CompletedProcess[str]) -> dict[str, int]:
    found = re.search(r"localhost\s+:\s+(.*)", done.stdout)
    assert found, done.stdout[-3000:] + done.stderr[-2000:]
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", found.group(1))}


def test_playbook_syntax():
    env = dict(os.environ, ANSIBLE_CONFIG=str(ANSIBLE / "ansible.cfg"))
    done = subprocess.run(
        [str(PLAYBOOK), "--syntax-check", "site.yml"],
        cwd=ANSIBLE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@needs_root
@INSTALLS  # it reads /etc/desktop-agent, which a real install on another worker changes
def test_check_mode_on_this_machine_shows_the_files_and_writes_nothing(tmp_path):
    fake = tmp_path / "desktop-agent.deb"
    fake.write_bytes(b"check mode copies nothing and installs nothing")
    env_file = Path("/etc/desktop-agent/env")
    before = env_file.read_bytes() if env_file.exists() else None
    inv = inventory(
        tmp_path,
        desktop_agent_server="http://127.0.0.1:8000",
        desktop_agent_email=OWNER,
        desktop_agent_deb=str(fake),
        desktop_agent_settings={"gpu_max_temp_c": 83},
        desktop_agent_metrics_address="0.0.0.0:9810",
    )
    done = playbook(inv, "--check", "--diff")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert recap(done)["failed"] == 0
    for line in (
        "+DESKTOP_AGENT_SERVER=http://127.0.0.1:8000",
        f"+DESKTOP_AGENT_EMAIL={OWNER}",
        "+DESKTOP_AGENT_METRICS=0.0.0.0:9810",
        '+  "gpu_max_temp_c": 83',
    ):
        assert line in done.stdout, line
    assert (env_file.read_bytes() if env_file.exists() else None) == before


@needs_root
def test_role_refuses_a_metrics_port_opened_for_loopback(tmp_path):
    fake = tmp_path / "desktop-agent.deb"
    fake.write_bytes(b"x")
    inv = inventory(
        tmp_path,
        desktop_agent_server="http://127.0.0.1:8000",
        desktop_agent_email=OWNER,
        desktop_agent_deb=str(fake),
        desktop_agent_metrics_address="9810",
        desktop_agent_metrics_open_port=True,
    )
    done = playbook(inv, "--check")
    assert done.returncode != 0
    assert "with a host that is not loopback" in done.stdout


# --- a real install (slow: the .deb is built once per session, tests/fleet/conftest.py) ----------


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@needs_root
@pytest.mark.packaging
@INSTALLS  # never while tests/packaging/test_linux_package.py has the same package installed
@pytest.mark.timeout(1500)
def test_real_install_works_a_task_and_a_second_run_changes_nothing(deb, tmp_path):
    from desktop_agent.devserver import DevServer

    if subprocess.run(["dpkg", "-s", "desktop-agent"], capture_output=True).returncode == 0:
        pytest.skip("desktop-agent is already installed on this machine: not touching it")
    port = _free_port()
    with DevServer(data_dir=tmp_path / "server") as srv:
        srv.add_owner(OWNER)
        job_id = srv.submit_job(SAMPLE, code=sample_code(seconds=2), chunks=1)
        inv = inventory(
            tmp_path,
            desktop_agent_server=srv.url,
            desktop_agent_email=OWNER,
            desktop_agent_deb=str(deb),
            desktop_agent_settings={"poll_interval": 0.5, "heartbeat_interval": 1.0},
            desktop_agent_metrics_address=f"127.0.0.1:{port}",
        )
        agent = None
        try:
            first = playbook(inv)
            assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-2000:]
            assert recap(first)["failed"] == 0 and recap(first)["changed"] > 0
            env_file = Path("/etc/desktop-agent/env")
            assert f"DESKTOP_AGENT_EMAIL={OWNER}" in env_file.read_text()
            st = env_file.stat()
            assert (st.st_mode & 0o777) == 0o640 and st.st_uid == 0
            settings = Path("/var/lib/desktop-agent/settings.json")
            assert json.loads(settings.read_text())["poll_interval"] == 0.5

            # the agent as desktop-agent-fleet.service starts it (no systemd here to do it)
            env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
            for line in env_file.read_text().splitlines():
                if line and not line.startswith("#"):
                    key, _, value = line.partition("=")
                    env[key] = value
            env.update(
                DESKTOP_AGENT_HOME="/var/lib/desktop-agent",
                HOME="/var/lib/desktop-agent",
                XDG_CACHE_HOME="/var/lib/desktop-agent/.cache",
            )
            log = tmp_path / "agent.log"
            agent = subprocess.Popen(
                [
                    shutil.which("runuser") or "/usr/sbin/runuser",
                    "-u",
                    "desktop-agent",
                    "--",
                    "/opt/desktop-agent/desktop-agent",
                    "run",
                    "--data-dir",
                    "/var/lib/desktop-agent",
                ],
                env=env,
                stdout=log.open("wb"),
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            wait_for_one_completed_task(
                agent, f"http://127.0.0.1:{port}/metrics", log, srv, job_id, 180
            )

            second = playbook(inv)
            assert second.returncode == 0, second.stdout[-4000:]
            assert recap(second)["changed"] == 0, second.stdout[-4000:]
        finally:
            if agent is not None and agent.poll() is None:
                agent.send_signal(signal.SIGTERM)
                try:
                    agent.wait(60)
                except subprocess.TimeoutExpired:
                    agent.kill()
            subprocess.run(["dpkg", "--purge", "desktop-agent"], capture_output=True, timeout=300)
            shutil.rmtree("/var/cache/desktop-agent", ignore_errors=True)

"""The container image and the Kubernetes manifests (installers/fleet/container, installers/fleet/kubernetes).

- The manifests are checked against Kubernetes' own schemas (the `kubernetes-validate` package,
  offline, strict: unknown fields are errors), and against the image: same user, port, volume.
- Marked `packaging` (needs the .deb, root, mmdebstrap and a Debian mirror): build.sh makes the
  root filesystem and, where podman can, the image; then the agent is run FROM THAT ROOT
  FILESYSTEM under bubblewrap, as the image's user 10001, against the reference backend, and
  works a task. Running the image with podman is not tried here: on machines whose kernel
  set-up refuses it (crun: setrlimit ... Operation not permitted) bubblewrap gives the same check
  of what the image holds.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import pytest

from tests.fleet.conftest import wait_for_one_completed_task
from tests.e2e.conftest import SAMPLE, sample_code

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "installers" / "fleet" / "kubernetes"
CONTAINER = ROOT / "installers" / "fleet" / "container"
OWNER = "fleet-owner@example.com"
yaml = pytest.importorskip(
    "yaml", reason="PyYAML comes with kubernetes-validate (pip install -e '.[test]')"
)


def _docs(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def test_manifests_pass_kubernetes_schemas():
    kv = pytest.importorskip(
        "kubernetes_validate", reason="pip install kubernetes-validate to check the manifests"
    )
    base = yaml.safe_load((K8S / "base" / "kustomization.yaml").read_text())
    files = sorted(p.name for p in (K8S / "base").glob("*.yaml") if p.name != "kustomization.yaml")
    assert sorted(base["resources"]) == files  # nothing written and left out of the base
    for name in files:
        for doc in _docs(K8S / "base" / name):
            kv.validate(doc, "1.30.0", strict=True)  # raises on a schema error


def test_manifests_agree_with_the_image():
    (ds,) = _docs(K8S / "base" / "daemonset.yaml")
    pod = ds["spec"]["template"]["spec"]
    (agent,) = pod["containers"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    containerfile = (CONTAINER / "Containerfile").read_text()
    user = re.search(r"^USER (\d+):(\d+)$", containerfile, re.M)
    assert user, "the image's user must be numeric for runAsNonRoot"
    assert pod["securityContext"]["runAsUser"] == int(user.group(1))
    assert agent["securityContext"]["allowPrivilegeEscalation"] is False
    assert agent["resources"]["limits"]["nvidia.com/gpu"] == 1
    assert pod["nodeSelector"] == {"nvidia.com/gpu.present": "true"}
    email = next(e for e in agent["env"] if e["name"] == "DESKTOP_AGENT_EMAIL")
    assert email["valueFrom"]["secretKeyRef"] == {"name": "desktop-agent-owner", "key": "email"}
    assert "EXPOSE 9810" in containerfile
    assert agent["ports"][0]["containerPort"] == 9810
    mounts = {m["mountPath"] for m in agent["volumeMounts"]}
    assert (
        'VOLUME ["/var/lib/desktop-agent"]' in containerfile and "/var/lib/desktop-agent" in mounts
    )
    example = yaml.safe_load((K8S / "example" / "kustomization.yaml").read_text())
    assert example["secretGenerator"][0]["name"] == "desktop-agent-owner"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


needs_root_tools = pytest.mark.skipif(
    os.geteuid() != 0 or not all(shutil.which(t) for t in ("mmdebstrap", "bwrap", "dpkg-deb")),
    reason="building the root filesystem needs root, mmdebstrap, bubblewrap and dpkg-deb",
)


@needs_root_tools
@pytest.mark.packaging
@pytest.mark.timeout(1800)
def test_image_root_filesystem_runs_the_agent_as_its_user(deb, tmp_path):
    from desktop_agent.devserver import DevServer

    out = tmp_path / "container"
    args = [str(CONTAINER / "build.sh"), str(deb), "--out", str(out)]
    if shutil.which("podman") is None:
        args.append("--rootfs-only")
    built = subprocess.run(args, capture_output=True, text=True, timeout=1200)
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-4000:]
    rootfs = tmp_path / "rootfs"
    rootfs.mkdir()
    subprocess.run(
        ["tar", "-xf", str(out / "rootfs.tar"), "-C", str(rootfs), "--numeric-owner"], check=True
    )
    assert "desktop-agent:x:10001:10001:" in (rootfs / "etc" / "passwd").read_text()
    assert (rootfs / "opt" / "desktop-agent" / "desktop-agent").is_file()
    assert (rootfs / "usr" / "bin" / "bwrap").is_file()
    data = tmp_path / "volume"
    data.mkdir()
    os.chown(data, 10001, 10001)
    port = _free_port()
    env = {  # the image's ENV (Containerfile)
        "DESKTOP_AGENT_HOME": "/var/lib/desktop-agent",
        "HOME": "/var/lib/desktop-agent",
        "XDG_CACHE_HOME": "/var/lib/desktop-agent/.cache",
        "DESKTOP_AGENT_METRICS": f"127.0.0.1:{port}",
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
    }
    with DevServer(data_dir=tmp_path / "server") as srv:
        srv.add_owner(OWNER)
        job_id = srv.submit_job(SAMPLE, code=sample_code(seconds=2), chunks=1)
        cmd = ["bwrap", "--bind", str(rootfs), "/", "--proc", "/proc", "--dev", "/dev"]
        cmd += ["--tmpfs", "/tmp", "--bind", str(data), "/var/lib/desktop-agent"]
        cmd += ["--ro-bind", "/etc/resolv.conf", "/etc/resolv.conf", "--unshare-pid", "--clearenv"]
        for key, value in {
            **env,
            "DESKTOP_AGENT_SERVER": srv.url,
            "DESKTOP_AGENT_EMAIL": OWNER,
        }.items():
            cmd += ["--setenv", key, value]
        cmd += ["/usr/bin/setpriv", "--reuid=10001", "--regid=10001", "--clear-groups"]
        cmd += ["/opt/desktop-agent/desktop-agent", "run", "--data-dir", "/var/lib/desktop-agent"]
        cmd += ["--poll-interval", "0.5", "--heartbeat-interval", "1"]
        log = tmp_path / "agent.log"
        # its own process group: bubblewrap does not pass signals on, the group reaches the agent
        agent = subprocess.Popen(
            cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            wait_for_one_completed_task(
                agent, f"http://127.0.0.1:{port}/metrics", log, srv, job_id, 300
            )
            assert (data / "agent.db").stat().st_uid == 10001  # written as the image's user
        finally:
            os.killpg(agent.pid, signal.SIGTERM)
            try:
                agent.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(agent.pid, signal.SIGKILL)
                agent.wait(10)
    if shutil.which("podman"):
        tag = f"localhost/desktop-agent:{deb.name.split('_')[1]}"
        inspect = subprocess.run(
            [
                "podman",
                "image",
                "inspect",
                "--format",
                "{{.Config.User}}",
                tag,
            ],
            capture_output=True,
            text=True,
        )
        subprocess.run(["podman", "rmi", "-f", tag], capture_output=True)
        assert inspect.stdout.strip() == "10001:10001", inspect.stderr

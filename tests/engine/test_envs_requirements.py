"""Requirement lines that would change where packages come from, or run arbitrary installer options, are refused."""

from __future__ import annotations

import asyncio
import sys

import pytest

from desktop_agent.engine import requirements
from desktop_agent.engine import events as ev
from desktop_agent.engine.env_cache import EnvCache
from desktop_agent.engine.errors import JobFault
from tests.helpers.one_task import completions, run_one_task

pytestmark = pytest.mark.usefixtures("no_job_left_behind")

REFUSED = [
    "--index-url https://evil.example/simple",
    "-i https://evil.example/simple",
    "--extra-index-url https://evil.example/simple",
    "-f https://evil.example/wheels",
    "--find-links ./wheels",
    "--trusted-host evil.example",
    "-e git+https://evil.example/x.git",
    "-r other.txt",
    "-c constraints.txt",
    "git+https://evil.example/x.git",
    "hg+https://evil.example/x",
    "https://evil.example/x.whl",
    "http://evil.example/x.tar.gz",
    "file:///tmp/x",
    "file:x",
    "./pkg",
    "../pkg",
    "/abs/pkg",
    "~/pkg",
    "C:\\pkg",
    "pkg @ https://evil.example/pkg.tar.gz",
    "pkg[extra] @ file:///tmp/pkg",
    "six --global-option=--inject",
    "six --config-settings=editable_mode=compat",
    "six --index-url=https://evil/",
    "pkg-1.0-py3-none-any.whl",
    "pkg.tar.gz",
    "\ufeff--index-url https://evil.example/simple",  # a byte-order mark before an option
    "\u200b-i https://evil.example/simple",  # a zero-width space
    "six\u00a0--index-url=https://evil.example/",  # a no-break space before an option
    "six --hash sha256:0123",  # only the `--hash=` form
    "six --hash=md5:0123",
    "six; --index-url https://evil.example/",
    "six==1.0 extra-text",
    "six[--index-url=x]",
]
ALLOWED = [
    "six",
    "six==1.16.0",
    "torch>=2.0; python_version >= '3.10'",
    "pandas[performance]~=2.2",
    "numpy --hash=sha256:0123",
    "my-package_name.x >= 1.0, != 1.5",
]


@pytest.mark.parametrize("line", REFUSED)
def test_refused(line):
    assert requirements.refused_reason(line), line


@pytest.mark.parametrize("line", ALLOWED)
def test_allowed(line):
    assert requirements.refused_reason(line) is None, line


@pytest.mark.parametrize("line", ALLOWED)
def test_uv_gets_the_line_rewritten_from_its_parse(line):
    """The rewritten line parses to the same requirement, and is stable when parsed again."""
    from packaging.requirements import Requirement

    rewritten = requirements.parse_requirement(line)
    assert rewritten == requirements.parse_requirement(rewritten)
    head = rewritten.split(" --hash=")[0]
    assert str(Requirement(head)) == str(Requirement(line.split(" --hash=")[0]))


@pytest.mark.timeout(20)
def test_allow_direct_references_lifts_the_rule(tmp_path, monkeypatch):
    cache = EnvCache(
        tmp_path / "envs", budget_mb=10, base_python=sys.executable, allow_direct_references=False
    )
    with pytest.raises(JobFault, match="Refusing requirement line"):
        asyncio.run(cache.ensure("pkg @ https://evil.example/pkg.tar.gz\n"))
    cache.allow_direct_references = True
    seen = []

    async def fake_key(lines, *args):
        seen.append(lines)
        raise RuntimeError("stop before building")

    monkeypatch.setattr(cache, "_key", fake_key)
    with pytest.raises(RuntimeError, match="stop before building"):
        asyncio.run(cache.ensure("pkg @ https://evil.example/pkg.tar.gz\n"))
    assert seen == [["pkg @ https://evil.example/pkg.tar.gz"]]


@pytest.mark.timeout(60)
def test_index_changing_requirements_fail_the_task_without_installing(srv, tmp_path):
    srv.submit_job(
        code=b"open('model.pth','w').write('x')\n",
        requirements=b"six\n--extra-index-url https://evil.example/\n",
        data=b"x\n1\n",
        chunks=1,
    )
    ran = run_one_task(srv, tmp_path / "agent")
    assert ran.finished.outcome is ev.Outcome.FAILED
    assert (
        "Refusing requirement line '--extra-index-url https://evil.example/'" in ran.finished.error
    )
    assert [c["result_url"] for c in completions(srv)] == [""]
    assert not any((tmp_path / "agent" / "envs").glob("*/.ready"))

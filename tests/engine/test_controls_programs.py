"""engine/controls.py with the real rules seams: a listed program suspends the task in hand."""

from __future__ import annotations

import sys
import time

import pytest

from desktop_agent.engine import events as ev
from desktop_agent.engine.reasons import Lead, ReasonCode, Why
from desktop_agent.engine.rules import program_reason
from tests.helpers.busy_job import busy_code, tree_cpu
from desktop_agent.devserver import DevServer
from tests.e2e.conftest import OWNER, SAMPLE, AgentThread, sample_code, settings_for, wait_until
from tests.platform.test_programs import named_process

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl names: Linux"),
]


@pytest.fixture
def srv(tmp_path):
    """The reference backend (as tests/e2e's fixture of the same name)."""
    with DevServer(data_dir=tmp_path / "server", requeue_after=600) as server:
        server.add_owner(OWNER)
        yield server


def settings(srv, **overrides):
    base = dict(rules_interval_s=0.2, pause_on_battery=False, pause_on_metered=False)
    base.update(overrides)
    return settings_for(srv, **base)


def test_a_listed_program_suspends_the_job_and_its_end_resumes_it(srv, tmp_path):
    srv.submit_job(SAMPLE, code=busy_code(1.5), chunks=1)
    with AgentThread(
        settings(srv, pause_programs=["I16Game.exe"]), tmp_path / "agent", max_tasks=1
    ) as run:
        wait_until(lambda: run.agent.job is not None and run.agent.job.pid is not None, 60)
        job = run.agent.job
        game = named_process("i16game")
        try:
            wait_until(lambda: job.suspended, 10)
            assert run.agent.status()["reason"] == "Waiting: I16Game is running"
            time.sleep(0.3)
            before = tree_cpu(job.pid)
            time.sleep(1.0)
            assert tree_cpu(job.pid) - before < 0.05  # really frozen
        finally:
            game.kill()
            game.wait()
        wait_until(lambda: run.of(ev.TaskFinished), 60)
    assert run.of(ev.TaskFinished)[0].outcome is ev.Outcome.COMPLETED
    assert any(  # as data for the window: the program, without ".exe"
        e.state is ev.AgentState.PAUSED and e.why == Why(Lead.WAITING, (program_reason("I16Game"),))
        for e in run.of(ev.StateChanged)
    )


def test_a_job_cannot_pause_itself_by_taking_a_listed_name(srv, tmp_path):
    rename = b"import ctypes\nctypes.CDLL(None).prctl(15, b'i16selfpause', 0, 0, 0)\n"
    srv.submit_job(SAMPLE, code=rename + sample_code(2.0), chunks=1)
    with AgentThread(
        settings(srv, pause_programs=["i16selfpause"]), tmp_path / "agent", max_tasks=1
    ) as run:
        wait_until(lambda: run.agent.job is not None and run.agent.job.pid is not None, 60)
        job = run.agent.job
        wait_until(lambda: any(_name(p) == "i16selfpause" for p in job.tree()), 10)
        time.sleep(0.6)  # three evaluations of the rules with the name running
        assert not job.suspended
        wait_until(lambda: run.of(ev.TaskFinished), 60)
    assert run.of(ev.TaskFinished)[0].outcome is ev.Outcome.COMPLETED
    programs = [
        r
        for e in run.of(ev.StateChanged)
        if e.why
        for r in e.why.reasons
        if r.code is ReasonCode.PROGRAM_RUNNING
    ]
    assert not programs, [(e.state, e.reason, e.at) for e in run.of(ev.StateChanged)] + [
        (type(e).__name__, e.at) for e in run.events if type(e).__name__.startswith("Task")
    ]


def _name(proc) -> str:
    try:
        return proc.name()
    except Exception:
        return ""


def test_an_unreadable_cpu_temperature_is_said_once_and_work_goes_on(srv, tmp_path):
    """This machine's sensors as they are: where none reads, the limit cannot apply, and says so."""
    from desktop_agent.platform import cputemp

    if cputemp.cpu_temperature() is not None:
        pytest.skip("this machine reads its CPU temperature")
    srv.submit_job(SAMPLE, code=sample_code(1.0), chunks=1)
    with AgentThread(settings(srv, cpu_max_temp_c=80.0), tmp_path / "agent", max_tasks=1) as run:
        wait_until(lambda: run.of(ev.TaskFinished), 60)
    assert run.of(ev.TaskFinished)[0].outcome is ev.Outcome.COMPLETED
    said = [e for e in run.of(ev.LogLine) if "CPU temperature unknown" in e.text]
    assert len(said) == 1 and said[0].level == "WARNING"
    assert "the CPU temperature limit cannot apply" in said[0].text
    assert any("CPU temperature unknown" in e.reason for e in run.of(ev.StateChanged))
    assert any(
        e.why and [n.code for n in e.why.notes] == [ReasonCode.CPU_TEMP_UNKNOWN]
        for e in run.of(ev.StateChanged)
    )

"""engine/rules.py: the program rule and the CPU temperature rule over fake seams."""

from __future__ import annotations

import os

import dataclasses
from datetime import datetime

from desktop_agent.config import Settings
from desktop_agent.engine.reasons import Reason, ReasonCode, words
from desktop_agent.engine.rules import Rules, Seams, program_reason


@dataclasses.dataclass
class World:
    programs: tuple[str, ...] = ()  # what runs, outside the job
    cpu_c: float | None = None
    asked: int = 0

    def running(self, wanted: list[str]) -> str | None:
        self.asked += 1
        return next((w for w in wanted if w.lower() in self.programs), None)

    def seams(self) -> Seams:
        return Seams(
            clock=lambda: datetime(2026, 6, 3, 12, 0).astimezone(),
            idle_seconds=lambda: 3600.0,
            on_battery=lambda: False,
            gpu_temperatures=list,
            metered=lambda: False,
            fullscreen=lambda: False,
            free_disk_mb=lambda: 1e6,
            job_memory_pct=lambda: None,
            running_program=self.running,
            cpu_temperature=lambda: self.cpu_c,
            cpu_temp_unavailable_reason=lambda: "no CPU temperature sensor found",
        )


def rules(world: World, **settings) -> Rules:
    return Rules(Settings(**settings), world.seams())


def test_a_listed_program_suspends_and_is_named():
    world = World(programs=("steam",))
    verdict = rules(world, pause_programs=["Blender", "Steam"]).evaluate()
    assert verdict.suspend == (Reason(ReasonCode.PROGRAM_RUNNING, "Steam"),)  # as the list has it
    assert words(verdict.suspend[0]) == "Steam is running"
    world.programs = ()
    assert rules(world, pause_programs=["Steam"]).evaluate().clear


def test_no_list_asks_nothing():
    world = World(programs=("steam",))
    assert rules(world).evaluate().clear and world.asked == 0


def test_a_program_reason_carries_the_name_whatever_it_says():
    """A name that reads like another reason is still only a name: nothing parses it."""
    for name in ("OBS Studio", "on battery", "x is running"):
        reason = program_reason(name)
        assert (reason.code, reason.value) == (ReasonCode.PROGRAM_RUNNING, name)
        assert words(reason) == f"{name} is running"


def test_cpu_temperature_with_hysteresis():
    world = World(cpu_c=70.0)
    r = rules(world, cpu_max_temp_c=80.0, cpu_temp_hysteresis_c=10.0)
    assert r.evaluate().clear
    world.cpu_c = 81.0
    assert r.evaluate().suspend == (Reason.of(ReasonCode.CPU_TOO_HOT, celsius=81, resume_below=70),)
    assert words(r.evaluate().suspend[0]) == "CPU too hot (81 °C; resumes below 70 °C)"
    world.cpu_c = 75.0  # cooler, but not cool enough
    assert words(r.evaluate().suspend[0]) == "CPU too hot (75 °C; resumes below 70 °C)"
    world.cpu_c = 69.0
    assert r.evaluate().clear


def test_unknown_cpu_temperature_is_said_not_pretended():
    world = World(cpu_c=None)
    verdict = rules(world, cpu_max_temp_c=80.0).evaluate()
    assert verdict.clear and [words(n) for n in verdict.notes] == [
        "CPU temperature unknown (no CPU temperature sensor found) — "
        "the CPU temperature limit cannot apply",
    ]
    assert rules(world).evaluate().notes == ()  # the limit is off: nothing to say


def test_a_match_in_an_old_program_list_is_checked_in_a_fresh_one(tmp_path, monkeypatch):
    """Between tasks the list is old; a process of the last job in it must not pause anything."""
    from desktop_agent.engine import rules as rules_module
    from desktop_agent.platform import programs

    lists = [{"i16oldjob": {os.getppid()}}]  # a job's process, in the scan made while it ran
    monkeypatch.setattr(programs, "running_names", lambda: lists.pop(0))
    seams = rules_module.real_seams(tmp_path, lambda: None, lambda: None)
    assert seams.running_program(["i16oldjob"]) == "i16oldjob"  # a fresh scan: believed
    lists[:] = [{}]  # the job is gone; the next call's list is old, so the match is rescanned
    assert seams.running_program(["i16oldjob"]) is None
    assert lists == []

"""platform/programs.py: names as the system lists them, whole-name matching, the job left out."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from desktop_agent.platform import programs

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl names: Linux")


def named_process(name: str) -> subprocess.Popen:
    """A real process that runs under `name` (as a game renamed by its launcher would)."""
    code = (
        "import ctypes, time\n"
        f"ctypes.CDLL(None).prctl(15, {name.encode()!r}, 0, 0, 0)\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def test_normalise_drops_case_folder_and_exe():
    for raw in ("Steam.exe", "steam", " STEAM ", r"C:\Games\steam.EXE", "/usr/bin/steam"):
        assert programs.normalise(raw) == "steam"


def alive(_pid: int) -> bool:
    return True  # the made-up pids below stand for running processes


def test_whole_names_only_and_the_entry_as_written():
    running = {"steamwebhelper": {10}, "blender": {11}, "python3": {12}}
    assert programs.first_running(["steam"], running, alive=alive) is None  # not a substring match
    assert programs.first_running(["Steam", "Blender.exe"], running, alive=alive) == "Blender"
    assert programs.first_running(["", "  "], running, alive=alive) is None


def test_the_jobs_own_processes_never_count_and_are_looked_up_only_on_a_match():
    asked = []

    def job() -> set[int]:
        asked.append(1)
        return {11}

    running = {"blender": {11}, "obs": {20}}
    assert programs.first_running(["krita"], running, job, alive) is None and asked == []
    assert programs.first_running(["blender"], running, job, alive) is None  # only the job runs it
    assert len(asked) == 1
    assert programs.first_running(["blender", "obs"], running, job, alive) == "obs"
    assert len(asked) == 2  # one look at the job's tree per call, however many names match


def test_a_long_name_matches_the_kernels_15_characters():
    running = {"davinciresolve.": {30}}  # what Linux keeps of "DaVinciResolve.exe"'s name
    assert programs.first_running(["DaVinciResolve.exe"], running, alive=alive) == "DaVinciResolve"


@linux_only
def test_a_real_process_is_seen_by_name_and_gone_when_it_ends():
    proc = named_process("I16FakeGame")
    try:
        names = programs.running_names()
        assert proc.pid in names["i16fakegame"]
        assert programs.first_running(["i16fakegame.exe"], names) == "i16fakegame"
        assert programs.first_running(["i16fakegame"], names, lambda: {proc.pid}) is None
    finally:
        proc.kill()
        proc.wait()
    assert "i16fakegame" not in programs.running_names()


def test_the_scanner_reuses_a_fresh_scan():
    scanner = programs.Scanner()
    first = scanner.names(max_age=60)
    assert first is not None and scanner.scans == 1
    scanner.names(max_age=60)
    assert scanner.scans == 1
    time.sleep(0.01)
    scanner.names(max_age=0.0)
    assert scanner.scans == 2


@linux_only
def test_an_ended_program_not_yet_reaped_is_not_running():
    proc = named_process("i16zombie")
    proc.kill()
    time.sleep(0.3)  # dead, but not waited for: a zombie that /proc still lists
    try:
        names = programs.running_names()
        assert proc.pid in names.get("i16zombie", set())
        assert programs.first_running(["i16zombie"], names) is None
    finally:
        proc.wait()

"""The Windows job object (platform/winjob.py) behind its kernel32 seam.

Not run on Windows until CI runs it: here the kernel is `FakeKernel32`, which
records every call and keeps a copy of each structure as the kernel would
have read it. The arithmetic, the flags, the structure layouts, the call
order and the clean-up on failure are what these tests hold.
"""

from __future__ import annotations

import asyncio
import ctypes
import sys
from pathlib import Path

import pytest

from desktop_agent.engine.jobspec import JobSpec
from desktop_agent.engine import limits, proccap, runner
from desktop_agent.platform import winjob

pytestmark = [pytest.mark.timeout(60), pytest.mark.usefixtures("no_job_left_behind")]


class FakeKernel32:
    """Records calls; `fail` names a call that returns failure; `members` is what the job holds."""

    def __init__(self, fail: str = "", members: tuple[int, ...] = ()):
        self.calls: list[tuple] = []
        self.fail = fail
        self.members = members
        self.open: set[int] = set()
        self._next = 100

    def _handle(self) -> int:
        self._next += 1
        self.open.add(self._next)
        return self._next

    def CreateJobObjectW(self) -> int:
        self.calls.append(("CreateJobObjectW",))
        return 0 if self.fail == "CreateJobObjectW" else self._handle()

    def SetInformationJobObject(self, job, info_class, info) -> bool:
        copy = type(info).from_buffer_copy(bytes(info))  # what the kernel would read
        self.calls.append(("SetInformationJobObject", job, info_class, copy))
        return self.fail != f"Set{info_class}"

    def QueryInformationJobObject(self, job, info_class, info) -> bool:
        self.calls.append(("QueryInformationJobObject", job, info_class))
        info.NumberOfAssignedProcesses = len(self.members)
        info.NumberOfProcessIdsInList = len(self.members)
        for i, pid in enumerate(self.members):
            info.ProcessIdList[i] = pid
        return True

    def OpenProcess(self, access, pid) -> int:
        self.calls.append(("OpenProcess", access, pid))
        return 0 if self.fail == "OpenProcess" else self._handle()

    def AssignProcessToJobObject(self, job, process) -> bool:
        self.calls.append(("AssignProcessToJobObject", job, process))
        return self.fail != "AssignProcessToJobObject"

    def CloseHandle(self, handle) -> bool:
        self.calls.append(("CloseHandle", handle))
        self.open.discard(handle)
        return True

    def GetLastError(self) -> int:
        return 5  # ERROR_ACCESS_DENIED

    def names(self) -> list[str]:
        return [c[0] for c in self.calls]


# --- the arithmetic ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cores", "total", "rate"),
    [
        (2, 8, 2500),  # 2 of 8 cores: 25 % of the machine
        (1, 3, 3333),  # rounded down: never more than the cores allowed
        (3, 4, 7500),
        (1, 20_000, 1),  # at least 1: the kernel rejects 0
        (0, 8, 0),  # 0 = all cores: no rate control
        (8, 8, 0),  # all of them: no rate control
        (16, 8, 0),  # more than there are
        (2, 0, 0),  # core count unknown
    ],
)
def test_cpu_rate_is_the_core_cap_as_a_share_of_all_cores(cores, total, rate):
    assert winjob.cpu_rate(cores, total) == rate


def test_plan_sets_a_flag_for_each_cap_and_kill_on_close_always():
    p = winjob.plan(memory_mb=512, processes=64, cpu_cores=2, total_cores=8)
    assert p.job_memory_bytes == 512 * 1024 * 1024
    assert p.active_processes == 64
    assert p.cpu_rate == 2500
    assert p.limit_flags & winjob.JOB_OBJECT_LIMIT_JOB_MEMORY
    assert p.limit_flags & winjob.JOB_OBJECT_LIMIT_ACTIVE_PROCESS
    assert p.limit_flags & winjob.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    assert p.limit_flags & winjob.JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION
    assert not p.limit_flags & winjob.JOB_OBJECT_LIMIT_BREAKAWAY_OK  # nothing may leave the job
    assert p.cpu_flags == (
        winjob.JOB_OBJECT_CPU_RATE_CONTROL_ENABLE | winjob.JOB_OBJECT_CPU_RATE_CONTROL_HARD_CAP
    )


def test_plan_leaves_out_caps_that_are_off():
    p = winjob.plan(memory_mb=0, processes=0, cpu_cores=0, total_cores=8)
    assert p.limit_flags == (
        winjob.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
        | winjob.JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION
    )
    assert (p.job_memory_bytes, p.active_processes, p.cpu_rate, p.cpu_flags) == (0, 0, 0, 0)
    assert winjob.plan(-5, -1, -1, 8) == p  # nonsense is "off", never a wrapped-around huge cap


@pytest.mark.skipif(ctypes.sizeof(ctypes.c_void_p) != 8, reason="sizes below are the x64 ones")
def test_structure_layouts_match_the_windows_sdk_on_x64():
    # sizeof() as the Windows SDK's x64 headers give them
    assert ctypes.sizeof(winjob.JOBOBJECT_BASIC_LIMIT_INFORMATION) == 64
    assert ctypes.sizeof(winjob.IO_COUNTERS) == 48
    assert ctypes.sizeof(winjob.JOBOBJECT_EXTENDED_LIMIT_INFORMATION) == 144
    assert ctypes.sizeof(winjob.JOBOBJECT_CPU_RATE_CONTROL_INFORMATION) == 8
    ext = winjob.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
    assert ext.JobMemoryLimit.offset == 120
    assert winjob.JOBOBJECT_BASIC_LIMIT_INFORMATION.ActiveProcessLimit.offset == 40
    assert winjob.JOBOBJECT_BASIC_LIMIT_INFORMATION.LimitFlags.offset == 16


# --- the calls -----------------------------------------------------------------------------


def test_contain_sets_the_limits_before_it_assigns_the_process():
    k = FakeKernel32()
    job = winjob.contain(4242, winjob.plan(512, 64, 2, 8), k)
    assert k.names() == [
        "CreateJobObjectW",
        "SetInformationJobObject",
        "SetInformationJobObject",
        "OpenProcess",
        "AssignProcessToJobObject",
        "CloseHandle",  # the process handle; the job's stays open
    ]
    handle = k.calls[1][1]  # the job handle
    _, _, cls, ext = k.calls[1]
    assert cls == winjob.JobObjectExtendedLimitInformation
    assert ext.BasicLimitInformation.LimitFlags == winjob.plan(512, 64, 2, 8).limit_flags
    assert ext.BasicLimitInformation.ActiveProcessLimit == 64
    assert ext.JobMemoryLimit == 512 * 1024 * 1024
    assert ext.ProcessMemoryLimit == 0
    _, _, cls, rate = k.calls[2]
    assert cls == winjob.JobObjectCpuRateControlInformation
    assert (rate.ControlFlags, rate.CpuRate) == (0x5, 2500)
    assert k.calls[3] == ("OpenProcess", winjob.PROCESS_SET_QUOTA | winjob.PROCESS_TERMINATE, 4242)
    assert k.calls[4][1] == handle
    assert k.open == {handle}
    job.close()
    job.close()  # twice is harmless
    assert k.open == set() and k.names().count("CloseHandle") == 2


def test_no_cpu_rate_call_without_a_core_cap():
    k = FakeKernel32()
    winjob.contain(7, winjob.plan(512, 64, 0, 8), k)
    classes = [c[2] for c in k.calls if c[0] == "SetInformationJobObject"]
    assert classes == [winjob.JobObjectExtendedLimitInformation]


@pytest.mark.parametrize(
    "fail", ["CreateJobObjectW", "Set9", "Set15", "OpenProcess", "AssignProcessToJobObject"]
)
def test_a_failed_call_raises_and_leaves_no_handle_open(fail):
    k = FakeKernel32(fail=fail)
    with pytest.raises(winjob.JobObjectError, match=r"Windows error 5"):
        winjob.contain(7, winjob.plan(512, 64, 2, 8), k)
    assert k.open == set()
    if fail.startswith("Set"):
        assert "OpenProcess" not in k.names()  # never in a job without its limits


def test_pids_lists_every_process_in_the_job():
    k = FakeKernel32(members=(11, 12, 13))
    job = winjob.contain(11, winjob.plan(0, 0, 0, 8), k)
    assert job.pids() == [11, 12, 13]
    job.close()
    assert job.pids() == []


# --- wiring into the engine's limits and the runner ---------------------------------------


def test_the_windows_cap_builds_the_plan_from_the_agents_limits(monkeypatch):
    monkeypatch.setattr(proccap.psutil, "cpu_count", lambda: 8)
    k = FakeKernel32(members=(1, 2))
    cap = proccap._WindowsJob(k)
    cap.attach(99, limits.JobLimits(memory_mb=300, processes=32, workspace_mb=0, cpu_cores=2))
    sets = {c[2]: c[3] for c in k.calls if c[0] == "SetInformationJobObject"}
    assert sets[winjob.JobObjectExtendedLimitInformation].JobMemoryLimit == 300 * 1024 * 1024
    assert (
        sets[winjob.JobObjectExtendedLimitInformation].BasicLimitInformation.ActiveProcessLimit
        == 32
    )
    assert sets[winjob.JobObjectCpuRateControlInformation].CpuRate == 2500
    assert cap.pids() == [1, 2] and cap.error is None
    cap.close()
    assert k.open == set()


def test_the_windows_cap_falls_back_to_the_watchdog_when_the_kernel_refuses():
    cap = proccap._WindowsJob(FakeKernel32(fail="AssignProcessToJobObject"))
    cap.attach(99, limits.JobLimits(300, 32, 0))
    assert cap.error and "Windows error 5" in cap.error
    assert cap.pids() == []
    cap.close()  # nothing to close, no error


def test_cpu_cores_come_from_the_settings():
    from desktop_agent.config import Settings

    assert limits.from_settings(Settings(cpu_max_cores=3)).cpu_cores == 3
    assert limits.from_settings(Settings()).cpu_cores == 0


def test_the_runner_puts_train_py_in_the_job_and_closes_it_at_the_end(tmp_path, monkeypatch):
    k = FakeKernel32()
    monkeypatch.setattr(proccap, "open_process_cap", lambda *a, **kw: proccap._WindowsJob(k))
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "train.py").write_text("print('hi')\n")
    spec = JobSpec(
        time_limit=30, limits=limits.JobLimits(memory_mb=256, processes=16, workspace_mb=0)
    )
    job = runner.JobProcess(
        Path(sys.executable), ws, spec, log_path=tmp_path / "job.log", grace_s=1.0
    )
    result = asyncio.run(job.run())
    assert result.exit_code == 0
    assert ("OpenProcess", winjob.PROCESS_SET_QUOTA | winjob.PROCESS_TERMINATE, job.pid) in k.calls
    assert k.names()[-1] == "CloseHandle" and k.open == set()  # kill-on-close at the end of the run

"""A Windows Job Object around a job's process tree: the closest thing to the Linux caps.

NOT RUN ON WINDOWS UNTIL CI RUNS IT. The limit arithmetic (`plan`), the
structure layouts and the order of kernel32 calls are unit-tested on Linux
behind the `Kernel32` seam (tests/platform/test_winjob.py); the real ctypes
calls (`_CtypesKernel32`) have never run.

What the job object enforces, in the kernel, for every process in it
(children join their parent's job automatically and cannot leave: no
`JOB_OBJECT_LIMIT_BREAKAWAY_OK`):

- **Memory**: `JOB_OBJECT_LIMIT_JOB_MEMORY`, the committed memory of the whole
  tree, the Windows counterpart of the watchdog's summed RSS. Committed, not
  reserved: the huge address ranges PyTorch and CUDA reserve do not count, so
  this is not the `RLIMIT_AS` trap. A per-process limit
  (`JOB_OBJECT_LIMIT_PROCESS_MEMORY`) would add nothing: no single process
  can commit more than the whole job.
- **Processes**: `JOB_OBJECT_LIMIT_ACTIVE_PROCESS`; the kernel refuses the
  process that would pass the cap.
- **CPU**: `JOBOBJECT_CPU_RATE_CONTROL_INFORMATION` with a hard cap, in
  1/100 % of all the machine's cores: a job limited to 2 of 8 cores gets
  2500 (25 %). Affinity (set by the loop) pins it; the rate also holds a
  job that spreads threads over what affinity allows.
- **Kill on close**: `JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE`; closing the handle
  (the end of the run, or the agent dying in any way) ends every process
  left in the job, including ones that detached from the tree.
- `JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION`: a crashing job exits at
  once instead of waiting on a Windows Error Reporting dialog nobody sees.

The process is assigned right after it is created, so a child it starts in
the first instant (before `train.py`'s interpreter has even started) could
run outside the job; the runner's own tree tracking still sees and stops it.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Protocol

JOB_OBJECT_LIMIT_ACTIVE_PROCESS = 0x00000008
JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x00000100
JOB_OBJECT_LIMIT_JOB_MEMORY = 0x00000200
JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION = 0x00000400
JOB_OBJECT_LIMIT_BREAKAWAY_OK = 0x00000800
JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x00002000

JOB_OBJECT_CPU_RATE_CONTROL_ENABLE = 0x1
JOB_OBJECT_CPU_RATE_CONTROL_HARD_CAP = 0x4

# JOBOBJECTINFOCLASS values
JobObjectBasicProcessIdList = 3
JobObjectExtendedLimitInformation = 9
JobObjectCpuRateControlInformation = 15

PROCESS_TERMINATE = 0x0001
PROCESS_SET_QUOTA = 0x0100

FULL_CPU_RATE = 10_000  # 100 % of all cores, in the unit CpuRate is given in
_MB = 1024 * 1024


# --- the limits, as data -----------------------------------------------------------------


@dataclass(frozen=True)
class JobPlan:
    """What to ask the kernel for; computed from the agent's limits by `plan`."""

    limit_flags: int
    job_memory_bytes: int  # 0: no memory cap
    active_processes: int  # 0: no process cap
    cpu_rate: int  # 1..10000 (1/100 % of all cores); 0: no CPU rate control

    @property
    def cpu_flags(self) -> int:
        if not self.cpu_rate:
            return 0
        return JOB_OBJECT_CPU_RATE_CONTROL_ENABLE | JOB_OBJECT_CPU_RATE_CONTROL_HARD_CAP


def cpu_rate(cores: int, total_cores: int, pct: int = 100) -> int:
    """The hard CPU cap for `pct` % of `cores` of `total_cores`, in 1/100 % of all cores; 0 for no cap.

    `cores` 0 is every core. Rounded down (never more than allowed), but at least 1: the
    kernel rejects a rate of 0.
    """
    if total_cores <= 0:
        return 0
    share = total_cores if cores <= 0 or cores >= total_cores else cores
    pct = min(max(pct, 1), 100)
    if share == total_cores and pct == 100:
        return 0
    return max(1, share * FULL_CPU_RATE * pct // (total_cores * 100))


def plan(
    memory_mb: int, processes: int, cpu_cores: int, total_cores: int, cpu_pct: int = 100
) -> JobPlan:
    """The job object for a run: each cap that is 0 is left out; kill-on-close always."""
    flags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION
    memory = max(0, memory_mb) * _MB
    if memory:
        flags |= JOB_OBJECT_LIMIT_JOB_MEMORY
    procs = max(0, processes)
    if procs:
        flags |= JOB_OBJECT_LIMIT_ACTIVE_PROCESS
    return JobPlan(flags, memory, procs, cpu_rate(cpu_cores, total_cores, cpu_pct))


# --- the Windows structures (ctypes layouts work on any OS; tests check their sizes) -----------


class JOBOBJECT_BASIC_LIMIT_INFORMATION(ctypes.Structure):
    _fields_ = [
        ("PerProcessUserTimeLimit", ctypes.c_int64),
        ("PerJobUserTimeLimit", ctypes.c_int64),
        ("LimitFlags", ctypes.c_uint32),
        ("MinimumWorkingSetSize", ctypes.c_size_t),
        ("MaximumWorkingSetSize", ctypes.c_size_t),
        ("ActiveProcessLimit", ctypes.c_uint32),
        ("Affinity", ctypes.c_size_t),  # ULONG_PTR
        ("PriorityClass", ctypes.c_uint32),
        ("SchedulingClass", ctypes.c_uint32),
    ]


class IO_COUNTERS(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_uint64)
        for name in (
            "ReadOperationCount",
            "WriteOperationCount",
            "OtherOperationCount",
            "ReadTransferCount",
            "WriteTransferCount",
            "OtherTransferCount",
        )
    ]


class JOBOBJECT_EXTENDED_LIMIT_INFORMATION(ctypes.Structure):
    _fields_ = [
        ("BasicLimitInformation", JOBOBJECT_BASIC_LIMIT_INFORMATION),
        ("IoInfo", IO_COUNTERS),
        ("ProcessMemoryLimit", ctypes.c_size_t),
        ("JobMemoryLimit", ctypes.c_size_t),
        ("PeakProcessMemoryUsed", ctypes.c_size_t),
        ("PeakJobMemoryUsed", ctypes.c_size_t),
    ]


class JOBOBJECT_CPU_RATE_CONTROL_INFORMATION(ctypes.Structure):
    # ControlFlags, then a union {CpuRate; Weight; {MinRate, MaxRate}}: all 32 bits.
    _fields_ = [("ControlFlags", ctypes.c_uint32), ("CpuRate", ctypes.c_uint32)]


def extended_limits(p: JobPlan) -> JOBOBJECT_EXTENDED_LIMIT_INFORMATION:
    info = JOBOBJECT_EXTENDED_LIMIT_INFORMATION()
    info.BasicLimitInformation.LimitFlags = p.limit_flags
    info.BasicLimitInformation.ActiveProcessLimit = p.active_processes
    info.JobMemoryLimit = p.job_memory_bytes
    return info


def cpu_rate_control(p: JobPlan) -> JOBOBJECT_CPU_RATE_CONTROL_INFORMATION:
    return JOBOBJECT_CPU_RATE_CONTROL_INFORMATION(p.cpu_flags, p.cpu_rate)


_MAX_LISTED = 1024  # process ids read back from a job at once


class _PidList(ctypes.Structure):
    _fields_ = [
        ("NumberOfAssignedProcesses", ctypes.c_uint32),
        ("NumberOfProcessIdsInList", ctypes.c_uint32),
        ("ProcessIdList", ctypes.c_size_t * _MAX_LISTED),
    ]


# --- the seam ----------------------------------------------------------------------------


class Kernel32(Protocol):
    """The kernel32 calls a job object needs; handles are ints, 0 is failure."""

    def CreateJobObjectW(self) -> int: ...
    def SetInformationJobObject(
        self, job: int, info_class: int, info: ctypes.Structure
    ) -> bool: ...
    def QueryInformationJobObject(
        self, job: int, info_class: int, info: ctypes.Structure
    ) -> bool: ...
    def OpenProcess(self, access: int, pid: int) -> int: ...
    def AssignProcessToJobObject(self, job: int, process: int) -> bool: ...
    def CloseHandle(self, handle: int) -> bool: ...
    def GetLastError(self) -> int: ...


class _CtypesKernel32:
    """The real thing (Windows only). NOT RUN ON WINDOWS UNTIL CI RUNS IT."""

    def __init__(self) -> None:
        from ctypes import wintypes

        k = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        k.CreateJobObjectW.argtypes = [ctypes.c_void_p, wintypes.LPCWSTR]
        k.CreateJobObjectW.restype = wintypes.HANDLE
        k.SetInformationJobObject.argtypes = [
            wintypes.HANDLE,
            ctypes.c_int,
            ctypes.c_void_p,
            wintypes.DWORD,
        ]
        k.SetInformationJobObject.restype = wintypes.BOOL
        k.QueryInformationJobObject.argtypes = [
            wintypes.HANDLE,
            ctypes.c_int,
            ctypes.c_void_p,
            wintypes.DWORD,
            ctypes.POINTER(wintypes.DWORD),
        ]
        k.QueryInformationJobObject.restype = wintypes.BOOL
        k.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
        k.OpenProcess.restype = wintypes.HANDLE
        k.AssignProcessToJobObject.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
        k.AssignProcessToJobObject.restype = wintypes.BOOL
        k.CloseHandle.argtypes = [wintypes.HANDLE]
        k.CloseHandle.restype = wintypes.BOOL
        self._k = k

    def CreateJobObjectW(self) -> int:
        return self._k.CreateJobObjectW(None, None) or 0

    def SetInformationJobObject(self, job: int, info_class: int, info: ctypes.Structure) -> bool:
        return bool(
            self._k.SetInformationJobObject(
                job, info_class, ctypes.byref(info), ctypes.sizeof(info)
            )
        )

    def QueryInformationJobObject(self, job: int, info_class: int, info: ctypes.Structure) -> bool:
        return bool(
            self._k.QueryInformationJobObject(
                job, info_class, ctypes.byref(info), ctypes.sizeof(info), None
            )
        )

    def OpenProcess(self, access: int, pid: int) -> int:
        return self._k.OpenProcess(access, False, pid) or 0

    def AssignProcessToJobObject(self, job: int, process: int) -> bool:
        return bool(self._k.AssignProcessToJobObject(job, process))

    def CloseHandle(self, handle: int) -> bool:
        return bool(self._k.CloseHandle(handle))

    def GetLastError(self) -> int:
        return ctypes.get_last_error()  # type: ignore[attr-defined]


class JobObjectError(OSError):
    """A job object could not be made or the process could not be put in it."""


class JobObject:
    """One run's job object: made and filled by `contain`, ended (with its processes) by `close`."""

    def __init__(self, kernel: Kernel32, handle: int):
        self._kernel = kernel
        self._handle = handle

    def pids(self) -> list[int]:
        """Every process in the job, whether or not it is still a descendant of train.py."""
        if not self._handle:
            return []
        found = _PidList()
        if not self._kernel.QueryInformationJobObject(
            self._handle, JobObjectBasicProcessIdList, found
        ):
            return []
        n = min(found.NumberOfProcessIdsInList, _MAX_LISTED)
        return [int(found.ProcessIdList[i]) for i in range(n)]

    def close(self) -> None:
        """Close the handle: kill-on-close ends whatever is still in the job. Safe to call twice."""
        if self._handle:
            handle, self._handle = self._handle, 0
            self._kernel.CloseHandle(handle)


def _fail(kernel: Kernel32, what: str) -> JobObjectError:
    return JobObjectError(f"{what} failed (Windows error {kernel.GetLastError()})")


def contain(pid: int, p: JobPlan, kernel: Kernel32 | None = None) -> JobObject:
    """Make a job object with the limits of `p` and put process `pid` in it.

    Limits are set before the process is assigned, so it never runs in the job
    without them. On any failure every handle opened here is closed again and
    `JobObjectError` is raised; the caller falls back to the watchdog.
    """
    k: Kernel32 = kernel if kernel is not None else _CtypesKernel32()
    job = k.CreateJobObjectW()
    if not job:
        raise _fail(k, "CreateJobObject")
    try:
        if not k.SetInformationJobObject(
            job, JobObjectExtendedLimitInformation, extended_limits(p)
        ):
            raise _fail(k, "Setting the job's memory/process limits")
        if p.cpu_rate and not k.SetInformationJobObject(
            job, JobObjectCpuRateControlInformation, cpu_rate_control(p)
        ):
            raise _fail(k, "Setting the job's CPU rate")
        process = k.OpenProcess(PROCESS_SET_QUOTA | PROCESS_TERMINATE, pid)
        if not process:
            raise _fail(k, f"Opening process {pid}")
        try:
            if not k.AssignProcessToJobObject(job, process):
                raise _fail(k, f"Putting process {pid} in the job object")
        finally:
            k.CloseHandle(process)
    except BaseException:
        k.CloseHandle(job)
        raise
    return JobObject(k, job)

"""The contribution rules, evaluated over small injectable seams.

`Rules(settings, seams).evaluate()` asks only the seams whose rule is switched
on (each is cheap, and the slow ones cache inside desktop_agent/platform/) and
returns a `modes.Verdict`: reasons not to take new work, reasons to suspend the
task in hand, a reason to stop the job, each a `reasons.Reason` (a code and its numbers,
worded by each display). A rule that cannot know (no idle detection on this desktop) says so
in `notes` instead of silently never running.

| rule (setting)                   | blocks new work | suspends the job | unknown input means            |
|----------------------------------|-----------------|------------------|--------------------------------|
| run_when_idle_only + idle_minutes| yes             | yes              | "idle detection unavailable": rule skipped, said |
| pause_on_battery                 | yes             | yes              | not on battery                 |
| schedule                         | yes             | yes              | —                              |
| min_free_disk_mb                 | yes             | no               | —                              |
| pause_on_metered                 | yes             | no (no downloads)| not metered (said in notes)    |
| gpu_max_temp_c (+ hysteresis)    | yes             | yes              | no reading: rule skipped       |
| memory_max_pct + memory_action   | —               | pause: yes; stop: stops the job |                   |
| pause_when_fullscreen            | yes             | yes              | not full screen                |
| pause_programs                   | yes             | yes              | processes unlisted: not running |
| cpu_max_temp_c (+ hysteresis)    | yes             | yes              | no reading: rule skipped, said |

A program's reason is `Reason(PROGRAM_RUNNING, "Steam")`, so the window can say "Paused while
Steam is running" in its own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time as dtime, timedelta
from typing import TYPE_CHECKING, Any
from collections.abc import Callable

from desktop_agent.engine.modes import Verdict
from desktop_agent.engine.reasons import Reason, ReasonCode as Code
from desktop_agent.settings_grammar import DAYS, parse_window

if TYPE_CHECKING:
    from desktop_agent.config import Settings

PROGRAM_SCAN_IDLE_S = 15.0  # with no job running, the program list is read at most this often


# --- the weekly schedule (its grammar is settings_grammar.py's) ---------------------------


def in_schedule(schedule: dict[str, list[str]], now: datetime) -> bool:
    """Is local wall-clock time `now` inside a window? {} means any time.

    Wall-clock minutes of the local date are compared, so a DST change moves
    nothing: "09:00-17:00" is 09:00-17:00 on the clock on both sides of it. A
    window that runs past midnight belongs to the day it starts on.
    """
    if not schedule:
        return True
    minute = now.hour * 60 + now.minute
    today = DAYS[now.weekday()]
    yesterday = DAYS[(now.weekday() - 1) % 7]
    for text in schedule.get(today, []):
        start, end = parse_window(text)
        if start < end and start <= minute < end:
            return True
        if start > end and minute >= start:
            return True
    for text in schedule.get(yesterday, []):
        start, end = parse_window(text)
        if start > end and minute < end:
            return True
    return False


def next_window_start(schedule: dict[str, list[str]], now: datetime) -> datetime | None:
    """When the next window opens (local wall clock), for "outside the schedule (until Mon 09:00)"."""
    best: datetime | None = None
    for offset in range(0, 8):
        day = (now + timedelta(days=offset)).date()
        for text in schedule.get(DAYS[day.weekday()], []):
            start, _end = parse_window(text)
            at = datetime.combine(day, dtime(start // 60, start % 60), tzinfo=now.tzinfo)
            if at > now and (best is None or at < best):
                best = at
        if best is not None:
            return best
    return None


# --- the seams -------------------------------------------------------------------------


@dataclass
class Seams:
    """Where each rule reads the world. Each returns None when it cannot know."""

    clock: Callable[[], datetime]  # aware local time
    idle_seconds: Callable[[], float | None]
    on_battery: Callable[[], bool | None]
    gpu_temperatures: Callable[[], list[float]]  # of the GPUs jobs may use
    metered: Callable[[], bool | None]
    fullscreen: Callable[[], bool | None]
    free_disk_mb: Callable[[], float]
    job_memory_pct: Callable[[], float | None]  # the job tree's RSS as % of RAM; None without a job
    idle_unavailable_reason: Callable[[], str] = lambda: "idle detection unavailable"
    sandbox_missing: Callable[[], str | None] = lambda: (
        None
    )  # why jobs cannot be sandboxed, if they cannot
    # the first of these names (as written) that runs outside the job, or None
    running_program: Callable[[list[str]], str | None] = lambda _names: None
    cpu_temperature: Callable[[], float | None] = lambda: None  # °C of the CPU package
    cpu_temp_unavailable_reason: Callable[[], str] = lambda: "no CPU temperature sensor found"


def program_reason(name: str) -> Reason:
    """The reason a running program gives (its name as the person wrote it)."""
    return Reason.of(Code.PROGRAM_RUNNING, name)


def real_seams(
    data_dir: Any,
    job_memory_pct: Callable[[], float | None],
    gpu_indices: Callable[[], list[int] | None],
    job_running: Callable[[], bool] = lambda: False,
    job_pids: Callable[[], set[int]] = set,
) -> Seams:
    """The platform's implementations (desktop_agent/platform/).

    While `job_running()` the program list is read on every evaluation, otherwise at most
    every PROGRAM_SCAN_IDLE_S; `job_pids()` (the job's tree, a scan of its own) is asked only
    when a listed program's name is seen, so the job's processes never count.
    """
    import shutil

    from desktop_agent import gpu
    from desktop_agent.platform import battery, cputemp, fullscreen, idle, network, programs

    detector = idle.detector()
    scanner = programs.Scanner()

    def program(wanted: list[str]) -> str | None:
        max_age = 0.0 if job_running() else PROGRAM_SCAN_IDLE_S
        for age in (max_age, 0.0):  # a match in an older list is checked in a fresh one: the
            running = scanner.names(max_age=age)  # program, or a job's process, may be gone
            if running is None:
                return None
            found = programs.first_running(wanted, running, job_pids)
            if found is None or scanner.fresh:
                return found
        return found

    def temps() -> list[float]:
        wanted = gpu_indices()
        return [
            s.temperature_c
            for s in gpu.backend().sample()
            if s.temperature_c is not None and (wanted is None or s.index in wanted)
        ]

    return Seams(
        clock=lambda: datetime.now().astimezone(),
        idle_seconds=detector.idle_seconds,
        on_battery=battery.on_battery,
        gpu_temperatures=temps,
        metered=network.metered,
        fullscreen=fullscreen.fullscreen_in_front,
        free_disk_mb=lambda: shutil.disk_usage(data_dir).free / 2**20,
        job_memory_pct=job_memory_pct,
        idle_unavailable_reason=lambda: detector.unavailable_reason or "idle detection unavailable",
        sandbox_missing=_sandbox_missing,
        running_program=program,
        cpu_temperature=cputemp.cpu_temperature,
        cpu_temp_unavailable_reason=cputemp.unavailable_reason,
    )


def _sandbox_missing() -> str | None:
    from desktop_agent.engine import sandbox

    info = sandbox.detect()
    return None if info.available else info.reason


# --- evaluation --------------------------------------------------------------------------


class Rules:
    """Evaluates the settings' rules; keeps the little state hysteresis needs."""

    def __init__(self, settings: Settings, seams: Seams):
        self.settings = settings
        self.seams = seams
        self._too_hot = False
        self._cpu_too_hot = False

    def evaluate(self) -> Verdict:
        s, seams = self.settings, self.seams
        no_new: list[Reason] = []
        suspend: list[Reason] = []
        notes: list[Reason] = []
        stop_job: Reason | None = None

        if s.run_when_idle_only:
            idle = seams.idle_seconds()
            if idle is None:
                notes.append(Reason.of(Code.IDLE_UNKNOWN, seams.idle_unavailable_reason()))
            elif idle < s.idle_minutes * 60:
                suspend.append(
                    Reason.of(Code.COMPUTER_IN_USE, idle=round(idle / 60), limit=s.idle_minutes)
                )
        if s.pause_on_battery and seams.on_battery():
            suspend.append(Reason.of(Code.ON_BATTERY))
        if s.schedule:
            now = seams.clock()
            if not in_schedule(s.schedule, now):
                nxt = next_window_start(s.schedule, now)
                at: dict[str, int] = (
                    dict(day=nxt.weekday(), hour=nxt.hour, minute=nxt.minute) if nxt else {}
                )
                suspend.append(Reason.of(Code.OUTSIDE_SCHEDULE, None, **at))
        if s.min_free_disk_mb:
            free = seams.free_disk_mb()
            if free < s.min_free_disk_mb:
                no_new.append(Reason.of(Code.LOW_DISK, free=round(free), needed=s.min_free_disk_mb))
        if s.pause_on_metered:
            metered = seams.metered()
            if metered:
                no_new.append(Reason.of(Code.METERED))
        if s.use_gpu and s.gpu_max_temp_c > 0:
            temps = seams.gpu_temperatures()
            if temps:
                hottest = max(temps)
                if hottest >= s.gpu_max_temp_c:
                    self._too_hot = True
                elif hottest <= s.gpu_max_temp_c - s.gpu_temp_hysteresis_c:
                    self._too_hot = False
                if self._too_hot:
                    suspend.append(
                        Reason.of(
                            Code.GPU_TOO_HOT,
                            celsius=round(hottest),
                            resume_below=round(s.gpu_max_temp_c - s.gpu_temp_hysteresis_c),
                        )
                    )
        if s.memory_max_pct > 0:
            share = seams.job_memory_pct()
            if share is not None and share > s.memory_max_pct:
                why = Reason.of(Code.JOB_MEMORY, share=round(share), limit=s.memory_max_pct)
                if s.memory_action == "stop":
                    stop_job = why
                else:
                    suspend.append(why)
        if not s.allow_unsandboxed:
            missing = seams.sandbox_missing()
            if missing:  # asking for work only to give every task back would waste the buyer's time
                no_new.append(Reason.of(Code.NO_SANDBOX, missing))
        if s.pause_when_fullscreen and seams.fullscreen():
            suspend.append(Reason.of(Code.FULLSCREEN))
        if s.pause_programs:
            name = seams.running_program(list(s.pause_programs))
            if name:
                suspend.append(program_reason(name))
        if s.cpu_max_temp_c > 0:
            self._cpu_rule(suspend, notes)
        return Verdict(tuple(no_new), tuple(suspend), stop_job, tuple(notes))

    def _cpu_rule(self, suspend: list[Reason], notes: list[Reason]) -> None:
        """Suspend at `cpu_max_temp_c`, resume `cpu_temp_hysteresis_c` below; unknown is said."""
        s = self.settings
        celsius = self.seams.cpu_temperature()
        if celsius is None:
            self._cpu_too_hot = False
            notes.append(Reason.of(Code.CPU_TEMP_UNKNOWN, self.seams.cpu_temp_unavailable_reason()))
            return
        resume_below = s.cpu_max_temp_c - s.cpu_temp_hysteresis_c
        if celsius >= s.cpu_max_temp_c:
            self._cpu_too_hot = True
        elif celsius <= resume_below:
            self._cpu_too_hot = False
        if self._cpu_too_hot:
            suspend.append(
                Reason.of(
                    Code.CPU_TOO_HOT, celsius=round(celsius), resume_below=round(resume_below)
                )
            )

"""What one run of `train.py` may use, decided once when its task starts.

The settings can change while the engine runs (the GUI's Settings dialog calls
`Agent.update_settings`). A task must see the settings of the moment it started
and nothing older: so the pipeline builds one frozen `JobSpec` from them when a
task starts and hands it whole to the runner, which applies every part of it
(environment, priority, cores, GPUs, resource caps) by itself. Nothing patches
a job afterwards, and nothing holds on to settings between tasks.

The sandbox is chosen per run by the pipeline (`sandbox.choose`); the spec says
whether running without one is allowed and how large its /tmp may be.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

import psutil

from desktop_agent.engine import accounting, limits, sandbox
from desktop_agent.engine.limits import JobLimits

if TYPE_CHECKING:
    from desktop_agent.config import Settings

# The thread-count variables common numeric libraries read; all are set to the core cap.
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "TORCH_NUM_THREADS",
    "DESKTOP_AGENT_CPU_CORES",
)
SANDBOX_TMP_CAP_MB = 2048  # the sandbox's /tmp lives in RAM: never more than this


@dataclass(frozen=True)
class JobSpec:
    """Everything the runner needs to start and contain one job, besides its code and folder."""

    time_limit: float  # wall-clock seconds of running (suspended time does not count)
    env: Mapping[str, str] = field(default_factory=dict)  # added to the minimal job environment
    limits: JobLimits | None = None  # memory / process / disk caps and the priority (nice)
    cores: tuple[int, ...] | None = None  # CPU affinity; None: every core this agent may use
    use_gpu: bool = True
    gpus: tuple[int, ...] | None = None  # the GPUs the job may use; None: all; (): none
    gpu_power_limit_w: float = 0.0  # 0: no cap
    allow_unsandboxed: bool = True
    sandbox_tmp_mb: int = sandbox.DEFAULT_TMP_MB

    @property
    def nice(self) -> int:
        """The job's priority: 0 is normal, higher is lower (POSIX nice)."""
        return self.limits.nice if self.limits is not None else 0

    @classmethod
    def from_settings(cls, settings: Settings) -> JobSpec:
        gpus = accounting.gpu_indexes(settings.use_gpu, settings.gpu_devices)
        return cls(
            time_limit=settings.task_time_limit,
            env=MappingProxyType(job_environment(settings)),
            limits=limits.from_settings(settings),
            cores=job_cores(settings.cpu_max_cores),
            use_gpu=settings.use_gpu,
            gpus=None if gpus is None else tuple(sorted(gpus)),
            gpu_power_limit_w=settings.gpu_power_limit_w,
            allow_unsandboxed=settings.allow_unsandboxed,
            sandbox_tmp_mb=min(SANDBOX_TMP_CAP_MB, settings.max_workspace_mb or SANDBOX_TMP_CAP_MB),
        )


def job_environment(settings: Settings) -> dict[str, str]:
    """What the settings add to a job's environment: thread counts and the visible GPUs."""
    env: dict[str, str] = {}
    if settings.cpu_max_cores > 0:
        env.update(dict.fromkeys(THREAD_VARIABLES, str(settings.cpu_max_cores)))
    env.update(accounting.gpu_environ(settings.use_gpu, settings.gpu_devices))
    return env


def job_cores(max_cores: int) -> tuple[int, ...] | None:
    """The cores a job is pinned to: the last `max_cores` this agent may use (core 0 stays freer)."""
    if max_cores <= 0 or not hasattr(psutil.Process, "cpu_affinity"):
        return None
    try:
        allowed = sorted(psutil.Process().cpu_affinity())
    except (psutil.Error, OSError):
        return None
    if max_cores >= len(allowed):
        return None
    return tuple(allowed[-max_cores:])

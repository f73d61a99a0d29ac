"""Settings and the data folder.

Precedence, highest first: command-line flags > environment
(`DESKTOP_AGENT_HOME`, `DESKTOP_AGENT_SERVER`, `DESKTOP_AGENT_EMAIL`,
`DESKTOP_AGENT_METRICS`) >
`settings.json` in the data folder > the defaults below. Defaults are data
(`DEFAULTS`), and the settings file is validated against them: an unknown key
or a wrong type is reported, never silently ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from collections.abc import Mapping

import platformdirs

from desktop_agent.settings_grammar import address_problem, schedule_problem, valid_torch_backend

APP_NAME = "desktop-agent"
DEFAULT_SERVER = "http://localhost:8000"
SETTINGS_FILE = "settings.json"

ENV_HOME = "DESKTOP_AGENT_HOME"
ENV_SERVER = "DESKTOP_AGENT_SERVER"
ENV_EMAIL = "DESKTOP_AGENT_EMAIL"
ENV_METRICS = (
    "DESKTOP_AGENT_METRICS"  # metrics_address, for the fleet unit's /etc/desktop-agent/env
)


class SettingsError(ValueError):
    """The settings file (or a flag) holds something we cannot use; the message says which key."""


@dataclass(frozen=True)
class Settings:
    server: str = DEFAULT_SERVER
    email: str = ""
    website: str = ""  # the project's website, where volunteers sign up ("" = not known)
    notify_task_done: bool = True  # a short popup when a task is finished
    heartbeat_interval: float = 10.0  # seconds between heartbeats
    poll_interval: float = 10.0  # seconds between request_task calls while there is no work
    task_time_limit: float = 6 * 3600.0  # wall-clock limit for one train.py run
    min_free_disk_mb: int = 1024  # take no work below this much free disk in the data folder
    env_cache_budget_mb: int = (
        20_000  # job environments past this are evicted, least recently used first
    )
    max_code_mb: int = 16  # cap on train.py / requirements.txt downloads
    max_data_mb: int = 4096  # cap on the data chunk download
    release_after_s: float = 1800.0  # a host fault lasting longer than this gives the task back
    release_quiet_s: float = 660.0  # silence after a release, so the server re-queues the task
    complete_timeout_s: float = 600.0  # complete_task may merge results server-side: be patient
    proxy: str = "system"  # "system", "none", or a proxy URL
    keep_workspaces: bool = False  # keep each task's folder after it finishes (debugging)
    log_max_mb: int = 10  # app log size before rotation
    task_logs_keep: int = 200  # per-task logs kept on disk
    # contribution controls (engine/modes.py, engine/rules.py; documented in docs/settings.md)
    max_pause_with_task_s: float = 1800.0  # a task held suspended longer than this is released
    rules_interval_s: float = 3.0  # how often the rules are checked
    run_when_idle_only: bool = False  # work only while nobody uses the computer
    idle_minutes: float = 5.0  # ... for at least this long
    pause_on_battery: bool = True  # a computer without a battery is never "on battery"
    schedule: dict = field(default_factory=dict)  # {"mon": ["09:00-17:00"], ...}; {} = any time
    pause_on_metered: bool = True  # take no new task (no downloads) on a metered connection
    cpu_max_cores: int = 0  # cores a job may use (threads + affinity); 0 = all
    job_low_priority: bool = True  # run jobs at nice 10 / below-normal priority
    use_gpu: bool = True  # off: jobs see no GPU (CUDA_VISIBLE_DEVICES="")
    gpu_devices: str = ""  # "0,2": which GPUs jobs may use; "" = all
    gpu_max_temp_c: float = 0.0  # suspend the job above this GPU temperature; 0 = off
    gpu_temp_hysteresis_c: float = 10.0  # ... and resume once it is this much cooler
    gpu_power_limit_w: float = 0.0  # cap GPU power while a job runs (NVML, where allowed); 0 = off
    memory_max_pct: float = 0.0  # limit on the job tree's share of RAM; 0 = off
    memory_action: str = (
        "pause"  # "pause" (suspend the job) or "stop" (stop it and give the task back)
    )
    pause_when_fullscreen: bool = False  # suspend while a full-screen app is in front (best effort)
    pause_programs: list = field(
        default_factory=list
    )  # ["steam", "blender"]: suspend while any runs
    cpu_max_temp_c: float = 0.0  # suspend the job above this CPU temperature; 0 = off
    cpu_temp_hysteresis_c: float = 10.0  # ... and resume once it is this much cooler
    cpu_throttle_pct: int = 100  # share of CPU time the job may use on its cores (1-100)
    max_download_kib_s: int = 0  # download rate cap for job files, KiB/s; 0 = no cap
    max_upload_kib_s: int = 0  # upload rate cap for results, KiB/s; 0 = no cap
    monthly_transfer_mb: int = 0  # downloads + uploads per calendar month; 0 = no cap
    notify_problems: bool = True  # a popup when the server stays unreachable, and when it is back
    language: str = ""  # "" = the system's language; "de", "fr", "es", "zh_CN", "en"
    # real jobs at real size (engine/torch_backend.py, engine/accounting.py)
    torch_backend: str = "auto"  # PyTorch build for jobs: "auto" (CUDA matched to the driver, else CPU), "cpu", "cu126"..., "default"
    # trust & hardening (engine/sandbox.py, engine/limits.py; docs/sandbox.md)
    allow_unsandboxed: bool = (
        True  # run jobs without bubblewrap when it is missing (history says "none (...)")
    )
    max_job_memory_mb: int = (
        0  # the job tree's RSS past this stops the job as a job fault; 0 = 75 % of RAM
    )
    max_job_processes: int = 256  # processes a job may run at once (pids cgroup where possible)
    max_workspace_mb: int = 10240  # a job writing more than this into its folder is stopped
    allow_direct_references: bool = False  # allow `name @ url` requirement lines
    build_from_source: bool = False  # build sdists at install time; refused: not available yet
    ca_bundle: str = ""  # PEM file of extra CAs for a private server; "" = the OS trust store only
    metrics_address: str = (
        ""  # Prometheus metrics for `run` (metrics.py): "" = off, "9810" = 127.0.0.1:9810
    )
    # updates (desktop_agent/updates.py; installers/README.md)
    update_check: bool = True  # check the signed update repository on start and then daily
    update_url: str = ""  # base URL of the TUF update repository; "" = no update check

    def with_overrides(self, **overrides: Any) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


DEFAULTS = Settings()
_FIELD_TYPES = {f.name: type(getattr(DEFAULTS, f.name)) for f in fields(Settings)}


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(flag: str | os.PathLike[str] | None = None) -> Path:
    if flag:
        return Path(flag).expanduser().resolve()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def _check_choice(*choices: str) -> Any:
    return lambda value: (
        None if value in choices else "must be one of " + ", ".join(map(repr, choices))
    )


def _check_gpu_devices(value: Any) -> str | None:
    parts = [p.strip() for p in value.split(",")] if value.strip() else []
    return None if all(p.isdigit() for p in parts) else 'must be "" or GPU numbers such as "0,1"'


def _check_programs(value: Any) -> str | None:
    ok = all(isinstance(p, str) and p.strip() and len(p) <= 255 for p in value)
    return None if ok else 'must be a list of program names such as ["steam", "blender"]'


def _check_throttle(value: Any) -> str | None:
    return None if 1 <= value <= 100 else "must be a percentage from 1 to 100"


MAX_RATE_KIB_S = 10_000_000  # 10 GB/s: beyond any link; a bigger number is a typo


def _check_rate(value: Any) -> str | None:
    if value > MAX_RATE_KIB_S:
        return f"must be at most {MAX_RATE_KIB_S} (KiB/s), or 0 for no cap"
    return None


def _check_torch_backend(value: Any) -> str | None:
    return (
        None
        if valid_torch_backend(value)
        else 'must be "auto", "default", "cpu" or a build such as "cu126"'
    )


def _check_build_from_source(value: bool) -> str | None:
    if value:
        return (
            "cannot be turned on: building packages from source would run the job's own code "
            "while installing, and this version cannot contain that yet. Jobs install ready-built "
            "packages (wheels) only; remove the setting"
        )
    return None


def _check_website(value: Any) -> str | None:
    ok = value == "" or (value.startswith(("https://", "http://")) and " " not in value)
    return None if ok else 'must be "" or an address starting with https://'


def _check_update_url(value: Any) -> str | None:
    from urllib.parse import urlsplit

    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return 'must be "" (off) or an http(s):// URL of the update repository'
    return None


_CHECKS: dict[str, Any] = {
    "build_from_source": _check_build_from_source,
    "website": _check_website,
    "schedule": schedule_problem,
    "memory_action": _check_choice("pause", "stop"),
    "gpu_devices": _check_gpu_devices,
    "torch_backend": _check_torch_backend,
    "metrics_address": address_problem,
    "update_url": _check_update_url,
    "pause_programs": _check_programs,
    "cpu_throttle_pct": _check_throttle,
    "max_upload_kib_s": _check_rate,
    "language": _check_choice("", "en", "de", "fr", "es", "zh_CN"),
}


def validate(raw: Mapping[str, Any], *, source: str = SETTINGS_FILE) -> dict[str, Any]:
    """Check keys and types; ints are accepted where floats are expected."""
    clean: dict[str, Any] = {}
    for key, value in raw.items():
        expected = _FIELD_TYPES.get(key)
        if expected is None:
            known = ", ".join(sorted(_FIELD_TYPES))
            raise SettingsError(f"{source}: unknown setting {key!r} (known settings: {known})")
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise SettingsError(
                f"{source}: setting {key!r} must be {expected.__name__}, got {type(value).__name__} {value!r}"
            )
        if expected in (int, float) and value < 0:
            raise SettingsError(f"{source}: setting {key!r} must not be negative, got {value!r}")
        if key in _CHECKS:  # contribution controls: structured values (schedule, choices)
            problem = _CHECKS[key](value)
            if problem:
                raise SettingsError(f"{source}: setting {key!r} {problem}, got {value!r}")
        clean[key] = value
    return clean


def load_file(data_dir: Path) -> dict[str, Any]:
    path = data_dir / SETTINGS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except IsADirectoryError as exc:
        raise SettingsError(
            f"{path} is a folder, not the settings file — move it out of the way"
        ) from exc
    except UnicodeDecodeError as exc:
        raise SettingsError(
            f"{path} is damaged (not text) — delete it to start from the default settings"
        ) from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(
            f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}) — fix it, or delete it "
            "to start from the default settings"
        ) from exc
    if not isinstance(raw, dict):
        raise SettingsError(f"{path}: must hold a JSON object of settings")
    return validate(raw, source=str(path))


def env_overrides(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    environ = os.environ if environ is None else environ
    out: dict[str, Any] = {}
    if environ.get(ENV_SERVER):
        out["server"] = environ[ENV_SERVER]
    if environ.get(ENV_EMAIL):
        out["email"] = environ[ENV_EMAIL]
    if environ.get(ENV_METRICS):
        out["metrics_address"] = environ[ENV_METRICS]
    return out


def load_settings(
    data_dir: Path, flags: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    merged: dict[str, Any] = {}
    merged.update(load_file(data_dir))
    merged.update(env_overrides(environ))
    merged.update({k: v for k, v in (flags or {}).items() if v is not None})
    return replace(DEFAULTS, **validate(merged, source="settings"))


def save_settings(data_dir: Path, changes: Mapping[str, Any]) -> None:
    """Merge `changes` into the settings file atomically (write + rename)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    current = load_file(data_dir)
    current.update(validate(changes, source="settings"))
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".settings-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(current, fh, indent=2, sort_keys=True)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, data_dir / SETTINGS_FILE)


def normalise_email(email: str) -> str:
    """What the server does to an email: strip spaces and quotes, lower-case."""
    return email.strip().strip("\"'").strip().lower()


@dataclass(frozen=True)
class DataPaths:
    """Everything the agent keeps under one data folder."""

    root: Path
    db: Path = field(init=False)
    lock: Path = field(init=False)
    logs: Path = field(init=False)
    task_logs: Path = field(init=False)
    work: Path = field(init=False)
    results: Path = field(init=False)
    envs: Path = field(init=False)
    identity_file: Path = field(init=False)

    def __post_init__(self) -> None:
        r = self.root
        for name, value in {
            "db": r / "agent.db",
            "lock": r / "agent.lock",
            "logs": r / "logs",
            "task_logs": r / "logs" / "tasks",
            "work": r / "work",
            "results": r / "results",
            "envs": r / "envs",
            "identity_file": r / "agent-id",
        }.items():
            object.__setattr__(self, name, value)

    def ensure(self) -> DataPaths:
        for d in (self.root, self.logs, self.task_logs, self.work, self.results, self.envs):
            d.mkdir(parents=True, exist_ok=True)
        try:
            os.chmod(self.root, 0o700)
        except OSError:
            pass
        return self

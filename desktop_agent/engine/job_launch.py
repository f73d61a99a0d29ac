"""The environment a job starts in: built from nothing, so no secret of the agent's leaks in.

Every job's environment carries a unique `TOKEN_VAR`, inherited by everything it spawns; the
stop (job_stop.py) finds a daemon that left the process group by it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

TOKEN_VAR = "DESKTOP_AGENT_TASK_TOKEN"
_IS_WINDOWS = os.name == "nt"


def job_environ(
    python: Path, workspace: Path, token: str, extra_env: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The job's whole environment, built from nothing so no secret of ours leaks in."""
    tmp = workspace / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env = {
        "HOME": str(workspace),
        "TMPDIR": str(tmp),
        "TEMP": str(tmp),
        "TMP": str(tmp),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        "PYTHONNOUSERSITE": "1",
        "PYTHONIOENCODING": "utf-8",
        TOKEN_VAR: token,
    }
    if _IS_WINDOWS:
        system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        system_dirs = [str(python.parent), os.path.join(system_root, "System32"), system_root]
        env["USERPROFILE"] = str(workspace)
        for name in (
            "SYSTEMROOT",
            "WINDIR",
            "COMSPEC",
            "PATHEXT",
            "NUMBER_OF_PROCESSORS",
            "PROCESSOR_ARCHITECTURE",
            "SYSTEMDRIVE",
        ):
            if name in os.environ:
                env[name] = os.environ[name]
    else:
        system_dirs = [str(python.parent), "/usr/local/bin", "/usr/bin", "/bin"]
    env["PATH"] = os.pathsep.join(system_dirs)
    env.update(extra_env or {})
    return env

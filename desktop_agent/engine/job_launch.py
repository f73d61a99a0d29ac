"""What a job starts with: an environment built from nothing, so no secret of the agent's leaks
in, and the steps its first process takes before exec, done by one shell.

Every job's environment carries a unique `TOKEN_VAR`, inherited by everything it spawns; the
stop (job_stop.py) finds a daemon that left the process group by it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
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


# --- the steps before exec ----------------------------------------------------------------
#
# A few things must happen inside the job's first process before train.py (or bubblewrap)
# runs, so that even its first fork is covered: joining each cgroup, the process rlimit, and
# opening the seccomp filter as fd 3 for bwrap. Each is a tiny `sh -c` "hop" that does its step
# and execs the rest; `fuse` turns a chain of them into one shell (one exec instead of one per
# step). The scripts are fixed strings; every path and number travels as a positional argument,
# never inside the script, so nothing needs quoting.

_STEPS = {
    "cgroup": 'echo $$ > "$1"',  # join the cgroup whose `cgroup.procs` is $1
    # bash and busybox spell the process limit -u; dash (Debian's and Ubuntu's /bin/sh) -p
    "nproc": '{ ulimit -u "$1" || ulimit -p "$1"; } 2>/dev/null',
}
_STANDALONE = {f'{step} && shift && exec "$@"': kind for kind, step in _STEPS.items()}
_FD3 = 'exec "$@" 3<"$0"'  # $0: the file bwrap's `--seccomp 3` reads


def _sh() -> str:
    return shutil.which("sh") or "/bin/sh"


def hop(kind: str, arg: str) -> list[str]:
    """argv that does one step (`cgroup`: join `arg`; `nproc`: cap processes at `arg`), then
    execs the rest of the command line."""
    return [_sh(), "-c", f'{_STEPS[kind]} && shift && exec "$@"', "job", arg]


def fd3_hop(path: Path) -> list[str]:
    """argv that opens `path` as fd 3, then execs the rest (bwrap's `--seccomp 3`)."""
    return [_sh(), "-c", _FD3, str(path)]


def _is_nice(argv: Sequence[str]) -> bool:
    return (
        len(argv) >= 3
        and os.path.basename(argv[0]) == "nice"
        and argv[1] == "-n"
        and argv[2].isdigit()
    )


def fuse(argv: Sequence[str]) -> list[str]:
    """The same command with its leading hops done by one shell, which then execs the priority
    wrapper (`nice`) and the rest. Only this module's own hop scripts are recognised (exact
    strings); anything else ends the fused part and is left as it is."""
    steps: list[tuple[str, str]] = []
    fd3: str | None = None
    nice: list[str] = []
    i = 0
    while True:
        rest = argv[i:]
        if len(rest) >= 5 and rest[1] == "-c" and rest[2] in _STANDALONE:
            steps.append((_STANDALONE[rest[2]], rest[4]))
            i += 5
        elif len(rest) >= 4 and rest[1] == "-c" and rest[2] == _FD3 and fd3 is None:
            fd3 = rest[3]
            i += 4
        elif not nice and _is_nice(rest):
            nice = list(rest[:3])
            i += 3
        else:
            break
    if not steps and fd3 is None:
        return list(argv)
    parts = [f"{_STEPS[kind]} && shift" for kind, _arg in steps]
    parts.append(_FD3 if fd3 is not None else 'exec "$@"')
    return [
        _sh(),
        "-c",
        " && ".join(parts),
        fd3 if fd3 is not None else "job",
        *(arg for _kind, arg in steps),
        *nice,
        *argv[i:],
    ]

"""(a) Per-task overhead: 30 tasks through the headless agent vs `python train.py` by hand 30 times.

Steady state: the agent (`desktop-agent run`, a subprocess, as volunteers run
it) is started against the reference backend (in this process), and a first
task builds the job's environment. Then a 30-chunk job is submitted and the
agent's time is taken from the store: first task's start to last task's end
(download of three files, cached env lookup, sandbox, run, upload, complete,
every step saved with fsync). The baseline runs the same train.py on the same
30 chunks, already on disk, with the same interpreter, one after another.

Two jobs are measured: the sample job as shipped (about 1 s of work per task)
and a trivial one (the same script with no sleep), so the fixed cost per
task shows plainly.

    .venv/bin/python benchmarks/overhead.py [--tasks 30] [--only trivial]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OWNER, header

from desktop_agent.devserver import DevServer
from desktop_agent.engine.store import Store
from desktop_agent.paths import sample_job_dir

SAMPLE = sample_job_dir()


def sample_code(seconds: float) -> bytes:
    code = (SAMPLE / "train.py").read_bytes()
    return code.replace(
        b'"SAMPLE_JOB_SECONDS", "1.0"', f'"SAMPLE_JOB_SECONDS", "{seconds}"'.encode()
    )


def wait_done(store_path: Path, count: int, timeout: float) -> list:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if store_path.exists():
            rows = [r for r in Store(store_path).history() if r.outcome]
            if len(rows) >= count:
                return rows
        time.sleep(0.5)
    raise SystemExit(f"only part of {count} tasks finished in {timeout} s")


def tree_env(tree: str | None) -> dict[str, str] | None:
    """The environment that puts another copy of the code first on the agent's path."""
    if tree is None:
        return None
    return {**os.environ, "PYTHONPATH": os.pathsep.join([tree, os.environ.get("PYTHONPATH", "")])}


def measure(
    seconds: float, tasks: int, tmp: Path, tree: str | None = None
) -> tuple[float, float, list]:
    code = sample_code(seconds)
    data = (SAMPLE / "data.csv").read_bytes()
    tag = f"{seconds}-{'baseline' if tree else 'this'}"
    with DevServer(data_dir=tmp / f"server-{tag}") as srv:
        srv.add_owner(OWNER)
        home = tmp / f"agent-{tag}"
        agent = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "desktop_agent",
                "run",
                "--server",
                srv.url,
                "--email",
                OWNER,
                "--data-dir",
                str(home),
                "--poll-interval",
                "0.5",
                "--max-tasks",
                str(tasks + 1),
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(tmp / f"agent-{tag}.log", "wb"),  # noqa: SIM115  (the agent's, for its lifetime)
            env=tree_env(tree),
            cwd=tree,
        )
        try:
            srv.submit_job(
                code=code,
                requirements=(SAMPLE / "requirements.txt").read_bytes(),
                data=data,
                chunks=1,
            )
            wait_done(home / "agent.db", 1, 300)  # warm-up: env built, agent running
            big = data.split(b"\n", 1)[1] * 30  # enough rows for 30 chunks
            job_id = srv.submit_job(
                code=code,
                requirements=(SAMPLE / "requirements.txt").read_bytes(),
                data=data.split(b"\n", 1)[0] + b"\n" + big,
                chunks=tasks,
            )
            rows = wait_done(home / "agent.db", tasks + 1, 60 + tasks * (seconds + 5))
            agent.wait(timeout=60)
        finally:
            if agent.poll() is None:
                agent.terminate()
                agent.wait()
        runs = sorted((r for r in rows if r.job_id == job_id), key=lambda r: r.started_at)
        assert len(runs) == tasks and all(r.outcome == "completed" for r in runs), [
            r.outcome for r in runs
        ]
        agent_s = runs[-1].ended_at - runs[0].started_at
        env_python = next((home / "envs").glob("*/bin/python"))
        chunks = [
            srv.storage.files_root / "jobs" / str(job_id) / f"chunk_{i}.csv" for i in range(tasks)
        ]
    # Baseline: by hand, same script, same chunks, same interpreter.
    t0 = time.perf_counter()
    for i, chunk in enumerate(chunks):
        work = tmp / f"hand-{tag}-{i}"
        work.mkdir()
        (work / "train.py").write_bytes(code)
        shutil.copy(chunk, work / "data.csv")
        subprocess.run(
            [str(env_python), "train.py"], cwd=work, check=True, stdout=subprocess.DEVNULL
        )
        assert (work / "model.pth").is_file()
    hand_s = time.perf_counter() - t0
    return agent_s, hand_s, runs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=30)
    ap.add_argument(
        "--only", choices=("sample", "trivial"), help="measure one of the two jobs, not both"
    )
    ap.add_argument(
        "--baseline-tree",
        help="another copy of the code (git archive <commit> | tar -x -C DIR), measured "
        "right after this one in the same run",
    )
    args = ap.parse_args()
    jobs = [(1.0, "sample", "sample job (~1 s of work)"), (0.0, "trivial", "trivial job (no work)")]
    header(f"overhead: {args.tasks} tasks through the headless agent vs by hand")
    tmp = Path(tempfile.mkdtemp(prefix="overhead-bench-"))
    try:
        for seconds, name, label in jobs:
            if args.only and name != args.only:
                continue
            trees = [("this code", None)]
            if args.baseline_tree:
                trees.append(("baseline", args.baseline_tree))
            ratios = {}
            for who, tree in trees:
                agent_s, hand_s, runs = measure(seconds, args.tasks, tmp, tree)
                per_task = (agent_s - hand_s) / args.tasks * 1000
                ratios[who] = agent_s / hand_s
                print(
                    f"   {label}, {who}: agent {agent_s:.1f} s, by hand {hand_s:.1f} s, "
                    f"ratio {agent_s / hand_s:.2f}x (goal <= 1.3x); overhead {per_task:.0f} ms per task"
                )
                cpu = [r.cpu_seconds for r in runs if r.cpu_seconds is not None]
                rss = [r.peak_rss_mb for r in runs if r.peak_rss_mb is not None]
                if cpu and rss:
                    print(
                        f"      recorded per task: cpu {sum(cpu) / len(cpu):.2f} s, peak RSS "
                        f"{max(rss):.0f} MB, sandbox {runs[0].sandbox}"
                    )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

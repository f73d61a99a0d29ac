"""(b) What each step of a task costs the agent, against the job's own start, and the switch between tasks.

The headless agent (`cli.run_agent_blocking`, as `desktop-agent run` runs it) is
started in a subprocess whose event sink writes, for every event, the wall
clock and the agent process's own CPU time (`time.process_time`: every thread,
not the job). A warm-up task builds the environment, then a job of N trivial
tasks (train.py does nothing) is worked through. Per task the steps are:

    switch      previous TaskFinished -> TaskStarted (ask for work, store the answer)
    start       TaskStarted -> first "downloading" (the first bytes of the first file)
    download    -> "preparing" (three files, saved as fetched)
    env         -> "training" (cached environment lookup)
    run         -> "uploading": train.py's whole run, from the launch to the model checks
    upload      -> "completing"
    complete    -> TaskFinished (fence, baseline, complete_task, outcome saved, cleanup)

The baseline is the job's own start measured in the same run: the median time of
`python train.py` by hand with the same interpreter, on the same chunk. Every
step is printed as a median (wall ms, agent CPU ms) and as a ratio against that
start; the goal is that no step costs more than the start itself.

    .venv/bin/python benchmarks/task_switch.py [--tasks 20] [--baseline-tree DIR]

`--baseline-tree DIR` measures another copy of the code (git archive <commit> |
tar -x -C DIR) right after this one, in the same run, against the same start.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OWNER, header
from overhead import SAMPLE, sample_code, wait_done

from desktop_agent.devserver import DevServer

CHILD = """
import json, sys, time
from pathlib import Path
from desktop_agent.cli.run import run_agent_blocking
from desktop_agent.config import DataPaths, load_settings

server, email, home, max_tasks, out = sys.argv[1:6]
sink_file = open(out, "w", buffering=1)

def sink(event):
    name = type(event).__name__
    phase = getattr(event, "phase", None)
    sink_file.write(json.dumps([time.perf_counter(), time.process_time(), name,
                                str(phase) if phase is not None else None,
                                getattr(event, "task_id", None)]) + "\\n")

settings = load_settings(Path(home), {"server": server, "email": email, "poll_interval": 0.5})
paths = DataPaths(Path(home)).ensure()
run_agent_blocking(settings, paths, sink, max_tasks=int(max_tasks))
"""

STEPS = ("switch", "start", "download", "env", "run", "upload", "complete")


def steps_of(lines: list[list[object]], task_ids: set[int]) -> dict[str, list[tuple[float, float]]]:
    """(wall s, cpu s) of each step, per task, from the event log."""
    marks: dict[int, dict[str, tuple[float, float]]] = {}
    finished_before: tuple[float, float] | None = None
    found: dict[str, list[tuple[float, float]]] = {step: [] for step in STEPS}
    for wall, cpu, name, phase, task in lines:
        assert isinstance(wall, float) and isinstance(cpu, float)
        if not isinstance(task, int) or task not in task_ids:
            if name == "TaskFinished":
                finished_before = (wall, cpu)
            continue
        seen = marks.setdefault(task, {})
        key = str(name) if phase is None else f"{name}:{phase}"
        seen.setdefault(key, (wall, cpu))
        if name == "TaskStarted" and finished_before is not None:
            found["switch"].append((wall - finished_before[0], cpu - finished_before[1]))
        if name == "TaskFinished":
            finished_before = (wall, cpu)
    order = [
        ("start", "TaskStarted", "PhaseProgress:downloading"),
        ("download", "PhaseProgress:downloading", "PhaseProgress:preparing environment"),
        ("env", "PhaseProgress:preparing environment", "PhaseProgress:training"),
        ("run", "PhaseProgress:training", "PhaseProgress:uploading"),
        ("upload", "PhaseProgress:uploading", "PhaseProgress:reporting"),
        ("complete", "PhaseProgress:reporting", "TaskFinished"),
    ]
    for seen in marks.values():
        for step, start, end in order:
            if start in seen and end in seen:
                a, b = seen[start], seen[end]
                found[step].append((b[0] - a[0], b[1] - a[1]))
    return found


def run_agent(
    tasks: int, tmp: Path, tree: str | None
) -> tuple[list[list[object]], set[int], Path, Path]:
    """Work through a warm-up task and `tasks` trivial ones; the event log and what the baseline needs."""
    code = sample_code(0.0)
    data = (SAMPLE / "data.csv").read_bytes()
    requirements = (SAMPLE / "requirements.txt").read_bytes()
    events = tmp / "events.jsonl"
    home = tmp / "agent"
    env = None
    if tree is not None:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([tree, os.environ.get("PYTHONPATH", "")]),
        }
    with DevServer(data_dir=tmp / "server") as srv:
        srv.add_owner(OWNER)
        srv.submit_job(code=code, requirements=requirements, data=data, chunks=1)
        argv = [srv.url, OWNER, str(home), str(tasks + 1), str(events)]
        agent = subprocess.Popen(
            [sys.executable, "-c", CHILD, *argv],
            stdout=subprocess.DEVNULL,
            stderr=open(tmp / "agent.log", "wb"),  # noqa: SIM115  (the agent's, for its lifetime)
            env=env,
            cwd=tree,
        )
        try:
            try:
                wait_done(home / "agent.db", 1, 300)  # warm-up: env built
            except SystemExit:
                print((tmp / "agent.log").read_text(errors="replace")[-2000:], file=sys.stderr)
                raise
            body = data.split(b"\n", 1)[1] * 30
            job_id = srv.submit_job(
                code=code,
                requirements=requirements,
                data=data.split(b"\n", 1)[0] + b"\n" + body,
                chunks=tasks,
            )
            rows = wait_done(home / "agent.db", tasks + 1, 60 + tasks * 5)
            agent.wait(timeout=60)
        finally:
            if agent.poll() is None:
                agent.terminate()
                agent.wait()
        chunk = tmp / "chunk.csv"
        shutil.copy(srv.storage.files_root / "jobs" / str(job_id) / "chunk_0.csv", chunk)
        env_python = next((home / "envs").glob("*/bin/python"))
        task_ids = {r.task_id for r in rows if r.job_id == job_id}
    lines = [json.loads(line) for line in events.read_text().splitlines()]
    return lines, task_ids, chunk, env_python


def own_start(tasks: int, tmp: Path, chunk: Path, env_python: Path) -> float:
    """The job's own start: the median `python train.py` by hand, same interpreter and chunk."""
    work = tmp / "hand"
    work.mkdir()
    (work / "train.py").write_bytes(sample_code(0.0))
    shutil.copy(chunk, work / "data.csv")
    starts = []
    for _ in range(tasks):
        t0 = time.perf_counter()
        subprocess.run(
            [str(env_python), "train.py"], cwd=work, check=True, stdout=subprocess.DEVNULL
        )
        starts.append(time.perf_counter() - t0)
    return statistics.median(starts)


def report(who: str, found: dict[str, list[tuple[float, float]]], start: float) -> None:
    print(f"   {who}:")
    print(f"   {'step':<10} {'wall ms':>8} {'max ms':>8} {'agent CPU ms':>13} {'vs start':>9}")
    for step in STEPS:
        values = found[step]
        if not values:
            continue
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        top = max(v[0] for v in values)
        print(
            f"   {step:<10} {wall * 1000:8.1f} {top * 1000:8.1f} {cpu * 1000:13.1f} "
            f"{wall / start:8.2f}x"
        )
    total = sum(statistics.median(v[0] for v in found[s]) for s in STEPS if found[s])
    cpu_total = sum(statistics.median(v[1] for v in found[s]) for s in STEPS if found[s])
    print(
        f"   one task, all steps: {total * 1000:.0f} ms ({cpu_total * 1000:.0f} ms agent CPU) = "
        f"{total / start:.2f}x the job's own start (goal: no step above 1.00x)"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=20)
    ap.add_argument("--baseline-tree", help="another copy of the code, measured in the same run")
    args = ap.parse_args()
    header(f"task switch: per-step cost of {args.tasks} trivial tasks vs the job's own start")
    tmp = Path(tempfile.mkdtemp(prefix="switch-bench-"))
    try:
        trees = [("this code", None)]
        if args.baseline_tree:
            trees.append(("baseline", args.baseline_tree))
        results = []
        for index, (who, tree) in enumerate(trees):
            folder = tmp / str(index)
            folder.mkdir()
            lines, task_ids, chunk, env_python = run_agent(args.tasks, folder, tree)
            results.append((who, steps_of(lines, task_ids), chunk, env_python, folder))
        _who, _found, chunk, env_python, folder = results[0]
        start = own_start(args.tasks, folder, chunk, env_python)
        print(f"   the job's own start (python train.py by hand, median): {start * 1000:.0f} ms")
        for who, found, *_rest in results:
            report(who, found, start)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

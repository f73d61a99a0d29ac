"""(b) The launch of one job, piece by piece: this code against a baseline tree, alternating.

What `task_switch.py` calls the `run` step, without the agent around it: in a child process per
tree (so each imports its own code), the same minimal job is started

- `bwrap`: the sandbox's set-up alone (`sandbox.job_prefix` + `bwrap … true`),
- `run`: a whole `runner.JobProcess.run` (caps, priority, sandbox, the stop) of `print('hi')`,
- `hand`: `python train.py` with nothing around it, for scale,

`--rounds` times, trees alternating round by round on the shared machine, and the medians and
the number of execs from the agent to train.py (`strace`, where installed) are printed.

    .venv/bin/python benchmarks/launch.py --baseline-tree DIR [--runs 15] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import header

CHILD = r"""
import asyncio, json, statistics, subprocess, sys, time
from pathlib import Path
from desktop_agent.engine import limits, runner, sandbox
from desktop_agent.engine.jobspec import JobSpec

root, runs = Path(sys.argv[1]), int(sys.argv[2])
ws = root / "ws"
ws.mkdir(parents=True, exist_ok=True)
(ws / "train.py").write_text("print('hi')\n")
py = Path(sys.executable)
info = sandbox.detect()
caps = limits.JobLimits(memory_mb=2000, processes=256, workspace_mb=1000)
spec = JobSpec(time_limit=60, limits=caps)
out = {"sandbox": info.level}

def med(xs):
    return round(statistics.median(xs) * 1000, 2)

xs = []
for _ in range(runs):
    t = time.perf_counter()
    prefix = sandbox.job_prefix(info, python=py, workspace=ws, base_python=sys.executable)
    subprocess.run([*prefix, "true"], check=True, cwd=ws)
    xs.append(time.perf_counter() - t)
out["bwrap"] = med(xs)
out["mounts"] = sum(prefix.count(o) for o in ("--ro-bind", "--ro-bind-try", "--bind"))

async def main():
    xs = []
    for _ in range(runs):
        t = time.perf_counter()
        prefix = sandbox.job_prefix(info, python=py, workspace=ws, base_python=sys.executable)
        job = runner.JobProcess(py, ws, spec, log_path=root / "log.txt", command_prefix=prefix)
        assert (await job.run()).exit_code == 0
        xs.append(time.perf_counter() - t)
    return med(xs)
out["run"] = asyncio.run(main())
xs = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run([str(py), "train.py"], check=True, cwd=ws, stdout=subprocess.DEVNULL)
    xs.append(time.perf_counter() - t)
out["hand"] = med(xs)
print(json.dumps(out))
"""


def measure(tree: str | None, tmp: Path, runs: int, trace: bool = False) -> dict:
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = os.pathsep.join([tree, env.get("PYTHONPATH", "")])
    cmd = [sys.executable, "-c", CHILD, str(tmp), str(runs)]
    tmp.mkdir(parents=True, exist_ok=True)
    if trace:
        log = tmp / "execs"
        cmd = ["strace", "-f", "-qq", "-e", "trace=execve", "-o", str(log), *cmd]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tree, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if trace:
        lines = [x for x in log.read_text().splitlines() if "execve(" in x and "= 0" in x]
        chain = []
        for line in lines:  # up to the sandboxed train.py (the run before the one by hand)
            chain.append(os.path.basename(line.split('execve("', 1)[1].split('"', 1)[0]))
            if '"train.py"' in line:
                break
        tail = []
        for name in reversed(chain):
            tail.append(name)
            if name not in ("sh", "dash", "bash", "nice", "bwrap", "python", "python3"):
                tail.pop()
                break
        result["chain"] = " -> ".join(reversed(tail))
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline-tree", help="another copy of the code, measured in the same run")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    header("launch: one job's start, piece by piece (medians in ms)")
    trees = {"this code": None}
    if args.baseline_tree:
        trees["baseline"] = args.baseline_tree
    with tempfile.TemporaryDirectory(prefix="launch-bench-") as tmp:
        for i in range(args.rounds):
            for name, tree in trees.items():
                r = measure(tree, Path(tmp) / f"{name}-{i}".replace(" ", "-"), args.runs)
                print(
                    f"   round {i + 1} {name:9}: bwrap {r['bwrap']:6.2f} ({r['mounts']} mounts)"
                    f"  run {r['run']:6.2f}  by hand {r['hand']:6.2f}  [{r['sandbox']}]"
                )
        if shutil.which("strace"):
            for name, tree in trees.items():
                r = measure(tree, Path(tmp) / f"trace-{name}".replace(" ", "-"), 1, trace=True)
                print(f"   {name:9} execs to train.py: {r['chain']}")


if __name__ == "__main__":
    main()

"""Chaos soak: one agent subprocess works through many short tasks while a seeded fault schedule
breaks everything around it; at the end every task must be completed exactly once, with the right result.

    python benchmarks/chaos_soak.py --tasks 200 --seed 7 --max-seconds 900

The reference backend (DevServer, in this process) injects 500s, hangs, dropped connections (before
and after the server committed), truncated downloads and forgotten agents; the soak also kills the
agent with SIGKILL and restarts it, and stops and restarts the server (same data, same port). The
fault *schedule* (which fault, in what order, how long between) comes from `random.Random(seed)`;
where it lands relative to the agent's work depends on timing, so two runs with one seed inject the
same faults but may hit different requests.

A request_task answer that is lost (dropped after the server assigned the task, or the agent killed
before it stored the answer) leaves the task RUNNING on the server for as long as the agent
heartbeats. The agent handles it by going quiet (no heartbeats) so the server's liveness rule
re-queues the task; the soak shortens that rule to seconds (`REQUEUE_AFTER_S`).

Exit status 0 only when lost = duplicates = wrong = 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_agent.devserver import DevServer  # noqa: E402

OWNER = "chaos@example.com"
CHUNKS = 5
TRAIN = b"""import hashlib, json, time
time.sleep(0.2)  # short, but long enough for faults to land mid-task
raw = open("data.csv", "rb").read()
open("model.pth", "w").write(json.dumps({"sha256": hashlib.sha256(raw).hexdigest(), "bytes": len(raw)}))
print("progress: 1.0")
"""

AGENT_PATHS = [
    "/agent/request_task",
    "/agent/upload_result",
    "/agent/complete_task",
    "/agent/heartbeat",
    "/agent/register",
    "/files/",
]
# Light faults cost the agent a retry; heavy ones (a restart) cost seconds, so they get their own clock.
WEIGHTS = {
    "http_500": 3.0,
    "hang": 2.0,
    "drop_before_commit": 2.0,
    "drop_after_commit": 2.0,
    "truncate": 1.0,
    "forget_agents": 1.0,
}
HEAVY_WEIGHTS = {"kill_agent": 2.0, "server_restart": 1.0}
REQUEUE_AFTER_S = 6.0


@dataclass
class Tally:
    faults: Counter = field(default_factory=Counter)
    agent_restarts: int = 0
    server_restarts: int = 0


class AgentProcess:
    def __init__(self, server_url: str, data_dir: Path, log: Path):
        self.server_url = server_url
        self.data_dir = data_dir
        self.log = log
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        cmd = [
            sys.executable,
            "-m",
            "desktop_agent",
            "run",
            "--server",
            self.server_url,
            "--email",
            OWNER,
            "--data-dir",
            str(self.data_dir),
            "--heartbeat-interval",
            "0.5",
            "--poll-interval",
            "0.2",
        ]
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                cmd,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )

    def kill9(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self, timeout: float = 30.0) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        return self.proc.returncode

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


def job_data(job: int) -> bytes:
    rows = "".join(f"{job},{i},{(job * 7919 + i * 104729) % 1000003}\n" for i in range(CHUNKS * 4))
    return b"job,row,value\n" + rows.encode()


def _armed(srv: DevServer, path: str) -> bool:
    return any(rule.path == path for rule in srv.faults._rules)


def inject(
    kind: str, rng: random.Random, srv: DevServer, agent: AgentProcess, tally: Tally
) -> None:
    """Inject one fault. A request fault is armed only when none is pending for that path: faults armed
    faster than matching requests arrive would queue up and hit every retry, testing only the backoff."""
    faults = srv.faults
    path = rng.choice(AGENT_PATHS)
    if kind == "drop_after_commit":
        path = rng.choice(
            [
                "/agent/upload_result",
                "/agent/complete_task",
                "/agent/heartbeat",
                "/agent/request_task",
            ]
        )
    if kind == "truncate":
        path = "/files/"
    if kind in (
        "http_500",
        "hang",
        "drop_before_commit",
        "drop_after_commit",
        "truncate",
    ) and _armed(srv, path):
        tally.faults["skipped_still_armed"] += 1
        return
    if kind == "http_500":
        faults.fail_next(path, status=rng.choice([500, 502, 503]))
    elif kind == "hang":
        faults.hang_next(path, seconds=round(rng.uniform(0.5, 3.0), 2))
    elif kind == "drop_before_commit":
        faults.drop_next(path, after_commit=False)
    elif kind == "drop_after_commit":
        faults.drop_next(path, after_commit=True)
    elif kind == "truncate":
        faults.truncate_next_file()
    elif kind == "forget_agents":
        faults.forget_agents()
    elif kind == "kill_agent":
        agent.kill9()
        time.sleep(rng.uniform(0.0, 1.0))
        agent.start()
        tally.agent_restarts += 1
    elif kind == "server_restart":
        srv.stop()
        time.sleep(rng.uniform(0.2, 1.5))
        srv.start()
        tally.server_restarts += 1
    tally.faults[kind] += 1


def history(data_dir: Path) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "desktop_agent", "history", "--json", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    return json.loads(out.stdout) if out.returncode == 0 and out.stdout.strip() else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tasks", type=int, default=200, help="tasks to complete (rounded up to jobs of 5)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--max-seconds", type=float, default=900.0, help="give up (and fail) after this long"
    )
    parser.add_argument(
        "--fault-every", type=float, default=2.0, help="mean seconds between light faults"
    )
    parser.add_argument(
        "--heavy-every",
        type=float,
        default=20.0,
        help="mean seconds between heavy faults (agent kill -9 + restart, server restart)",
    )
    parser.add_argument("--work-dir", help="keep everything here (default: a temporary folder)")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)

    def interrupted(
        *_,
    ):  # so `finally` stops the agent subprocess and the server on Ctrl-C / SIGTERM
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    work = Path(args.work_dir) if args.work_dir else Path(tempfile.mkdtemp(prefix="chaos-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    jobs = max(1, -(-args.tasks // CHUNKS))
    tally = Tally()
    started = time.monotonic()

    # A short liveness rule (the real server's is 10 min) so a task the agent gave back by going quiet
    # (an unseen request_task answer) is re-queued within seconds; the agent's quiet time matches it.
    srv = DevServer(
        data_dir=work / "server",
        faults_enabled=True,
        chunks=CHUNKS,
        requeue_after=REQUEUE_AFTER_S,
        sweep_interval=0.5,
    )
    srv.start()
    srv.add_owner(OWNER)
    job_ids = [
        srv.submit_job(code=TRAIN, requirements=b"", data=job_data(j), title=f"chaos {j}")
        for j in range(jobs)
    ]
    (work / "agent").mkdir(parents=True, exist_ok=True)
    (work / "agent" / "settings.json").write_text(
        json.dumps({"release_quiet_s": REQUEUE_AFTER_S + 2.0})
    )
    agent = AgentProcess(srv.url, work / "agent", work / "agent.log")
    agent.start()
    kinds, weights = zip(*WEIGHTS.items(), strict=True)
    heavy_kinds, heavy_weights = zip(*HEAVY_WEIGHTS.items(), strict=True)
    heavy_rng = random.Random(
        args.seed * 1_000_003 + 1
    )  # its own stream: the two schedules stay independent
    # Every kind once first (in a seeded order), so even a short run exercises all of them; then by weight.
    light_first = rng.sample(list(kinds), len(kinds))
    heavy_first = heavy_rng.sample(list(heavy_kinds), len(heavy_kinds))

    def pick(first: list[str], r: random.Random, ks, ws) -> str:
        return first.pop(0) if first else r.choices(ks, ws)[0]

    def all_done() -> bool:
        return all(str(srv.job(j)["status"]).upper() == "COMPLETED" for j in job_ids)

    next_fault = time.monotonic() + rng.expovariate(1.0 / args.fault_every)
    next_heavy = time.monotonic() + heavy_rng.expovariate(1.0 / args.heavy_every)
    try:
        while time.monotonic() - started < args.max_seconds:
            if all_done():
                break
            if not agent.alive():  # the agent must never exit by itself
                print(
                    f"agent exited with {agent.proc.returncode if agent.proc else None}; restarting",
                    flush=True,
                )
                tally.faults["agent_exited_unexpectedly"] += 1
                agent.start()
            if time.monotonic() >= next_fault:
                inject(pick(light_first, rng, kinds, weights), rng, srv, agent, tally)
                next_fault = time.monotonic() + rng.expovariate(1.0 / args.fault_every)
            if time.monotonic() >= next_heavy:
                inject(
                    pick(heavy_first, heavy_rng, heavy_kinds, heavy_weights),
                    heavy_rng,
                    srv,
                    agent,
                    tally,
                )
                next_heavy = time.monotonic() + heavy_rng.expovariate(1.0 / args.heavy_every)
            time.sleep(0.1)
        srv.faults.reset()
        drain_until = time.monotonic() + 60
        while (
            not all_done()
            and time.monotonic() < drain_until
            and time.monotonic() - started < args.max_seconds
        ):
            time.sleep(0.2)
    finally:
        code = agent.stop()

    rows = history(work / "agent")
    lost = duplicates = wrong = completed = 0
    problems: list[str] = []
    for job_id in job_ids:
        for sub in srv.subtasks(job_id):
            task_id = sub["id"]
            credits = srv.credits(task_id)
            if credits == 0:
                lost += 1
                problems.append(f"task {task_id}: never completed ({sub.get('status')})")
                continue
            completed += 1
            if credits > 1:
                duplicates += 1
                problems.append(f"task {task_id}: completed {credits} times")
            detail = srv.subtask(task_id)
            chunk = httpx.get(
                f"{srv.url}/files/jobs/{job_id}/chunk_{detail['chunk_index']}.csv"
            ).content
            try:
                got = (
                    json.loads(httpx.get(detail["result_url"]).content)
                    if detail.get("result_url")
                    else None
                )
            except ValueError:
                got = None
            if not got or got.get("sha256") != hashlib.sha256(chunk).hexdigest():
                wrong += 1
                problems.append(
                    f"task {task_id}: wrong or missing result ({detail.get('result_url')!r})"
                )
    srv.close()

    outcomes = Counter(r.get("outcome") for r in rows)
    resends = sum(int(r.get("resends") or 0) for r in rows)
    elapsed = time.monotonic() - started
    print(
        f"chaos soak: seed={args.seed} tasks={jobs * CHUNKS} jobs={jobs} duration={elapsed:.0f}s "
        f"agent_exit={code}"
    )
    print(
        "faults injected: "
        + ", ".join(f"{k}={tally.faults[k]}" for k in [*WEIGHTS, *HEAVY_WEIGHTS])
        + (
            f", agent_exited_unexpectedly={tally.faults['agent_exited_unexpectedly']}"
            if tally.faults["agent_exited_unexpectedly"]
            else ""
        )
        + f" (total {sum(v for k, v in tally.faults.items() if k != 'skipped_still_armed')};"
        f" {tally.faults['skipped_still_armed']} skipped: same path still armed)"
    )
    print(f"restarts: agent={tally.agent_restarts} server={tally.server_restarts}")
    print(
        "history: "
        + ", ".join(f"{k}={v}" for k, v in sorted(outcomes.items(), key=lambda kv: str(kv[0])))
    )
    print(
        f"result: completed={completed} lost={lost} duplicates={duplicates} wrong={wrong} "
        f"maybe_delivered_resends={resends}"
    )
    for line in problems[:20]:
        print("  " + line)
    print(f"work dir: {work}")
    return 0 if lost == duplicates == wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

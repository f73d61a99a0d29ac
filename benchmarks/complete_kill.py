"""Kill the server inside the last complete_task of a job, many times: how many second completions?

    python benchmarks/complete_kill.py --runs 24 --seed 1

Each run submits a fresh two-subtask job to the reference backend (DevServer, in this process, with
the real server's job page and /stats pages) and lets the real engine (in this process, on its own
thread, as the GUI runs it) work through it. The *last* complete_task of the job dies at a point
drawn from `random.Random(seed)`: before the server's first commit, after it, in the middle of the
merge or after the merge; the server either stays up or stops and comes back after a drawn delay,
and the merge takes a drawn time. Printed at the end: second accepted completions (the owner
credited twice for one subtask), lost results (a subtask never credited), half-merged jobs the
agent reported, and the wall time.

Exit status 0 only when there is no second accepted completion and nothing is lost.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_agent.config import DataPaths, Settings  # noqa: E402
from desktop_agent.devserver import DevServer  # noqa: E402
from desktop_agent.devserver.faults import COMPLETE_POINTS  # noqa: E402
from desktop_agent.engine.loop import Agent  # noqa: E402
from desktop_agent.engine.pipeline import half_merged_words  # noqa: E402
from desktop_agent.paths import sample_job_dir  # noqa: E402

OWNER = "kill@example.com"


def one_run(rng: random.Random, work: Path, index: int) -> dict[str, object]:
    point = rng.choice(COMPLETE_POINTS)
    down_for = rng.choice([None, round(rng.uniform(0.2, 2.0), 2)])
    merge_delay = round(rng.uniform(0.0, 0.6), 2)
    srv = DevServer(data_dir=work / f"server-{index}", faults_enabled=True, merge_delay=merge_delay)
    with srv:
        srv.add_owner(OWNER)
        job_id = srv.submit_job(sample_job_dir(), chunks=2)
        settings = Settings(
            server=srv.url,
            email=OWNER,
            heartbeat_interval=0.5,
            poll_interval=0.2,
            min_free_disk_mb=1,
        )
        logs: list[str] = []
        agent = Agent(
            settings,
            DataPaths(work / f"agent-{index}"),
            emit=lambda e: logs.append(getattr(e, "text", "")),
            max_tasks=2,
        )
        thread = threading.Thread(target=lambda: asyncio.run(agent.run()), daemon=True)
        thread.start()
        # Arm the kill once the first of the two completions was accepted: the next is the last.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(
            c.status == 200 for c in srv.calls("/agent/complete_task")
        ):
            time.sleep(0.005)
        srv.faults.kill_complete_task(point, down_for=down_for)
        thread.join(90)
        if thread.is_alive():
            agent.stop()
            thread.join(20)
        credits = [srv.credits(sub["id"]) for sub in srv.subtasks(job_id)]
        reported = sum(half_merged_words(job_id) in text.lower() for text in logs)
    srv.close()
    return {
        "point": point,
        "down_for": down_for,
        "merge_delay": merge_delay,
        "fired": srv.faults.killed.is_set(),
        "second": sum(max(0, n - 1) for n in credits),
        "lost": sum(1 for n in credits if n == 0),
        "half_merged_reported": reported,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    started = time.monotonic()
    results = []
    with tempfile.TemporaryDirectory(prefix="complete-kill-") as tmp:
        for index in range(args.runs):
            result = one_run(rng, Path(tmp), index)
            results.append(result)
            print(
                f"run {index + 1:2d}: killed {result['point']:<13} down_for={result['down_for']!s:<5}"
                f" merge={result['merge_delay']:.2f}s fired={result['fired']} "
                f"second={result['second']} lost={result['lost']} "
                f"half-merged reported={result['half_merged_reported']}",
                flush=True,
            )
    kills = sum(1 for r in results if r["fired"])
    second = sum(int(r["second"]) for r in results)  # type: ignore[call-overload]
    lost = sum(int(r["lost"]) for r in results)  # type: ignore[call-overload]
    points = Counter(str(r["point"]) for r in results if r["fired"])
    print(
        f"\n{kills} kills inside the last complete_task ({dict(points)}): "
        f"{second} second accepted completions, {lost} lost results, "
        f"{time.monotonic() - started:.0f} s"
    )
    return 0 if second == 0 and lost == 0 and kills == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())

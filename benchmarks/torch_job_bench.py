"""(e) A real torch job end to end on the CPU, timed per phase, cold and warm cache.

The job (benchmarks/torch_job: pandas + torch, nn.Linear trained on its chunk,
state_dict saved with torch.save) is submitted to the reference backend as 2
chunks; the agent (in-process, on its own thread as the GUI runs it) takes
both: the first with an empty env cache and an empty uv cache (cold), the
second reusing the env (warm). Then train.py is run by hand on chunk 0 with
the same env, as a baseline for the training phase.

Which torch: PyPI's Linux torch is the multi-GB CUDA build, and the PyTorch
CPU index (what `torch_backend=auto` picks on a machine without an NVIDIA GPU)
is not reachable from the benchmark machine. It has the PyTorch 2.13.0 CPU
wheel on disk (/opt/wheels), so the run uses `torch_backend="default"` (no
PyTorch index) with `UV_FIND_LINKS=/opt/wheels` in the agent's environment:
uv then installs torch 2.13.0+cpu from that file, and pandas/numpy from PyPI.
Elsewhere pass `--torch-backend auto` (or cpu) and no `--find-links`.

    .venv/bin/python benchmarks/torch_job_bench.py [--rows 200000] [--torch-backend default] [--find-links /opt/wheels]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OWNER, header
from torch_job.make_data import make

HERE = Path(__file__).resolve().parent / "torch_job"
PHASES = ["downloading", "preparing environment", "training", "uploading", "reporting"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--rows", type=int, default=200_000, help="rows in the whole data set (2 chunks)"
    )
    ap.add_argument("--torch-backend", default="default")
    ap.add_argument("--find-links", default="/opt/wheels" if Path("/opt/wheels").is_dir() else "")
    args = ap.parse_args()
    if args.find_links:
        os.environ["UV_FIND_LINKS"] = args.find_links
    from desktop_agent.config import DataPaths, Settings
    from desktop_agent.devserver import DevServer
    from desktop_agent.engine import events as ev
    from desktop_agent.engine.loop import Agent
    from desktop_agent.engine.store import Store

    header(
        f"torch job: {args.rows:,} rows in 2 chunks, torch_backend={args.torch_backend!r}, "
        f"find-links={args.find_links or '-'}"
    )
    tmp = Path(tempfile.mkdtemp(prefix="torch-bench-"))
    try:
        make(tmp / "data.csv", args.rows)
        print(f"   data.csv: {(tmp / 'data.csv').stat().st_size / 2**20:.1f} MiB")
        seen: list[tuple[float, object]] = []
        with DevServer(data_dir=tmp / "server") as srv:
            srv.add_owner(OWNER)
            job_id = srv.submit_job(
                code=(HERE / "train.py").read_bytes(),
                requirements=(HERE / "requirements.txt").read_bytes(),
                data=(tmp / "data.csv").read_bytes(),
                chunks=2,
            )
            settings = Settings(
                server=srv.url,
                email=OWNER,
                heartbeat_interval=5.0,
                poll_interval=0.5,
                min_free_disk_mb=1,
                torch_backend=args.torch_backend,
            )
            agent = Agent(
                settings,
                DataPaths(tmp / "agent"),
                emit=lambda e: seen.append((time.monotonic(), e)),
                max_tasks=2,
            )
            thread = threading.Thread(target=lambda: asyncio.run(agent.run()), daemon=True)
            thread.start()
            thread.join(1200)
            if thread.is_alive():
                agent.stop()
                thread.join(30)
                raise SystemExit("the agent did not finish two tasks in 20 minutes")
            chunk0 = srv.storage.files_root / "jobs" / str(job_id) / "chunk_0.csv"
            status = srv.job(job_id)["status"]
        rows = sorted(Store(tmp / "agent" / "agent.db").history(), key=lambda r: r.started_at)
        for label, row in zip(("cold", "warm"), rows, strict=False):
            starts: dict[str, float] = {}
            end = None
            for t, e in seen:
                if isinstance(e, ev.PhaseProgress) and e.task_id == row.task_id:
                    starts.setdefault(e.phase.value, t)
                if isinstance(e, ev.TaskFinished) and e.task_id == row.task_id:
                    end = t
            marks = [(p, starts[p]) for p in PHASES if p in starts] + [("end", end)]
            parts = [
                f"{p} {b - a:.2f} s" for (p, a), (_q, b) in itertools.pairwise(marks) if a and b
            ]
            total = (end - marks[0][1]) if end else float("nan")
            print(f"   {label}: total {total:.1f} s = " + ", ".join(parts))
            print(
                f"      outcome {row.outcome}, torch_backend {row.torch_backend}, peak RSS {row.peak_rss_mb or 0:.0f} MB, "
                f"cpu {row.cpu_seconds or 0:.1f} s, energy "
                f"{'not measured' if row.energy_wh is None else f'{row.energy_wh:.3f} Wh ({row.energy_source})'}, "
                f"sandbox {row.sandbox}"
            )
        print(f"   job status: {status}")
        env_dir = next(p for p in (tmp / "agent" / "envs").iterdir() if (p / ".ready").is_file())
        version = subprocess.run(
            [str(env_dir / "bin" / "python"), "-c", "import torch; print(torch.__version__)"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        du = subprocess.run(
            ["du", "-sm", str(env_dir), str(tmp / "agent" / "uv-cache")],
            capture_output=True,
            text=True,
        ).stdout.split()
        print(
            f"   env: torch {version}; du env {du[0]} MB, + uv cache {du[2]} MB more (hard links counted once)"
        )
        work = tmp / "by-hand"
        work.mkdir()
        shutil.copy(HERE / "train.py", work)
        shutil.copy(chunk0, work / "data.csv")
        for prefix, label in (
            ([], "normal priority"),
            (["nice", "-n", "10"], "nice 10, as the agent runs jobs"),
        ):
            t0 = time.perf_counter()
            subprocess.run(
                [*prefix, str(env_dir / "bin" / "python"), "train.py"],
                cwd=work,
                check=True,
                capture_output=True,
            )
            print(
                f"   by hand, {label}: python train.py on chunk 0, same env: {time.perf_counter() - t0:.2f} s"
            )
        print(
            f"   load average during the run: {os.getloadavg()[0]:.1f} (other work on this machine slows nice 10 jobs)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Sample training job for the desktop agent's demo and tests (stdlib only, Python 3.11).

A real job's train.py trains a PyTorch model and saves its state_dict as `model.pth`. This one
needs no third-party packages, so it can run anywhere the agent runs: it reads `data.csv` from
the working directory, reports progress the way the agent expects (`progress: <0..1>` lines),
and writes `model.pth` as a small JSON document that depends only on its chunk:

    {"rows": <data rows>, "sum": <sum of every numeric cell>, "sha256_of_data": "<hex of data.csv>"}

so a test can check each result against the chunk it was computed from. It takes about one
second; set SAMPLE_JOB_SECONDS to make it take longer (or shorter).
"""

import csv
import hashlib
import json
import os
import time
from pathlib import Path

STEPS = 4


def main() -> None:
    duration = float(os.environ.get("SAMPLE_JOB_SECONDS", "1.0"))
    raw = Path("data.csv").read_bytes()
    with open("data.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print(f"loaded {len(rows)} rows", flush=True)
    total = 0.0
    for step in range(1, STEPS + 1):
        for row in rows[(step - 1) * len(rows) // STEPS : step * len(rows) // STEPS]:
            total += sum(float(value) for value in row.values())
        time.sleep(duration / STEPS)
        print(f"progress: {step / STEPS}", flush=True)
    model = {
        "rows": len(rows),
        "sum": round(total, 6),
        "sha256_of_data": hashlib.sha256(raw).hexdigest(),
    }
    Path("model.pth").write_text(json.dumps(model, sort_keys=True), encoding="utf-8")
    print("saved model.pth", flush=True)


if __name__ == "__main__":
    main()

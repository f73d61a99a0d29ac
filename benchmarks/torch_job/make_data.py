"""Write data.csv for the torch job: `rows` rows of 16 features and y = w.x + b + noise (stdlib only)."""

import random
import sys
from pathlib import Path


def make(path: Path, rows: int = 200_000, features: int = 16, seed: int = 1) -> None:
    rng = random.Random(seed)
    w = [rng.uniform(-2, 2) for _ in range(features)]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(",".join([f"x{i}" for i in range(features)] + ["y"]) + "\n")
        for _ in range(rows):
            x = [rng.uniform(-1, 1) for _ in range(features)]
            y = sum(a * b for a, b in zip(w, x, strict=True)) + 0.5 + rng.gauss(0, 0.1)
            fh.write(",".join(f"{v:.5f}" for v in x) + f",{y:.5f}\n")


if __name__ == "__main__":
    make(
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data.csv"),
        int(sys.argv[2]) if len(sys.argv) > 2 else 200_000,
    )

"""A real-shaped job: train a small nn.Linear on this chunk with PyTorch and save its state_dict.

Reads data.csv (feature columns x0..x{n-1} and a target y) with pandas, fits
y ~ Linear(x) with SGD for a few epochs in mini-batches, prints progress the
way the agent reads it, and writes model.pth with torch.save, as the backend's
jobs do.
"""

import time

import pandas as pd
import torch
from torch import nn

EPOCHS = 5
BATCH = 256


def main() -> None:
    t0 = time.perf_counter()
    frame = pd.read_csv("data.csv")
    x = torch.tensor(
        frame[[c for c in frame.columns if c.startswith("x")]].values, dtype=torch.float32
    )
    y = torch.tensor(frame["y"].values, dtype=torch.float32).unsqueeze(1)
    print(
        f"loaded {len(frame)} rows x {x.shape[1]} features in {time.perf_counter() - t0:.2f} s",
        flush=True,
    )
    torch.manual_seed(0)
    model = nn.Linear(x.shape[1], 1)
    optimiser = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.MSELoss()
    for epoch in range(1, EPOCHS + 1):
        order = torch.randperm(len(x))
        total = 0.0
        for start in range(0, len(x), BATCH):
            idx = order[start : start + BATCH]
            optimiser.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimiser.step()
            total += loss.item() * len(idx)
        print(f"epoch {epoch}/{EPOCHS} loss {total / len(x):.4f}", flush=True)
    torch.save(model.state_dict(), "model.pth")
    print(f"saved model.pth after {time.perf_counter() - t0:.1f} s", flush=True)


if __name__ == "__main__":
    main()

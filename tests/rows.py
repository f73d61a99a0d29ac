"""One assigned task in a store, for tests that need a history row and nothing else."""

from __future__ import annotations

from typing import Any


def open_sample_task(store: Any, *, task_id: int = 1, job_id: int = 1, **fields: Any) -> Any:
    """`store.open_task` with placeholder URLs; `fields` override server, agent_id or a URL."""
    values = {
        "server": "http://s",
        "agent_id": "a",
        "task_id": task_id,
        "job_id": job_id,
        "code_url": "http://c",
        "requirements_url": "http://r",
        "chunk_data_url": "http://d",
        **fields,
    }
    return store.open_task(**values)

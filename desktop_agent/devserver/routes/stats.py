"""`/stats/*`: the dashboards' read-only views of agents and of a seller's tasks."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends

from ..context import AppContext, get_context
from ..timestamps import iso

router = APIRouter(prefix="/stats")
Context = Annotated[AppContext, Depends(get_context)]
ONLINE_WINDOW_S = 300.0  # "online" means a last_heartbeat under five minutes old


def _agent(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "status": row["status"],
        "gpu_model": row["gpu_model"],
        "ram_total": row["ram_total"],
        "last_heartbeat": iso(row["last_heartbeat"]),
    }


@router.get("/agents/online")
def agents_online(ctx: Context) -> list[dict[str, Any]]:
    return [_agent(row) for row in ctx.storage.agents(seen_since=time.time() - ONLINE_WINDOW_S)]


@router.get("/seller-tasks/{user_id}")
def seller_tasks(user_id: int, ctx: Context) -> dict[str, Any]:
    tasks = [
        {
            "id": sub["id"],
            "job_id": sub["job_id"],
            "assigned_to": sub["assigned_agent_id"],
            "status": sub["status"],
            "result_file_url": sub["result_url"],
            "completed_at": iso(sub["completed_at"]),
        }
        for sub in ctx.storage.subtasks_of_owner(user_id)
    ]
    done = sum(1 for task in tasks if task["status"] == "COMPLETED")
    return {"user_id": user_id, "total_completed": done, "tasks": tasks}


@router.get("/my-agents/{user_id}")
def my_agents(user_id: int, ctx: Context) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "agents": [_agent(row) for row in ctx.storage.agents(owner_id=user_id)],
    }

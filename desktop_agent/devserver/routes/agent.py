"""`/agent/*`: the five endpoints agents use, with the real server's exact answers."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Annotated

from collections.abc import Callable

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile

from ..context import AppContext, get_context
from ..models import (
    AgentHeartbeat,
    AgentRegister,
    TaskComplete,
    TaskRequest,
    TaskResponse,
)
from ..faults import KILL_KEY
from ..storage import chunk_path, final_model_path, job_dir, result_path

router = APIRouter(prefix="/agent")
Context = Annotated[AppContext, Depends(get_context)]


def normalise_email(email: str) -> str:
    """The real server strips spaces and both kinds of quotes, then lower-cases."""
    return email.strip().strip("\"'").strip().lower()


@router.post("/register")
def register(body: AgentRegister, ctx: Context) -> dict[str, str]:
    owner_id = ctx.storage.user_id_for_email(normalise_email(body.email))
    if owner_id is None:
        raise HTTPException(404, "Owner email not found. Please register on the website first.")
    outcome = ctx.storage.register_agent(
        body.id, owner_id, body.gpu_model or "Unknown", body.ram_total or "Unknown", time.time()
    )
    if outcome == "created":
        return {"message": f"New Agent {body.id} registered!", "status": "created"}
    return {"message": f"Welcome back, Agent {body.id}", "status": "linked"}


@router.post("/heartbeat")
def heartbeat(body: AgentHeartbeat, ctx: Context) -> dict[str, str]:
    if not ctx.storage.heartbeat(body.id, body.status, time.time()):
        raise HTTPException(404, "Agent not registered")
    server_time = datetime.now(UTC).replace(tzinfo=None)
    return {"message": "Heartbeat received", "server_time": server_time.isoformat()}


@router.post("/request_task")
def request_task(body: TaskRequest, ctx: Context) -> TaskResponse:
    assigned = ctx.storage.assign_task(body.agent_id, time.time(), racy=ctx.racy)
    if assigned is None:
        return TaskResponse()
    job_id = assigned["job_id"]
    return TaskResponse(
        task_id=assigned["id"],
        job_id=job_id,
        code_url=ctx.file_url(f"{job_dir(job_id)}/train.py"),
        requirements_url=ctx.file_url(f"{job_dir(job_id)}/requirements.txt"),
        chunk_data_url=ctx.file_url(chunk_path(job_id, assigned["chunk_index"])),
    )


@router.post("/upload_result")
def upload_result(
    agent_id: Annotated[str, Form()],
    task_id: Annotated[int, Form()],
    file: Annotated[UploadFile, File()],
    ctx: Context,
) -> dict[str, str]:
    subtask = ctx.storage.subtask(task_id)
    if subtask is None:
        raise HTTPException(404, "Subtask not found")
    relative = result_path(subtask["job_id"], task_id)
    target = ctx.storage.files_root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(file.file.read())
    return {"url": ctx.file_url(relative)}


@router.post("/complete_task")
def complete_task(body: TaskComplete, ctx: Context, request: Request) -> dict[str, str]:
    # A kill fault (faults.kill_complete_task) ends the request at one of these points.
    point: Callable[[str], None] = request.scope.get(KILL_KEY) or (lambda _name: None)
    point("before_commit")
    outcome = ctx.storage.complete_task(body.agent_id, body.task_id, body.result_url, time.time())
    if outcome == "not_found":
        raise HTTPException(404, "Subtask not found")
    if outcome == "not_assigned":
        raise HTTPException(400, "This task was not assigned to you")
    if outcome == "job_done":
        # First commit done (subtask, agent row, credit). The real server now merges every
        # result inside this same request, which is why it can be slow, then commits the job.
        point("after_commit")
        time.sleep(ctx.merge_delay / 2)
        point("during_merge")
        time.sleep(ctx.merge_delay / 2)
        subtask = ctx.storage.subtask(body.task_id)
        if subtask is not None:
            job_id = subtask["job_id"]
            relative = final_model_path(job_id)
            target = ctx.storage.files_root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"merged")
            ctx.storage.record_merge(job_id, ctx.file_url(relative))
        point("after_merge")
    return {"message": "Task marked as completed. Good job!"}

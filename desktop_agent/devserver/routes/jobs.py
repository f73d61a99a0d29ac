"""`/jobs/*`: buyers upload a job (code, requirements, CSV) and watch its progress."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile

from ..chunks import split_csv
from ..context import AppContext, get_context
from ..storage import Storage, job_dir, original_data_path
from ..timestamps import iso

router = APIRouter(prefix="/jobs")
Context = Annotated[AppContext, Depends(get_context)]


def create_job(
    storage: Storage,
    user_id: int,
    title: str,
    code: bytes,
    requirements: bytes,
    data: bytes,
    chunks: int,
) -> int:
    """Shared by the upload route and the Python/CLI seeding so both split data identically.

    Raises LookupError for an unknown user and ValueError for a CSV without rows.
    """
    if not storage.user_exists(user_id):
        raise LookupError("User not found")
    return storage.create_job(
        user_id, title, code, requirements, split_csv(data, chunks), time.time(), data
    )


@router.post("/upload")
def upload_job(
    title: Annotated[str, Form()],
    user_id: Annotated[int, Form()],
    file_code: Annotated[UploadFile, File()],
    file_req: Annotated[UploadFile, File()],
    file_data: Annotated[UploadFile, File()],
    ctx: Context,
) -> dict[str, Any]:
    try:
        job_id = create_job(
            ctx.storage,
            user_id,
            title,
            file_code.file.read(),
            file_req.file.read(),
            file_data.file.read(),
            ctx.chunks,
        )
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    job = ctx.storage.job(job_id)
    assert job is not None
    return {"message": "Job uploaded successfully", "job_id": job_id, "subtasks": job["total"]}


@router.get("/list/{user_id}")
def list_jobs(user_id: int, ctx: Context) -> list[dict[str, Any]]:
    listed = []
    for job_id in ctx.storage.jobs_of(user_id):
        job = ctx.storage.job(job_id)
        assert job is not None
        listed.append(
            {
                "id": job["job_id"],
                "title": job["title"],
                "status": job["status"],
                "created_at": iso(job["created_at"]),
                "original_code_url": ctx.file_url(f"{job_dir(job_id)}/train.py"),
                "original_data_url": ctx.file_url(original_data_path(job_id)),
                "final_result_url": job["final_result_url"],
                "convergence_delta": job["convergence_delta"],
            }
        )
    return listed


@router.get("/{job_id}")
def job_status(job_id: int, ctx: Context) -> dict[str, Any]:
    """The real job page: counts only, no per-subtask list (tests read those through Python)."""
    job = ctx.storage.job(job_id)
    if job is None:
        raise HTTPException(404, "Job not found")
    return {
        "id": job["job_id"],
        "title": job["title"],
        "status": job["status"],
        "created_at": iso(job["created_at"]),
        "final_result_url": job["final_result_url"],
        "convergence_delta": job["convergence_delta"],
        "total_subtasks": job["total"],
        "completed_subtasks": job["completed"],
    }

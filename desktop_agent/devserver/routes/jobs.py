"""`/jobs/*`: buyers upload a job (code, requirements, CSV) and watch its progress."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile

from ..chunks import split_csv
from ..context import AppContext, get_context
from ..storage import Storage

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
        user_id, title, code, requirements, split_csv(data, chunks), time.time()
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


@router.get("/{job_id}")
def job_status(job_id: int, ctx: Context) -> dict[str, Any]:
    job = ctx.storage.job(job_id)
    if job is None:
        raise HTTPException(404, "Job not found")
    return job

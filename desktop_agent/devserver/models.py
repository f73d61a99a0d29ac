"""Request and response bodies of the real backend, declared independently of the agent engine.

The field names and types are copied from the backend's own pydantic schemas so that FastAPI
produces the same 422 validation errors the real server does for malformed bodies.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, field_validator

# A plain-syntax stand-in for pydantic's EmailStr (which needs email-validator): one @, a dot
# in the domain, no spaces. Enough to give the same 422 for what is clearly not an address.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AgentRegister(BaseModel):
    id: str
    email: str
    gpu_model: str | None = None
    ram_total: str | None = None


class AgentHeartbeat(BaseModel):
    id: str
    status: str


class TaskRequest(BaseModel):
    agent_id: str


class TaskResponse(BaseModel):
    """Always serialised with all five keys: "no work" is the same shape with every value null."""

    task_id: int | None = None
    job_id: int | None = None
    code_url: str | None = None
    requirements_url: str | None = None
    chunk_data_url: str | None = None


class TaskComplete(BaseModel):
    agent_id: str
    task_id: int
    result_url: str


class UserCreate(BaseModel):
    email: str
    password: str
    role: Literal["seller", "buyer"] = "buyer"

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value: str) -> str:
        if not _EMAIL.match(value):
            raise ValueError("value is not a valid email address")
        return value


class UserLogin(BaseModel):
    email: str
    password: str

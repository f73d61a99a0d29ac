"""`/auth/*`: how owners (volunteers and buyers) get an account on the real website, and their wallet."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException

from ..context import AppContext, get_context
from ..models import UserCreate, UserLogin
from ..storage import DuplicateEmail

router = APIRouter(prefix="/auth")
Context = Annotated[AppContext, Depends(get_context)]


def _user(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "email": row["email"], "role": row["role"], "credits": row["credits"]}


@router.post("/register")
def register_user(body: UserCreate, ctx: Context) -> dict[str, Any]:
    # Stored as typed, like the real website: an address with capitals before the @ can then
    # never link a machine, since /agent/register lower-cases what it is given.
    try:
        user_id = ctx.storage.create_user(body.email, body.password, body.role)
    except DuplicateEmail:
        raise HTTPException(400, "Email already registered") from None
    user = ctx.storage.user(user_id)
    assert user is not None
    return _user(user)


@router.post("/login")
def login(body: UserLogin, ctx: Context) -> dict[str, Any]:
    user = ctx.storage.user_by_email(body.email)
    if user is None or user["password"] != body.password:
        raise HTTPException(401, "Invalid email or password")
    return {"access_token": secrets.token_urlsafe(24), "token_type": "bearer", "user": _user(user)}


@router.get("/wallet/{user_id}")
def wallet(user_id: int, ctx: Context) -> dict[str, Any]:
    user = ctx.storage.user(user_id)
    if user is None:
        raise HTTPException(404, "User not found")
    return {"user_id": user["id"], "credits": user["credits"], "role": user["role"]}

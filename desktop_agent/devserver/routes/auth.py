"""`/auth/register`: how owners (volunteers and buyers) get an account on the real website."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from ..context import AppContext, get_context
from ..models import UserCreate
from ..storage import DuplicateEmail
from .agent import normalise_email

router = APIRouter(prefix="/auth")


@router.post("/register")
def register_user(
    body: UserCreate, ctx: Annotated[AppContext, Depends(get_context)]
) -> dict[str, object]:
    # Stored normalised so that an agent's (normalised) lookup always finds the owner.
    email = normalise_email(body.email)
    try:
        user_id = ctx.storage.create_user(email, body.password, body.role)
    except DuplicateEmail:
        raise HTTPException(400, "Email already registered") from None
    return {"id": user_id, "email": email, "role": body.role}

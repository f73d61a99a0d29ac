"""How the real server writes times in JSON: naive UTC ISO datetimes (no timezone suffix)."""

from __future__ import annotations

from datetime import UTC, datetime


def iso(epoch: float | None) -> str | None:
    """`datetime.isoformat()` of a naive UTC datetime, as SQLAlchemy rows serialise through FastAPI."""
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None).isoformat()

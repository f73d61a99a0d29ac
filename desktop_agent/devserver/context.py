"""What the routes need from the running server, reachable from a request via `app.state`."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from .faults import Faults
from .storage import Storage


@dataclass(frozen=True)
class AppContext:
    storage: Storage
    base_url: str
    chunks: int
    merge_delay: float
    faults: Faults | None

    def file_url(self, relative: str) -> str:
        """Absolute URL of a stored file, pointing at this server, as the real one hands out public URLs."""
        return f"{self.base_url}/files/{relative}"

    @property
    def racy(self) -> bool:
        return self.faults is not None and self.faults.racy


def get_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.context
    return context

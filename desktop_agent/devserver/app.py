"""Assembly of the FastAPI application: routes, the liveness sweeper, recording and faults."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from importlib.metadata import PackageNotFoundError, version

from fastapi import FastAPI
from starlette.types import ASGIApp

from .connections import ConnectionRegistry
from .context import AppContext
from .faults import FaultMiddleware
from .recorder import Recorder, RecordingMiddleware
from .routes import agent, auth, files, jobs, stats

SERVICE = "desktop-agent devserver"


def _version() -> str:
    try:
        return version("desktop-agent")
    except PackageNotFoundError:
        return "0+unknown"


async def _sweep_forever(context: AppContext, requeue_after: float, interval: float) -> None:
    """The real server's periodic liveness check, run on the event loop like its scheduler."""
    while True:
        await asyncio.sleep(interval)
        await asyncio.to_thread(context.storage.sweep, requeue_after, time.time())


def create_app(
    context: AppContext,
    recorder: Recorder,
    connections: ConnectionRegistry,
    requeue_after: float,
    sweep_interval: float,
) -> ASGIApp:
    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(_sweep_forever(context, requeue_after, sweep_interval))
        try:
            yield
        finally:
            sweeper.cancel()

    app = FastAPI(title=SERVICE, version=_version(), lifespan=lifespan)
    app.state.context = context
    for module in (agent, auth, jobs, stats, files):
        app.include_router(module.router)

    @app.get("/")
    def health() -> dict[str, str]:
        return {"service": SERVICE, "status": "ok", "version": _version()}

    wrapped: ASGIApp = app
    if context.faults is not None:
        wrapped = FaultMiddleware(wrapped, context.faults, connections)
    return RecordingMiddleware(wrapped, recorder)

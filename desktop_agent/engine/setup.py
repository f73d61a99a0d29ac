"""First-run registration, for the setup dialog and `desktop-agent run --email`.

Blocking on purpose: the GUI calls it from a worker thread and shows the
error inline, so the messages here are the ones a volunteer reads.
"""

from __future__ import annotations

import asyncio

from desktop_agent import gpu
from desktop_agent.config import (
    DataPaths,
    Settings,
    SettingsError,
    load_settings,
    normalise_email,
    save_settings,
)
from desktop_agent.engine import errors
from desktop_agent.engine.worker import ram_total_label
from desktop_agent.engine.protocol import ApiClient, client_for
from desktop_agent.identity import load_or_create

EMAIL_UNKNOWN_MESSAGE = errors.EMAIL_UNKNOWN_MESSAGE


def _valid_server(server: str) -> str:
    server = server.strip().rstrip("/")
    if not server.startswith(("http://", "https://")):
        raise errors.ApiError(
            f"The server address must start with http:// or https:// (got {server!r})"
        )
    return server


def saved_settings(paths: DataPaths) -> Settings:
    """The settings in the data folder (proxy, CA bundle), or the defaults when there are none usable."""
    try:
        return load_settings(paths.root)
    except SettingsError:
        return Settings()


async def register_async(
    server: str, email: str, paths: DataPaths, *, settings: Settings | None = None
) -> str:
    """Register through the same client the engine uses (`client_for`): same proxy, same CAs."""
    server = _valid_server(server)
    email = normalise_email(email)
    paths.ensure()
    settings = settings if settings is not None else saved_settings(paths)
    agent_id = load_or_create(paths.root, paths.identity_file).agent_id
    async with client_for(settings, timeout=20.0) as http:
        api = ApiClient(server, http)
        try:
            return await api.register(agent_id, email, gpu.gpu_model_summary(), ram_total_label())
        except errors.EmailNotFound as exc:
            raise errors.EmailNotFound(
                EMAIL_UNKNOWN_MESSAGE, status=exc.status, detail=exc.detail
            ) from None
        except (errors.RetryableError, errors.MaybeDelivered) as exc:
            if isinstance(exc, errors.ServerUnreachable):
                raise
            raise errors.ServerUnreachable(
                f"The server at {server} is having trouble ({exc}) — try again in a few minutes"
            ) from exc


def register_machine(
    server: str, email: str, paths: DataPaths, *, settings: Settings | None = None
) -> str:
    """Register for real; on success remember server and email. Returns "created" or "linked".

    `settings` (default: those saved in the data folder) give the proxy and the CA bundle.
    """
    status = asyncio.run(register_async(server, email, paths, settings=settings))
    save_settings(paths.root, {"server": _valid_server(server), "email": normalise_email(email)})
    return status

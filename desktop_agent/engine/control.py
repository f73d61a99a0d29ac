"""The local control channel: `desktop-agent pause|resume|snooze|finish-then-pause|status`.

A running agent serves its data folder's control endpoint; the CLI talks to
the agent running on a data folder by its path. One JSON object per line each
way:

    → {"cmd": "status"}
    ← {"ok": true, "state": "paused", "mode": "paused", "reason": "Paused by you", "task": {...}, ...}
    → {"cmd": "snooze", "seconds": 3600}     or {"cmd": "snooze", "until": "tomorrow"}
    → {"cmd": "pause"} / {"cmd": "resume"} / {"cmd": "finish_then_pause"}
    ← {"ok": false, "error": "unknown command 'x'"}

Owner only, per OS:
- POSIX: a Unix socket `<data>/control.sock`, mode 0600, inside the 0700 data
  folder (a path too long for a socket address goes to the temp folder under
  a name derived from the data folder, still 0600).
- Windows (or `DESKTOP_AGENT_CONTROL=tcp`): a loopback TCP port; the port and
  a random token go into `<data>/control.json`, created 0600 (on Windows the
  per-user data folder's ACL keeps other users out); every request must carry
  `"token"`. Nothing else on the machine can learn the token.

The GUI does not use this: it calls the Agent's thread-safe methods directly.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import secrets
import socket
import tempfile
from pathlib import Path
from typing import Any

SOCKET_NAME = "control.sock"
TOKEN_FILE = "control.json"
MAX_LINE = 64 * 1024
_MAX_UNIX_PATH = 100  # sun_path is 104-108 bytes, depending on the OS


class ControlUnavailable(RuntimeError):
    """No agent answers on that data folder."""


def transport() -> str:
    forced = os.environ.get("DESKTOP_AGENT_CONTROL")
    if forced in ("unix", "tcp"):
        return forced
    return "unix" if hasattr(socket, "AF_UNIX") and os.name != "nt" else "tcp"


def socket_path(data_dir: Path) -> Path:
    path = Path(data_dir) / SOCKET_NAME
    if len(os.fsencode(str(path))) <= _MAX_UNIX_PATH:
        return path
    digest = hashlib.sha256(os.fsencode(str(Path(data_dir).resolve()))).hexdigest()[:16]
    return (
        Path(tempfile.gettempdir())
        / f"desktop-agent-{os.getuid() if hasattr(os, 'getuid') else 0}-{digest}.sock"
    )


# --- the server (inside the agent's event loop) ------------------------------------------


def handle(agent: Any, request: Any) -> dict[str, Any]:
    """Answer one request; runs on the engine's loop, so the commands take effect before the answer."""
    if not isinstance(request, dict):
        return {"ok": False, "error": "a request is a JSON object"}
    cmd = request.get("cmd")
    try:
        if cmd == "status":
            pass
        elif cmd == "pause":
            agent.pause()
        elif cmd == "resume":
            agent.resume()
        elif cmd == "finish_then_pause":
            agent.finish_then_pause()
        elif cmd == "snooze":
            seconds, until = request.get("seconds"), request.get("until")
            if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and seconds > 0:
                agent.snooze(float(seconds))
            elif until == "tomorrow" or (
                isinstance(until, (int, float)) and not isinstance(until, bool)
            ):
                agent.snooze(until=until)
            else:
                return {
                    "ok": False,
                    "error": 'snooze needs "seconds" > 0 or "until": "tomorrow" / epoch seconds',
                }
        else:
            return {"ok": False, "error": f"unknown command {cmd!r}"}
    except ValueError as exc:
        return {"ok": False, "error": str(exc)}
    return {"ok": True, **agent.status()}


class ControlServer:
    def __init__(self, server: asyncio.AbstractServer, cleanup: list[Path]):
        self._server = server
        self._cleanup = cleanup

    async def close(self) -> None:
        self._server.close()
        try:
            await asyncio.wait_for(self._server.wait_closed(), 2.0)
        except TimeoutError:
            pass
        for path in self._cleanup:
            try:
                path.unlink()
            except OSError:
                pass


async def serve(agent: Any, data_dir: Path) -> ControlServer:
    data_dir = Path(data_dir)
    token: str | None = None

    async def on_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                try:
                    line = await reader.readline()
                except (ValueError, asyncio.LimitOverrunError):
                    break
                if not line:
                    break
                try:
                    request = json.loads(line)
                except ValueError:
                    answer: dict[str, Any] = {"ok": False, "error": "not JSON"}
                else:
                    if token is not None and (
                        not isinstance(request, dict)
                        or not secrets.compare_digest(str(request.get("token", "")), token)
                    ):
                        answer = {"ok": False, "error": "wrong token"}
                    else:
                        answer = handle(agent, request)
                writer.write(json.dumps(answer).encode() + b"\n")
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    if transport() == "unix":
        path = socket_path(data_dir)
        if path.exists() or path.is_symlink():
            path.unlink()  # stale: the data folder's lock says no other agent runs here
        old_umask = os.umask(0o177)  # born 0600: no window where others could connect
        try:
            server = await asyncio.start_unix_server(on_client, path=str(path), limit=MAX_LINE)
        finally:
            os.umask(old_umask)
        os.chmod(path, 0o600)
        return ControlServer(server, [path])
    token = secrets.token_urlsafe(24)
    server = await asyncio.start_server(on_client, "127.0.0.1", 0, limit=MAX_LINE)
    port = server.sockets[0].getsockname()[1]
    info = data_dir / TOKEN_FILE
    info.unlink(missing_ok=True)
    fd = os.open(info, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"port": port, "token": token, "pid": os.getpid()}, fh)
    return ControlServer(server, [info])


# --- the client (the CLI) ---------------------------------------------------------------


def request(data_dir: Path, cmd: str, *, timeout: float = 5.0, **args: Any) -> dict[str, Any]:
    """Send one command to the agent running on `data_dir`; raises ControlUnavailable if none answers."""
    data_dir = Path(data_dir)
    body = {"cmd": cmd, **args}
    try:
        if transport() == "unix":
            path = socket_path(data_dir)
            if not path.exists():
                raise ControlUnavailable(f"no agent is running on {data_dir}")
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            sock.connect(str(path))
        else:
            try:
                info = json.loads((data_dir / TOKEN_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                raise ControlUnavailable(f"no agent is running on {data_dir}") from None
            body["token"] = info.get("token", "")
            sock = socket.create_connection(
                ("127.0.0.1", int(info.get("port", 0))), timeout=timeout
            )
    except ControlUnavailable:
        raise
    except OSError as exc:
        raise ControlUnavailable(
            f"no agent is running on {data_dir} ({exc.strerror or exc})"
        ) from None
    with sock:
        try:
            sock.sendall(json.dumps(body).encode() + b"\n")
            data = b""
            while not data.endswith(b"\n"):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        except OSError as exc:
            raise ControlUnavailable(f"the agent on {data_dir} did not answer ({exc})") from None
    try:
        answer = json.loads(data)
    except ValueError:
        raise ControlUnavailable(f"the agent on {data_dir} gave no usable answer") from None
    return answer if isinstance(answer, dict) else {"ok": False, "error": "odd answer"}

"""`desktop-agent diagnostics`: one zip a volunteer can attach to a bug report, with secrets removed.

Contents: the app logs, the last few task logs, the settings, system information, package
versions, the sandbox and limit mechanisms this machine offers, a history summary (counts only)
and the self-test's output. Before anything is written, every text goes through `Redactor`: the
agent id (the only credential the backend knows) and every email address are replaced, as are
UUID-shaped strings and passwords in URLs. The zip is checked once more after writing.
"""

from __future__ import annotations

import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import asdict
from pathlib import Path
from collections.abc import Iterable

from desktop_agent.config import DataPaths, SettingsError, load_settings

TASK_LOGS_INCLUDED = 5
MAX_FILE_BYTES = 5 * 1024 * 1024  # per log file: the newest part is kept
_EMAIL = re.compile(r"[^\s@<>\"'(),;:]+@[^\s@<>\"'(),;:]+\.[^\s@<>\"'(),;:]+")
_UUID = re.compile(
    r"\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\b"
)
_URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s@]+@")
_PACKAGES = (
    "desktop-agent",
    "httpx",
    "psutil",
    "PySide6-Essentials",
    "PySide6",
    "uv",
    "truststore",
    "keyring",
    "nvidia-ml-py",
    "platformdirs",
    "fastapi",
    "uvicorn",
)


class Redactor:
    """Replaces the agent id, emails, UUIDs and URL credentials in text."""

    def __init__(self, secrets: Iterable[str] = ()):
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = re.sub(re.escape(secret), "<redacted>", text, flags=re.IGNORECASE)
        text = _URL_CREDENTIALS.sub(r"\g<scheme><redacted>@", text)
        text = _EMAIL.sub("<email>", text)
        return _UUID.sub("<id>", text)


def _stored_agent_id(paths: DataPaths) -> str | None:
    """The id if one exists (keyring or file), without creating one."""
    from desktop_agent import identity

    try:
        import keyring

        stored = keyring.get_password(identity.KEYRING_SERVICE, identity._keyring_user(paths.root))
        if stored:
            return stored
    except Exception:  # no keyring backend: the file is the fallback
        pass
    try:
        return paths.identity_file.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _tail_text(path: Path) -> str:
    with path.open("rb") as fh:
        size = fh.seek(0, os.SEEK_END)
        fh.seek(max(0, size - MAX_FILE_BYTES))
        data = fh.read()
    return data.decode("utf-8", errors="replace")


def _versions() -> dict[str, str]:
    from importlib import metadata

    out = {}
    for name in _PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def _system_info(paths: DataPaths) -> dict[str, object]:
    import psutil

    from desktop_agent.engine import proccap, sandbox

    info: dict[str, object] = {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "python": sys.version.replace("\n", " "),
        "frozen": bool(getattr(sys, "frozen", False)),
        "cpu_count": os.cpu_count(),
        "ram_mb": round(psutil.virtual_memory().total / 2**20),
        "time_zone": time.strftime("%Z"),
        "versions": _versions(),
    }
    try:
        usage = shutil.disk_usage(paths.root if paths.root.exists() else Path.home())
        info["disk_free_mb"] = round(usage.free / 2**20)
    except OSError:
        pass
    try:
        from desktop_agent import gpu

        info["gpu"] = gpu.gpu_model_summary()
    except Exception as exc:  # NVML missing is normal
        info["gpu"] = f"unknown ({type(exc).__name__})"
    box = sandbox.detect()
    info["sandbox"] = box.level
    info["process_cap"] = proccap.process_cap_enforced_by_kernel() or "watchdog only"
    return info


def _history_summary(paths: DataPaths) -> dict[str, object]:
    if not paths.db.exists():
        return {"tasks": 0}
    from desktop_agent.engine.store import Store

    store = Store(paths.db)
    try:
        rows = store.history()
    finally:
        store.close()
    outcomes: dict[str, int] = {}
    sandboxes: dict[str, int] = {}
    for row in rows:
        outcomes[row.outcome or f"open:{row.phase}"] = (
            outcomes.get(row.outcome or f"open:{row.phase}", 0) + 1
        )
        sandboxes[row.sandbox or "unknown"] = sandboxes.get(row.sandbox or "unknown", 0) + 1
    return {
        "tasks": len(rows),
        "outcomes": outcomes,
        "sandbox_levels": sandboxes,
        "resends": sum(r.resends for r in rows),
    }


def _self_test(paths: DataPaths, timeout: float) -> str:
    if getattr(sys, "frozen", False):
        cmd = [sys.executable, "self-test", "--data-dir", str(paths.root)]
    else:
        cmd = [sys.executable, "-m", "desktop_agent", "self-test", "--data-dir", str(paths.root)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL
        )
        return f"$ desktop-agent self-test\nexit code {proc.returncode}\n{proc.stdout}{proc.stderr}"
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"self-test could not run: {exc}"


def write_diagnostics(
    data_dir: Path, output: Path, *, self_test: bool = True, self_test_timeout: float = 120.0
) -> Path:
    """Write the zip to `output` (a folder gets a dated file name); returns the file written."""
    paths = DataPaths(data_dir)
    if output.is_dir():
        output = output / time.strftime("desktop-agent-diagnostics-%Y%m%d-%H%M%S.zip")
    output.parent.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    try:
        settings = load_settings(paths.root, environ={})
        settings_dict: dict[str, object] = asdict(settings)
    except SettingsError as exc:
        settings, settings_dict = None, {"error": str(exc)}
    agent_id = _stored_agent_id(paths)
    email = str(settings_dict.get("email") or "")
    redact = Redactor([agent_id or "", email, email.strip().strip("\"'").lower()])
    if "email" in settings_dict:
        settings_dict["email"] = "<email>" if settings_dict["email"] else ""

    files: dict[str, str] = {}
    files["settings.json"] = json.dumps(settings_dict, indent=2, sort_keys=True, default=str)
    files["system.json"] = json.dumps(_system_info(paths), indent=2, sort_keys=True, default=str)
    files["history-summary.json"] = json.dumps(_history_summary(paths), indent=2, sort_keys=True)
    if paths.logs.is_dir():
        for log in sorted(paths.logs.glob("agent.log*")):
            files[f"logs/{log.name}"] = _tail_text(log)
    if paths.task_logs.is_dir():
        recent = sorted(paths.task_logs.glob("*.log"), key=lambda p: p.stat().st_mtime)[
            -TASK_LOGS_INCLUDED:
        ]
        for log in recent:
            files[f"logs/tasks/{log.name}"] = _tail_text(log)
    files["self-test.txt"] = (
        _self_test(paths, self_test_timeout) if self_test else "self-test skipped"
    )
    notes.append(
        "The agent id, email addresses, UUIDs and passwords in URLs were replaced before writing."
    )
    files["README.txt"] = "desktop-agent diagnostics\n" + "\n".join(notes) + "\n"

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, redact(text))
    data = buffer.getvalue()
    _verify(data, [agent_id or "", email])
    tmp = output.with_name(output.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, output)
    return output


def _verify(zip_bytes: bytes, secrets: list[str]) -> None:
    """Refuse to write a zip in which a secret survived (belt and braces)."""
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        for name in zf.namelist():
            text = zf.read(name).decode("utf-8", errors="replace").lower()
            for secret in secrets:
                if secret and secret.lower() in text:
                    raise RuntimeError(
                        f"diagnostics: a secret survived redaction in {name}; nothing was written"
                    )
            if _EMAIL.search(text):
                raise RuntimeError(
                    f"diagnostics: an email address survived redaction in {name}; nothing was written"
                )


def cmd_diagnostics(data_dir: Path, output: str | None) -> int:
    target = Path(output).expanduser() if output else Path.cwd()
    written = write_diagnostics(data_dir, target)
    print(f"Diagnostics written to {written} (agent id and emails removed)")
    return 0

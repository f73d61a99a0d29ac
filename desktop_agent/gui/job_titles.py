"""Job titles remembered for the History tab: "Sentiment classifier" rather than "Job 4".

The engine names a job when a task starts (JobDescribed, from the job page)
but the Store keeps only its number, so the window keeps a small map of
(server, job id) → title in the data folder. The title is the server's text:
it is kept as plain text, cut to MAX_TITLE characters, and at most MAX_ENTRIES
are remembered; a missing or damaged file is an empty map, never an error.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

FILE_NAME = "job-titles.json"
MAX_ENTRIES = 500
MAX_TITLE = 200


def _key(server: str, job_id: int) -> str:
    return f"{server} {job_id}"


class JobTitles:
    def __init__(self, path: Path | None):
        self.path = path
        self._titles: dict[str, str] = {}
        if path is not None:
            self._load()

    def _load(self) -> None:
        assert self.path is not None
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning("job titles unreadable, starting afresh: %s", exc)
            return
        if isinstance(raw, dict):
            self._titles = {
                str(k): str(v)[:MAX_TITLE] for k, v in raw.items() if isinstance(v, str)
            }

    def get(self, server: str, job_id: int | None) -> str:
        if job_id is None:
            return ""
        return self._titles.get(_key(server, job_id), "")

    def remember(self, server: str, job_id: int, title: str) -> None:
        title = " ".join(str(title).split())[:MAX_TITLE]
        key = _key(server, job_id)
        if not title or self._titles.get(key) == title:
            return
        self._titles.pop(key, None)
        self._titles[key] = title  # newest last: the oldest go first past MAX_ENTRIES
        while len(self._titles) > MAX_ENTRIES:
            self._titles.pop(next(iter(self._titles)))
        self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".job-titles-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self._titles, fh, ensure_ascii=False, indent=0)
            os.replace(tmp, self.path)
        except OSError as exc:  # a full disk costs the names, nothing else
            log.warning("job titles not saved: %s", exc)

"""platform/_util.Cached: answers are asked again after their ttl, "cannot know" after its own."""

from __future__ import annotations

import time

from desktop_agent.platform import _util
from desktop_agent.platform._util import Cached


def test_an_unknown_answer_is_kept_longer_than_a_known_one(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(_util.time, "monotonic", lambda: now[0])
    answers: list[bool | None] = [None, None, True, True]
    calls: list[int] = []

    def probe() -> bool | None:
        calls.append(1)
        return answers[len(calls) - 1]

    cached = Cached(probe, ttl=60.0, unknown_ttl=600.0)
    assert cached() is None and len(calls) == 1
    now[0] += 61
    assert cached() is None and len(calls) == 1  # "cannot know" is not asked again after 60 s
    now[0] += 540
    assert cached() is None and len(calls) == 2  # but after 600 s
    now[0] += 601
    assert cached() is True and len(calls) == 3
    now[0] += 61
    assert cached() is True and len(calls) == 4  # a known answer: its own 60 s


def test_without_unknown_ttl_every_answer_uses_ttl():
    calls: list[int] = []
    cached = Cached(lambda: calls.append(1), ttl=0.0)
    cached()
    time.sleep(0.001)
    cached()
    assert len(calls) == 2

"""The monthly transfer count against a real store: counting, restarts, power cuts, months."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from desktop_agent.engine import transfer
from desktop_agent.engine.modes import ALL_CLEAR, ModeState, decide
from desktop_agent.engine.store import Store
from desktop_agent.engine.reasons import Lead, Reason, ReasonCode, Why, words
from desktop_agent.engine.transfer import MIB, TransferMeter

BERLIN = ZoneInfo("Europe/Berlin")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.mono = 0.0

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.mono


def meter(store, clock: Clock, cap_mb: int = 0) -> TransferMeter:
    return TransferMeter(store, cap_mb=lambda: cap_mb, clock=clock, monotonic=clock.monotonic)


def test_downloads_and_uploads_add_up_and_survive_a_restart(tmp_path):
    clock = Clock(datetime(2026, 12, 3, 10, 0, tzinfo=BERLIN))
    store = Store(tmp_path / "a.db")
    m = meter(store, clock)
    m.downloaded(3 * MIB)
    m.uploaded(1000)  # an upload is written at once
    assert m.month_bytes() == 3 * MIB + 1000
    store.close()
    again = meter(Store(tmp_path / "a.db"), clock)
    assert again.month_bytes() == 3 * MIB + 1000


def test_a_power_cut_loses_at_most_the_last_few_mb(tmp_path):
    """No flush at the end (the process died): what was written in steps is still there."""
    clock = Clock(datetime(2026, 12, 3, 10, 0, tzinfo=BERLIN))
    m = meter(Store(tmp_path / "a.db"), clock)
    for _ in range(50):
        m.downloaded(MIB)  # 50 MiB in 1 MiB reads, within a second
    kept = sum(Store(tmp_path / "a.db").transfer("2026-12"))
    assert 50 * MIB - transfer.FLUSH_BYTES <= kept <= 50 * MIB


def test_slow_trickles_are_written_every_few_seconds(tmp_path):
    clock = Clock(datetime(2026, 12, 3, 10, 0, tzinfo=BERLIN))
    m = meter(Store(tmp_path / "a.db"), clock)
    m.downloaded(10)
    assert Store(tmp_path / "a.db").transfer("2026-12") == (0, 0)
    clock.mono += transfer.FLUSH_S
    m.downloaded(10)
    assert Store(tmp_path / "a.db").transfer("2026-12") == (20, 0)


def test_the_limit_stops_new_work_and_says_when_it_resets(tmp_path):
    clock = Clock(datetime(2026, 12, 31, 23, 0, tzinfo=BERLIN))
    said: list[str] = []
    m = TransferMeter(
        Store(tmp_path / "a.db"),
        cap_mb=lambda: 5 * 1024,
        clock=clock,
        monotonic=clock.monotonic,
        say=lambda _level, text: said.append(text),
    )
    m.downloaded(5 * 1024 * MIB - 1)
    assert m.used_up() is None and m.limit_verdict(ALL_CLEAR) is ALL_CLEAR
    m.uploaded(1)
    why = m.used_up()
    assert why == Reason.of(ReasonCode.MONTHLY_LIMIT, limit=5 * 1024 * MIB, day=1, month=1)
    english = "this month's transfer limit (5\u00a0GB) is used up — work resumes on 1 January"
    assert words(why) == english
    verdict = m.limit_verdict(ALL_CLEAR)
    idle = decide(ModeState(), verdict, holding_task=False)
    assert not idle.may_take_work and idle.reason == f"Waiting: {english}"
    assert idle.why == Why(Lead.WAITING, (why,))
    # A task in hand is not stopped: it finishes and its result goes up.
    busy = decide(ModeState(), verdict, holding_task=True)
    assert not busy.must_suspend and busy.reason == "Contributing — finishing the task in hand"
    assert said == [  # the log hears it once, however often the controls ask
        "This month's transfer limit (5\u00a0GB) is reached: no new task until 1 January;"
        " a result in hand is still sent"
    ]


def test_no_limit_never_stops_work(tmp_path):
    clock = Clock(datetime(2026, 12, 3, tzinfo=BERLIN))
    m = meter(Store(tmp_path / "a.db"), clock, cap_mb=0)
    m.downloaded(100 * 1024 * MIB)
    assert m.used_up() is None


def test_a_new_month_starts_from_zero_and_keeps_the_old_one(tmp_path):
    clock = Clock(datetime(2026, 11, 30, 23, 59, tzinfo=BERLIN))
    store = Store(tmp_path / "a.db")
    m = meter(store, clock, cap_mb=1)
    m.downloaded(2 * MIB)
    assert m.used_up() == Reason.of(ReasonCode.MONTHLY_LIMIT, limit=MIB, day=1, month=12)
    clock.now = datetime(2026, 12, 1, 0, 0, 1, tzinfo=BERLIN)  # local midnight
    assert m.used_up() is None and m.month_bytes() == 0
    m.downloaded(5)
    m.flush()
    assert store.transfer("2026-11") == (2 * MIB, 0)
    assert store.transfer("2026-12") == (5, 0)


def test_bytes_counted_in_the_old_month_are_written_to_it(tmp_path):
    """Not yet written at midnight: they belong to the month they arrived in."""
    clock = Clock(datetime(2026, 11, 30, 23, 59, tzinfo=BERLIN))
    store = Store(tmp_path / "a.db")
    m = meter(store, clock)
    m.downloaded(100)
    clock.now = datetime(2026, 12, 1, 0, 1, tzinfo=BERLIN)
    m.downloaded(7)
    m.flush()
    assert store.transfer("2026-11") == (100, 0) and store.transfer("2026-12") == (7, 0)


def test_size_and_day_words():
    assert transfer.size_words(5 * 1024 * MIB) == "5\u00a0GB"
    assert transfer.size_words(1.25 * 1024 * MIB) == "1.2\u00a0GB"
    assert transfer.size_words(300 * MIB) == "300\u00a0MB"
    assert transfer.day_words(transfer.next_month(datetime(2026, 2, 14))) == "1 March"

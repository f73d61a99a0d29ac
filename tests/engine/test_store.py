import sqlite3
import time

import pytest

from desktop_agent.engine.store import SCHEMA_VERSION, Store, StoreError
from tests.rows import open_sample_task


def _open(store, task_id=1):
    return open_sample_task(
        store, task_id=task_id, job_id=7, code_url="c", requirements_url="r", chunk_data_url="d"
    )


def test_phases_survive_reopen(tmp_path):
    db = tmp_path / "agent.db"
    store = Store(db)
    row = _open(store)
    store.set_phase(row.id, "ran", result_path="/x")
    store.close()
    again = Store(db)
    [open_row] = again.open_tasks()
    assert (open_row.phase, open_row.result_path) == ("ran", "/x")
    assert again.pending_results() == 1


def test_one_open_row_per_task(tmp_path):
    store = Store(tmp_path / "a.db")
    assert _open(store).id == _open(store).id
    first = _open(store)
    store.finish(first.id, "released")
    assert _open(store).id != first.id  # the same task handed to us again later is a new row


def test_resends_count_every_send_after_the_first(tmp_path):
    store = Store(tmp_path / "a.db")
    row = _open(store)
    for _ in range(3):
        row = store.record_complete_send(row.id)
    assert (row.phase, row.complete_sends, row.resends) == ("completing", 3, 2)


def test_totals_count_completed_and_failed(tmp_path):
    store = Store(tmp_path / "a.db")
    for i, outcome in enumerate(["completed", "failed", "rejected", "completed"]):
        store.finish(_open(store, i).id, outcome)
    totals = store.totals()
    assert totals.tasks_done == 3
    assert totals.by_outcome == {"completed": 2, "failed": 1, "rejected": 1}


def test_wal_and_full_sync(tmp_path):
    store = Store(tmp_path / "a.db")
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.schema_version() == SCHEMA_VERSION


def test_newer_schema_is_refused_not_clobbered(tmp_path):
    db = tmp_path / "a.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer desktop-agent"):
        Store(db)


def test_unknown_column_rejected(tmp_path):
    store = Store(tmp_path / "a.db")
    with pytest.raises(StoreError):
        store.update(_open(store).id, nonsense=1)


def test_version_1_database_is_migrated_without_losing_the_outbox(tmp_path):
    """An upgrade must never strand a pending result."""
    db = tmp_path / "a.db"
    con = sqlite3.connect(db)
    from desktop_agent.engine.store import _MIGRATIONS

    con.executescript(_MIGRATIONS[1])
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("INSERT INTO meta VALUES('schema_version', '1')")
    con.execute(
        "INSERT INTO tasks(server, agent_id, task_id, code_url, requirements_url, chunk_data_url, phase, started_at,"
        " result_url) VALUES ('http://s','a',5,'c','r','d','uploaded',1.0,'http://s/r')"
    )
    con.commit()
    con.close()
    store = Store(db)
    assert store.schema_version() == SCHEMA_VERSION
    [row] = store.open_tasks()
    assert (row.task_id, row.phase, row.result_url, row.energy_wh) == (
        5,
        "uploaded",
        "http://s/r",
        None,
    )


def test_version_6_database_is_migrated_and_a_send_in_doubt_keeps_its_doubt(tmp_path):
    """A send an older version made has no time kept: None, which the pipeline reads as "the
    whole late-landing grace" (engine/task_completion.py), never as "long ago"."""
    db = tmp_path / "v6.db"
    con = sqlite3.connect(db)
    from desktop_agent.engine.store import _MIGRATIONS

    for version in range(1, 7):
        con.executescript(_MIGRATIONS[version])
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("INSERT INTO meta VALUES('schema_version', '6')")
    con.execute(
        "INSERT INTO tasks(server, agent_id, task_id, code_url, requirements_url, chunk_data_url,"
        " phase, started_at, result_url, complete_sends, complete_baseline)"
        " VALUES ('http://s','a',5,'c','r','d','completing',1.0,'http://s/r',1,3)"
    )
    con.commit()
    con.close()
    store = Store(db)
    assert store.schema_version() == SCHEMA_VERSION == 7
    [row] = store.open_tasks()
    assert (row.phase, row.complete_sends, row.complete_baseline) == ("completing", 1, 3)
    assert row.complete_sent_at is None
    store.close()
    assert Store(db).schema_version() == 7  # opened again: nothing to migrate twice


def test_a_send_keeps_the_moment_it_went_out(tmp_path):
    store = Store(tmp_path / "agent.db")
    row = _open(store)
    assert row.complete_sent_at is None
    before = time.time()
    sent = store.record_complete_send(row.id, 2)
    assert sent.complete_sent_at is not None and before <= sent.complete_sent_at <= time.time()
    again = store.record_complete_send(row.id, 3)
    assert again.complete_sent_at is not None and again.complete_sent_at >= sent.complete_sent_at
    assert Store(tmp_path / "agent.db").get(row.id) == again  # durable, read back the same


def test_many_openers_at_once_on_a_new_file(tmp_path):
    """The GUI and the engine open the same new store at the same moment: both must succeed."""
    import threading

    db = tmp_path / "race.db"
    errors: list[BaseException] = []

    def open_it():
        try:
            Store(db).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert Store(db).schema_version() == SCHEMA_VERSION


def test_time_the_app_was_not_running_is_not_duration(tmp_path):
    """A task picked up again after the app was stopped counts only the time it was held."""
    store = Store(tmp_path / "agent.db")
    row = open_sample_task(store, code_url="c", requirements_url="r", chunk_data_url="d")
    # The app stopped 375 s ago, right after the assignment, and starts again now.
    store.update(row.id, started_at=row.started_at - 375, touched_at=row.started_at - 374)
    row = store.resume(row.id)
    assert 373 < row.away_s < 376
    done = store.finish(row.id, "completed")
    assert done.duration_s is not None and done.duration_s < 5
    assert store.totals().compute_hours * 3600 < 5


def test_resume_of_a_row_written_before_touched_at_existed_adds_nothing(tmp_path):
    store = Store(tmp_path / "agent.db")
    row = open_sample_task(store, code_url="c", requirements_url="r", chunk_data_url="d")
    store._write("UPDATE tasks SET touched_at=NULL WHERE id=?", (row.id,))
    assert store.resume(row.id).away_s == 0

"""The queue and statistics reads never hold SQLite's write lock: while one is in progress, a
conversation turn's write from another connection goes through at once, and the read's audit
row is still written (in a short write transaction of its own, after the read). The case store
runs synchronous=FULL on every new SQLite connection."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event, func, select, text

from tests.pages.conftest import client, login, make_veileder, seed_case  # noqa: F401 (client: the signed-in pages' fixture)
from uke8.store.db import Database
from uke8.store.models import AuditEntry

PROMPT = 3.0  # seconds; SQLite's busy timeout is 30 s, so a write waiting on the lock takes far longer


class HeldRead:
    """Holds the app's first read of `cases` (in a request thread) open until released: the
    read is "in progress" for as long as the test wants."""

    def __init__(self, db: Database):
        self.engine = db.engine
        self.entered, self.release = threading.Event(), threading.Event()
        self.main = threading.current_thread()

    def _hook(self, conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if threading.current_thread() is not self.main and " cases" in statement and statement.lstrip().upper().startswith("SELECT"):
            if not self.entered.is_set():
                self.entered.set()
                self.release.wait(30)

    def __enter__(self) -> "HeldRead":
        event.listen(self.engine, "before_cursor_execute", self._hook)
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        event.remove(self.engine, "before_cursor_execute", self._hook)


def audits(db: Database, action: str, actor: str) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action, AuditEntry.actor == actor))


def write_from_another_connection(url: str, case_id: str) -> float:
    """What a conversation turn does to the store: a write transaction, on a connection of its own."""
    other = Database(url)
    try:
        started = time.monotonic()
        with other.write() as s:
            s.execute(text("UPDATE cases SET updated_at = updated_at WHERE id = :id"), {"id": case_id})
        return time.monotonic() - started
    finally:
        other.dispose()


@pytest.mark.parametrize("route, action", [("/api/v1/queue", "queue.read"), ("/oversikt", "queue.read"),
                                           ("/statistikk", "statistics.read")])
def test_a_write_goes_through_while_a_queue_or_statistics_read_is_in_progress(route, action, client, db, database_url):
    ident = f"R{time.monotonic_ns() % 1000000:06d}"
    token = make_veileder(client, ident, "0219")
    headers = {}
    if route.startswith("/api"):
        headers = {"Authorization": f"Bearer {token}"}
    else:
        login(client, ident)
    case = seed_case(db, "0219")
    before = audits(db, action, ident)
    answer: dict = {}
    with HeldRead(db) as held:
        reader = threading.Thread(target=lambda: answer.setdefault("r", client.get(route, headers=headers)))
        reader.start()
        assert held.entered.wait(20), "the read did not start"
        took: list[float] = []
        writer = threading.Thread(target=lambda: took.append(write_from_another_connection(database_url, case.case_id)))
        writer.start()
        writer.join(PROMPT)
        waited = writer.is_alive()
        held.release.set()
        writer.join(60)
        reader.join(60)
    assert not waited, f"a write waited for the {route} read to end"
    assert took and took[0] < PROMPT
    assert answer["r"].status_code == 200
    assert audits(db, action, ident) == before + 1  # the read of personal data is audited all the same


def test_a_new_sqlite_connection_runs_synchronous_full(tmp_path, monkeypatch):
    from uke8.settings import get_settings
    from uke8.store.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'full.db'}"
    upgrade(url)
    database = Database(url)
    try:
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        database.dispose()
    monkeypatch.setenv("UKE8_SQLITE_SYNCHRONOUS", "NORMAL")  # only for the benchmark's comparison
    get_settings.cache_clear()
    database = Database(url)
    try:
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1
    finally:
        database.dispose()

"""Engines and transactions for the case store.

SQLite is the embedded default and PostgreSQL the production store; both go through here.
SQLite gets WAL (readers never block the writer) and a busy timeout, and write transactions
start with BEGIN IMMEDIATE: a deferred transaction that later upgrades to a write lock fails
at once with "database is locked" when another process holds it, which would lose the write.
So a unit of work that only reads uses `read()` (a plain BEGIN: it never takes the write
lock), and one that reads personal data writes its audit row afterwards in a short `write()`
of its own, so a long page read never makes conversation turns wait.
`synchronous=FULL` (UKE8_SQLITE_SYNCHRONOUS): with WAL, NORMAL may lose the last commits on
a power loss, and the person was already told their answer is saved.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from uke8.settings import Settings, get_settings
from uke8.store import projection  # noqa: F401  (registers the review queue's read-model hook)

SQLITE_BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "uke8_write"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for every PostgreSQL URL (SQLAlchemy's default would be psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str, synchronous: str | None = None) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        _private_sqlite_files(url)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})
        _configure_sqlite(engine, synchronous or get_settings().sqlite_synchronous)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def _private_sqlite_files(url: str) -> None:
    """The case store holds personal data: its file is created 0600 whatever the umask (SQLite
    gives the -wal and -shm files the database file's mode), and files an older version left
    world-readable are made private."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError:  # e.g. a missing directory: SQLite will say so itself
        return
    for each in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            st = each.stat()
            if st.st_uid == os.getuid() and st.st_mode & 0o077:
                each.chmod(0o600)
        except OSError:
            pass


def _configure_sqlite(engine: Engine, synchronous: str) -> None:
    if synchronous not in ("FULL", "NORMAL"):
        raise ValueError("UKE8_SQLITE_SYNCHRONOUS must be FULL or NORMAL")

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):  # noqa: ANN001
        # Take transaction control away from pysqlite so that BEGIN below is ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn):  # noqa: ANN001
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Database:
    """An engine plus session factories for read and write units of work."""

    def __init__(self, url: str):
        self.url = normalise_url(url)
        self.engine = make_engine(self.url)
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._writer = sessionmaker(bind=self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any error."""
        with self._writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


_databases: dict[str, Database] = {}


def get_database(settings: Settings | None = None) -> Database:
    """The process-wide Database for the configured URL (one pool per process)."""
    url = normalise_url((settings or get_settings()).resolved_database_url())
    if url not in _databases:
        _databases[url] = Database(url)
    return _databases[url]

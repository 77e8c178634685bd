"""Shared fixtures: an isolated case store on SQLite, or on PostgreSQL when
UKE8_TEST_DATABASE_URL is set (a fresh database is created per test session and dropped after)."""
from __future__ import annotations

import os
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from uke8.settings import get_settings
from uke8.store import db as store_db
from uke8.store.db import Database, normalise_url
from uke8.store.migrate import upgrade
from uke8.stack import PROJECT_ROOT, Stack, free_port

ADMIN_TOKEN = "adm-test-" + secrets.token_hex(8)


def postgres_server_url() -> str | None:
    url = os.environ.get("UKE8_TEST_DATABASE_URL")
    return normalise_url(url) if url else None


@contextmanager
def fresh_database(sqlite_path: Path, prefix: str) -> Iterator[str]:
    """The URL of a fresh, migrated case store: SQLite at `sqlite_path`, or, when
    UKE8_TEST_DATABASE_URL is set, a PostgreSQL database of its own (`prefix` and a random
    suffix), dropped afterwards."""
    server = postgres_server_url()
    if server is None:
        url = f"sqlite:///{sqlite_path}"
        upgrade(url)
        yield url
        return
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(server).set(database=name).render_as_string(hide_password=False)
        upgrade(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fresh_database(tmp_path_factory.mktemp("store") / "uke8.db", "uke8_test") as url:
        yield url
        for database in list(store_db._databases.values()):
            database.dispose()
        store_db._databases.clear()


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(autouse=True)
def settings_env(monkeypatch: pytest.MonkeyPatch, database_url: str, data_dir: Path) -> Iterator[None]:
    monkeypatch.setenv("UKE8_DATABASE_URL", database_url)
    monkeypatch.setenv("UKE8_DATA_DIR", str(data_dir))
    monkeypatch.setenv("UKE8_ADMIN_TOKEN", ADMIN_TOKEN)
    monkeypatch.setenv("UKE8_SECRET_KEY", "test-secret-key-not-for-production")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def db(database_url: str) -> Database:
    return store_db.get_database(get_settings())


@pytest.fixture
def backend(database_url: str) -> str:
    return make_url(database_url).get_backend_name()


@pytest.fixture(scope="session")
def stack(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The real processes (API, action server, Rasa) on free ports, against the session's
    case store; shared by the end-to-end and conversation tests."""
    tmp = tmp_path_factory.mktemp("stack")
    env = {
        "UKE8_DATABASE_URL": database_url,
        "UKE8_DATA_DIR": str(tmp / "data"),
        "UKE8_ADMIN_TOKEN": "adm-e2e-" + uuid.uuid4().hex[:8],
        "UKE8_SECRET_KEY": "e2e-secret-key-not-for-production",
    }
    # Rasa and the action server start when the Rasa project and a trained model exist;
    # test_rasa_and_action_server_answer fails when the project exists but they could not start.
    with Stack(
        api_port=free_port(),
        action_port=free_port(),
        rasa_port=free_port(),
        env=env,
        log_dir=tmp / "logs",
        migrate=True,
    ) as s:
        yield s

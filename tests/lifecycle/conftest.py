"""A case store of their own for the multi-process tests: the scheduler processes act on every
due case in the database, so they must not share it with the other tests."""
from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import postgres_server_url
from uke8.stack import PROJECT_ROOT
from uke8.store.db import Database
from uke8.store.migrate import upgrade


@pytest.fixture
def own_store(tmp_path: Path) -> Iterator[tuple[Database, dict[str, str]]]:
    """(Database, environment for child processes) on a fresh, migrated case store."""
    server = postgres_server_url()
    if server is None:
        url = f"sqlite:///{tmp_path / 'own.db'}"
        admin = name = None
    else:
        name = f"uke8_own_{secrets.token_hex(4)}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(server).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    env = dict(os.environ)
    env.update(
        UKE8_DATABASE_URL=url,
        UKE8_DATA_DIR=str(tmp_path / "data"),
        UKE8_SECRET_KEY=os.environ["UKE8_SECRET_KEY"],
        UKE8_LINK_SECRET="link-secret-for-tests",
        PYTHONPATH=str(PROJECT_ROOT),
    )
    database = Database(url)
    try:
        yield database, env
    finally:
        database.dispose()
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


PYTHON = sys.executable

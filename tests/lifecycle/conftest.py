"""A case store of their own for the multi-process tests: the scheduler processes act on every
due case in the database, so they must not share it with the other tests."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import fresh_database
from uke8.dev.stack import PROJECT_ROOT
from uke8.store.db import Database


@pytest.fixture
def own_store(tmp_path: Path) -> Iterator[tuple[Database, dict[str, str]]]:
    """(Database, environment for child processes) on a fresh, migrated case store."""
    with fresh_database(tmp_path / "own.db", "uke8_own") as url:
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


PYTHON = sys.executable

"""Shared fixtures: an isolated case store on SQLite, or on PostgreSQL when
UKE8_TEST_DATABASE_URL is set (a fresh database is created per test session and dropped after).

Also the suite's own switches (see the end of this file): UKE8_TEST_NOW moves the clock for
the whole run (the clock-ahead pass of `make test`), `--no-pure` leaves out the tests that need
no case store, and UKE8_TEST_COUNT_FILE receives the collected tests for `make test`'s summary."""
from __future__ import annotations

import os
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from uke8.settings import get_settings
from uke8.store import db as store_db
from uke8.store.db import Database, normalise_url
from uke8.store.migrate import upgrade
from uke8.dev.stack import PROJECT_ROOT, Stack, free_port

from tests import browser

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
        # the in-process tests' key: the stack shares their case store, and refuses to start
        # with a key that cannot open what is stored there (uke8/startup.py)
        "UKE8_SECRET_KEY": "test-secret-key-not-for-production",
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


# -- the clock-ahead pass, pure tests, counts ------------------------------------------------
#
# UKE8_TEST_NOW=2027-12-15T23:30:00+00:00 runs the session with the clock moved there (and
# ticking), so a test that lets a fixed date meet the wall clock fails now rather than on the
# day it expires. Tests that start processes of their own (`stack`, `processes`) are left out:
# those processes keep the real clock.

_clock_traveller = None
# Fixtures that start processes of their own: a test using one is marked `processes`.
PROCESS_FIXTURES = frozenset({"stack", "gateway", "live_sms", "server"})
# Tests that drive Chromium (tests/browser.py): marked `browser`. They test the pages; the calls
# to the case store under those pages are the API's and the pages' own tests', so `make test`
# runs them on SQLite only (--no-browser leaves them out of the PostgreSQL pass, the longest
# part of which they were: README, "Tests").
BROWSER_FIXTURES = frozenset({"browser"})
# Tests that need no case store (and read no clock): marked `pure`, so `make test` runs them once.
# A module elsewhere can say so itself: pytestmark = pytest.mark.pure.
PURE_PATHS = ("unit/", "rasa/", "sms/test_gsm7.py", "sms/test_render.py", "sms/test_signature.py",
              "lifecycle/test_timeline.py", "lifecycle/test_links.py", "lifecycle/test_notices.py",
              "lifecycle/test_converse_checks.py")


def moved_clock() -> datetime | None:
    value = os.environ.get("UKE8_TEST_NOW", "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(f"UKE8_TEST_NOW: not an ISO date-time with a zone: {value!r}") from None
    if moment.tzinfo is None:
        raise pytest.UsageError(f"UKE8_TEST_NOW needs a zone, e.g. 2027-12-15T23:30:00+00:00: {value!r}")
    # In UTC: time-machine would also switch the process's zone for a ZoneInfo destination.
    return moment.astimezone(timezone.utc)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--no-pure", action="store_true",
                     help="leave out the tests marked pure (no case store: `make test` runs them in its first pass only)")
    parser.addoption("--no-browser", action="store_true",
                     help="leave out the tests marked browser (Chromium: `make test` runs them on SQLite only)")


def pytest_configure(config: pytest.Config) -> None:
    global _clock_traveller
    moment = moved_clock()
    if moment is not None and _clock_traveller is None:
        _clock_traveller = time_machine.travel(moment, tick=True)
        _clock_traveller.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _clock_traveller
    if _clock_traveller is not None:
        _clock_traveller.stop()
        _clock_traveller = None


def pytest_report_header(config: pytest.Config) -> str | None:
    moment = moved_clock()
    return f"clock moved to {moment.isoformat()} (UKE8_TEST_NOW); stack and processes tests left out" if moment else None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        where = Path(item.path).relative_to(here).as_posix() if here in Path(item.path).parents else ""
        if where.startswith(PURE_PATHS):
            item.add_marker(pytest.mark.pure)
        if PROCESS_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.processes)
        if BROWSER_FIXTURES.intersection(getattr(item, "fixturenames", ())) or getattr(
                getattr(item, "module", None), "chromium", None) is browser.chromium:
            item.add_marker(pytest.mark.browser)
    leave_out = []
    if moved_clock() is not None:
        leave_out.append(lambda item: item.get_closest_marker("stack") or item.get_closest_marker("processes"))
    if config.getoption("--no-pure"):
        leave_out.append(lambda item: item.get_closest_marker("pure"))
    if config.getoption("--no-browser"):
        leave_out.append(lambda item: item.get_closest_marker("browser"))
    if leave_out:
        left = [item for item in items if any(rule(item) for rule in leave_out)]
        if left:
            config.hook.pytest_deselected(items=left)
            gone = {id(item) for item in left}
            items[:] = [item for item in items if id(item) not in gone]


def pytest_collection_finish(session: pytest.Session) -> None:
    """For `make test`: one line per collected test case, its parametrization cut off, so that
    the distinct tests (sort -u) and the cases (all lines) can be told apart."""
    path = os.environ.get("UKE8_TEST_COUNT_FILE")
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text("".join(item.nodeid.split("[", 1)[0] + "\n" for item in session.items), encoding="utf-8")

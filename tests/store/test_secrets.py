"""Secrets and private files (issue 12, Exposure): production never generates a secret; a
generated one is created once, atomically, 0600, and read once; a lost or changed key is
refused when the store already holds sealed numbers; the data directory and the case store's
files are private whatever the umask."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import fresh_database
from tests.lifecycle.helpers import register
from uke8.settings import Settings, get_settings
from uke8.dev.stack import PROJECT_ROOT, Stack, StackError
from uke8.store import crypto
from uke8.store.db import Database

# (uke8.secretfiles and uke8.startup are imported in the tests that need them, so the others
# also run against a version without them and show what it did.)

# The tests that start `uke8` processes of their own are marked `processes` (tests/conftest.py).
SECRET_VARS = ("UKE8_SECRET_KEY", "UKE8_ADMIN_TOKEN", "UKE8_LINK_SECRET", "UKE8_SMS_AUTH_TOKEN", "UKE8_SERVICE_TOKEN")
SECRET_FILES = ("secret.key", "admin.token", "link.key", "sms-auth.token", "service.token")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def child_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The test process's environment without any configured secret."""
    env = {k: v for k, v in os.environ.items() if k not in SECRET_VARS}
    env.update({"UKE8_DATA_DIR": str(tmp_path / "data"), "UKE8_DATABASE_URL": f"sqlite:///{tmp_path / 'uke8.db'}",
                "PYTHONPATH": str(PROJECT_ROOT), **extra})
    return env


@pytest.fixture
def own_key_store(tmp_path, monkeypatch):
    """A fresh case store and data dir with no UKE8_SECRET_KEY: the development key file is used."""
    from uke8.secretfiles import forget_cached

    with fresh_database(tmp_path / "own.db", "uke8_keys") as url:
        monkeypatch.setenv("UKE8_DATABASE_URL", url)
        monkeypatch.setenv("UKE8_DATA_DIR", str(tmp_path / "data"))
        monkeypatch.delenv("UKE8_SECRET_KEY")
        get_settings.cache_clear()
        forget_cached()
        database = Database(url)
        try:
            yield database, tmp_path / "data" / "secret.key"
        finally:
            from uke8.store import db as store_db

            database.dispose()
            shared = store_db._databases.pop(database.url, None)
            if shared is not None:
                shared.dispose()
            forget_cached()


# -- production: configured secrets or no start -----------------------------------------------


@pytest.mark.processes
@pytest.mark.parametrize("argv", [
    ["-m", "uke8.cli", "scheduler", "--once"],
    ["-m", "uke8.action_server", "--port", "9"],
    ["-m", "uvicorn", "api.main:app", "--host", "127.0.0.1", "--port", "9"],
], ids=["scheduler", "action-server", "api"])
def test_production_refuses_to_start_without_its_secrets(tmp_path, argv):
    env = child_env(tmp_path, UKE8_ENV="production", UKE8_ADMIN_TOKEN="adm-set-in-production")
    proc = subprocess.run([sys.executable, *argv], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    for name in ("UKE8_SECRET_KEY", "UKE8_LINK_SECRET", "UKE8_SMS_AUTH_TOKEN", "UKE8_SERVICE_TOKEN"):
        assert name in out
    assert "UKE8_ADMIN_TOKEN is" not in out  # the one that is set is not named
    generated = [p.name for p in (tmp_path / "data").glob("*")] if (tmp_path / "data").exists() else []
    assert not set(generated) & set(SECRET_FILES), generated


def test_production_with_every_secret_passes_the_check_and_nothing_is_generated(tmp_path):
    from uke8.secretfiles import REQUIRED, MissingSecrets, missing_production_secrets
    from uke8.startup import check

    values = {attr: f"{attr}-configured-for-production" for attr in REQUIRED.values()}
    settings = Settings(env="production", data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'x.db'}", **values)
    assert missing_production_secrets(settings) == []
    check(settings)
    partial = Settings(env="production", data_dir=tmp_path, **{**values, "link_secret": None})
    assert missing_production_secrets(partial) == ["UKE8_LINK_SECRET"]
    from uke8.lifecycle.links import link_key

    with pytest.raises(MissingSecrets):
        link_key(partial)
    assert not (tmp_path / "link.key").exists()


def test_a_tool_that_talks_to_the_stack_says_which_secret_is_missing_in_production(tmp_path):
    script = tmp_path / "one.yml"
    script.write_text("name: one\nturns:\n  - user: hei\n", encoding="utf-8")
    env = child_env(tmp_path, UKE8_ENV="production", UKE8_ADMIN_TOKEN="adm-set-in-production")
    proc = subprocess.run([sys.executable, "-m", "uke8.cli", "converse", str(script)], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "UKE8_SERVICE_TOKEN" in proc.stderr and "Traceback" not in proc.stderr


def test_the_stack_in_production_wants_the_service_token(tmp_path):
    with pytest.raises(StackError, match="UKE8_SERVICE_TOKEN"):
        Stack(env=child_env(tmp_path, UKE8_ENV="production"), with_rasa=False)


# -- generated secrets: once, atomically, 0600, read once --------------------------------------

RACE = """
import sys, time
from pathlib import Path
from uke8.settings import Settings
from uke8.store.crypto import secret_key
start = float(sys.argv[2])
while time.time() < start:
    pass
print(secret_key(Settings(data_dir=Path(sys.argv[1]), database_url="sqlite:///" + sys.argv[1] + "/uke8.db")).decode())
"""


@pytest.mark.processes
def test_processes_starting_together_end_with_one_private_key(tmp_path):
    data = tmp_path / "data"
    env = child_env(tmp_path)
    start = time.time() + 3  # every process is past its imports by then
    procs = [subprocess.Popen([sys.executable, "-c", RACE, str(data), str(start)], cwd=PROJECT_ROOT, env=env,
                              stdout=subprocess.PIPE, text=True) for _ in range(6)]
    keys = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert all(p.returncode == 0 for p in procs)
    assert len(keys) == 1 and (data / "secret.key").read_text().strip() in keys
    assert mode(data / "secret.key") == 0o600 and mode(data) == 0o700
    assert not [p.name for p in data.iterdir() if p.name.endswith(".tmp")]  # no temporary file left


def test_a_generated_secret_is_private_under_a_loose_umask_and_read_once(tmp_path):
    from uke8.secretfiles import read_or_create

    previous = os.umask(0o022)
    try:
        path = tmp_path / "secrets" / "link.key"
        value = read_or_create(path, lambda: "first-value")
    finally:
        os.umask(previous)
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    path.write_text("changed-underneath")
    assert read_or_create(path, lambda: "unused") == "first-value"  # read once per process


# -- the key must open what is stored ------------------------------------------------------------


@pytest.mark.processes
def test_a_deleted_key_file_is_refused_not_replaced_when_numbers_are_stored(own_key_store, tmp_path):
    from uke8.secretfiles import forget_cached
    from uke8.startup import StartupRefused, check

    database, key_file = own_key_store
    register(database)  # a sealed fnr, under the generated development key
    assert key_file.exists() and mode(key_file) == 0o600
    check(get_settings())  # the key opens the store

    key_file.unlink()
    forget_cached()  # a new process
    with pytest.raises(StartupRefused, match="secret.key is missing"):
        check(get_settings())
    with pytest.raises(crypto.KeyLost):
        crypto.secret_key(get_settings())
    assert not key_file.exists()  # no new key was made

    # and as a process: a clear sentence, exit 2, still no new key
    env = child_env(tmp_path, UKE8_DATABASE_URL=os.environ["UKE8_DATABASE_URL"], UKE8_DATA_DIR=str(key_file.parent))
    proc = subprocess.run([sys.executable, "-m", "uke8.cli", "scheduler", "--once"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "cannot open" in proc.stderr and "Traceback" not in proc.stderr
    assert not key_file.exists()


def test_another_key_than_the_stores_is_refused(own_key_store, monkeypatch):
    from uke8.startup import StartupRefused, check

    database, _ = own_key_store
    register(database)
    monkeypatch.setenv("UKE8_SECRET_KEY", "a-different-key")
    get_settings.cache_clear()
    with pytest.raises(StartupRefused, match="cannot open"):
        check(get_settings())


def test_an_empty_store_gets_a_development_key(own_key_store):
    from uke8.startup import check

    _, key_file = own_key_store
    check(get_settings())  # nothing sealed yet: nothing to protect
    assert crypto.secret_key(get_settings()) and key_file.exists()


# -- private files ---------------------------------------------------------------------------------


def test_the_case_store_file_is_private_whatever_the_umask(tmp_path):
    from sqlalchemy import text

    previous = os.umask(0o022)
    try:
        settings = Settings(data_dir=tmp_path / "var", database_url=None)
        database = Database(settings.resolved_database_url())
        with database.write() as s:
            s.execute(text("CREATE TABLE t (x)"))
            s.execute(text("INSERT INTO t VALUES (1)"))
        files = sorted((tmp_path / "var").iterdir())
        assert {p.name for p in files} >= {"uke8.db", "uke8.db-wal"}
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
        assert mode(tmp_path / "var") == 0o700
        database.dispose()
    finally:
        os.umask(previous)


def test_a_world_readable_store_left_by_an_older_version_is_made_private(tmp_path):
    path = tmp_path / "old.db"
    path.touch(mode=0o644)
    path.chmod(0o644)
    Database(f"sqlite:///{path}").dispose()
    assert mode(path) == 0o600


def test_no_key_is_generated_while_the_store_cannot_be_asked(tmp_path):
    from uke8.secretfiles import forget_cached

    forget_cached()
    settings = Settings(data_dir=tmp_path, database_url="postgresql+psycopg://postgres@127.0.0.1:9/nowhere", secret_key=None)
    with pytest.raises(crypto.KeyLost, match="cannot be asked"):
        crypto.secret_key(settings)
    assert not (tmp_path / "secret.key").exists()

"""The SMS tests' real processes: the gateway simulator (`uke8 sms-simulator`) and the delivery
worker (`uke8 deliver`), either on a case store of their own (delivery under faults) or next
to the session's stack (conversations over SMS end to end)."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.conftest import fresh_database
from uke8.dev.stack import PROJECT_ROOT, free_port
from uke8.store.db import Database

PYTHON = sys.executable
SMS_TOKEN = "sms-token-for-tests-" + secrets.token_hex(4)
# Short waits so that retries and dead letters happen within a test.
FAST = {"UKE8_OUTBOX_BACKOFF": "0.2,0.4,0.8", "UKE8_OUTBOX_MAX_ATTEMPTS": "4", "UKE8_SMS_GATEWAY_TIMEOUT": "1",
        "UKE8_DELIVER_INTERVAL": "0.1"}


@dataclass
class Proc:
    name: str
    argv: list[str]
    env: dict[str, str]
    log: Path
    port: int = 0
    proc: subprocess.Popen | None = None

    def start(self) -> "Proc":
        out = open(self.log, "a")
        with out:
            self.proc = subprocess.Popen(self.argv, cwd=PROJECT_ROOT, env=self.env, stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        if self.port:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                assert self.proc.poll() is None, f"{self.name} exited:\n{self.log.read_text()[-3000:]}"
                try:
                    if httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=1).status_code == 200:
                        return self
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
            raise AssertionError(f"{self.name} did not start:\n{self.log.read_text()[-3000:]}")
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.proc = None


@dataclass
class Gateway:
    """The simulator and the delivery worker, and an HTTP client for the simulator."""

    env: dict[str, str]
    tmp: Path
    sim_port: int
    procs: dict[str, Proc] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sim_port}"

    def start_simulator(self) -> None:
        self.procs["sim"] = Proc("sms-simulator", [PYTHON, "-m", "uke8.cli", "sms-simulator", "--port", str(self.sim_port)],
                                 self.env, self.tmp / "sms-simulator.log", self.sim_port).start()

    def start_worker(self, **overrides: str) -> None:
        env = {**self.env, **overrides}
        self.procs["worker"] = Proc("deliver", [PYTHON, "-m", "uke8.cli", "deliver"], env, self.tmp / "deliver.log").start()

    def stop(self, name: str) -> None:
        if name in self.procs:
            self.procs.pop(name).stop()

    def stop_all(self) -> None:
        for name in list(self.procs):
            self.stop(name)

    def get(self, path: str, **params) -> dict:
        r = httpx.get(self.url + path, params=params, timeout=30)
        r.raise_for_status()
        return r.json()

    def post(self, path: str, payload: dict) -> dict:
        r = httpx.post(self.url + path, json=payload, timeout=120)
        r.raise_for_status()
        return r.json()

    def received(self, phone: str) -> list[dict]:
        return self.get("/messages", to=phone, direction="outbound")["messages"]


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.fixture
def own_sms_store(tmp_path: Path) -> Iterator[tuple[Database, dict[str, str]]]:
    """A fresh, migrated case store (SQLite, or a PostgreSQL database of its own) and the
    environment for processes on it: the delivery worker acts on every due SMS in its store."""
    with fresh_database(tmp_path / "sms.db", "uke8_sms") as url:
        env = dict(os.environ)
        env.update(UKE8_DATABASE_URL=url, UKE8_DATA_DIR=str(tmp_path / "data"), UKE8_SMS_AUTH_TOKEN=SMS_TOKEN,
                   UKE8_RASA_URL="http://127.0.0.1:9", PYTHONPATH=str(PROJECT_ROOT), **FAST)
        database = Database(url)
        try:
            yield database, env
        finally:
            database.dispose()


@pytest.fixture
def gateway(own_sms_store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Gateway]:
    """The simulator on a free port, against a store of its own; the test starts the worker."""
    db, env = own_sms_store
    port = free_port()
    env = {**env, "UKE8_SMS_GATEWAY_URL": f"http://127.0.0.1:{port}"}
    for key in ("UKE8_DATABASE_URL", "UKE8_SMS_AUTH_TOKEN", *FAST):
        monkeypatch.setenv(key, env[key])
    from uke8.settings import get_settings

    get_settings.cache_clear()
    gw = Gateway(env, tmp_path, port)
    gw.start_simulator()
    try:
        yield gw
    finally:
        gw.stop_all()
        get_settings.cache_clear()


@pytest.fixture(scope="module")
def live_sms(stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    """The simulator and the delivery worker next to the session's stack (API, Rasa, action
    server), on its case store: the SMS path end to end. The worker delivers every due SMS of
    that store while this module runs."""
    tmp = tmp_path_factory.mktemp("sms-live")
    port = free_port()
    env = {**stack.env, "UKE8_SMS_GATEWAY_URL": f"http://127.0.0.1:{port}", "UKE8_SMS_SIMULATOR_PORT": str(port), **FAST}
    gw = Gateway(env, tmp, port)
    gw.start_simulator()
    gw.start_worker()
    try:
        yield gw
    finally:
        gw.stop_all()

"""End to end: the real processes (API, and Rasa + action server once the Rasa project exists)
started by uke8.stack.Stack on free ports, against the test session's case store (SQLite, or
the PostgreSQL database from conftest when UKE8_TEST_DATABASE_URL is set)."""
from __future__ import annotations

import uuid

import httpx
import pytest

from uke8.stack import PROJECT_ROOT, Stack, free_port

pytestmark = [pytest.mark.stack, pytest.mark.timeout(600)]

HAS_RASA_PROJECT = (PROJECT_ROOT / "domain.yml").exists()


def test_api_answers_healthz(stack: Stack) -> None:
    r = httpx.get(f"{stack.api_url}/healthz", timeout=10)
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


def test_api_serves_openapi(stack: Stack) -> None:
    r = httpx.get(f"{stack.api_url}/openapi.json", timeout=10)
    assert r.status_code == 200
    assert "/healthz" in r.json()["paths"]


@pytest.mark.skipif(not HAS_RASA_PROJECT, reason="domain.yml does not exist yet: no Rasa project to start")
def test_rasa_and_action_server_answer(stack: Stack) -> None:
    assert stack.rasa_enabled, f"Rasa was not started: {stack.rasa_missing}"
    assert httpx.get(f"{stack.action_url}/health", timeout=10).status_code == 200
    status = httpx.get(f"{stack.rasa_url}/status", timeout=10).json()
    assert status.get("model_id") or status.get("model_file")
    # a sender that belongs to no invitation gets an answer (a polite refusal), not an error
    r = httpx.post(stack.webhook_url, json={"sender": "e2e-" + uuid.uuid4().hex, "message": "/start"}, timeout=60)
    assert r.status_code == 200
    assert isinstance(r.json(), list)


def test_stop_ends_every_process(database_url: str, tmp_path) -> None:
    s = Stack(api_port=free_port(), env={"UKE8_DATABASE_URL": database_url, "UKE8_DATA_DIR": str(tmp_path)},
              with_rasa=False, log_dir=tmp_path / "logs")
    with s:
        procs = [svc.proc for svc in s.services]
        assert all(p.poll() is None for p in procs)
    assert all(p.poll() is not None for p in procs)
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{s.api_url}/healthz", timeout=2)

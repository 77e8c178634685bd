"""End to end: the real processes (API, and Rasa + action server once the Rasa project exists)
started by uke8.dev.stack.Stack on free ports, against the test session's case store (SQLite, or
the PostgreSQL database from conftest when UKE8_TEST_DATABASE_URL is set)."""
from __future__ import annotations

import uuid

import httpx
import pytest

from uke8.dev.stack import PROJECT_ROOT, Stack, free_port

pytestmark = [pytest.mark.stack, pytest.mark.timeout(600)]



def test_api_answers_healthz(stack: Stack) -> None:
    r = httpx.get(f"{stack.api_url}/healthz", timeout=10)
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


def test_api_serves_openapi(stack: Stack) -> None:
    r = httpx.get(f"{stack.api_url}/openapi.json", timeout=10)
    assert r.status_code == 200
    assert "/healthz" in r.json()["paths"]


def test_rasa_and_action_server_answer(stack: Stack) -> None:
    assert stack.rasa_enabled, f"Rasa was not started: {stack.rasa_missing}"
    assert httpx.get(f"{stack.action_url}/health", timeout=10).status_code == 200
    status = httpx.get(f"{stack.rasa_url}/status", timeout=10, **stack.rasa_auth).json()
    assert status.get("model_id") or status.get("model_file")
    # a sender that belongs to no invitation gets an answer (a polite refusal), not an error
    r = httpx.post(stack.webhook_url, json={"sender": "e2e-" + uuid.uuid4().hex, "message": "/start"}, timeout=60, **stack.rasa_auth)
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


def _tracker_rows(stack: Stack, sender: str) -> list[str]:
    import sqlite3

    with sqlite3.connect(stack.env["UKE8_TRACKER_DB"]) as conn:
        return [row[0] for row in conn.execute("SELECT data FROM events WHERE sender_id = ?", (sender,))]


def test_unknown_sender_is_refused_before_rasa_keeps_anything(stack: Stack) -> None:
    sender = "k-nobody-" + uuid.uuid4().hex[:8]
    for message in ("/start", "1", "jeg heter Kari og har vondt i ryggen"):
        r = httpx.post(stack.webhook_url, json={"sender": sender, "message": message}, timeout=60, **stack.rasa_auth)
        assert r.status_code == 200
        assert "finner ingen invitasjon" in r.json()[0]["text"]
    assert _tracker_rows(stack, sender) == []


def test_rasa_tracker_store_keeps_only_redacted_words(stack: Stack) -> None:
    from tests.factories import case_body

    api = httpx.Client(base_url=stack.api_url, headers={"Authorization": f"Bearer {stack.env['UKE8_ADMIN_TOKEN']}"}, timeout=30)
    case_id = api.post("/api/v1/cases", json=case_body()).json()["id"]
    sender = api.post(f"/api/v1/cases/{case_id}/invitation").json()["conversation_id"]
    for message in ("/start", "vet ikke, har fått depresjon og tar sertralin, ring meg på 40000000"):
        assert httpx.post(stack.webhook_url, json={"sender": sender, "message": message}, timeout=60, **stack.rasa_auth).status_code == 200
    stored = " ".join(_tracker_rows(stack, sender))
    assert "[helseopplysning fjernet]" in stored
    for secret in ("depresjon", "sertralin", "40000000"):
        assert secret not in stored

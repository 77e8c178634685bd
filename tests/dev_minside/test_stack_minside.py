"""`make run` (uke8.dev.stack.Stack with_minside) starts the local Min side next to the API; with
no broker it reads the outbox: a chat case invited through the API is a task there, with the
link to the chat page, for the person who signs in with its (synthetic) fødselsnummer."""
from __future__ import annotations

import secrets
from datetime import timedelta

import httpx
import pytest

from tests.conftest import ADMIN_TOKEN
from tests.factories import synthetic_fnr
from uke8.clock import today_in_oslo
from uke8.dev.stack import Stack, free_port

pytestmark = [pytest.mark.stack, pytest.mark.timeout(300)]


def test_the_stack_runs_min_side_on_the_outbox(database_url, tmp_path):
    env = {"UKE8_DATABASE_URL": database_url, "UKE8_DATA_DIR": str(tmp_path / "data"), "UKE8_ADMIN_TOKEN": ADMIN_TOKEN,
           "UKE8_SECRET_KEY": "test-secret-key-not-for-production", "UKE8_BROKER_URL": ""}
    with Stack(api_port=free_port(), minside_port=free_port(), with_rasa=False, with_minside=True, env=env,
               log_dir=tmp_path / "logs") as stack:
        assert {s.name for s in stack.services} == {"api", "minside"}
        assert stack.env["UKE8_MINSIDE_PORT"] == str(stack.minside_port)
        assert httpx.get(f"{stack.minside_url}/healthz").json() == {"status": "ok", "source": "outbox"}
        api = httpx.Client(base_url=stack.api_url, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=30)
        fnr = synthetic_fnr()
        # "today" is the stack's own clock (a process of its own): the case is due now
        case = api.post("/api/v1/cases", json={
            "external_id": "minside-" + secrets.token_hex(4), "fnr": fnr, "enhet": "0219", "channel": "chat",
            "start_date": (today_in_oslo() - timedelta(days=55)).isoformat(), "sykmeldingsgrad": 100}).json()
        assert api.post(f"/api/v1/cases/{case['id']}/invitation").status_code == 200
        with httpx.Client(base_url=stack.minside_url, timeout=30) as person:
            assert "Lokal testversjon av Min side" in person.get("/").text
            assert person.post("/logg-inn", data={"fnr": fnr}).status_code == 303
            [task] = person.get("/api/oppgaver").json()["tasks"]
            assert task["open"] and task["link"].startswith(f"{stack.api_url}/chat?t=v1.")
            assert "Gå til spørsmålene" in person.get("/").text
        log = (tmp_path / "logs" / "minside.log").read_text()
        assert fnr not in log and "chat?t=" not in log
        stack.check_alive()

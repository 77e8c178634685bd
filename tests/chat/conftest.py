"""Fixtures of the chat tests: the session's real stack (API + Rasa + action server), cases
invited through the API with the admin token, and signed links made with the stack's own link
key (the API wrote it into the stack's data dir when it queued the first invitation)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from tests.factories import case_body
from uke8.clock import today_in_oslo
from uke8.lifecycle.links import make_token
from uke8.settings import Settings
from uke8.dev.stack import Stack


@dataclass
class Invited:
    case_id: str
    conversation_id: str


class ChatStack:
    def __init__(self, stack: Stack):
        self.stack = stack
        self.url = stack.api_url
        # Idle connections are dropped after 2 s, before the API's keep-alive (uvicorn: 5 s) ends
        # them: a request on a connection the server is closing that moment fails ("Server
        # disconnected") after a long browser step.
        self.admin = httpx.Client(base_url=stack.api_url, headers={"Authorization": f"Bearer {stack.env['UKE8_ADMIN_TOKEN']}"},
                                  timeout=60, limits=httpx.Limits(keepalive_expiry=2.0))
        self.settings = Settings(data_dir=stack.data_dir, api_port=stack.api_port)

    def invite(self, **facts: Any) -> Invited:
        # day 56 today, and a person of 40 unless `facts` say otherwise: a fixed birth date would turn 65 one day
        today = today_in_oslo()
        body = case_body(**{"start_date": (today - timedelta(days=55)).isoformat(),
                            "fodselsdato": date(today.year - 40, 1, 15).isoformat()} | facts)
        r = self.admin.post("/api/v1/cases", json=body)
        assert r.status_code in (200, 201), r.text
        case_id = r.json()["id"]
        r = self.admin.post(f"/api/v1/cases/{case_id}/invitation")
        assert r.status_code == 200, r.text
        return Invited(case_id, r.json()["conversation_id"])

    def token(self, conversation_id: str, valid_days: int = 21) -> str:
        return make_token(conversation_id, today_in_oslo() + timedelta(days=valid_days), self.settings)

    def link(self, conversation_id: str, valid_days: int = 21) -> str:
        return f"{self.url}/chat?t={self.token(conversation_id, valid_days)}"

    def case(self, case_id: str) -> dict[str, Any]:
        r = self.admin.get(f"/api/v1/cases/{case_id}")
        assert r.status_code == 200, r.text
        return r.json()

    def rest(self, conversation_id: str, message: str) -> list[dict[str, Any]]:
        """One turn through Rasa's REST channel directly, as the scripted conversations do."""
        r = httpx.post(self.stack.webhook_url, json={"sender": conversation_id, "message": message}, timeout=60, **self.stack.rasa_auth)
        r.raise_for_status()
        return r.json()


@pytest.fixture(scope="module")
def chat(stack: Stack):
    assert stack.rasa_enabled, f"Rasa was not started: {stack.rasa_missing}"
    c = ChatStack(stack)
    yield c
    c.admin.close()


def outcome(case: dict[str, Any]) -> dict[str, Any]:
    """What a conversation leaves in the case store, without ids and times."""
    assessment = case.get("assessment") or {}
    return {
        "status": case["status"],
        "opted_out": case["opted_out"],
        "handoff_requested": case["handoff_requested"],
        "classification": assessment.get("classification"),
        "reasons": assessment.get("reasons"),
        "assessment_answers": assessment.get("answers"),
        "answers": [(a["slot"], a["code"], a["source"], a["raw_text"], a["channel"]) for a in case["answers"]],
        "free_texts": [{k: v for k, v in t.items() if k in ("kind", "question_id", "text", "redacted")} for t in case.get("free_texts") or []],
        "meeting_preferences": {k: v for k, v in (case.get("meeting_preferences") or {}).items() if k in ("modes", "times")},
        "statuses": [h["status"] for h in case["status_history"]],
    }

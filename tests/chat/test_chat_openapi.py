"""The chat JSON API's answers match what its OpenAPI declares (api/responses.py), against the
real stack: the schemathesis run (tests/api/test_schemathesis.py) has no valid link token, so
it sees only the refusals of these two routes. The routes answer JSONResponse themselves (the
models only declare), so each answer is also checked to carry no key the models lack."""
from __future__ import annotations

from typing import Any

import httpx
import jsonschema_rs
import pytest
from pydantic import BaseModel

from api.main import create_app
from api.chat.responses import ChatHistoryOut, ChatReplyOut
from tests.chat.conftest import ChatStack

pytestmark = [pytest.mark.stack, pytest.mark.timeout(900)]

Q1_USIKKER = '/svar{"retur":"usikker"}'


def check(body: Any, model: type[BaseModel], spec: dict[str, Any]) -> None:
    schema = {"$ref": f"#/components/schemas/{model.__name__}", "components": spec["components"]}
    errors = [str(e) for e in jsonschema_rs.Draft202012Validator(schema).iter_errors(body)]
    assert errors == [], errors
    # every key is declared: read through the model and written back, the answer is unchanged
    assert model.model_validate(body).model_dump(by_alias=True, exclude_unset=True, mode="json") == body


def test_history_and_replies_match_their_openapi(chat: ChatStack):
    spec = create_app().openapi()
    path = spec["paths"]["/api/v1/chat/history"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert path == {"$ref": "#/components/schemas/ChatHistoryOut"}
    token = chat.token(chat.invite().conversation_id)
    headers = {"X-Chat-Token": token}

    def say(message: str) -> dict[str, Any]:
        r = httpx.post(f"{chat.url}/api/v1/chat/messages", headers=headers, json={"message": message}, timeout=60)
        assert r.status_code == 200, r.text
        check(r.json(), ChatReplyOut, spec)
        return r.json()

    fresh = httpx.get(f"{chat.url}/api/v1/chat/history", headers=headers, timeout=60)
    assert fresh.status_code == 200, fresh.text
    check(fresh.json(), ChatHistoryOut, spec)
    started = say("/start")
    assert any(m.get("buttons") for m in started["messages"])  # a message with options was checked
    say(Q1_USIKKER)
    resumed = httpx.get(f"{chat.url}/api/v1/chat/history", headers=headers, timeout=60).json()
    assert {m["from"] for m in resumed["messages"]} == {"nav", "person"}
    check(resumed, ChatHistoryOut, spec)

"""The chat API's body limit (issue 12 §3): an oversized body is refused with 413 before the
route reads it — before the link's token is checked, before the rate limit is charged, before
the JSON is parsed — in the chat's own shape (a Norwegian message for the page). Bodies within
the limit still get the route's own answers. In process; Rasa is never reached."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from api.limits import KIB
from uke8.clock import today_in_oslo
from uke8.lifecycle.links import make_token
from uke8.settings import get_settings
from uke8.triage import chat_texts as texts

PATH = "/api/v1/chat/messages"


@pytest.fixture
def client(monkeypatch) -> TestClient:
    monkeypatch.setenv("UKE8_RASA_URL", "http://127.0.0.1:9")  # nothing listens: never needed here
    monkeypatch.setenv("UKE8_CHAT_RATE_PER_MINUTE", "5")
    get_settings.cache_clear()
    from api.main import create_app

    return TestClient(create_app(), raise_server_exceptions=False)


def token(conversation_id: str) -> dict[str, str]:
    return {"X-Chat-Token": make_token(conversation_id, today_in_oslo() + timedelta(days=21), get_settings())}


def test_a_megabyte_message_is_413_in_the_chats_shape(client):
    r = client.post(PATH, json={"message": "å" * (1024 * 1024)}, headers=token("k-limits-1"))
    assert r.status_code == 413
    assert r.json() == {"message": texts.TOO_LONG, "reason": "too_large"}
    assert r.headers["content-security-policy"]  # the chat's own headers, as on its other answers


def test_refused_bodies_do_not_use_up_the_links_rate(client):
    headers = token("k-limits-2")
    for _ in range(10):  # twice the rate per minute
        assert client.post(PATH, content=b"x" * (5 * KIB), headers=headers).status_code == 413
    # the link's budget is untouched: the route's own check still answers
    r = client.post(PATH, json={"message": "x" * (texts.MAX_MESSAGE + 1)}, headers=headers)
    assert r.status_code == 422 and r.json()["reason"] == "too_long"


@pytest.mark.parametrize("text", ["x" * (texts.MAX_MESSAGE + 1), "\U0001F600" * texts.MAX_MESSAGE])
def test_a_message_within_the_body_limit_gets_the_friendly_length_check(client, text):
    # 200 emoji are 2,400 bytes as JSON escapes: within the limit, so the route decides
    body = json.dumps({"message": text}, ensure_ascii=True).encode()
    r = client.post(PATH, content=body, headers=token("k-limits-3") | {"Content-Type": "application/json"})
    if len(text) > texts.MAX_MESSAGE:
        assert r.status_code == 422 and r.json() == {"message": texts.TOO_LONG, "reason": "too_long"}
    else:
        assert r.status_code == 404  # the length is fine; the conversation does not exist

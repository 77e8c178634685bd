"""The chat page and its JSON API over HTTP, against the real stack (API, Rasa, action server):
link checks on the page and on every call, the 200-character limit, the rate limit per link,
the transcript for resuming, and an unreachable Rasa."""
from __future__ import annotations

import json
import re
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.chat.conftest import ChatStack
from tests.conftest import ADMIN_TOKEN
from tests.factories import case_body
from uke8.lifecycle.links import make_token
from uke8.clock import today_in_oslo
from uke8.settings import get_settings
from uke8.dev.stack import free_port
from uke8.triage import chat_texts as texts
from uke8.triage.messages import CONTACT_INFO, PRIVACY_NOTICE

pytestmark = [pytest.mark.stack, pytest.mark.timeout(900)]

Q1_USIKKER = '/svar{"retur":"usikker"}'


def history(chat: ChatStack, token: str) -> httpx.Response:
    return httpx.get(f"{chat.url}/api/v1/chat/history", headers={"X-Chat-Token": token}, timeout=60)


def say(chat: ChatStack, token: str, message: object) -> httpx.Response:
    return httpx.post(f"{chat.url}/api/v1/chat/messages", headers={"X-Chat-Token": token}, json={"message": message}, timeout=60)


def test_the_page_opens_from_a_valid_link_with_strict_headers(chat: ChatStack):
    invited = chat.invite()
    r = httpx.get(chat.link(invited.conversation_id), timeout=30)
    assert r.status_code == 200
    html = r.text
    assert '<html lang="nb">' in html
    assert 'role="log"' in html and 'aria-live="polite"' in html
    assert texts.PRIVACY_TEXT in html and PRIVACY_NOTICE.endswith(texts.PRIVACY_TEXT)
    assert CONTACT_INFO in html
    assert f"{texts.COUNTER.format(n=0, max=200)}" in html
    # no inline script or style anywhere (CSP default-src 'self'), nothing from another host
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert "<style" not in html and " style=" not in html
    assert re.findall(r'(?:src|href)="(?!/|https://www\.nav\.no/|#|data:)', html) == []
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert r.headers["referrer-policy"] == "no-referrer"  # the URL holds the token
    assert r.headers["x-frame-options"] == "DENY" and r.headers["cache-control"] == "no-store"
    # the browser is never told where Rasa is
    script = httpx.get(f"{chat.url}/static/chat/chat.js", timeout=30).text
    assert str(chat.stack.rasa_port) not in html + script and "webhook" not in script
    assert httpx.get(f"{chat.url}/static/aksel/component/chat.min.css", timeout=30).status_code == 200


@pytest.mark.parametrize("kind", ["tampered", "expired", "missing", "garbage", "unknown"])
def test_a_link_that_opens_nothing_gets_a_friendly_page_and_the_api_refuses(chat: ChatStack, kind: str):
    invited = chat.invite()
    good = chat.token(invited.conversation_id)
    token = {
        "tampered": good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"),
        "expired": chat.token(invited.conversation_id, valid_days=-1),
        "missing": "",
        "garbage": "not-a-link",
        "unknown": chat.token("k-finnes-ikke-" + invited.conversation_id[-6:]),  # signed, but no invitation
    }[kind]
    status, title = {
        "tampered": (403, texts.LINK_INVALID_TITLE), "expired": (410, texts.LINK_EXPIRED_TITLE),
        "missing": (403, texts.LINK_INVALID_TITLE), "garbage": (403, texts.LINK_INVALID_TITLE),
        "unknown": (404, texts.LINK_UNKNOWN_TITLE),
    }[kind]
    page = httpx.get(f"{chat.url}/chat", params={"t": token} if token else None, timeout=30)
    assert page.status_code == status
    assert title in page.text and "55 55 33 33" in page.text and "nav.no/skriv-til-oss" in page.text
    assert "chat.js" not in page.text  # no widget
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    for r in (history(chat, token), say(chat, token, "1")):
        assert r.status_code == status, r.text
        assert "55 55 33 33" in r.json()["message"]
    # nothing reached the conversation
    assert chat.case(invited.case_id)["answers"] == []


def test_too_long_and_empty_messages_are_refused_whole_and_nothing_is_stored(chat: ChatStack):
    invited = chat.invite()
    token = chat.token(invited.conversation_id)
    assert say(chat, token, "/start").status_code == 200
    too_long = "Jeg er usikker, " + "x" * 190  # 206 characters
    r = say(chat, token, too_long)
    assert r.status_code == 422 and r.json() == {"message": texts.TOO_LONG, "reason": "too_long"}
    assert "200" in r.json()["message"]
    for empty in ("", "   ", None, 5):
        r = say(chat, token, empty)
        assert r.status_code == 422 and r.json()["message"] == texts.EMPTY_MESSAGE
    r = httpx.post(f"{chat.url}/api/v1/chat/messages", headers={"X-Chat-Token": token}, content=b"{not json", timeout=30)
    assert r.status_code == 400 and r.json()["message"] == texts.BAD_REQUEST
    assert chat.case(invited.case_id)["answers"] == []
    # exactly 200 characters is a message like any other: the bot answers it
    just_right = ("Jeg vet ikke helt om jeg kommer tilbake. " * 5)[:200]
    assert len(just_right) == 200
    r = say(chat, token, just_right)
    assert r.status_code == 200, r.text
    assert r.json()["messages"] and r.json()["status"] == "apen"


def test_too_many_messages_from_one_link_get_429_and_other_links_go_on(chat: ChatStack):
    limit = 20  # UKE8_CHAT_RATE_PER_MINUTE's default, which the test stack uses
    invited, other = chat.invite(), chat.invite()
    token = chat.token(invited.conversation_id)
    # Refused messages count too (they cost no Rasa turn, so the test is quick). The bucket
    # refills one message every 60/limit s while the test runs: on a busy machine those
    # refills are allowed for, never more.
    refill = 60 / limit
    started, sent = time.monotonic(), 0
    while (r := say(chat, token, "x" * 201)).status_code == 422:
        sent += 1
        assert sent <= limit + 1 + (time.monotonic() - started) / refill, "the link was never limited"
    assert sent >= limit and r.status_code == 429
    assert r.json() == {"message": texts.RATE_LIMITED, "reason": "rate_limited"}
    assert 1 <= int(r.headers["retry-after"]) <= 3
    limited_at = time.monotonic()
    r = say(chat, token, "/start")  # a real message is refused alike (unless a refill came between)
    assert r.status_code == 429 or time.monotonic() - limited_at >= refill * 0.9
    assert history(chat, token).status_code == 200  # reading the transcript is its own budget
    assert say(chat, chat.token(other.conversation_id), "/start").status_code == 200


def test_history_resumes_the_conversation_and_says_when_to_start(chat: ChatStack):
    invited = chat.invite()
    token = chat.token(invited.conversation_id)
    first = history(chat, token).json()
    assert first == {"messages": [], "start": True, "status": "apen"}

    started = say(chat, token, "/start").json()
    assert started["status"] == "apen"
    question = started["messages"][-1]
    assert question["text"].startswith("Hvor sannsynlig") and len(question["buttons"]) == 3
    assert all("buttons" not in m for m in started["messages"][:-1])
    usikker = next(b for b in question["buttons"] if b["payload"] == Q1_USIKKER)
    assert say(chat, token, usikker["payload"]).status_code == 200

    h = history(chat, token).json()
    assert h["start"] is True and h["status"] == "apen"  # open: the page sends /start to resume
    person = [m["text"] for m in h["messages"] if m["from"] == "person"]
    assert person == [usikker["title"]]  # the payload shown as the button's title; /start hidden
    assert [m for m in h["messages"] if m.get("buttons")] == [h["messages"][-1]]  # only the latest options
    assert h["messages"][-1]["text"].startswith("Vil du fortelle litt mer")

    # the same link on another device: the same transcript
    assert history(chat, token).json()["messages"] == h["messages"]
    resumed = say(chat, token, "/start").json()["messages"]
    assert any("Velkommen tilbake" in m["text"] for m in resumed)


def test_a_finished_conversation_shows_its_outcome_and_is_not_restarted(chat: ChatStack):
    invited = chat.invite()
    token = chat.token(invited.conversation_id)
    say(chat, token, "/start")
    for payload in ('/svar{"retur":"veldig_sannsynlig"}', '/svar{"relasjon":"god"}', '/svar{"varighet":"under_26_uker"}'):
        r = say(chat, token, payload)
        assert r.status_code == 200, r.text
    assert r.json()["status"] == "ferdig"
    assert "55 55 33 33" in r.json()["messages"][-1]["text"]
    h = history(chat, token).json()
    assert h["start"] is False and h["status"] == "ferdig"
    assert "55 55 33 33" in h["messages"][-1]["text"]
    assert chat.case(invited.case_id)["assessment"]["classification"] == "ikke_aktuell_na"


def test_stopp_from_the_page_opts_out(chat: ChatStack):
    invited = chat.invite()
    token = chat.token(invited.conversation_id)
    say(chat, token, "/start")
    r = say(chat, token, texts.END_MESSAGE)
    assert r.status_code == 200 and r.json()["status"] == "reservert"
    case = chat.case(invited.case_id)
    assert case["opted_out"] is True and case["status"] == "reservert"
    assert history(chat, token).json()["start"] is False


def test_the_token_and_the_words_stay_out_of_the_api_log(chat: ChatStack):
    invited = chat.invite()
    token = chat.token(invited.conversation_id)
    words = "Sjefen min og jeg snakker godt sammen om dette"
    httpx.get(chat.link(invited.conversation_id), timeout=30)
    say(chat, token, "/start")
    say(chat, token, words)
    log = (chat.stack.log_dir / "api.log").read_text(errors="replace")
    assert "GET /chat?t=[skjult]" in log
    assert token not in log and token.split(".")[1] not in log and words not in log


def test_an_unreachable_rasa_is_told_honestly_and_nothing_is_recorded(monkeypatch: pytest.MonkeyPatch, data_dir):
    """The API in this process, with UKE8_RASA_URL at a port nobody listens on."""
    monkeypatch.setenv("UKE8_RASA_URL", f"http://127.0.0.1:{free_port()}")
    get_settings.cache_clear()
    from api.main import create_app

    client = TestClient(create_app())
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    case_id = client.post("/api/v1/cases", json=case_body(), headers=admin).json()["id"]
    conversation_id = client.post(f"/api/v1/cases/{case_id}/invitation", headers=admin).json()["conversation_id"]
    token = make_token(conversation_id, today_in_oslo())  # valid through today
    assert client.get("/chat", params={"t": token}).status_code == 200  # the page itself needs no Rasa
    r = client.post("/api/v1/chat/messages", headers={"X-Chat-Token": token}, json={"message": Q1_USIKKER})
    assert r.status_code == 503 and r.json() == {"message": texts.BOT_UNAVAILABLE, "reason": "unavailable"}
    r = client.get("/api/v1/chat/history", headers={"X-Chat-Token": token})
    assert r.status_code == 503 and r.json()["message"] == texts.HISTORY_UNAVAILABLE
    assert client.get(f"/api/v1/cases/{case_id}", headers=admin).json()["answers"] == []
    assert json.loads(client.get("/openapi.json").text)["paths"]["/api/v1/chat/messages"]["post"]["tags"] == ["chat"]

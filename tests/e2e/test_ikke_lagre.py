"""Privacy end to end (issue 12 §5) on the real stack: the person's words after "Jeg vil ikke at
dere lagrer dette", looked for in every place that could keep them — every text column of the
case store, the raw events table of Rasa's tracker store, the case as the API shows it, and the
transcript the chat page rebuilds (GET /api/v1/chat/history) — and a message that only looks
like a button payload, redacted in Rasa's tracker like any free text."""
from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import MetaData, String, Text, create_engine, select

from tests.factories import case_body
from uke8.clock import today_in_oslo
from uke8.lifecycle.links import make_token
from uke8.settings import Settings
from uke8.dev.stack import Stack

pytestmark = [pytest.mark.stack, pytest.mark.timeout(600)]

# Synthetic words no other test writes; no health words, so they are stored until the objection.
PHRASE = "Sjefen min Petter Blåbærsen og jeg krangler hele tiden om turnusen"
PHRASE_LATER = "Blåbærsen sa i dag at vaktlista blir som før"
WORDS = ("blåbærsen", "turnusen", "vaktlista")
PLACEHOLDER = "(slettet etter ønske)"


def tracker_rows(stack: Stack, sender: str) -> list[str]:
    """The raw `data` column of Rasa's events table for the conversation."""
    if stack.tracker_store == "postgresql":
        env = stack.env
        url = (f"postgresql+psycopg://{env['UKE8_TRACKER_PG_USER']}:{env.get('UKE8_TRACKER_PG_PASSWORD', '')}"
               f"@{env['UKE8_TRACKER_PG_HOST']}:{env['UKE8_TRACKER_PG_PORT']}/{env['UKE8_TRACKER_PG_DB']}")
    else:
        url = f"sqlite:///{stack.env['UKE8_TRACKER_DB']}"
    engine = create_engine(url)
    try:
        events = MetaData()
        events.reflect(engine, only=["events"])
        table = events.tables["events"]
        with engine.connect() as conn:
            return list(conn.scalars(select(table.c.data).where(table.c.sender_id == sender).order_by(table.c.id)))
    finally:
        engine.dispose()


def case_store_texts(database_url: str) -> str:
    """Every text value in every table of the case store (answers, free texts, meeting
    preferences, audit, SMS, outbox, notes …), lower-cased, one per line."""
    engine = create_engine(database_url)
    found: list[str] = []
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            for table in meta.sorted_tables:
                columns = [c for c in table.columns if isinstance(c.type, (String, Text)) or "json" in type(c.type).__name__.lower()]
                if columns:
                    for row in conn.execute(select(*columns)):
                        found += [str(v) for v in row if v is not None]
    finally:
        engine.dispose()
    return "\n".join(found).lower()


def decoded(rows: list[str]) -> str:
    """Tracker rows with JSON's \\u escapes undone, lower-cased (Rasa stores å as \\u00e5)."""
    return "\n".join(json.dumps(json.loads(r), ensure_ascii=False) for r in rows).lower()


class Person:
    """One invited person talking through the chat page's JSON API, as the page does."""

    def __init__(self, stack: Stack):
        self.stack = stack
        self.admin = httpx.Client(base_url=stack.api_url, headers={"Authorization": f"Bearer {stack.env['UKE8_ADMIN_TOKEN']}"}, timeout=60)
        start = today_in_oslo() - timedelta(days=55)
        r = self.admin.post("/api/v1/cases", json=case_body(start_date=start.isoformat()))
        assert r.status_code in (200, 201), r.text
        self.case_id = r.json()["id"]
        r = self.admin.post(f"/api/v1/cases/{self.case_id}/invitation")
        assert r.status_code == 200, r.text
        self.conversation_id = r.json()["conversation_id"]
        settings = Settings(data_dir=stack.data_dir, api_port=stack.api_port)
        token = make_token(self.conversation_id, today_in_oslo() + timedelta(days=21), settings)
        self.chat = httpx.Client(base_url=stack.api_url, headers={"X-Chat-Token": token}, timeout=90)
        self.buttons: list[dict[str, str]] = []

    def say(self, message: str) -> str:
        r = self.chat.post("/api/v1/chat/messages", json={"message": message})
        assert r.status_code == 200, r.text
        replies = r.json()["messages"]
        self.buttons = [b for m in replies for b in m.get("buttons") or []] or self.buttons
        return "\n".join(m["text"] for m in replies)

    def click(self, title_part: str) -> str:
        button = next((b for b in self.buttons if title_part.lower() in b["title"].lower()), None)
        assert button, f"no button {title_part!r} among {self.buttons}"
        return self.say(button["payload"])

    def history(self) -> list[dict[str, Any]]:
        r = self.chat.get("/api/v1/chat/history")
        assert r.status_code == 200, r.text
        return r.json()["messages"]

    def case(self) -> dict[str, Any]:
        r = self.admin.get(f"/api/v1/cases/{self.case_id}")
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
def person(stack: Stack):
    assert stack.rasa_enabled, f"Rasa was not started: {stack.rasa_missing}"
    p = Person(stack)
    yield p
    p.admin.close()
    p.chat.close()


def where(word: str, person: Person, stack: Stack, database_url: str) -> list[str]:
    places = []
    if word in case_store_texts(database_url):
        places.append("case store")
    if word in json.dumps(person.case(), ensure_ascii=False).lower():
        places.append("case API")
    if word in decoded(tracker_rows(stack, person.conversation_id)):
        places.append("Rasa's tracker store")
    if word in json.dumps(person.history(), ensure_ascii=False).lower():
        places.append("chat transcript")
    return places


def test_ikke_lagre_forgets_the_words_everywhere(person: Person, stack: Stack, database_url: str) -> None:
    person.say("/start")
    person.click("usikker")  # Q1
    person.say(PHRASE)  # "Vil du fortelle litt mer?": the person's own words, kept (redacted) as a follow-up
    # the test can see the words where they are kept before the objection
    assert {"case store", "Rasa's tracker store", "chat transcript"} <= set(where("blåbærsen", person, stack, database_url))

    reply = person.say("Jeg vil ikke at dere lagrer dette")
    assert "notert" in reply.lower()
    assert person.case()["storage_objection"] is True
    for word in WORDS:
        assert where(word, person, stack, database_url) == [], f"{word!r} is still kept after the objection"

    # further turns: the old words do not come back when Rasa saves again, new ones are not kept
    person.say(PHRASE_LATER)
    person.say("/start")
    history = person.history()
    for word in WORDS:
        assert where(word, person, stack, database_url) == [], f"{word!r} is kept after a further turn"
    mine = [m["text"] for m in history if m["from"] == "person"]
    assert PLACEHOLDER in mine, mine
    assert any("sannsynlig" in m["text"].lower() for m in history if m["from"] == "nav")  # the bot's words stay


def test_a_message_that_only_looks_like_a_payload_is_redacted_in_rasa(person: Person, stack: Stack) -> None:
    for message in ("/start", "/start hei jeg er deprimert", "/jeg har depresjon og tar sertralin",
                    '/svar{"retur":"har depresjon"}', "/{jeg er deprimert}", "/@jeg har depresjon"):
        person.say(message)  # through the chat page's API, which hands Rasa the message as typed
    stored = decoded(tracker_rows(stack, person.conversation_id))
    assert '"text": "/start"' in stored  # the command itself is kept as sent
    log = (stack.log_dir / "rasa.log").read_text(encoding="utf-8", errors="replace").lower()
    for word in ("deprimert", "depresjon", "sertralin"):
        assert word not in stored, f"{word!r} kept in Rasa's tracker from a message starting with '/'"
        assert word not in log, f"{word!r} written to Rasa's log"


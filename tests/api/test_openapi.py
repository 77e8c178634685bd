"""The JSON API's answers are declared, and the declarations keep every key.

- Every /api/v1 JSON route declares its 200/201 body as an object with its properties
  (api/responses.py), never an untyped object that any answer would match: the schemathesis
  run (test_schemathesis.py) checks answers against these, so an untyped one checks nothing.
- FastAPI filters an answer through its model: a key the route returns but the model lacks
  would silently vanish from the API. A case as full as the API can show one (invitation,
  answers, free text, meeting preferences, assessment and decision, a checkpoint return, an
  SMS the gateway took, an SMS the bot could not answer) goes through every route, and each
  answer on the wire is exactly what the route returned, key for key and value for value.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

import fastapi.routing
import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.main import create_app
from tests.api.test_api import ADMIN, create, veileder
from tests.factories import synthetic_mobile
from uke8.cases.answers import record_answer, record_free_text
from uke8.cases.conversation import record_meeting_preferences
from uke8.store.crypto import get_sealer
from uke8.store.models import Case, CheckpointReturn, OutboxMessage, SmsInbound

API = "/api/v1/"


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _untyped(schema: dict[str, Any]) -> bool:
    """An object schema without properties (`{}`, `{"type": "object"}`, additionalProperties
    true or any schema): it matches whatever object the route answers."""
    return not schema.get("properties") and schema.get("type") in (None, "object") and not schema.get("anyOf")


def test_every_json_route_declares_a_typed_answer():
    spec = create_app().openapi()
    checked = []
    for path, operations in spec["paths"].items():
        if not path.startswith(API):
            continue
        for method, operation in operations.items():
            for code in ("200", "201"):
                response = operation["responses"].get(code)
                if response is None:
                    continue
                content = response.get("content")
                assert content, f"{method.upper()} {path} {code} declares no body"
                if "application/json" not in content:
                    continue  # the SMS webhook answers TwiML
                schema = _resolve(content["application/json"].get("schema", {}), spec)
                assert not _untyped(schema), f"{method.upper()} {path} {code}: an untyped object {schema}"
                checked.append((method.upper(), path, code))
    # every JSON route of the API is among them (a route left out of the OpenAPI is not checked)
    assert {(m, p) for m, p, _ in checked} >= {
        ("POST", "/api/v1/cases"), ("GET", "/api/v1/cases/{case_id}"), ("POST", "/api/v1/cases/{case_id}/invitation"),
        ("POST", "/api/v1/cases/{case_id}/decision"), ("GET", "/api/v1/cases/{case_id}/audit"), ("GET", "/api/v1/queue"),
        ("POST", "/api/v1/veiledere"), ("POST", "/api/v1/scheduler/run"), ("GET", "/api/v1/outbox"),
        ("GET", "/api/v1/chat/history"), ("POST", "/api/v1/chat/messages"), ("GET", "/api/v1/statistics")}
    assert ("POST", "/api/v1/cases", "200") in checked  # an existing case: the same body as 201


def test_the_untyped_check_sees_an_untyped_answer():
    assert _untyped({"type": "object", "additionalProperties": True})
    assert _untyped({})
    assert not _untyped({"type": "object", "properties": {"id": {"type": "string"}}})


# -- no key is dropped -------------------------------------------------------------------------

DAY56 = date(2026, 11, 23)
START = DAY56 - timedelta(days=55)


@pytest.fixture
def client(time_machine) -> TestClient:
    # day 56 of the cases made here, at 09:00 UTC: the fixed dates never meet the wall clock
    time_machine.move_to(datetime(DAY56.year, DAY56.month, DAY56.day, 9, tzinfo=timezone.utc), tick=True)
    return TestClient(create_app())


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, Any]]:
    """(what the route returned, what went on the wire) for every answer with a response model."""
    seen: list[tuple[Any, Any]] = []
    original = fastapi.routing.serialize_response

    async def recording(**kwargs: Any) -> Any:
        result = await original(**kwargs)
        if kwargs.get("field") is not None:
            wire = json.loads(result) if isinstance(result, (bytes, bytearray)) else jsonable_encoder(result)
            seen.append((jsonable_encoder(kwargs["response_content"]), wire))
        return result

    monkeypatch.setattr(fastapi.routing, "serialize_response", recording)
    return seen


def _full_case(client: TestClient, db) -> tuple[str, str]:
    """A chat case with everything a case view can show, and an SMS case whose opening went out."""
    chat = create(client, start_date=START.isoformat(), sykmeldingsgrad=60, employer_orgnr="123456789",
                  end_date=(START + timedelta(days=300)).isoformat(), grade_changes=[{"valid_from": (START + timedelta(days=10)).isoformat(), "grade": 60}])
    sms = create(client, start_date=START.isoformat(), sykmeldingsgrad=60, channel="sms", mobil=synthetic_mobile())
    for case in (chat, sms):
        r = client.post(f"/api/v1/cases/{case['id']}/invitation", headers=ADMIN)
        assert r.status_code == 200, r.text
    conversation = client.post(f"/api/v1/cases/{chat['id']}/invitation", headers=ADMIN).json()["conversation_id"]
    with db.write() as s:
        record_answer(s, conversation, "retur", "usikker", source="nlu", raw_text="vet ikke helt", confidence=0.91)
    with db.write() as s:
        record_free_text(s, conversation, "oppfolging", "Jeg er litt usikker.", question_id="q1")
        record_meeting_preferences(s, conversation, ["telefon"], "formiddag")
    for slot, code in (("relasjon", "god"), ("varighet", "usikker"), ("varighet_usikker_grunn", "behandling")):
        with db.write() as s:
            record_answer(s, conversation, slot, code, source="button")
    with db.write() as s:
        case = s.get(Case, chat["id"])
        s.add(CheckpointReturn(case_id=case.id, week=17, due_on=START + timedelta(weeks=17), classification="ikke_aktuell_na"))
        s.add(SmsInbound(message_sid="SM" + "0" * 32, case_id=sms["id"], conversation_id="k-sms", status="failed", attempts=3,
                         body_sealed=get_sealer().seal("Når kommer svaret?")))
        opening = s.scalars(select(OutboxMessage).where(OutboxMessage.case_id == sms["id"])).one()
        # what the delivery records when the gateway takes a message (uke8/sms/delivery.py)
        opening.payload = opening.payload | {"gateway_sid": "SM" + "1" * 32, "segments": 1, "encoding": "GSM-7"}
        opening.status, opening.attempts, opening.sent_at = "sent", 1, datetime.now(timezone.utc)
    return chat["id"], sms["id"]


def test_every_answer_is_what_the_route_returned(client, db, answers):
    headers = veileder(client, "X990002", "0219")
    chat_id, sms_id = _full_case(client, db)
    calls = [
        ("post", f"/api/v1/cases/{chat_id}/decision", {"json": {"classification": "ikke_aktuell_na", "reason": "Venter på behandling."}}),
        ("get", f"/api/v1/cases/{chat_id}", {}), ("get", f"/api/v1/cases/{sms_id}", {}),
        ("get", f"/api/v1/cases/{chat_id}/audit", {}), ("get", "/api/v1/queue", {}), ("get", "/api/v1/queue?status=sjekkpunkt", {}),
        ("get", "/api/v1/outbox", {}), ("get", f"/api/v1/outbox?case_id={sms_id}", {}),
        ("post", f"/api/v1/cases/{chat_id}/invitation", {}),
        ("post", "/api/v1/scheduler/run?today=" + (DAY56 + timedelta(days=7)).isoformat(), {}),
        ("get", "/api/v1/statistics?enhet=0219", {}),
    ]
    for method, url, kw in calls:
        for who in (headers, ADMIN):
            if "outbox" in url or "scheduler" in url:
                who = ADMIN
            r = getattr(client, method)(url, headers=who, **kw)
            assert r.status_code == 200, (url, r.text)
    view = client.get(f"/api/v1/cases/{chat_id}", headers=headers).json()
    # the full case reached the API: every part of the view is there, not empty
    assert view["answers"][0]["raw_text"] and view["answers"][0]["question"]["options"]
    assert view["free_texts"] and view["meeting_preferences"]["times"] and view["checkpoints"]
    assert view["assessment"]["veileder_decision"]["classification"] == "ikke_aktuell_na" and view["decisions"]
    assert view["invitation"]["round"] == 1 and view["grade_history"] and view["end_date"]
    sms_view = client.get(f"/api/v1/cases/{sms_id}", headers=ADMIN).json()
    assert sms_view["unanswered_sms"][0]["text"] and sms_view["mobil_masked"]
    sent = [m for m in sms_view["outbox"] if m["status"] == "sent"]
    assert sent and sent[0]["segments"] == 1 and sent[0]["encoding"] == "GSM-7"
    # a message the gateway has not taken has no SMS figures at all (absent, not null)
    assert all("segments" not in m for m in view["outbox"]) and view["outbox"]

    assert len(answers) >= 2 * len(calls)
    for returned, wire in answers:
        assert wire == returned

"""The thread's JSON API (api/routes/messages.py) and "who the person is" (api/routes/reveal.py):
enhet scoping (404), validation (422), double submissions, the case's meeting and unread count,
the queue's "Ny melding", and the reveal's audit rows (purpose, never the value)."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.api.test_api import ADMIN, CLOCK, audit, clock, client, create, veileder  # noqa: F401 - clock (autouse), client: fixtures
from tests.factories import synthetic_fnr, synthetic_mobile
from uke8.cases.answers import record_answer
from uke8.thread import messages

ANSWERS = (("retur", "usikker"), ("relasjon", "god"), ("varighet", "under_26_uker"))


def _answered(client, db, **overrides) -> tuple[str, str]:
    case = create(client, **overrides)
    conversation = client.post(f"/api/v1/cases/{case['id']}/invitation", headers=ADMIN).json()["conversation_id"]
    for slot, code in ANSWERS:
        with db.write() as s:
            record_answer(s, conversation, slot, code, source="button")
    return case["id"], conversation


def _slot(days: int, hour: int = 10) -> str:
    return (CLOCK + timedelta(days=days)).replace(hour=hour).isoformat()


def test_a_veileder_writes_proposes_and_reads_the_thread(client, db):
    token = client.post("/api/v1/veiledere", json={"ident": "Z700001", "enheter": ["0219"], "navn": "Kari Nordmann"},
                        headers=ADMIN).json()["token"]
    me = {"Authorization": f"Bearer {token}"}
    case_id, conversation = _answered(client, db, channel="sms", mobil=synthetic_mobile())
    body = {"text": "Hei! Takk for svarene.", "meeting": {"slots": [_slot(2), _slot(3, 14)], "form": "telefon"}}
    r = client.post(f"/api/v1/cases/{case_id}/messages", json=body, headers=me)
    assert r.status_code == 201, r.text
    sent = r.json()
    assert sent["from"] == "veileder" and sent["author_name"] == "Kari Nordmann" and sent["delivery"] == "venter"
    assert sent["meeting"]["status"] == "foreslatt" and len(sent["meeting"]["slots"]) == 2

    with db.write() as s:
        messages.record_from_person(s, conversation, "Den andre tiden passer fint")
    view = client.get(f"/api/v1/cases/{case_id}", headers=me).json()
    assert view["unread_from_person"] == 1 and view["meeting"]["status"] == "foreslatt" and view["meeting"]["at"] is None
    queue = client.get("/api/v1/queue?ny_melding=true", headers=me).json()
    assert [item["unread_from_person"] for item in queue["items"] if item["id"] == case_id] == [1]
    assert queue["with_new_messages"] >= 1 and all(item["unread_from_person"] for item in queue["items"])

    thread = client.get(f"/api/v1/cases/{case_id}/messages", headers=me).json()
    assert [(m["from"], m["text"]) for m in thread] == [("veileder", "Hei! Takk for svarene."),
                                                          ("person", "Den andre tiden passer fint")]
    assert client.get(f"/api/v1/cases/{case_id}", headers=me).json()["unread_from_person"] == 0
    actions = [e["action"] for e in audit(client, case_id)]
    assert "thread.veileder_message" in actions and "meeting.propose" in actions and "thread.read" in actions
    sms = [m for m in client.get(f"/api/v1/cases/{case_id}", headers=me).json()["outbox"] if m["kind"] == "thread_sms"]
    assert len(sms) == 1 and "Kari Nordmann" in sms[0]["text"] and "Svar 1 eller 2." in sms[0]["text"]


def test_the_same_idempotency_key_returns_the_first_message(client, db):
    me = veileder(client, "Z700002", "0219")
    case_id, _ = _answered(client, db)
    first = client.post(f"/api/v1/cases/{case_id}/messages", json={"text": "Hei!"}, headers=me | {"Idempotency-Key": "k-1"})
    again = client.post(f"/api/v1/cases/{case_id}/messages", json={"text": "Hei!"}, headers=me | {"Idempotency-Key": "k-1"})
    assert (first.status_code, again.status_code) == (201, 200) and first.json()["id"] == again.json()["id"]
    by_body = client.post(f"/api/v1/cases/{case_id}/messages", json={"text": "Hei!", "client_key": "k-1"}, headers=me)
    assert by_body.status_code == 200 and by_body.json()["id"] == first.json()["id"]
    assert len(client.get(f"/api/v1/cases/{case_id}/messages", headers=me).json()) == 1


def test_another_enhet_gets_404_on_every_thread_route(client, db):
    other = veileder(client, "Z700003", "0301")
    case_id, _ = _answered(client, db)
    for method, url, body in (("post", "messages", {"text": "Hei"}), ("get", "messages", None),
                              ("post", "reveal", {"what": "fnr", "purpose": "ringe personen"})):
        r = getattr(client, method)(f"/api/v1/cases/{case_id}/{url}", headers=other, **({"json": body} if body else {}))
        assert r.status_code == 404, (url, r.text)
    assert sum(e["outcome"] == "denied" and e["actor"] == "Z700003" for e in audit(client, case_id)) == 3


@pytest.mark.parametrize("body", [
    {"text": "x" * 2001},
    {"text": "   "},
    {"text": "Hei", "meeting": {"slots": [], "form": "telefon"}},
    {"text": "Hei", "meeting": {"slots": ["2026-11-25T10:00:00+01:00"] * 4, "form": "telefon"}},
    {"text": "Hei", "meeting": {"slots": ["2026-11-25T10:00:00"], "form": "telefon"}},  # no offset
    {"text": "Hei", "meeting": {"slots": ["2026-11-20T10:00:00+01:00"], "form": "telefon"}},  # past
    {"text": "Hei", "meeting": {"slots": ["2026-11-25T10:00:00+01:00"] * 2, "form": "telefon"}},
    {"text": "Hei", "meeting": {"slots": ["i morgen"], "form": "telefon"}},
    {"text": "Hei", "meeting": {"slots": ["2026-11-25T10:00:00+01:00"], "form": "kafe"}},
])
def test_bad_text_or_slots_are_422_and_nothing_is_stored(client, db, body):
    me = veileder(client, "Z700004", "0219")
    case_id, _ = _answered(client, db)
    r = client.post(f"/api/v1/cases/{case_id}/messages", json=body, headers=me)
    assert r.status_code == 422, r.text
    assert r.json()["message"] and "x" * 50 not in r.text
    assert client.get(f"/api/v1/cases/{case_id}/messages", headers=me).json() == []


def test_a_person_who_cannot_be_reached_is_409_with_the_reason(client, db):
    me = veileder(client, "Z700005", "0219")
    reserved = create(client, reservert_digital=True)
    r = client.post(f"/api/v1/cases/{reserved['id']}/messages", json={"text": "Hei"}, headers=me)
    assert r.status_code == 409 and "another way" in r.json()["detail"]
    not_invited = create(client)
    assert client.post(f"/api/v1/cases/{not_invited['id']}/messages", json={"text": "Hei"}, headers=me).status_code == 409


def test_sms_text_about_sick_leave_is_422(client, db):
    me = veileder(client, "Z700006", "0219")
    case_id, _ = _answered(client, db, channel="sms", mobil=synthetic_mobile())
    r = client.post(f"/api/v1/cases/{case_id}/messages", json={"text": "Hvordan går det med sykmeldingen?"}, headers=me)
    assert r.status_code == 422 and "sick leave" in r.json()["message"]


def test_the_admin_token_does_not_write_or_reveal(client, db):
    case_id, _ = _answered(client, db)
    assert client.post(f"/api/v1/cases/{case_id}/messages", json={"text": "Hei"}, headers=ADMIN).status_code == 403
    assert client.post(f"/api/v1/cases/{case_id}/reveal", json={"what": "fnr", "purpose": "test"}, headers=ADMIN).status_code == 403


def test_reveal_shows_the_value_once_audited_with_its_purpose_never_the_value(client, db):
    me = veileder(client, "Z700007", "0219")
    fnr, mobil = synthetic_fnr(), synthetic_mobile()
    case_id, _ = _answered(client, db, fnr=fnr, channel="sms", mobil=mobil)
    r = client.post(f"/api/v1/cases/{case_id}/reveal", json={"what": "fnr", "purpose": "ringe for å avtale samtale"}, headers=me)
    assert r.status_code == 200 and r.json() == {"what": "fnr", "value": fnr}
    assert r.headers["cache-control"] == "no-store"
    purpose_with_number = f"sjekke {fnr} mot brevet"
    r = client.post(f"/api/v1/cases/{case_id}/reveal", json={"what": "telefon", "purpose": purpose_with_number}, headers=me)
    assert r.status_code == 200 and r.json()["value"] == mobil
    rows = [e for e in audit(client, case_id) if e["action"] == "case.reveal"]
    assert [(e["detail"]["what"], e["actor"]) for e in rows] == [("fnr", "Z700007"), ("telefon", "Z700007")]
    assert rows[0]["detail"]["purpose"] == "ringe for å avtale samtale"
    everything = str(audit(client, case_id))
    assert fnr not in everything and mobil not in everything and mobil[3:] not in everything
    queue = client.get("/api/v1/queue", headers=me).text
    assert fnr not in queue and mobil not in queue


@pytest.mark.parametrize("body", [{"what": "fnr", "purpose": ""}, {"what": "fnr", "purpose": "  "},
                                  {"what": "fnr"}, {"what": "adresse", "purpose": "ringe"}])
def test_reveal_needs_a_purpose(client, db, body):
    me = veileder(client, "Z700008", "0219")
    case_id, _ = _answered(client, db)
    assert client.post(f"/api/v1/cases/{case_id}/reveal", json=body, headers=me).status_code == 422
    assert not [e for e in audit(client, case_id) if e["action"] == "case.reveal"]


def test_reveal_of_a_phone_the_case_does_not_have_is_409(client, db):
    me = veileder(client, "Z700009", "0219")
    case_id, _ = _answered(client, db)
    r = client.post(f"/api/v1/cases/{case_id}/reveal", json={"what": "telefon", "purpose": "ringe"}, headers=me)
    assert r.status_code == 409


def test_veileder_navn_is_optional_and_kept(client):
    r = client.post("/api/v1/veiledere", json={"ident": "Z700010", "enheter": ["0219"], "navn": "Ola Nordmann"}, headers=ADMIN)
    assert r.status_code == 200 and r.json()["navn"] == "Ola Nordmann"
    r = client.post("/api/v1/veiledere", json={"ident": "Z700010", "enheter": ["0219", "0301"]}, headers=ADMIN)
    assert r.json()["navn"] == "Ola Nordmann"

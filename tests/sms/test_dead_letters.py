"""A message the delivery gave up on is visible: in the outbox API, on the queue item (JSON)
and as a tag in the veileder's queue and on the case page."""
from __future__ import annotations

import secrets
from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.factories import synthetic_fnr, synthetic_mobile
from tests.pages.conftest import ADMIN, login, make_veileder
from uke8.cases import registration
from uke8.lifecycle import steps
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.lifecycle import outbox
from uke8.sms import receipts

ENHET = "5858"


def test_a_dead_sms_is_flagged_in_the_queue_and_on_the_case(db, monkeypatch):
    from api.main import create_app
    from uke8.settings import get_settings

    monkeypatch.setenv("UKE8_DEV_LOGIN", "1")  # the development sign-in: enabled, and from loopback only
    get_settings.cache_clear()
    client = TestClient(create_app(), client=("127.0.0.1", 50000))
    make_veileder(client, "Z995858", ENHET)
    today = date.today()
    with db.write() as s:
        case, _ = registration.register_case(s, NewCase(external_id="dead-" + secrets.token_hex(4), fnr=synthetic_fnr(), enhet=ENHET,
                                                   start_date=today - timedelta(days=55), sykmeldingsgrad=100, channel="sms",
                                                   mobil=synthetic_mobile()), Actor("system", "test"))
        steps.invite(s, case.id, today, Actor("system", "test"))
        other, _ = registration.register_case(s, NewCase(external_id="ok-" + secrets.token_hex(4), fnr=synthetic_fnr(), enhet=ENHET,
                                                    start_date=today - timedelta(days=55), sykmeldingsgrad=100), Actor("system", "test"))

    with db.read() as s:
        [opening] = outbox.for_case(s, case.id)
    assert outbox.record_failed(db, opening.id, "GatewayRefused: gateway 400 (code 21211)", permanent=True) == "dead"
    dead = client.get(f"/api/v1/outbox?status=dead&case_id={case.id}", headers=ADMIN).json()["items"]
    assert [(m["kind"], m["attempts"], m["last_error"]) for m in dead] == [("sms_opening", 1, "GatewayRefused: gateway 400 (code 21211)")]
    token = make_veileder(client, "Z995859", ENHET)
    items = {i["id"]: i for i in client.get("/api/v1/queue", headers={"Authorization": f"Bearer {token}"}).json()["items"]}
    assert items[case.id]["undelivered_messages"] == 1 and items[other.id]["undelivered_messages"] == 0
    login(client, "Z995858")
    queue = client.get("/oversikt").text
    row = queue[queue.index(f"/saker/{case.id}"):]
    row = row[:row.index("</tr>")]
    assert "Melding ikke levert" in row
    other_row = queue[queue.index(f"/saker/{other.id}"):]
    assert "Melding ikke levert" not in other_row[:other_row.index("</tr>")]
    assert "Melding ikke levert" in client.get(f"/saker/{case.id}").text


def test_a_message_the_gateway_took_but_never_delivered_is_flagged_until_a_later_receipt_says_delivered(db):
    # the queue's flag is outbox.dead_counts (the test above)
    today = date.today()
    with db.write() as s:
        case, _ = registration.register_case(s, NewCase(external_id="undelivered-" + secrets.token_hex(4), fnr=synthetic_fnr(),
                                                   enhet=ENHET, start_date=today - timedelta(days=55), sykmeldingsgrad=100,
                                                   channel="sms", mobil=synthetic_mobile()), Actor("system", "test"))
        steps.invite(s, case.id, today, Actor("system", "test"))
    with db.read() as s:
        [opening] = outbox.for_case(s, case.id)
    sid = "SM" + secrets.token_hex(16)
    outbox.record_sent(db, opening.id, details={"gateway_sid": sid})
    with db.read() as s:
        assert outbox.dead_counts(s, [case.id]) == {}
    assert receipts.record_receipt(db, sid, "undelivered", "30003") == "recorded"
    with db.read() as s:
        assert outbox.dead_counts(s, [case.id]) == {case.id: 1}
    assert receipts.record_receipt(db, sid, "delivered") == "recorded"
    with db.read() as s:
        assert outbox.dead_counts(s, [case.id]) == {}

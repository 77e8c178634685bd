"""SMS delivery receipts: the gateway's status callbacks, signed like inbound messages, update
the outbox message it took; an undelivered invitation or reminder flags the case. Then the
whole path: the real simulator process sends the receipt to the real API (synthetic people)."""
from __future__ import annotations

import secrets
import threading
from datetime import date, timedelta

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.conftest import ADMIN_TOKEN
from tests.factories import synthetic_fnr, synthetic_mobile
from tests.sms.conftest import SMS_TOKEN, wait_for
from uke8.cases import registration
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.dev.stack import free_port
from uke8.lifecycle import outbox, steps
from uke8.review.queue import QueueQuery, api_details, queue_page
from uke8.sms.delivery import deliver_once
from uke8.sms.gateway import GatewayClient
from uke8.sms.signature import HEADER, compute_signature
from uke8.store.models import AuditEntry, Case, OutboxMessage

URL = "http://testserver/api/v1/sms/status"
TOKEN = "receipt-test-token"
SEEDER = Actor("system", "test")
DAY = date(2026, 11, 23)


def sms_case(db, day: date = DAY, phone: str | None = None) -> tuple[str, OutboxMessage]:
    with db.write() as s:
        case, _ = registration.register_case(s, NewCase(
            external_id="r-" + secrets.token_hex(5), fnr=synthetic_fnr(), enhet="0219", start_date=day - timedelta(days=55),
            sykmeldingsgrad=100, channel="sms", mobil=phone or synthetic_mobile()), SEEDER)
        steps.invite(s, case.id, day, SEEDER)
        message = outbox.for_case(s, case.id)[0]
        return case.id, message


def receipt(sid: str, status: str, **extra: str) -> dict[str, str]:
    return {"MessageSid": sid, "MessageStatus": status, "AccountSid": "AC" + "0" * 32, "To": "+4700000001", **extra}


@pytest.fixture
def client(monkeypatch) -> TestClient:
    monkeypatch.setenv("UKE8_SMS_AUTH_TOKEN", TOKEN)
    from uke8.settings import get_settings

    get_settings.cache_clear()
    from api.main import create_app

    return TestClient(create_app())


def test_a_signed_receipt_updates_the_message_and_undelivered_flags_the_case(client, db):
    case_id, message = sms_case(db)
    sid = "SM" + secrets.token_hex(16)
    outbox.record_sent(db, message.id, details={"gateway_sid": sid})
    data = receipt(sid, "undelivered", ErrorCode="30003")
    forged = client.post("/api/v1/sms/status", data=data, headers={HEADER: compute_signature("wrong", URL, data)})
    assert forged.status_code == 403
    r = client.post("/api/v1/sms/status", data=data, headers={HEADER: compute_signature(TOKEN, URL, data)})
    assert r.status_code == 204
    with db.read() as s:
        row = s.get(OutboxMessage, message.id)
        assert (row.receipt, row.last_error) == ("undelivered", "receipt undelivered (code 30003)")
        audit = s.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id, AuditEntry.action == "case.sms.undelivered")).all()
        assert [a.detail["status"] for a in audit] == ["undelivered"]
        page = queue_page(s, QueueQuery(enheter=frozenset({"0219"}), per_page=500), DAY)
        row_ = next(r for r in page.rows if r.id == case_id)
        assert api_details(s, [row_])[case_id].contact_otherwise == "ikke_levert"
    case = client.get(f"/api/v1/cases/{case_id}", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}).json()
    assert case["notification"] == {"status": "ikke_varslet", "channels": [], "reason": "ikke_levert"}
    assert case["outbox"][0]["receipt"] == "undelivered"


def test_interim_and_unknown_receipts_change_nothing(client, db):
    case_id, message = sms_case(db)
    sid = "SM" + secrets.token_hex(16)
    outbox.record_sent(db, message.id, details={"gateway_sid": sid})
    for data in (receipt(sid, "sent"), receipt("SM" + secrets.token_hex(16), "failed"), receipt(sid, "delivered")):
        assert client.post("/api/v1/sms/status", data=data, headers={HEADER: compute_signature(TOKEN, URL, data)}).status_code == 204
    with db.read() as s:
        assert s.get(OutboxMessage, message.id).receipt == "delivered"
    missing = {"MessageSid": sid}
    assert client.post("/api/v1/sms/status", data=missing, headers={HEADER: compute_signature(TOKEN, URL, missing)}).status_code == 400


def test_the_simulator_sends_signed_receipts_to_the_api(gateway, monkeypatch):
    """The real simulator process posts each receipt, signed, to the StatusCallback the delivery
    sent with the message: here the real API, served on a free port."""
    port = free_port()
    status_url = f"http://127.0.0.1:{port}/api/v1/sms/status"
    monkeypatch.setenv("UKE8_SMS_STATUS_URL", status_url)
    monkeypatch.setenv("UKE8_SMS_GATEWAY_URL", gateway.url)
    from uke8.settings import get_settings
    from uke8.store.db import get_database

    get_settings.cache_clear()
    from api.main import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for(lambda: server.started, what="the API")
    try:
        db = get_database(get_settings())
        today = date.today()  # the delivery runs now, in real time, against the real simulator
        _, delivered = sms_case(db, today)
        phone = synthetic_mobile()
        _, undelivered = sms_case(db, today, phone)
        gateway.post("/faults", {"undeliver_next": 1, "only_to": phone})
        with GatewayClient(get_settings()) as client:
            assert deliver_once(db, client).sent == 2

        def receipts():
            with db.read() as s:
                return {m: s.get(OutboxMessage, m).receipt for m in (delivered.id, undelivered.id)}

        got = wait_for(lambda: all(receipts().values()) and receipts(), what="both receipts")
        assert sorted(got.values()) == ["delivered", "undelivered"]
    finally:
        server.should_exit = True
        thread.join(timeout=10)

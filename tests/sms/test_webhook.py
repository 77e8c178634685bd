"""POST /api/v1/sms/inbound in process: the signature, bad input, unknown numbers, and a
message kept safe when Rasa cannot be reached. (The turn itself, with the real Rasa, is in
test_sms_conversations.py.)"""
from __future__ import annotations

import secrets
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.factories import synthetic_fnr, synthetic_mobile
from uke8.cases import registration
from uke8.lifecycle import steps
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.clock import today_in_oslo
from uke8.sms.signature import HEADER, compute_signature
from uke8.store.crypto import get_sealer
from uke8.store.models import AuditEntry, Case, SmsInbound, SmsUnknownSender

URL = "http://testserver/api/v1/sms/inbound"
TOKEN = "webhook-test-token"


@pytest.fixture
def client(monkeypatch) -> TestClient:
    monkeypatch.setenv("UKE8_SMS_AUTH_TOKEN", TOKEN)
    monkeypatch.setenv("UKE8_RASA_URL", "http://127.0.0.1:9")  # nothing listens: Rasa is "down"
    from uke8.settings import get_settings

    get_settings.cache_clear()
    from api.main import create_app

    return TestClient(create_app())


def form(sender: str, body: str = "hei", sid: str | None = None) -> dict[str, str]:
    return {"MessageSid": sid or "SM" + secrets.token_hex(16), "AccountSid": "AC" + "0" * 32, "From": sender,
            "To": "+4700000000", "Body": body, "NumMedia": "0"}


def post(client: TestClient, data: dict[str, str], key: str = TOKEN, signature: str | None = None):
    headers = {HEADER: signature if signature is not None else compute_signature(key, URL, data)}
    return client.post("/api/v1/sms/inbound", data=data, headers=headers)


def refusals(db) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "sms.inbound", AuditEntry.case_id.is_(None))
                              .order_by(AuditEntry.id)))


def counts(db) -> tuple[int, int, int]:
    with db.read() as s:
        return (s.scalar(select(func.count()).select_from(Case)), s.scalar(select(func.count()).select_from(SmsInbound)),
                s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.case_id.is_not(None))))


def test_a_forged_signature_is_refused_with_403_and_audited(client, db):
    before = len(refusals(db))
    data = form(synthetic_mobile())
    r = post(client, data, key="not-the-gateways-secret")
    assert r.status_code == 403 and "signature" in r.json()["detail"]
    entry = refusals(db)[-1]
    assert len(refusals(db)) == before + 1
    assert (entry.outcome, entry.detail["reason"], entry.actor) == ("forbidden", "bad_signature", "sms-gateway")
    assert data["From"] not in str(entry.detail) and data["From"][3:] not in str(entry.detail)


def test_forged_posts_cannot_fill_the_audit_log(client, db):
    """Forged posts are anonymous refusals: a few rows per source and minute, the rest counted."""
    from uke8.cases.audit import AnonymousRefusals

    client.app.state.anonymous_refusals = AnonymousRefusals(per_source=3)
    before = len(refusals(db))
    for _ in range(20):
        assert post(client, form(synthetic_mobile()), key="not-the-gateways-secret").status_code == 403
    assert len(refusals(db)) == before + 3


def test_a_missing_signature_is_refused_and_audited(client, db):
    r = client.post("/api/v1/sms/inbound", data=form(synthetic_mobile()))
    assert r.status_code == 403
    assert refusals(db)[-1].detail["reason"] == "missing_signature"


def test_a_signature_over_other_parameters_or_another_url_is_refused(client, db):
    data = form(synthetic_mobile())
    signature = compute_signature(TOKEN, URL, data)
    assert post(client, {**data, "Body": "noe annet"}, signature=signature).status_code == 403
    assert post(client, data, signature=compute_signature(TOKEN, "https://elsewhere.example/api/v1/sms/inbound", data)).status_code == 403
    assert post(client, data, signature=signature).status_code == 200


def test_the_public_url_is_what_is_signed_behind_a_proxy(client, db, monkeypatch):
    monkeypatch.setenv("UKE8_SMS_PUBLIC_URL", "https://uke8.example.no/api/v1/sms/inbound")
    from uke8.settings import get_settings

    get_settings.cache_clear()
    data = form(synthetic_mobile())
    assert post(client, data).status_code == 403  # signed for the internal URL
    signature = compute_signature(TOKEN, "https://uke8.example.no/api/v1/sms/inbound", data)
    assert post(client, data, signature=signature).status_code == 200


def test_a_missing_field_is_a_clear_400(client, db):
    data = form(synthetic_mobile())
    del data["MessageSid"]
    r = post(client, data)
    assert r.status_code == 400 and "MessageSid" in r.json()["detail"]


def test_an_unknown_number_gets_one_neutral_reply_at_most_and_nothing_is_stored(client, db):
    phone = synthetic_mobile()
    before = counts(db)
    first = post(client, form(phone, "Hei, hvem er dette?"))
    assert first.status_code == 200 and first.headers["content-type"].startswith("application/xml")
    assert "<Message>" in first.text and "NAV" in first.text and "55 55 33 33" in first.text
    for _ in range(2):  # a second SMS, or the same one delivered again: nothing more
        again = post(client, form(phone, "Hallo?"))
        assert again.status_code == 200 and again.text.endswith("<Response/>")
    assert counts(db) == before  # no case, no message, no audit entry on any case
    with db.read() as s:
        kept = s.get(SmsUnknownSender, get_sealer().keyed_hash(phone))
        assert kept is not None and kept.replied_on == today_in_oslo()  # a keyed hash and a day (in Oslo), nothing else
        assert s.scalar(select(func.count()).select_from(SmsUnknownSender).where(SmsUnknownSender.number_hash == phone)) == 0


def invited_sms_case(db, phone: str, **facts):
    """An SMS case on `phone`, registered and invited today (a person of 40 unless `facts` say
    otherwise: a fixed birth date would turn 65 one day); (case, invitation)."""
    today = today_in_oslo()
    facts = {"fodselsdato": date(today.year - 40, 1, 15)} | facts
    with db.write() as s:
        case, _ = registration.register_case(s, NewCase(external_id="w-" + secrets.token_hex(5), fnr=synthetic_fnr(), enhet="0219",
                                                   start_date=today - timedelta(days=55), sykmeldingsgrad=100, channel="sms",
                                                   mobil=phone, **facts), Actor("system", "test"))
        invitation = steps.invite(s, case.id, today, Actor("system", "test"))
    return case, invitation


def test_a_known_number_whose_turn_cannot_run_keeps_the_message_safe_and_answers_200(client, db):
    phone = synthetic_mobile()
    case, invitation = invited_sms_case(db, phone)
    data = form(phone, "Hei")
    r = post(client, data)
    assert r.status_code == 200 and r.text.endswith("<Response/>")
    with db.read() as s:
        row = s.scalars(select(SmsInbound).where(SmsInbound.message_sid == data["MessageSid"])).one()
        assert (row.case_id, row.conversation_id, row.status, row.attempts) == (case.id, invitation.conversation_id, "received", 1)
        assert row.body_sealed and "Hei" not in row.body_sealed and get_sealer().open(row.body_sealed) == "Hei"
        assert row.lease_until is not None and row.last_error  # tried again after the backoff
    assert post(client, data).text.endswith("<Response/>")  # delivered again: recognised, not recorded twice
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(SmsInbound).where(SmsInbound.message_sid == data["MessageSid"])) == 1


def test_a_number_of_a_screened_out_case_is_treated_as_unknown(client, db):
    phone = synthetic_mobile()
    case, _ = invited_sms_case(db, phone, svangerskapsrelatert=True)
    r = post(client, form(phone))
    assert "<Message>" in r.text  # the neutral reply, as to any unknown number: nothing tells the case exists
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(SmsInbound).where(SmsInbound.case_id == case.id)) == 0

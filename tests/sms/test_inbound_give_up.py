"""After the last attempt at an SMS's turn (here Rasa cannot be reached at all, and
UKE8_OUTBOX_MAX_ATTEMPTS is 1): the text stays sealed for the veileder (as free text is stored:
health details redacted, nothing for a person who objected to storage), the case is flagged in
the JSON queue and the review queue, and the person gets one honest reply (a STOPP its
confirmation). The same give-up after a real, stopped action server: test_dead_action_server.py."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.main import create_app

from tests.pages.conftest import login, make_veileder
from tests.sms.test_webhook import client, form, invited_sms_case, post  # noqa: F401 (client: the webhook's fixture)
from uke8.cases import conversation
from uke8.sms.inbound import STOPPED_SMS
from uke8.sms.texts import NOT_SAVED_SMS
from uke8.store.crypto import get_sealer
from uke8.store.models import AuditEntry, OutboxMessage, SmsInbound
from tests.factories import synthetic_mobile


@pytest.fixture(autouse=True)
def one_attempt(monkeypatch):
    monkeypatch.setenv("UKE8_OUTBOX_MAX_ATTEMPTS", "1")
    monkeypatch.setenv("UKE8_DEV_LOGIN", "1")
    from uke8.settings import get_settings

    get_settings.cache_clear()


def given_up(client, db, body: str, **facts):
    phone = synthetic_mobile()
    case, invitation = invited_sms_case(db, phone, **facts)
    data = form(phone, body)
    assert post(client, data).status_code == 200
    with db.read() as s:
        row = s.scalars(select(SmsInbound).where(SmsInbound.message_sid == data["MessageSid"])).one()
        replies = [m.payload["text"] for m in s.scalars(select(OutboxMessage).where(
            OutboxMessage.case_id == case.id, OutboxMessage.kind == "sms_reply").order_by(OutboxMessage.id))]
    return case, row, replies


def test_the_text_is_kept_sealed_the_case_flagged_and_the_person_told_once(client, db):
    case, row, replies = given_up(client, db, "Jeg tror jeg kommer tilbake")
    assert (row.status, row.attempts, row.replies) == ("failed", 1, 0)
    assert row.body_sealed and "tilbake" not in row.body_sealed
    assert get_sealer().open(row.body_sealed) == "Jeg tror jeg kommer tilbake"
    assert replies == [NOT_SAVED_SMS]
    with db.read() as s:
        assert s.scalars(select(AuditEntry.action).where(AuditEntry.case_id == case.id, AuditEntry.action == "sms.inbound_failed")).all()
    # flagged: the JSON queue, the review queue's tag, the case page with the text
    token = make_veileder(client, "Z990412", "0219")
    items = client.get("/api/v1/queue", params={"limit": 500}, headers={"Authorization": f"Bearer {token}"}).json()["items"]
    assert next(i for i in items if i["id"] == case.id)["unanswered_sms"] == 1
    assert all(i["unanswered_sms"] == 0 for i in items if i["id"] != case.id and i["channel"] == "chat")
    pages = TestClient(create_app(), client=("127.0.0.1", 50000))  # the development sign-in answers loopback only
    login(pages, "Z990412")
    page = pages.get("/oversikt", params={"kanal": "sms"}).text
    row_html = page[page.index(f"/saker/{case.id}"):]
    assert "SMS ikke besvart" in row_html[:row_html.index("</tr>")]
    case_page = pages.get(f"/saker/{case.id}").text
    assert "SMS ikke besvart" in case_page and "Jeg tror jeg kommer tilbake" in case_page


def test_health_details_are_not_kept_and_nothing_for_a_person_who_objected(client, db):
    _, row, _ = given_up(client, db, "Jeg har vondt i ryggen og går til fysioterapeut")
    kept = get_sealer().open(row.body_sealed)
    assert "ryggen" not in kept and "fysioterapeut" not in kept
    phone = synthetic_mobile()
    case, invitation = invited_sms_case(db, phone)
    with db.write() as s:
        conversation.record_storage_objection(s, invitation.conversation_id)
    data = form(phone, "Noe jeg skrev")
    post(client, data)
    with db.read() as s:
        row = s.scalars(select(SmsInbound).where(SmsInbound.message_sid == data["MessageSid"])).one()
    assert row.status == "failed" and row.body_sealed is None


def test_a_stopp_that_got_no_answer_is_confirmed_not_called_lost(client, db):
    case, row, replies = given_up(client, db, "STOPP")
    assert replies == [STOPPED_SMS]
    with db.read() as s:
        assert s.scalars(select(OutboxMessage.id).where(OutboxMessage.case_id == case.id)).all()  # the opening, cancelled
    from uke8.store.models import Case

    with db.read() as s:
        assert s.get(Case, case.id).opted_out  # recorded before the turn, whatever happened to it

"""Nothing lost when the action server is down: Rasa then answers 200 with no messages, and the
person's SMS must not be marked done. A stack of its own (API, Rasa, action server, simulator,
delivery worker) whose action server is stopped for real:
- a message that gets no answer after every attempt keeps its text sealed for the veileder,
  flags the case in the queue, and the person is told, once, that it was not saved;
- a message sent while the action server is down is retried, and when it is back the
  message is answered and its answer stored exactly once."""
from __future__ import annotations

import secrets
import signal
from collections.abc import Iterator
from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import func, select

from tests.factories import case_body, synthetic_mobile
from tests.sms.conftest import FAST, wait_for
from uke8.sms.texts import NOT_SAVED_SMS
from uke8.dev.stack import Stack, free_port
from uke8.store.crypto import Sealer
from uke8.store.models import AnswerRecord, AuditEntry, OutboxMessage, SmsInbound

pytestmark = [pytest.mark.stack, pytest.mark.timeout(600)]

GIVE_UP_AFTER = 3
STACK_KEY = "dead-actions-secret-key-not-for-production"


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Stack, object, httpx.Client]]:
    from tests.conftest import fresh_database
    from uke8.store.db import Database

    tmp = tmp_path_factory.mktemp("dead-actions")
    with fresh_database(tmp / "uke8.db", "uke8_deadact") as url:
        admin = "adm-dead-" + secrets.token_hex(4)
        env = {"UKE8_DATABASE_URL": url, "UKE8_DATA_DIR": str(tmp / "data"), "UKE8_ADMIN_TOKEN": admin,
               "UKE8_SECRET_KEY": STACK_KEY, "UKE8_RASA_WORKERS": "1",
               **FAST, "UKE8_OUTBOX_BACKOFF": "0.3,0.6", "UKE8_OUTBOX_MAX_ATTEMPTS": str(GIVE_UP_AFTER)}
        with Stack(api_port=free_port(), action_port=free_port(), rasa_port=free_port(), sms_port=free_port(),
                   with_rasa=True, with_sms=True, env=env, log_dir=tmp / "logs") as stack:
            db = Database(url)
            api = httpx.Client(base_url=stack.api_url, headers={"Authorization": f"Bearer {admin}"}, timeout=60)
            try:
                yield stack, db, api
            finally:
                api.close()
                db.dispose()


def service_of(stack: Stack, name: str):
    return next(s for s in stack.services if s.name == name)


def stop(stack: Stack, name: str) -> None:
    service = service_of(stack, name)
    stack._signal(service, signal.SIGTERM)
    service.proc.wait(timeout=30)


def start(stack: Stack, name: str, **env: str) -> None:
    service = service_of(stack, name)
    service.env.update(env)
    stack._launch(service)
    with httpx.Client(timeout=5, trust_env=False) as client:
        def ready() -> bool:
            stack.check_alive(service)
            try:
                return bool(service.ready(client))
            except httpx.HTTPError:
                return False
        wait_for(ready, timeout=120, interval=0.3, what=f"{name} to start")


def phone_got(stack: Stack, phone: str) -> list[str]:
    r = httpx.get(f"{stack.sms_url}/messages", params={"to": phone, "direction": "outbound"}, timeout=30)
    return [m["body"] for m in r.json()["messages"]]


def send(stack: Stack, phone: str, body: str) -> str:
    r = httpx.post(f"{stack.sms_url}/inbound", json={"from": phone, "body": body}, timeout=120)
    r.raise_for_status()
    assert r.json()["status_code"] == 200, r.json()
    return r.json()["message_sid"]


def inbound(db, sid: str) -> SmsInbound:
    with db.read() as s:
        return s.scalars(select(SmsInbound).where(SmsInbound.message_sid == sid)).one()


def person_at_first_question(stack: Stack, api: httpx.Client) -> tuple[str, str]:
    """An SMS case invited through the API that has said yes to the opening SMS and got the first question."""
    phone = synthetic_mobile()
    case = api.post("/api/v1/cases", json=case_body(channel="sms", mobil=phone,
                                                    start_date=(date.today() - timedelta(days=55)).isoformat()))
    assert case.status_code in (200, 201), case.text
    case_id = case.json()["id"]
    assert api.post(f"/api/v1/cases/{case_id}/invitation").status_code == 200
    wait_for(lambda: phone_got(stack, phone), what="the opening SMS")
    send(stack, phone, "ja")
    wait_for(lambda: any("Svar 1, 2 eller 3." in b for b in phone_got(stack, phone)), timeout=60, what="the first question")
    return case_id, phone


def answers(db, case_id: str) -> list[tuple[str, str]]:
    with db.read() as s:
        return [(a.slot, a.code) for a in s.scalars(select(AnswerRecord).where(AnswerRecord.case_id == case_id).order_by(AnswerRecord.id))]


def test_no_answer_after_every_attempt_keeps_the_text_flags_the_case_and_tells_the_person(own_stack):
    stack, db, api = own_stack
    case_id, phone = person_at_first_question(stack, api)
    before = len(phone_got(stack, phone))
    stop(stack, "actions")  # the action server is down: Rasa answers 200 with no messages
    try:
        sid = send(stack, phone, "Jeg er usikker")
        wait_for(lambda: inbound(db, sid).status == "failed", timeout=60, what="the message given up")
        row = inbound(db, sid)
        assert row.attempts == GIVE_UP_AFTER and row.replies == 0
        assert row.body_sealed and Sealer(STACK_KEY.encode()).open(row.body_sealed) == "Jeg er usikker"  # kept, sealed
        assert "usikker" not in row.body_sealed
        # the person is told once, honestly; nothing else was sent to them
        wait_for(lambda: len(phone_got(stack, phone)) > before, what="the honest reply")
        assert phone_got(stack, phone)[before:] == [NOT_SAVED_SMS]
        assert answers(db, case_id) == []  # nothing was stored: that is why the text is kept
        # the case is flagged in the queue, and the veileder reads the text on the case
        item = next(i for i in api.get("/api/v1/queue", params={"limit": 500}).json()["items"] if i["id"] == case_id)
        assert item["unanswered_sms"] == 1
        view = api.get(f"/api/v1/cases/{case_id}").json()
        assert [m["text"] for m in view["unanswered_sms"]] == ["Jeg er usikker"]
        with db.read() as s:
            audited = s.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id, AuditEntry.action == "sms.inbound_failed")).all()
            assert len(audited) == 1 and "usikker" not in str(audited[0].detail)
    finally:
        start(stack, "actions")


def test_a_message_sent_while_the_action_server_is_down_is_answered_once_when_it_is_back(own_stack):
    stack, db, api = own_stack
    case_id, phone = person_at_first_question(stack, api)
    # the delivery worker's sweep keeps trying for longer than the outage
    stop(stack, "deliver")
    start(stack, "deliver", UKE8_OUTBOX_MAX_ATTEMPTS="200")
    before = len(phone_got(stack, phone))
    stop(stack, "actions")
    try:
        sid = send(stack, phone, "2")  # "Jeg er usikker"
        wait_for(lambda: inbound(db, sid).attempts >= 3, timeout=60, what="retries while the action server is down")
        row = inbound(db, sid)
        assert row.status in ("received", "processing") and row.body_sealed  # not done, nothing lost
        assert len(phone_got(stack, phone)) == before and answers(db, case_id) == []
    finally:
        start(stack, "actions")  # back
    wait_for(lambda: inbound(db, sid).status == "processed", timeout=60, what="the message answered")
    row = inbound(db, sid)
    assert row.body_sealed is None and row.replies >= 1
    assert answers(db, case_id) == [("retur", "usikker")]  # stored exactly once
    wait_for(lambda: len(phone_got(stack, phone)) >= before + row.replies, what="the bot's answer on the phone")
    got = phone_got(stack, phone)[before:]
    assert NOT_SAVED_SMS not in got and len(got) == row.replies
    assert any("Svar 1 eller 2." in b or "Svar 1, 2 eller 3." in b for b in got)  # the next question
    with db.read() as s:
        replies = s.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.idempotency_key.like(f"sms:{sid}:%")))
    assert replies == row.replies  # queued once

"""Min side tasks on the real RabbitMQ: published once per step (the outbox's exactly once),
the varsel SMS after it, closed when done, nothing lost or doubled while the broker is down.
Synthetic people only; every run and delivery is given its moment."""
from __future__ import annotations

import socket
from datetime import timedelta

from sqlalchemy import select

from tests.factories import synthetic_fnr, synthetic_mobile
from tests.lifecycle.helpers import DAY56, at, outbox_rows, register, run, view
from uke8.cases.answers import record_answer
from uke8.cases.conversation import record_opt_out
from uke8.lifecycle import outbox
from uke8.notifications import events
from uke8.notifications.publisher import RabbitMqPublisher
from uke8.notifications.worker import run_once
from uke8.settings import get_settings
from uke8.store.models import Invitation
from uke8.triage import notices


def publisher():
    s = get_settings()
    return RabbitMqPublisher(s.broker_url, s.minside_queue, timeout=2)


def conversation(db, case_id: str) -> str:
    with db.read() as s:
        return s.scalar(select(Invitation.conversation_id).where(Invitation.case_id == case_id))


def by_kind(db, case_id: str) -> dict[str, object]:
    return {m.kind: m for m in outbox_rows(db, case_id)}


def settle(db, pub, now) -> int:
    """run_once until nothing is left (the session's store holds other tests' cases too); the
    number of task events published."""
    published = 0
    for _ in range(100):
        report, closed = run_once(db, pub, now=now)
        published += report.sent
        if not (report.handled or closed):
            return published
    raise AssertionError("the worker never settled")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


def test_an_invited_chat_case_gets_one_task_then_its_varsel_and_nothing_twice(db, broker):
    fnr = synthetic_fnr()
    case_id = register(db, fnr=fnr, channel="chat", mobil=synthetic_mobile())
    run(db, DAY56)
    with publisher() as pub:
        assert settle(db, pub, at(DAY56, 9, 1)) >= 1
        assert settle(db, pub, at(DAY56, 9, 2)) == 0  # nothing twice
    got = broker.drain()
    mine = [(p, e) for p, e in got if e.task_id == events.task_id(case_id, 1)]
    assert len(mine) == 1
    properties, event = mine[0]
    rows = by_kind(db, case_id)
    invitation = rows[outbox.INVITATION]
    assert invitation.status == outbox.SENT
    assert properties.message_id == str(invitation.id) == event.event_id  # a redelivery is recognisable
    assert properties.delivery_mode == 2 and properties.headers["idempotency-key"] == invitation.idempotency_key
    assert event.event == events.OPPRETT and event.ident == fnr
    assert event.link and "/chat?t=v1." in event.link and event.text == notices.minside_task()
    assert fnr not in repr(event) and event.link not in repr(event)
    # the varsel follows the published task: an SMS without the link, without health words
    varsel = rows[outbox.VARSEL]
    assert varsel.channel == "sms" and varsel.status == outbox.PENDING
    text = varsel.payload["text"]
    assert "chat?t=" not in text and "http" not in text
    assert not any(word in text.lower() for word in notices.SMS_FORBIDDEN)
    assert view(db, case_id, DAY56)["notification"] == {"status": "sendt", "channels": ["minside"]}


def test_the_reminder_names_the_same_task_and_answering_closes_it(db, broker):
    case_id = register(db, channel="chat")
    run(db, DAY56)
    with publisher() as pub:
        settle(db, pub, at(DAY56, 9, 1))
        run(db, DAY56 + timedelta(days=7))
        settle(db, pub, at(DAY56 + timedelta(days=7), 9, 1))
        conversation_id = conversation(db, case_id)
        for slot, code in (("retur", "usikker"), ("relasjon", "god"), ("varighet", "under_26_uker")):
            with db.write() as s:
                record_answer(s, conversation_id, slot, code, source="button", today=DAY56 + timedelta(days=8))
        assert settle(db, pub, at(DAY56 + timedelta(days=8), 10)) >= 1
        assert settle(db, pub, at(DAY56 + timedelta(days=8), 11)) == 0
    got = [e for _, e in broker.drain() if e.task_id == events.task_id(case_id, 1)]
    assert [e.event for e in got] == [events.OPPRETT, events.PAMINN, events.INAKTIVER]
    assert got[-1].reason == "besvart" and got[-1].link is None
    assert view(db, case_id, DAY56 + timedelta(days=8))["notification"]["status"] == "lukket"


def test_an_opt_out_closes_the_task_and_cancels_the_varsel_not_yet_sent(db, broker):
    case_id = register(db, channel="chat", mobil=synthetic_mobile())
    run(db, DAY56)
    with publisher() as pub:
        settle(db, pub, at(DAY56, 9, 1))
        with db.write() as s:
            record_opt_out(s, conversation(db, case_id))
        settle(db, pub, at(DAY56, 12))
    rows = by_kind(db, case_id)
    assert rows[outbox.VARSEL].status == outbox.CANCELLED
    assert rows[outbox.TASK_DONE].status == outbox.SENT and rows[outbox.TASK_DONE].payload["reason"] == "reservert"
    assert [e.event for _, e in broker.drain() if e.task_id == events.task_id(case_id, 1)] == [events.OPPRETT, events.INAKTIVER]


def test_the_deadline_closes_the_task(db, broker):
    case_id = register(db, channel="chat")
    run(db, DAY56)
    with publisher() as pub:
        settle(db, pub, at(DAY56, 9, 1))
        run(db, DAY56 + timedelta(days=14))
        settle(db, pub, at(DAY56 + timedelta(days=14), 10))
    done = [e for _, e in broker.drain() if e.event == events.INAKTIVER and e.task_id == events.task_id(case_id, 1)]
    assert [e.reason for e in done] == ["frist"]


def test_broker_down_loses_nothing_and_sends_nothing_twice(db, broker, monkeypatch):
    case_id = register(db, channel="chat")
    run(db, DAY56)
    s = get_settings()
    down = RabbitMqPublisher(f"amqp://guest:guest@127.0.0.1:{closed_port()}/%2F", s.minside_queue, timeout=1)
    assert settle(db, down, at(DAY56, 9, 1)) == 0
    invitation = by_kind(db, case_id)[outbox.INVITATION]
    assert invitation.status == outbox.FAILED and invitation.attempts == 1
    assert invitation.last_error.startswith("BrokerUnavailable: broker: ")  # the exception type only
    assert broker.drain() == []
    # before the backoff has passed nothing is retried; after it, the real broker takes it once
    with publisher() as pub:
        settle(db, pub, at(DAY56, 9, 1) + timedelta(seconds=30))
        assert by_kind(db, case_id)[outbox.INVITATION].status == outbox.FAILED
        assert settle(db, pub, at(DAY56, 9, 1) + outbox.backoff(1) + timedelta(seconds=1)) >= 1
        assert settle(db, pub, at(DAY56, 10)) == 0
    got = [e for _, e in broker.drain() if e.task_id == events.task_id(case_id, 1)]
    assert len(got) == 1 and got[0].event_id == str(invitation.id)
    assert by_kind(db, case_id)[outbox.INVITATION].status == outbox.SENT

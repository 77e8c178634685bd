"""Delivery from the outbox: adapters get each due message once, failures are retried with
backoff and end as dead, and a person who may no longer be contacted gets nothing."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.lifecycle.helpers import DAY56, at, register, run
from uke8.cases import conversation
from uke8.lifecycle import outbox
from uke8.store.models import Case, Invitation, OutboxMessage


def messages(db) -> dict[str, OutboxMessage]:
    with db.read() as s:
        return {m.case_id: m for m in s.scalars(select(OutboxMessage))}


def test_an_adapter_gets_each_due_message_once_with_its_text_and_key(own_store):
    db, _ = own_store
    chat, sms = register(db), register(db, channel="sms")
    run(db, DAY56)
    got = []
    report = outbox.deliver(db, "chat", lambda message, case: got.append((message, case.id)), now=at(DAY56, 10))
    assert report.sent == 1 and [case_id for _, case_id in got] == [chat]
    message = got[0][0]
    assert message.idempotency_key == f"{chat}:1:invitation" and "/chat?t=v1." in message.text and "{lenke}" not in message.text
    assert outbox.deliver(db, "chat", lambda m, c: got.append(m), now=at(DAY56, 11)).sent == 0  # sent once
    sent = messages(db)
    assert sent[chat].status == "sent" and sent[chat].sent_at is not None and sent[chat].attempts == 1
    assert sent[sms].status == "pending"  # another channel's adapter takes it


def test_a_failing_gateway_is_retried_with_backoff_then_given_up(own_store, monkeypatch):
    db, _ = own_store
    monkeypatch.setenv("UKE8_OUTBOX_MAX_ATTEMPTS", "3")
    from uke8.settings import get_settings

    get_settings.cache_clear()
    case_id = register(db, channel="sms")
    run(db, DAY56)

    def down(message, case):
        raise ConnectionError("gateway unavailable")

    now = at(DAY56, 10)
    assert outbox.deliver(db, "sms", down, now=now).failed == 1
    message = messages(db)[case_id]
    assert (message.status, message.attempts) == ("failed", 1) and "gateway unavailable" in message.last_error
    assert message.next_attempt_at - now == timedelta(minutes=1)
    assert outbox.deliver(db, "sms", down, now=now + timedelta(seconds=30)).failed == 0  # not due yet
    assert outbox.deliver(db, "sms", down, now=now + timedelta(minutes=2)).failed == 1
    assert messages(db)[case_id].next_attempt_at - (now + timedelta(minutes=2)) == timedelta(minutes=5)
    assert outbox.deliver(db, "sms", down, now=now + timedelta(hours=1)).dead == 1
    message = messages(db)[case_id]
    assert (message.status, message.attempts, message.next_attempt_at) == ("dead", 3, None)
    assert outbox.deliver(db, "sms", down, now=now + timedelta(days=1)).dead == 0


def test_nothing_goes_out_to_someone_who_stopped_us_or_whose_leave_ended(own_store):
    db, _ = own_store
    stopped, ended, fine = register(db), register(db, end_date=DAY56 + timedelta(days=1)), register(db)
    run(db, DAY56)
    with db.write() as s:
        s.get(Case, stopped).opted_out = True  # e.g. STOPP on another channel, after the notice was queued
    got = []
    two_days_later = at(DAY56 + timedelta(days=2))
    report = outbox.deliver(db, "chat", lambda m, c: got.append(c.id), now=two_days_later)
    assert got == [fine] and report.sent == 1 and report.cancelled == 2
    assert messages(db)[stopped].status == messages(db)[ended].status == "cancelled"


def test_an_opt_out_in_the_conversation_cancels_what_is_queued(own_store):
    db, _ = own_store
    case_id = register(db)
    run(db, DAY56)
    with db.read() as s:
        conversation_id = s.scalar(select(Invitation.conversation_id).where(Invitation.case_id == case_id))
    with db.write() as s:
        conversation.record_opt_out(s, conversation_id)
    assert messages(db)[case_id].status == "cancelled"
    assert outbox.deliver(db, "chat", lambda m, c: (_ for _ in ()).throw(AssertionError("sent")), now=at(DAY56, 10)).sent == 0

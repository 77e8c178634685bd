"""Delivery through the real simulator process while it fails: 5xx, timeouts (with the request
lost, or arrived and answered late), a whole outage, then recovery. Every message reaches the
phone exactly once, one person's in the order written; after the last attempt a message is
dead, and a refusal (4xx) is dead at once."""
from __future__ import annotations

import secrets
import subprocess
import sys
from datetime import date, timedelta

import httpx
from sqlalchemy import select

from tests.factories import synthetic_fnr, synthetic_mobile
from tests.sms.conftest import wait_for
from uke8.cases import registration
from uke8.lifecycle import steps
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.lifecycle import outbox
from uke8.store.models import Case, Invitation, OutboxMessage

SEEDER = Actor("system", "test")


def sms_person(db, replies: int = 2, mobil: str | None = None) -> tuple[str, str, list[str]]:
    """An invited SMS case with its opening SMS and `replies` conversation replies queued, in
    that order; returns (case id, phone, the texts in order)."""
    today = date.today()
    phone = mobil or synthetic_mobile()
    with db.write() as s:
        case, _ = registration.register_case(s, NewCase(
            external_id="d-" + secrets.token_hex(5), fnr=synthetic_fnr(), enhet="0219",
            start_date=today - timedelta(days=55), sykmeldingsgrad=100, channel="sms", mobil=phone), SEEDER)
        invitation = steps.invite(s, case.id, today, SEEDER)
        texts = [outbox.render(m) for m in outbox.for_case(s, case.id)]
        for n in range(replies):
            text = f"Svar nummer {n + 1} til deg."
            outbox.enqueue_reply(s, case, invitation, text, f"sms:SMtest{secrets.token_hex(6)}:{n}")
            texts.append(text)
        return case.id, phone, texts


def statuses(db, case_id: str) -> list[tuple[str, int]]:
    with db.read() as s:
        return [(m.status, m.attempts) for m in s.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case_id).order_by(OutboxMessage.id))]


def all_settled(db, case_ids) -> bool:
    return all(status not in ("pending", "failed") for case_id in case_ids for status, _ in statuses(db, case_id))


def assert_once_in_order(gateway, phone: str, texts: list[str]) -> None:
    got = gateway.received(phone)
    assert [m["body"] for m in got] == texts  # each once, in the order written
    keys = [m["idempotency_key"] for m in got]
    assert len(set(keys)) == len(keys)


def test_5xx_then_recovery_delivers_everything_once_in_order(gateway, own_sms_store):
    db, _ = own_sms_store
    people = [sms_person(db), sms_person(db)]
    gateway.post("/faults", {"fail_next": 3, "fail_status": 503})
    gateway.start_worker()
    wait_for(lambda: all_settled(db, [p[0] for p in people]), what="all messages sent")
    for case_id, phone, texts in people:
        assert_once_in_order(gateway, phone, texts)
        assert all(status == "sent" for status, _ in statuses(db, case_id))
    stats = gateway.get("/stats")
    assert stats["attempts"] == 6 + 3  # three failed attempts were retried, nothing more
    assert sum(attempts for p in people for _, attempts in statuses(db, p[0])) == 9
    with db.read() as s:  # segments are reported on each message
        sent = s.scalars(select(OutboxMessage).where(OutboxMessage.case_id == people[0][0])).all()
        assert all(m.payload["segments"] >= 1 and m.payload["encoding"] == "GSM-7" and m.payload["gateway_sid"].startswith("SM") for m in sent)


def test_a_timeout_whose_request_arrived_is_retried_with_the_same_key_and_recorded_once(gateway, own_sms_store):
    db, _ = own_sms_store
    case_id, phone, texts = sms_person(db, replies=1)
    # the gateway records the message, then answers after the worker's 1 s timeout
    gateway.post("/faults", {"delay_next": 2, "delay_seconds": 2.5, "delay_mode": "after"})  # the first send and its retry
    gateway.start_worker()
    wait_for(lambda: all_settled(db, [case_id]), what="messages sent")
    assert_once_in_order(gateway, phone, texts)
    stats = gateway.get("/stats")
    # the opening timed out twice (both times recorded once), the third answer came in time
    assert [stats["attempts_by_key"][m["idempotency_key"]] for m in gateway.received(phone)] == [3, 1]
    assert statuses(db, case_id) == [("sent", 3), ("sent", 1)]


def test_a_hanging_gateway_is_retried_and_nothing_is_lost(gateway, own_sms_store):
    db, _ = own_sms_store
    case_id, phone, texts = sms_person(db, replies=2)
    gateway.post("/faults", {"delay_next": 2, "delay_seconds": 1.5, "delay_mode": "hang"})
    gateway.start_worker()
    wait_for(lambda: all_settled(db, [case_id]), what="messages sent")
    assert_once_in_order(gateway, phone, texts)
    assert [s for s, _ in statuses(db, case_id)] == ["sent"] * 3


def test_one_persons_failing_message_holds_back_only_their_later_ones(gateway, own_sms_store):
    db, _ = own_sms_store
    slow_case, slow_phone, slow_texts = sms_person(db, replies=2)
    fast_case, fast_phone, fast_texts = sms_person(db, replies=2)
    gateway.post("/faults", {"fail_next": 3, "only_to": slow_phone})
    gateway.start_worker()
    wait_for(lambda: all_settled(db, [slow_case, fast_case]), what="messages sent")
    assert_once_in_order(gateway, slow_phone, slow_texts)
    assert_once_in_order(gateway, fast_phone, fast_texts)
    slow_ids = [m["id"] for m in gateway.received(slow_phone)]
    fast_ids = [m["id"] for m in gateway.received(fast_phone)]
    assert max(fast_ids) < min(slow_ids)  # the other person was not kept waiting
    assert statuses(db, slow_case)[0] == ("sent", 4) and [a for _, a in statuses(db, slow_case)[1:]] == [1, 1]


def test_an_outage_loses_nothing_and_everything_goes_out_once_in_order_when_it_is_over(gateway, own_sms_store):
    db, _ = own_sms_store
    gateway.stop("sim")  # the gateway is down: connections refused
    first = sms_person(db, replies=1)
    gateway.start_worker(UKE8_OUTBOX_MAX_ATTEMPTS="30", UKE8_OUTBOX_BACKOFF="0.2,0.4")
    wait_for(lambda: statuses(db, first[0])[0][1] >= 3, what="failed attempts during the outage")
    with db.write() as s:  # the conversation goes on meanwhile: more replies are queued
        case = s.get(Case, first[0])
        invitation = s.scalars(select(Invitation).where(Invitation.case_id == case.id)).one()
        outbox.enqueue_reply(s, case, invitation, "Et svar skrevet under bruddet.", "sms:SMoutage:0")
    second = sms_person(db, replies=1)
    assert statuses(db, first[0])[0][0] == "failed" and not all_settled(db, [first[0], second[0]])
    gateway.start_simulator()  # back
    wait_for(lambda: all_settled(db, [first[0], second[0]]), what="everything sent after the outage")
    assert_once_in_order(gateway, first[1], first[2] + ["Et svar skrevet under bruddet."])
    assert_once_in_order(gateway, second[1], second[2])


def test_after_the_last_attempt_a_message_is_dead_and_a_refusal_is_dead_at_once(gateway, own_sms_store):
    db, _ = own_sms_store
    case_id, phone, _ = sms_person(db, replies=1)
    refused_case, _, _ = sms_person(db, replies=0, mobil="+4700")  # not a number the gateway accepts
    gateway.post("/faults", {"fail_next": 100, "only_to": phone})
    gateway.start_worker()
    wait_for(lambda: statuses(db, case_id)[0][0] == "dead" and statuses(db, refused_case)[0][0] == "dead", what="dead letters")
    assert statuses(db, case_id)[0] == ("dead", 4)  # UKE8_OUTBOX_MAX_ATTEMPTS
    httpx.delete(gateway.url + "/faults", timeout=10).raise_for_status()  # the gateway works again
    wait_for(lambda: statuses(db, case_id)[1][0] == "sent", what="the next message after a dead one")
    assert statuses(db, refused_case) == [("dead", 1)]
    with db.read() as s:
        dead = s.scalars(select(OutboxMessage).where(OutboxMessage.status == "dead").order_by(OutboxMessage.id)).all()
        errors = [m.last_error for m in dead]
        assert errors[0].startswith("GatewayUnavailable: gateway 503") and "21211" in errors[1]
        assert all(phone not in e and "+4700" not in e for e in errors)  # never the number
        assert outbox.dead_counts(s, [case_id, refused_case]) == {case_id: 1, refused_case: 1}
    assert gateway.received(phone)[-1]["body"] == "Svar nummer 1 til deg."
    # the operator's way out after a long outage: a new round for the dead message, sent once
    requeue = subprocess.run([sys.executable, "-m", "uke8.cli", "deliver", "--requeue-dead", "--case", case_id],
                             env=gateway.env, capture_output=True, text=True, timeout=60)
    assert requeue.returncode == 0 and "1 dead SMS requeued" in requeue.stdout
    wait_for(lambda: statuses(db, case_id)[0][0] == "sent", what="the requeued message")
    assert [m["body"] for m in gateway.received(phone)].count(gateway.received(phone)[-1]["body"]) == 1
    assert statuses(db, refused_case) == [("dead", 1)]  # another case's dead letter stays dead

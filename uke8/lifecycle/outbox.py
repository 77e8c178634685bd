"""The outbox: every message the product sends outside a live conversation.

A message is written in the same transaction as the state change it announces (the
invitation, the reminder), so a crash leaves either both or neither, and a rerun writes it
exactly when the state change is still to be made. Its idempotency key "case:round:kind" is
unique in the table: a second writer fails instead of queueing a second message.

Delivery adapters (the SMS delivery worker, uke8/sms/delivery.py) call `deliver()`, or
`claim()` / `record_sent()` / `record_failed()` themselves: due messages are claimed in a
short transaction (FOR UPDATE SKIP LOCKED; the claim is a lease: `next_attempt_at` moves to
the end of it, so no other adapter takes the message while it is on its way, and a worker
that dies mid-send leaves it to be tried again after the lease), sent outside any
transaction with their idempotency key, and recorded as sent / failed (retried with backoff,
UKE8_OUTBOX_BACKOFF) / dead (gave up after UKE8_OUTBOX_MAX_ATTEMPTS, or refused for good).
One person's messages of a channel go out strictly in order: a message is claimed only when
no earlier one of the same case and channel is still waiting or being retried.
A person who opted out, whose sick leave ended, or whose case was screened out gets nothing:
their pending messages are cancelled. Replies in a live SMS conversation (`sms_reply`)
answer what the person just wrote, so they still go to someone who said STOPP (the
confirmation of the STOPP itself is one of them); never to a screened-out case.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased
from sqlalchemy.orm import Session, object_session

from uke8.cases.status import Status
from uke8.clock import OSLO, moment_of, today_in_oslo
from uke8.lifecycle.links import make_link
from uke8.settings import get_settings
from uke8.store.db import Database
from uke8.store.models import Case, Invitation, OutboxMessage, utcnow
from uke8.store.repositories import OUTBOX_CANCELLED, OUTBOX_DELIVERABLE, OUTBOX_REPLY_KINDS, counts_by_case
from uke8.triage import notices

# kinds
INVITATION = "invitation"  # chat: a notice with the signed link to the chat page
SMS_OPENING = "sms_opening"  # sms: the first message of the SMS conversation
REMINDER = "reminder"  # chat or sms, once, after UKE8_REMINDER_AFTER_DAYS without an answer
TAILORED_GREETING = "tailored_greeting"  # screening: a greeting without the questions
SMS_REPLY = "sms_reply"  # the bot's answer to an SMS the person sent (uke8/sms/inbound.py)
# uke8/notifications: the chat invitation and reminder are Min side tasks; once one is published
# a neutral varsel (sms) follows, and the task is closed by a second event (chat) when done.
VARSEL, VARSEL_REMINDER, TASK_DONE = "varsel", "varsel_reminder", "task_done"
# uke8/thread/delivery.py: a veileder's message in the thread (PRODUCT.md §3b). By SMS the message
# itself (`thread_sms`); on chat a Min side beskjed with the link (`thread_notice`), then its
# neutral varsel SMS (`thread_varsel`). Outreach: never to someone who said STOPP. The key names
# the thread message, so each goes once: "case:round:kind:message id".
THREAD_SMS, THREAD_NOTICE, THREAD_VARSEL = "thread_sms", "thread_notice", "thread_varsel"
KINDS = (INVITATION, SMS_OPENING, REMINDER, TAILORED_GREETING, SMS_REPLY, VARSEL, VARSEL_REMINDER, TASK_DONE,
         THREAD_SMS, THREAD_NOTICE, THREAD_VARSEL)
# Answers to what the person wrote, not outreach: not cancelled by an opt-out.
REPLY_KINDS = (SMS_REPLY,)
assert REPLY_KINDS == OUTBOX_REPLY_KINDS  # the opt-out's cancellation (OutboxRepository) reads the same

# statuses
PENDING, SENT, FAILED, DEAD, CANCELLED = "pending", "sent", "failed", "dead", "cancelled"
STATUSES = (PENDING, SENT, FAILED, DEAD, CANCELLED)
DELIVERABLE = (PENDING, FAILED)
assert (DELIVERABLE, CANCELLED) == (OUTBOX_DELIVERABLE, OUTBOX_CANCELLED)

# The first retries come quickly (a gateway hiccup), later ones spread out. This is the
# default of UKE8_OUTBOX_BACKOFF (seconds), which the tests shorten.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=6))
# How long a claimed message is left to its adapter before another may try it.
DEFAULT_LEASE = timedelta(minutes=2)


def backoff(attempts: int) -> timedelta:
    """The wait before the next attempt after `attempts` failed ones (the last step repeats)."""
    steps = get_settings().backoff_seconds()
    return timedelta(seconds=steps[min(attempts - 1, len(steps) - 1)])


def idempotency_key(case_id: str, round_: int, kind: str) -> str:
    return f"{case_id}:{round_}:{kind}"


def link_valid_until(invitation: Invitation) -> date:
    return invitation.deadline + timedelta(days=get_settings().link_valid_days)


def chat_payload(template: str, text: str, invitation: Invitation) -> dict[str, Any]:
    # Not the signed link itself: it opens the person's conversation, and the outbox is read
    # by views, exports and backups. `render()` signs it again from the case's invitation and
    # this expiry, with UKE8_LINK_SECRET, only when the message goes out.
    return {"template": template, "text": text, "link_valid_until": link_valid_until(invitation).isoformat()}


def enqueue(session: Session, case: Case, invitation: Invitation, kind: str, today: date | None = None,
            now: datetime | None = None) -> OutboxMessage | None:
    """Queue one message for this case's invitation round, or None when nothing may be sent.
    It is due at `now`, by default the moment of `today` (clock.moment_of: a run as of a past
    day queues what is due from that day).

    Flushes at once, so a duplicate key raises IntegrityError inside the caller's
    transaction, which then rolls back together with its state change.
    """
    if not may_contact(case, today):
        return None
    channel = invitation.channel
    if kind == INVITATION or kind == SMS_OPENING:
        kind = SMS_OPENING if channel == "sms" else INVITATION
    if kind == INVITATION:
        payload = chat_payload("invitation-chat-v1", notices.invitation_chat(link_valid_until(invitation)), invitation)
    elif kind == SMS_OPENING:
        payload = {"template": "opening-sms-v1", "text": notices.sms_opening()}
    elif kind == REMINDER:
        payload = (
            {"template": "reminder-sms-v1", "text": notices.reminder_sms()}
            if channel == "sms"
            else chat_payload("reminder-chat-v1", notices.reminder_chat(link_valid_until(invitation)), invitation)
        )
    elif kind == TAILORED_GREETING:
        payload = (
            {"template": "tailored-sms-v1", "text": notices.tailored_greeting_sms()}
            if channel == "sms"
            else chat_payload("tailored-chat-v1", notices.tailored_greeting_chat(), invitation)
        )
    else:
        raise ValueError(f"unknown outbox kind {kind!r}")
    message = OutboxMessage(
        case_id=case.id,
        kind=kind,
        channel=channel,
        round=invitation.round,
        idempotency_key=idempotency_key(case.id, invitation.round, kind),
        status=PENDING,
        attempts=0,
        next_attempt_at=now or (moment_of(today) if today else utcnow()),
        payload=payload,
    )
    session.add(message)
    session.flush()
    return message


def enqueue_reply(session: Session, case: Case, invitation: Invitation, text: str, key: str,
                  extra: dict[str, Any] | None = None) -> OutboxMessage:
    """Queue one SMS reply of a live conversation (in the caller's transaction); `key` is unique
    (the inbound MessageSid and the reply's position), so a rerun cannot queue it twice."""
    return enqueue_message(session, case.id, SMS_REPLY, "sms", invitation.round, key,
                           {"template": "sms-reply", "text": text, **(extra or {})})


def enqueue_message(session: Session, case_id: str, kind: str, channel: str, round_: int, key: str,
                    payload: dict[str, Any], now: datetime | None = None) -> OutboxMessage:
    """Queue a message as given (the caller has checked that it may go); flushed at once, so a
    duplicate key raises IntegrityError inside the caller's transaction."""
    message = OutboxMessage(case_id=case_id, kind=kind, channel=channel, round=round_, idempotency_key=key,
                            status=PENDING, attempts=0, next_attempt_at=now or utcnow(), payload=payload)
    session.add(message)
    session.flush()
    return message


def may_contact(case: Case, today: date | None = None) -> bool:
    """Nothing goes to a person who opted out, whom the contact register marks as reserved
    against digital contact, whose sick leave ended, or who was screened out."""
    if case.opted_out or case.reservert_digital or case.status == Status.EKSKLUDERT:
        return False
    return case.end_date is None or case.end_date >= (today or today_in_oslo())


def may_send(message: OutboxMessage, case: Case | None, today: date | None = None) -> bool:
    """Outreach follows may_contact; a reply in a conversation the person is having goes out
    unless the case was screened out."""
    if case is None:
        return False
    if message.kind == TASK_DONE:
        return True  # closing a task takes something away from Min side: it always goes
    if message.kind in REPLY_KINDS:
        return case.status != Status.EKSKLUDERT
    return may_contact(case, today)


def render(message: OutboxMessage, session: Session | None = None) -> str:
    """The text as the person gets it: the signed link, made now from the case's invitation
    and the stored expiry, in place of its placeholder. `session`: default the message's own."""
    payload = message.payload or {}
    text = payload.get("text", "")
    if notices.LINK_PLACEHOLDER not in text or not payload.get("link_valid_until"):
        return text
    session = session or object_session(message)
    if session is None:
        raise ValueError("render() needs the message's session to find its invitation")
    conversation_id = session.scalar(select(Invitation.conversation_id).where(Invitation.case_id == message.case_id))
    if conversation_id is None:
        raise ValueError(f"outbox message {message.id}: its case has no invitation to link to")
    link = make_link(conversation_id, date.fromisoformat(payload["link_valid_until"]))
    return text.replace(notices.LINK_PLACEHOLDER, link)


def view(message: OutboxMessage) -> dict[str, Any]:
    """The message for the API and the case view: never the signed link (it opens the conversation)."""
    payload = message.payload or {}
    sms = {k: payload[k] for k in ("segments", "encoding", "gateway_sid") if k in payload}
    return sms | {
        "id": message.id,
        "case_id": message.case_id,
        "kind": message.kind,
        "channel": message.channel,
        "round": message.round,
        "idempotency_key": message.idempotency_key,
        "status": message.status,
        "attempts": message.attempts,
        "next_attempt_at": message.next_attempt_at.isoformat() if message.next_attempt_at else None,
        "last_error": message.last_error,
        "template": payload.get("template"),
        "text": payload.get("text", "").replace(notices.LINK_PLACEHOLDER, "[lenke]"),
        "link_valid_until": payload.get("link_valid_until"),
        "created_at": message.created_at.isoformat(),
        "sent_at": message.sent_at.isoformat() if message.sent_at else None,
        "receipt": message.receipt,  # the channel's delivery receipt: delivered | undelivered | failed
    }


# Receipts saying a message sent to the gateway never reached the phone (uke8/sms/receipts.py).
NOT_RECEIVED = ("undelivered", "failed")


def dead_counts(session: Session, case_ids: Sequence[str]) -> dict[str, int]:
    """Per case, the messages that did not reach the person: dead, or taken by the gateway whose
    receipt said they never arrived (a later "delivered" clears it). One query for a page of the
    queue, which flags those cases: the veileder may need to reach the person otherwise."""
    return counts_by_case(session, OutboxMessage, case_ids,
                          (OutboxMessage.status == DEAD) | OutboxMessage.receipt.in_(NOT_RECEIVED))


def for_case(session: Session, case_id: str) -> Sequence[OutboxMessage]:
    return session.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case_id).order_by(OutboxMessage.id)).all()


def search(session: Session, *, status: str | None = None, case_id: str | None = None, kind: str | None = None,
           channel: str | None = None, limit: int = 100, offset: int = 0) -> tuple[Sequence[OutboxMessage], int]:
    stmt = select(OutboxMessage)
    if status:
        stmt = stmt.where(OutboxMessage.status == status)
    if case_id:
        stmt = stmt.where(OutboxMessage.case_id == case_id)
    if kind:
        stmt = stmt.where(OutboxMessage.kind == kind)
    if channel:
        stmt = stmt.where(OutboxMessage.channel == channel)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(OutboxMessage.id).limit(limit).offset(offset)).all()
    return rows, total


# -- delivery ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Outgoing:
    """What an adapter gets: the text, the channel, and the key a gateway can de-duplicate on."""

    id: int
    case_id: str
    kind: str
    channel: str
    idempotency_key: str
    text: str
    attempts: int = 0  # failed attempts before this one
    lease_until: datetime | None = None  # the claim's lease: while `next_attempt_at` still equals it, the claim is ours


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    dead: int = 0
    cancelled: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.failed + self.dead + self.cancelled


class PermanentFailure(Exception):
    """An adapter's refusal that no retry can fix (a 4xx from the gateway): the message is dead at once."""


def _retry(message: OutboxMessage, error: str, now: datetime, permanent: bool = False) -> str:
    message.attempts += 1
    message.last_error = error[:500]
    if permanent or message.attempts >= get_settings().outbox_max_attempts:
        message.status, message.next_attempt_at = DEAD, None
    else:
        message.status = FAILED
        message.next_attempt_at = now + backoff(message.attempts)
    return message.status


def claim(db: Database, channel: str, *, now: datetime | None = None, limit: int = 100,
          lease: timedelta = DEFAULT_LEASE) -> tuple[list[tuple[Outgoing, Case]], int]:
    """Claim due messages of one channel for `lease`; returns them with their cases, and how many
    were cancelled instead (the person may no longer be contacted).

    Only the first waiting message of each case is due: a later one waits until the earlier
    one is sent, dead or cancelled, so one person's messages go out in the order written.
    """
    now = now or utcnow()
    earlier = aliased(OutboxMessage)
    claimed: list[tuple[Outgoing, Case]] = []
    cancelled = 0
    with db.write() as session:
        messages = session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.channel == channel,
                OutboxMessage.status.in_(DELIVERABLE),
                OutboxMessage.next_attempt_at <= now,
                ~select(earlier.id).where(
                    and_(earlier.case_id == OutboxMessage.case_id, earlier.channel == OutboxMessage.channel,
                         earlier.status.in_(DELIVERABLE), earlier.id < OutboxMessage.id)
                ).exists(),
            )
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        today = now.astimezone(OSLO).date()
        for message in messages:
            case = session.get(Case, message.case_id)
            if not may_send(message, case, today):
                message.status, message.last_error, message.next_attempt_at = CANCELLED, "kontakt ikke lenger tillatt", None
                cancelled += 1
                continue
            message.next_attempt_at = now + lease
            claimed.append((Outgoing(message.id, message.case_id, message.kind, message.channel, message.idempotency_key,
                                     render(message), message.attempts, message.next_attempt_at), case))
    return claimed, cancelled


def take(db: Database, outgoing: Outgoing, *, now: datetime | None = None, lease: timedelta = DEFAULT_LEASE) -> bool:
    """Right before one send: renew this message's lease if the claim is still ours (nobody
    took it after our lease ran out, it is not sent or cancelled). False: leave it alone.

    Why per message: a batch is sent one by one, and with a slow gateway its last messages
    are reached long after the claim; their lease may have run out and another worker may
    have taken them. The lease a send needs is renewed here, just before it."""
    now = now or utcnow()
    with db.write() as session:
        message = session.get(OutboxMessage, outgoing.id, with_for_update=True)
        if message is None or message.status not in DELIVERABLE or message.next_attempt_at is None:
            return False
        if _naive(message.next_attempt_at) != _naive(outgoing.lease_until):
            return False  # another worker has claimed it since (or a retry was scheduled)
        message.next_attempt_at = now + lease
        return True


def _naive(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes (UTC), PostgreSQL aware ones: compare them as naive UTC.
    if moment is not None and moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def record_sent(db: Database, message_id: int, *, now: datetime | None = None, details: dict[str, Any] | None = None,
                on_sent: Callable[[Session, OutboxMessage], None] | None = None) -> None:
    """Mark a claimed message sent; `details` (e.g. the gateway's id, segments) join its payload
    (`gateway_sid` is also its `provider_ref`, for delivery receipts). `on_sent` runs in the same
    transaction (e.g. queueing what must follow this message, exactly once)."""
    now = now or utcnow()
    with db.write() as session:
        message = session.get(OutboxMessage, message_id, with_for_update=True)
        if message is None or message.status not in DELIVERABLE:
            return
        message.status, message.sent_at, message.next_attempt_at = SENT, now, None
        message.attempts += 1
        if details:
            message.payload = {**(message.payload or {}), **details}
            message.provider_ref = str(details.get("gateway_sid") or "")[:64] or message.provider_ref
        if on_sent is not None:
            on_sent(session, message)


def record_failed(db: Database, message_id: int, error: str, *, now: datetime | None = None, permanent: bool = False) -> str:
    """Count a failed attempt: retried after the backoff, or dead. Returns the new status.
    `error` is kept (500 characters): it must not quote a number or the message text."""
    now = now or utcnow()
    with db.write() as session:
        message = session.get(OutboxMessage, message_id, with_for_update=True)
        if message is None or message.status not in DELIVERABLE:
            return message.status if message else DEAD
        return _retry(message, error, now, permanent)


def requeue_dead(db: Database, channel: str, *, case_id: str | None = None, now: datetime | None = None) -> int:
    """Give dead messages of a channel (or of one case) a new round of attempts, e.g. after a
    gateway outage longer than the backoff; the idempotency key stays, so a message the
    gateway did take is not sent twice. Returns how many were requeued."""
    now = now or utcnow()
    with db.write() as session:
        stmt = select(OutboxMessage).where(OutboxMessage.channel == channel, OutboxMessage.status == DEAD).with_for_update()
        if case_id:
            stmt = stmt.where(OutboxMessage.case_id == case_id)
        messages = session.scalars(stmt).all()
        for message in messages:
            message.status, message.attempts, message.next_attempt_at = PENDING, 0, now
            message.last_error = f"requeued after: {message.last_error or ''}"[:500]
        return len(messages)


def deliver(db: Database, channel: str, send: Callable[[Outgoing, Case], None], *, limit: int = 100,
            now: datetime | None = None, lease: timedelta = DEFAULT_LEASE,
            on_sent: Callable[[Session, OutboxMessage], None] | None = None) -> DeliveryReport:
    """Hand due messages of one channel to `send`; an exception from it counts as a failed attempt
    (PermanentFailure: dead at once).

    `send` gets the case too, so an SMS adapter can open the sealed number itself: the
    number is never copied into the outbox. An adapter's exception text is kept as
    `last_error` (500 characters), so it must not quote the number or the message text.
    `send` runs outside any transaction: a slow gateway never holds a lock on the store.
    Each message's lease is renewed right before its send (`take`): one the claim lost to
    another worker meanwhile is skipped, so no message goes out twice however slow the batch.
    """
    fixed = now  # tests pass a clock; otherwise every step reads the time it happens at
    report = DeliveryReport()
    claimed, report.cancelled = claim(db, channel, now=fixed or utcnow(), limit=limit, lease=lease)
    for outgoing, case in claimed:
        if not take(db, outgoing, now=fixed or utcnow(), lease=lease):
            continue
        try:
            details = send(outgoing, case)
        except Exception as exc:  # noqa: BLE001 - any adapter failure is a failed attempt
            status = record_failed(db, outgoing.id, f"{type(exc).__name__}: {exc}", now=fixed or utcnow(),
                                   permanent=isinstance(exc, PermanentFailure))
            report.dead += status == DEAD
            report.failed += status == FAILED
            continue
        record_sent(db, outgoing.id, now=fixed or utcnow(), details=details if isinstance(details, dict) else None,
                    on_sent=on_sent)
        report.sent += 1
    return report

"""The outbox: every message the product sends outside a live conversation.

A message is written in the same transaction as the state change it announces (the
invitation, the reminder), so a crash leaves either both or neither, and a rerun writes it
exactly when the state change is still to be made. Its idempotency key "case:round:kind" is
unique in the table: a second writer fails instead of queueing a second message.

Delivery adapters (the SMS gateway is a later issue) call `deliver()`: it claims due
messages with FOR UPDATE SKIP LOCKED (several adapters never take the same message),
re-checks that the person may still be contacted, hands each message to the adapter's
send function with its idempotency key, and records sent / failed (retried with backoff) /
dead (gave up). A person who opted out, whose sick leave ended, or whose case was screened
out gets nothing: their pending messages are cancelled.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from uke8.cases.status import Status
from uke8.lifecycle.clock import OSLO, today_in_oslo
from uke8.lifecycle.links import make_link
from uke8.settings import get_settings
from uke8.store.db import Database
from uke8.store.models import Case, Invitation, OutboxMessage, utcnow
from uke8.triage import notices

# kinds
INVITATION = "invitation"  # chat: a notice with the signed link to the chat page
SMS_OPENING = "sms_opening"  # sms: the first message of the SMS conversation
REMINDER = "reminder"  # chat or sms, once, after UKE8_REMINDER_AFTER_DAYS without an answer
TAILORED_GREETING = "tailored_greeting"  # screening: a greeting without the questions
KINDS = (INVITATION, SMS_OPENING, REMINDER, TAILORED_GREETING)

# statuses
PENDING, SENT, FAILED, DEAD, CANCELLED = "pending", "sent", "failed", "dead", "cancelled"
STATUSES = (PENDING, SENT, FAILED, DEAD, CANCELLED)
DELIVERABLE = (PENDING, FAILED)

# The first retries come quickly (a gateway hiccup), later ones spread out.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=6))


def idempotency_key(case_id: str, round_: int, kind: str) -> str:
    return f"{case_id}:{round_}:{kind}"


def link_valid_until(invitation: Invitation) -> date:
    return invitation.deadline + timedelta(days=get_settings().link_valid_days)


def _chat_payload(template: str, text: str, invitation: Invitation) -> dict[str, Any]:
    until = link_valid_until(invitation)
    return {"template": template, "text": text, "link": make_link(invitation.conversation_id, until), "link_valid_until": until.isoformat()}


def enqueue(session: Session, case: Case, invitation: Invitation, kind: str, today: date | None = None) -> OutboxMessage | None:
    """Queue one message for this case's invitation round, or None when nothing may be sent.

    Flushes at once, so a duplicate key raises IntegrityError inside the caller's
    transaction, which then rolls back together with its state change.
    """
    if not may_contact(case, today):
        return None
    channel = invitation.channel
    if kind == INVITATION or kind == SMS_OPENING:
        kind = SMS_OPENING if channel == "sms" else INVITATION
    if kind == INVITATION:
        payload = _chat_payload("invitation-chat-v1", notices.invitation_chat(link_valid_until(invitation)), invitation)
    elif kind == SMS_OPENING:
        payload = {"template": "opening-sms-v1", "text": notices.sms_opening()}
    elif kind == REMINDER:
        payload = (
            {"template": "reminder-sms-v1", "text": notices.reminder_sms()}
            if channel == "sms"
            else _chat_payload("reminder-chat-v1", notices.reminder_chat(link_valid_until(invitation)), invitation)
        )
    elif kind == TAILORED_GREETING:
        payload = (
            {"template": "tailored-sms-v1", "text": notices.tailored_greeting_sms()}
            if channel == "sms"
            else _chat_payload("tailored-chat-v1", notices.tailored_greeting_chat(), invitation)
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
        next_attempt_at=utcnow(),
        payload=payload,
    )
    session.add(message)
    session.flush()
    return message


def may_contact(case: Case, today: date | None = None) -> bool:
    """Nothing goes to a person who opted out, whose sick leave ended, or who was screened out."""
    if case.opted_out or case.status == Status.EKSKLUDERT:
        return False
    return case.end_date is None or case.end_date >= (today or today_in_oslo())


def cancel_pending(session: Session, case_id: str, reason: str) -> int:
    """Cancel what has not gone out yet (an opt-out is honoured on every channel at once)."""
    messages = session.scalars(
        select(OutboxMessage).where(OutboxMessage.case_id == case_id, OutboxMessage.status.in_(DELIVERABLE))
    ).all()
    for message in messages:
        message.status = CANCELLED
        message.last_error = reason
        message.next_attempt_at = None
    return len(messages)


def render(message: OutboxMessage) -> str:
    """The text as the person gets it: the link in place of its placeholder."""
    text = message.payload.get("text", "")
    link = message.payload.get("link")
    return text.replace(notices.LINK_PLACEHOLDER, link) if link else text


def view(message: OutboxMessage) -> dict[str, Any]:
    """The message for the API and the case view: never the signed link (it opens the conversation)."""
    payload = message.payload or {}
    return {
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
    }


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


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    dead: int = 0
    cancelled: int = 0


def _retry(message: OutboxMessage, error: str, now: datetime) -> str:
    message.attempts += 1
    message.last_error = error[:500]
    if message.attempts >= get_settings().outbox_max_attempts:
        message.status, message.next_attempt_at = DEAD, None
    else:
        message.status = FAILED
        message.next_attempt_at = now + BACKOFF[min(message.attempts - 1, len(BACKOFF) - 1)]
    return message.status


def deliver(db: Database, channel: str, send: Callable[[Outgoing, Case], None], *, limit: int = 100,
            now: datetime | None = None) -> DeliveryReport:
    """Hand due messages of one channel to `send`; an exception from it counts as a failed attempt.

    `send` gets the case too, so an SMS adapter can open the sealed number itself: the
    number is never copied into the outbox. An adapter's exception text is kept as
    `last_error` (500 characters), so it must not quote the number or the message text.
    """
    now = now or utcnow()
    report = DeliveryReport()
    with db.write() as session:
        messages = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.channel == channel, OutboxMessage.status.in_(DELIVERABLE), OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        today = now.astimezone(OSLO).date()
        for message in messages:
            case = session.get(Case, message.case_id)
            if case is None or not may_contact(case, today):
                message.status, message.last_error, message.next_attempt_at = CANCELLED, "kontakt ikke lenger tillatt", None
                report.cancelled += 1
                continue
            outgoing = Outgoing(message.id, message.case_id, message.kind, message.channel, message.idempotency_key, render(message))
            try:
                send(outgoing, case)
            except Exception as exc:  # noqa: BLE001 - any adapter failure is a failed attempt
                status = _retry(message, f"{type(exc).__name__}: {exc}", now)
                report.dead += status == DEAD
                report.failed += status == FAILED
                continue
            message.status, message.sent_at, message.next_attempt_at = SENT, now, None
            message.attempts += 1
            report.sent += 1
    return report

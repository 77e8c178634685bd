"""SMS the bot could not answer after every attempt (inbound.py gave up): kept sealed for the
veileder, flagged on the case in the queue (JSON `unanswered_sms`, the tag "SMS ikke besvart")
and shown on the case, as dead letters of the outbox are."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from uke8.store.crypto import get_sealer
from uke8.store.models import SmsInbound
from uke8.store.repositories import counts_by_case

FAILED = "failed"  # inbound.FAILED (not imported: inbound imports the case service, which imports this)


def counts(session: Session, case_ids: Sequence[str]) -> dict[str, int]:
    """Per case, its unanswered SMS: one query for a page of the queue."""
    return counts_by_case(session, SmsInbound, case_ids, SmsInbound.status == FAILED)


def for_case(session: Session, case_id: str) -> list[dict[str, Any]]:
    """The case's unanswered SMS, oldest first, with their (redacted) text for the veileder."""
    sealer = get_sealer()
    rows = session.scalars(
        select(SmsInbound).where(SmsInbound.case_id == case_id, SmsInbound.status == FAILED).order_by(SmsInbound.id)
    ).all()
    return [{"received_at": row.received_at.isoformat(), "attempts": row.attempts,
             "text": sealer.open(row.body_sealed) if row.body_sealed else None} for row in rows]

"""The notification as the case shows it (GET /api/v1/cases/{id} `notification`), and the
queue's flag "Må kontaktes på annen måte".

    {"status": "sendt" | "lukket" | "ikke_varslet", "channels": ["minside", "sms"], "reason"?}

- sendt: the invitation reached its channel (chat: the Min side task was published, and the
  varsel SMS, if any, was sent; sms: the opening SMS was sent); `channels` lists them.
- lukket: the Min side task was closed; `reason` besvart | reservert | frist | avsluttet.
- ikke_varslet: nothing reached the person; `reason` reservert_digital (the contact register),
  ikke_invitert, ekskludert (screened out: nothing is sent), venter (queued or being retried),
  ikke_levert (the delivery gave up, or the gateway reported it undelivered), stoppet
  (cancelled: the person opted out or the sick leave ended before it went).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from uke8.lifecycle import outbox
from uke8.store.models import Case, Invitation, OutboxMessage

FIRST_CONTACT = (outbox.INVITATION, outbox.SMS_OPENING, outbox.TAILORED_GREETING)
OUTREACH = (outbox.INVITATION, outbox.SMS_OPENING, outbox.REMINDER, outbox.VARSEL, outbox.VARSEL_REMINDER)
NOT_RECEIVED = ("undelivered", "failed")  # receipts that say the person did not get it
STATUSES = ("sendt", "lukket", "ikke_varslet")
REASONS = ("reservert_digital", "ikke_invitert", "ekskludert", "venter", "ikke_levert", "stoppet",
           "besvart", "reservert", "frist", "avsluttet")
CONTACT_OTHERWISE = ("reservert_digital", "ikke_levert")


def _not(reason: str) -> dict[str, Any]:
    return {"status": "ikke_varslet", "channels": [], "reason": reason}


def _reached(message: OutboxMessage) -> bool:
    return message.status == outbox.SENT and message.receipt not in NOT_RECEIVED


def notification_view(session: Session, case: Case) -> dict[str, Any]:
    if case.reservert_digital:
        return _not("reservert_digital")
    invitation = session.scalar(select(Invitation).where(Invitation.case_id == case.id))
    if invitation is None:
        return _not("ikke_invitert")
    messages = list(outbox.for_case(session, case.id))
    first = next((m for m in messages if m.kind in FIRST_CONTACT and m.round == 1), None)
    if first is None:
        return _not("ekskludert" if invitation.screening == "ekskludert_ingen_hilsen" else "stoppet")
    if first.status in outbox.DELIVERABLE:
        return _not("venter")
    if first.status == outbox.CANCELLED:
        return _not("stoppet")
    if not _reached(first):
        return _not("ikke_levert")
    channels = ["minside"] if first.channel == "chat" else ["sms"]
    if any(m.kind == outbox.VARSEL and _reached(m) for m in messages):
        channels.append("sms")
    done = next((m for m in messages if m.kind == outbox.TASK_DONE and m.status == outbox.SENT), None)
    if done is not None:
        return {"status": "lukket", "channels": channels, "reason": (done.payload or {}).get("reason", "besvart")}
    return {"status": "sendt", "channels": channels}


def contact_otherwise(session: Session, cases: Sequence[tuple[str, bool]]) -> dict[str, str]:
    """Per case of a queue page ((id, reservert_digital)), why the veileder must reach the person
    another way: reservert_digital, or ikke_levert (the gateway reported an invitation,
    reminder or varsel undelivered). One query for the page."""
    flags = {case_id: "reservert_digital" for case_id, reserved in cases if reserved}
    rest = [case_id for case_id, reserved in cases if not reserved]
    if rest:
        flags.update({case_id: "ikke_levert" for case_id in session.scalars(
            select(OutboxMessage.case_id).distinct().where(
                OutboxMessage.case_id.in_(rest), OutboxMessage.kind.in_(OUTREACH), OutboxMessage.receipt.in_(NOT_RECEIVED)))})
    return flags

"""SMS delivery receipts: the gateway's status callbacks (POST /api/v1/sms/status, signed like
inbound messages) name a message by its sid and say what became of it.

The outbox message with that `provider_ref` (the gateway's sid, recorded when it was sent)
gets the receipt: `delivered`, `undelivered` or `failed` (Twilio's final states; the interim
ones, queued/sending/sent/accepted, change nothing). An invitation, reminder or varsel that did
not arrive flags the case in the queue ("Må kontaktes på annen måte", uke8/notifications/status.py)
and is audited on the case. A receipt for a sid we never sent is ignored (nothing tells that a
case exists). The number and the text are never read here: only the sid, the status and the
gateway's numeric error code.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from uke8.cases import audit
from uke8.cases.actors import Actor
from uke8.lifecycle import outbox
from uke8.store.db import Database
from uke8.store.models import OutboxMessage, utcnow

FINAL = ("delivered", "undelivered", "failed")
NOT_RECEIVED = outbox.NOT_RECEIVED
OUTREACH = (outbox.SMS_OPENING, outbox.REMINDER, outbox.VARSEL, outbox.VARSEL_REMINDER, outbox.TAILORED_GREETING)
GATEWAY = Actor("system", "sms-gateway", via="sms")


def record_receipt(db: Database, message_sid: str, status: str, error_code: str | None = None, *,
                   now: datetime | None = None) -> str:
    """Returns "recorded", "unchanged", "interim" (not a final state) or "unknown" (no such message)."""
    status = status.strip().lower()
    if status not in FINAL:
        return "interim"
    code = error_code if error_code and error_code.isdigit() else None
    with db.write() as session:
        message = session.scalar(select(OutboxMessage).where(OutboxMessage.provider_ref == message_sid[:64],
                                                             OutboxMessage.channel == "sms").with_for_update())
        if message is None:
            return "unknown"
        if message.receipt == status:
            return "unchanged"
        message.receipt, message.receipt_at = status, now or utcnow()
        if status in NOT_RECEIVED:
            message.last_error = f"receipt {status}" + (f" (code {code})" if code else "")
            if message.kind in OUTREACH:
                audit.write(session, GATEWAY, "case.sms.undelivered", message.case_id,
                            {"kind": message.kind, "status": status, **({"error_code": code} if code else {})})
        return "recorded"

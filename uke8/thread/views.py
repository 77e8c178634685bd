"""The thread as the veileder's side shows it (GET /api/v1/cases/{id}/messages, the case page):
plain data, read with a fixed number of queries per case. Callers audit the read
(messages.read_thread)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from uke8.lifecycle import outbox
from uke8.store.models import Meeting, OutboxMessage, ThreadMessage
from uke8.thread import meetings

# The outbox kinds that carry a veileder's message to the person (by SMS, or the chat notice).
DELIVERY_KINDS = (outbox.THREAD_SMS, outbox.THREAD_NOTICE)


def deliveries(session: Session, case_id: str) -> dict[int, OutboxMessage]:
    """Per thread message id, the outbox message that carries it to the person."""
    rows = session.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case_id,
                                                       OutboxMessage.kind.in_(DELIVERY_KINDS)))
    return {int(m.payload["thread_message_id"]): m for m in rows if (m.payload or {}).get("thread_message_id") is not None}


def delivery_status(row: OutboxMessage | None) -> str | None:
    """venter | sendt | ikke_levert | stoppet, for a veileder's message; None when nothing was queued."""
    if row is None:
        return None
    if row.status == outbox.SENT:
        return "ikke_levert" if row.receipt in ("undelivered", "failed") else "sendt"
    return {outbox.DEAD: "ikke_levert", outbox.CANCELLED: "stoppet"}.get(row.status, "venter")


def message_views(session: Session, case_id: str, rows: Sequence[ThreadMessage]) -> list[dict[str, Any]]:
    """The thread, oldest first: {"id", "from", "text", "at", "author_name", "redacted",
    "meeting", "delivery"} (meeting: the one the message proposed; delivery: veileder messages)."""
    meeting_ids = {m.meeting_id for m in rows if m.meeting_id is not None}
    linked = {m.id: m for m in session.scalars(select(Meeting).where(Meeting.id.in_(meeting_ids)))} if meeting_ids else {}
    sent = deliveries(session, case_id) if any(m.sender == "veileder" for m in rows) else {}
    return [{
        "id": m.id,
        "from": m.sender,
        "text": m.text,
        "at": m.created_at.isoformat(),
        "author_name": m.author_name if m.sender == "veileder" else None,
        "redacted": m.redacted,
        "meeting": meetings.view(linked.get(m.meeting_id)) if m.meeting_id is not None else None,
        "delivery": delivery_status(sent.get(m.id)) if m.sender == "veileder" else None,
    } for m in rows]


def case_meeting(session: Session, case_id: str) -> dict[str, Any] | None:
    """The case's meeting for the case view: the open one, else the latest (avlyst)."""
    return meetings.view(meetings.open_meeting(session, case_id) or meetings.latest_meeting(session, case_id))

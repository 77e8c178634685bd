"""The review queue for the caller's enheter: the review pages' read model (uke8/review/queue.py),
paged by offset, with the API's per-row details."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from api.deps import ActorDep, DatabaseDep
from api.responses import QueueOut
from api.schemas import MAX_OFFSET
from uke8.cases.status import Status
from uke8.clock import today_in_oslo
from uke8.review.queue import ApiDetails, QueueQuery, QueueRow, api_details, queue_page
from uke8.store.repositories import AuditRepository

router = APIRouter(tags=["queue"])


@router.get("/queue", response_model=QueueOut)
def queue(
    actor: ActorDep,
    db: DatabaseDep,
    status: list[Status] | None = Query(default=None, max_length=len(Status), description="one or more statuses; repeat the parameter"),
    enhet: str | None = Query(default=None, pattern=r"^\d{4}$"),
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0, le=MAX_OFFSET),
    ny_melding: bool = Query(default=False, description='only cases with "Ny melding": the person wrote in the thread, not read yet'),
) -> dict[str, Any]:
    enheter = actor.enheter
    if enhet is not None:
        enheter = frozenset({enhet}) & enheter if enheter is not None else frozenset({enhet})
    # Read in a read transaction: on SQLite a write transaction would hold the store's only
    # write lock for the whole read and make conversation turns wait. The audit follows in a
    # short write of its own.
    statuses = tuple(s.value for s in status or [])
    with db.read() as session:
        query = QueueQuery(enheter=enheter, statuses=statuses, per_page=limit, offset=offset,
                           view="ny_melding" if ny_melding else "alle")
        page = queue_page(session, query, today_in_oslo())
        details = api_details(session, page.rows)
        items = [_item(row, details[row.id]) for row in page.rows]
    with db.write() as session:
        AuditRepository(session).append(
            actor=actor.ident, actor_kind=actor.kind, action="queue.read", case_id=None, outcome="ok",
            detail={"count": len(items), "statuses": list(statuses)},
        )
    return {"total": page.total, "limit": limit, "offset": offset, "counts": page.counts,
            "with_new_messages": page.with_new_messages, "items": items}


def _item(row: QueueRow, details: ApiDetails) -> dict[str, Any]:
    return {
        "id": row.id,
        "external_id": row.external_id,
        "enhet": row.enhet,
        "status": row.status,
        "channel": row.channel,
        "sykmeldingsgrad": row.sykmeldingsgrad,
        "handoff_requested": row.handoff_requested,
        "opted_out": row.opted_out,
        "gjentakende_fravaer": row.gjentakende_fravaer,
        "assigned_to": row.assigned_to,
        "classification": details.classification,
        "reasons": details.reasons,
        # the lifecycle's next step and its day; a checkpoint return names its week
        "next_due": row.next_due,
        "checkpoint_week": row.returned_week,
        "updated_at": row.updated_at.isoformat(),
        # messages to the person the delivery gave up on (GET /outbox?status=dead&case_id=)
        "undelivered_messages": details.undelivered_messages,
        # SMS from the person the bot could not answer (kept for the veileder on the case)
        "unanswered_sms": details.unanswered_sms,
        # "Må kontaktes på annen måte": the contact register, or a varsel that did not arrive
        "reservert_digital": row.reservert_digital,
        "contact_otherwise": details.contact_otherwise,
        # "Ny melding": the person wrote in the thread after the questions (uke8/thread)
        "unread_from_person": row.unread_from_person,
    }

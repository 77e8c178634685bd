"""The review queue for the caller's enheter."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from api.deps import ActorDep, DatabaseDep
from api.responses import QueueOut
from api.schemas import MAX_OFFSET
from uke8.cases.status import Status
from uke8.lifecycle import outbox, timeline
from uke8.lifecycle.clock import today_in_oslo
from uke8.sms import unanswered as sms_unanswered
from uke8.store.repositories import AuditRepository, CaseRepository

router = APIRouter(tags=["queue"])


@router.get("/queue", response_model=QueueOut)
def queue(
    actor: ActorDep,
    db: DatabaseDep,
    status: list[Status] | None = Query(default=None, max_length=len(Status), description="one or more statuses; repeat the parameter"),
    enhet: str | None = Query(default=None, pattern=r"^\d{4}$"),
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    enheter = actor.enheter
    if enhet is not None:
        enheter = frozenset({enhet}) & enheter if enheter is not None else frozenset({enhet})
    # Read in a read transaction: on SQLite a write transaction would hold the store's only
    # write lock for the whole read and make conversation turns wait. The audit follows in a
    # short write of its own.
    with db.read() as session:
        repo = CaseRepository(session)
        cases, total = repo.queue(enheter, [s.value for s in status or []], limit=limit, offset=offset)
        assessments = repo.latest_assessments(case.id for case in cases)
        clocks = timeline.load_timelines(session, cases)
        dead = outbox.dead_counts(session, [case.id for case in cases])
        unanswered = sms_unanswered.counts(session, [case.id for case in cases])
        today = today_in_oslo()
        items = []
        for case in cases:
            assessment = assessments.get(case.id)
            items.append(
                {
                    "id": case.id,
                    "external_id": case.external_id,
                    "enhet": case.enhet,
                    "status": case.status,
                    "channel": case.channel,
                    "sykmeldingsgrad": case.sykmeldingsgrad,
                    "handoff_requested": case.handoff_requested,
                    "opted_out": case.opted_out,
                    "gjentakende_fravaer": case.gjentakende_fravaer,
                    "assigned_to": case.assigned_to,
                    "classification": assessment.classification if assessment else None,
                    "reasons": list(assessment.reasons) if assessment else [],
                    # the lifecycle's next step and its day; a checkpoint return names its week
                    "next_due": timeline.next_due(clocks[case.id], today),
                    "checkpoint_week": timeline.returned_week(clocks[case.id]),
                    "updated_at": case.updated_at.isoformat(),
                    # messages to the person the delivery gave up on (GET /outbox?status=dead&case_id=)
                    "undelivered_messages": dead.get(case.id, 0),
                    # SMS from the person the bot could not answer (kept for the veileder on the case)
                    "unanswered_sms": unanswered.get(case.id, 0),
                }
            )
        counts = repo.counts_by_status(enheter)
    with db.write() as session:
        AuditRepository(session).append(
            actor=actor.ident, actor_kind=actor.kind, action="queue.read", case_id=None, outcome="ok",
            detail={"count": len(items), "statuses": [s.value for s in status or []]},
        )
    return {"total": total, "limit": limit, "offset": offset, "counts": counts, "items": items}

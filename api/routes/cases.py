"""Cases: register, invite, read, decide, and the audit trail of one case."""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response, status
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.deps import ActorDep, DatabaseDep, accessible_case, audit_refusal
from api.schemas import CaseIn, DecisionIn
from uke8.cases import service
from uke8.cases.service import Actor, NewCase
from uke8.lifecycle.clock import today_in_oslo
from uke8.store.repositories import AuditRepository

router = APIRouter(prefix="/cases", tags=["cases"])

_accessible_case = accessible_case  # the rule is shared with the review pages


def _audit(session: Session, actor: Actor, action: str, case_id: str, detail: dict[str, Any] | None = None) -> None:
    AuditRepository(session).append(actor=actor.ident, actor_kind=actor.kind, action=action, case_id=case_id, outcome="ok", detail=detail)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_case(body: CaseIn, request: Request, response: Response, actor: ActorDep, db: DatabaseDep) -> dict[str, Any]:
    if actor.enheter is not None and body.enhet not in actor.enheter:
        audit_refusal(db, request, actor, "forbidden", {"reason": "enhet outside the veileder's enheter", "enhet": body.enhet})
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="You can only register cases in your own enheter.")
    new = NewCase(**body.model_dump(exclude={"grade_changes", "fodselsdato"}), fodselsdato=body.birth_date(),
                  grade_changes=[(g.valid_from, g.grade) for g in body.grade_changes])
    for attempt in range(2):
        try:
            with db.write() as session:
                case, created = service.register_case(session, new, actor)
                view = service.case_view(session, case)
            break
        except IntegrityError:
            # Two requests with the same external_id at once: the loser reads the winner's case.
            if attempt:
                raise
    if not created:
        response.status_code = status.HTTP_200_OK
    return view


@router.get("/{case_id}")
def read_case(case_id: str, actor: ActorDep, db: DatabaseDep) -> dict[str, Any]:
    with db.write() as session:
        case = _accessible_case(session, actor, case_id)
        _audit(session, actor, "case.read", case.id)
        return service.case_view(session, case)


@router.post("/{case_id}/invitation")
def invite_case(case_id: str, actor: ActorDep, db: DatabaseDep, today: date | None = None) -> dict[str, Any]:
    with db.write() as session:
        _accessible_case(session, actor, case_id)
        invitation = service.invite(session, case_id, today or today_in_oslo(), actor)
        return {
            "conversation_id": invitation.conversation_id,
            "channel": invitation.channel,
            "screening": invitation.screening,
            "invited_on": invitation.invited_on.isoformat(),
            "deadline": invitation.deadline.isoformat(),
        }


@router.post("/{case_id}/decision")
def decide(case_id: str, body: DecisionIn, actor: ActorDep, db: DatabaseDep) -> dict[str, Any]:
    with db.write() as session:
        case = _accessible_case(session, actor, case_id, for_update=True)
        decision = service.decide(session, case_id, actor, body.classification, body.reason)
        _audit(session, actor, "case.decide", case_id, {"classification": body.classification, "overrides_proposal": decision.overrides_proposal})
        return service.case_view(session, case)


@router.get("/{case_id}/audit")
def case_audit(case_id: str, actor: ActorDep, db: DatabaseDep) -> dict[str, Any]:
    with db.write() as session:
        case = _accessible_case(session, actor, case_id)
        _audit(session, actor, "case.audit.read", case.id)
        session.flush()
        entries = AuditRepository(session).for_case(case.id)
        return {
            "case_id": case.id,
            "entries": [
                {"at": e.at.isoformat(), "actor": e.actor, "actor_kind": e.actor_kind, "action": e.action, "outcome": e.outcome, "detail": e.detail}
                for e in entries
            ],
        }

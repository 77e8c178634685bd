"""Cases: register, invite, read, decide, and the audit trail of one case.

Registering (creating or changing) a case is the register feed's job: the admin (system) token
only. Reads and refusals are audited in a short transaction of their own (uke8/cases/audit.py),
so the entry stays whatever happens to the request afterwards; the use cases write the audit
row of a change themselves, inside its transaction.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.deps import ActorDep, DatabaseDep, IsoDate, SettingsDep, accessible_case, as_of, route_name, valid_case_id
from api.responses import CaseAuditOut, CaseOut, InvitationOut
from api.schemas import CaseBody, DecisionIn
from uke8.cases import audit, decisions, registration
from uke8.lifecycle import steps
from uke8.review.case_view import case_view
from uke8.store.repositories import AuditRepository, CaseRepository

# A malformed case id answers 404 before the token check and before any database access.
router = APIRouter(prefix="/cases", tags=["cases"], dependencies=[Depends(valid_case_id)])

_accessible_case = accessible_case  # the rule is shared with the review pages


# The case view holds outbox messages, whose SMS figures are absent until sent: an absent key
# stays absent (api/responses.py).
@router.post("", status_code=status.HTTP_201_CREATED, response_model=CaseOut, response_model_exclude_unset=True, responses={
    200: {"model": CaseOut, "description": "a case with this external_id exists: its facts updated, the case returned"},
    403: {"description": "not the admin (register feed) token; audited"}})
def create_case(body: CaseBody, request: Request, response: Response, actor: ActorDep, db: DatabaseDep) -> dict[str, Any]:
    if actor.kind != "admin":
        # A veileder could otherwise take over any case by its external_id (and read it back).
        # The refusal names the case it aimed at, so that case's own audit trail shows it.
        with db.read() as session:
            target = CaseRepository(session).by_external_id(body.external_id)
            target_id = target.id if target is not None else None
        audit.record_for(db, actor, route_name(request), target_id, outcome="forbidden",
                         detail={"reason": "only the register feed (admin token) creates or changes cases",
                                 "enhet": body.enhet, "existing_case": target_id is not None})
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Only the register feed (the admin token) creates or changes cases.")
    new = body.new_case()
    for attempt in range(2):
        try:
            with db.write() as session:
                case, created = registration.register_case(session, new, actor)
                view = case_view(session, case)
            break
        except IntegrityError:
            # Two requests with the same external_id at once: the loser reads the winner's case.
            if attempt:
                raise
    if not created:
        # The whole case goes back to the caller: a read, audited like any other.
        audit.record_for(db, actor, "case.read", view["id"], {"via": "register"})
        response.status_code = status.HTTP_200_OK
    return view


@router.get("/{case_id}", response_model=CaseOut, response_model_exclude_unset=True)
def read_case(case_id: str, actor: ActorDep, db: DatabaseDep) -> dict[str, Any]:
    with db.read() as session:
        case = _accessible_case(session, actor, case_id)
        # Audited before the case is put together: if that fails, the attempt is still on record.
        audit.record_for(db, actor, "case.read", case_id)
        return case_view(session, case)


@router.post("/{case_id}/invitation", response_model=InvitationOut, responses={400: {"description": "in production, a today= other than today"}})
def invite_case(case_id: str, actor: ActorDep, db: DatabaseDep, settings: SettingsDep, today: IsoDate | None = None) -> dict[str, Any]:
    """`today` (YYYY-MM-DD) is for development and tests; in production only today is accepted."""
    day = as_of(settings, today)
    with db.write() as session:
        _accessible_case(session, actor, case_id)
        again = CaseRepository(session).invitation_for_case(case_id) is not None
        invitation = steps.invite(session, case_id, day, actor)
        view = {
            "conversation_id": invitation.conversation_id,
            "channel": invitation.channel,
            "screening": invitation.screening,
            "invited_on": invitation.invited_on.isoformat(),
            "deadline": invitation.deadline.isoformat(),
        }
    if again:
        # Nothing was written (the first invitation is returned), but its conversation id was read.
        audit.record_for(db, actor, "case.invitation.read", case_id)
    return view


@router.post("/{case_id}/decision", response_model=CaseOut, response_model_exclude_unset=True)
def decide(case_id: str, body: DecisionIn, actor: ActorDep, db: DatabaseDep) -> dict[str, Any]:
    with db.write() as session:
        case = _accessible_case(session, actor, case_id, for_update=True)
        decisions.decide(session, case_id, actor, body.classification, body.reason)  # audits itself
        return case_view(session, case)


@router.get("/{case_id}/audit", response_model=CaseAuditOut)
def case_audit(case_id: str, actor: ActorDep, db: DatabaseDep) -> dict[str, Any]:
    with db.read() as session:
        _accessible_case(session, actor, case_id)
    audit.record_for(db, actor, "case.audit.read", case_id)  # first: it stays, and the list shows it
    with db.read() as session:
        entries = AuditRepository(session).for_case(case_id)
        return {
            "case_id": case_id,
            "entries": [
                {"at": e.at.isoformat(), "actor": e.actor, "actor_kind": e.actor_kind, "action": e.action, "outcome": e.outcome, "detail": e.detail}
                for e in entries
            ],
        }

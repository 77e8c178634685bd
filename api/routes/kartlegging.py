"""The kartlegging's outcome: POST /cases/{id}/kartlegging (uke8/cases/kartlegging.py).

Thin: the enhet scoping of every case route (another enhet's case answers 404, as a missing
one), the body (api/schemas.py KartleggingIn), the use case (which writes its own audit row and
refuses with a CaseError, answered 409), then the case as GET /cases/{id} shows it."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from api.deps import ActorDep, DatabaseDep, accessible_case, valid_case_id
from api.responses import CaseOut
from api.schemas import KartleggingIn
from uke8.cases import kartlegging
from uke8.review.case_view import case_view

router = APIRouter(prefix="/cases", tags=["cases"], dependencies=[Depends(valid_case_id)])


@router.post("/{case_id}/kartlegging", response_model=CaseOut, response_model_exclude_unset=True)
def record_kartlegging(case_id: str, body: KartleggingIn, actor: ActorDep, db: DatabaseDep) -> dict[str, Any]:
    """Record what the kartlegging found, or that the person is "ikke aktuell nå" after all.
    The same veileder's same outcome again changes nothing."""
    given = kartlegging.OutcomeIn(innsats=body.innsats, trenger_14a=body.trenger_14a, note=body.note,
                                  ikke_aktuell_na=body.ikke_aktuell_na)
    with db.write() as session:
        case = accessible_case(session, actor, case_id, for_update=True)
        kartlegging.record_outcome(session, case_id, actor, given)  # audits itself
        return case_view(session, case)

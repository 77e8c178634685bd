"""New information, and asking the person again: POST /cases/{id}/new-information and
POST /cases/{id}/ask-again (uke8/cases/new_information.py, uke8/lifecycle/ask_again.py).

Thin: the enhet scoping of every case route (another enhet's case answers 404, as a missing
one), the body (api/schemas.py NewInformationIn), the use case (which writes its own audit row
and refuses with a CaseError, answered 409), then the case as GET /cases/{id} shows it."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from api.deps import ActorDep, DatabaseDep, IsoDate, SettingsDep, accessible_case, as_of, valid_case_id
from api.responses import CaseOut
from api.schemas import NewInformationIn
from uke8.cases import new_information
from uke8.lifecycle.ask_again import ask_again
from uke8.review.case_view import case_view

router = APIRouter(prefix="/cases", tags=["cases"], dependencies=[Depends(valid_case_id)])


@router.post("/{case_id}/new-information", response_model=CaseOut, response_model_exclude_unset=True)
def record_new_information(case_id: str, body: NewInformationIn, actor: ActorDep, db: DatabaseDep) -> dict[str, Any]:
    """A decided case (vurdert, ferdigbehandlet, sjekkpunkt) returns to the queue now, as
    `ny_informasjon`; any other case records it. With `key`, the same key again changes nothing."""
    with db.write() as session:
        case = accessible_case(session, actor, case_id, for_update=True)
        new_information.record(session, case_id, actor, body.kind, body.note, key=body.key)  # audits itself
        return case_view(session, case)


@router.post("/{case_id}/ask-again", response_model=CaseOut, response_model_exclude_unset=True,
             responses={400: {"description": "in production, a today= other than today"}})
def ask_person_again(case_id: str, actor: ActorDep, db: DatabaseDep, settings: SettingsDep,
                     today: IsoDate | None = None) -> dict[str, Any]:
    """After new information: a new round of the questions, sent on the case's channel, with its
    own answer deadline. Again while that round is open changes nothing. `today` (YYYY-MM-DD)
    is for development and tests; in production only today is accepted."""
    day = as_of(settings, today)
    with db.write() as session:
        case = accessible_case(session, actor, case_id, for_update=True)
        ask_again(session, case_id, actor, day)  # audits itself
        return case_view(session, case, day)

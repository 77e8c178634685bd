"""Who the person is (issue 16 item 8): POST /cases/{id}/reveal shows the fødselsnummer or the
phone number of one case of the veileder's enhet (404 otherwise, audited), audited with its
purpose (uke8/review/reveal.py). The answer is never cached (`Cache-Control: no-store`); lists,
the queue and the logs never hold either value."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status

from api.deps import ActorDep, DatabaseDep, accessible_case, audit_refusal, valid_case_id
from api.responses import RevealOut
from api.schemas import RevealIn
from uke8.review import reveal

router = APIRouter(prefix="/cases", tags=["cases"], dependencies=[Depends(valid_case_id)])


@router.post("/{case_id}/reveal", response_model=RevealOut)
def reveal_identity(case_id: str, body: RevealIn, request: Request, response: Response, actor: ActorDep,
                    db: DatabaseDep) -> dict[str, Any]:
    """The value, for a veileder of the case's enhet; 409 when the case has none (no phone number)."""
    response.headers["Cache-Control"] = "no-store"
    if actor.kind != "veileder":
        audit_refusal(db, request, actor, "forbidden", {"reason": "only a veileder of the case's enhet"})
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Only a veileder of the case's enhet may see this.")
    with db.write() as session:
        case = accessible_case(session, actor, case_id)
        value = reveal.reveal(session, case, actor, body.what, body.purpose)  # audits itself
    return {"what": body.what, "value": value}

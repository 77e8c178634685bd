"""The thread after the questions (PRODUCT.md §3b, uke8/thread): the veileder writes to the person
(POST /cases/{id}/messages) and reads the thread (GET /cases/{id}/messages).

Thin: the enhet scoping of every case route (another enhet's case answers 404, as a missing
one, audited), the body (api/schemas.py ThreadMessageIn), the use case (uke8/thread/delivery.py:
stores, audits and queues the delivery; a person it cannot reach is a CaseError, answered 409
with what to do instead). Only a veileder writes: the admin token is the register feed's."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response, status
from fastapi.responses import JSONResponse

from api.deps import ActorDep, DatabaseDep, accessible_case, audit_refusal, valid_case_id
from api.responses import ThreadMessageOut
from api.schemas import CLIENT_KEY, ThreadMessageIn, ValidationErrorOut
from uke8.cases.actors import Actor
from uke8.thread import delivery, messages
from uke8.thread.delivery import MessageRefused
from uke8.thread.meetings import MeetingRefused, MeetingRequest
from uke8.thread.views import message_views

router = APIRouter(prefix="/cases", tags=["thread"], dependencies=[Depends(valid_case_id)])


def _unprocessable(db, request: Request, actor: Actor, where: list[str], message: str) -> JSONResponse:
    """422 in the shape of every validation refusal (api/main.py), audited like them."""
    audit_refusal(db, request, actor, "invalid", {"message": message[:500]})
    return JSONResponse(status_code=422, content={"message": f"{'.'.join(where)}: {message}",
                                                  "detail": [{"loc": ["body", *where], "msg": message, "type": "value_error"}]})


def _veileder_only(db, request: Request, actor: Actor) -> None:
    if actor.kind != "veileder":
        audit_refusal(db, request, actor, "forbidden", {"reason": "only a veileder writes to the person"})
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Only a veileder of the case's enhet writes to the person.")


@router.post("/{case_id}/messages", status_code=status.HTTP_201_CREATED, response_model=ThreadMessageOut, responses={
    200: {"model": ThreadMessageOut, "description": "the same client key (or Idempotency-Key) again: the first message, unchanged"},
    422: {"model": ValidationErrorOut, "description": "invalid input: text, a time without its offset or in the past, a repeat; "
                                                      "by SMS a text too long or about sick leave or health"}})
def post_message(case_id: str, body: ThreadMessageIn, request: Request, response: Response, actor: ActorDep, db: DatabaseDep,
                 idempotency_key: str | None = Header(default=None, alias="Idempotency-Key", min_length=1, max_length=62,
                                                      pattern=CLIENT_KEY)) -> Any:
    """Write to the person, perhaps proposing a meeting (1-3 times and a form). Delivered on the
    person's channel: by SMS (signed, numbered times), or on chat with a Min side beskjed that
    links to the conversation. 409 when the person cannot be reached (no invitation, STOPP,
    reserved against digital contact …): the detail says so."""
    _veileder_only(db, request, actor)
    meeting = None
    if body.meeting is not None:
        try:
            slots = tuple(datetime.fromisoformat(slot) for slot in body.meeting.slots)
        except ValueError:
            return _unprocessable(db, request, actor, ["meeting", "slots"], "a time is ISO 8601, e.g. 2027-01-12T10:00:00+01:00")
        meeting = MeetingRequest(slots, body.meeting.form)
    try:
        with db.write() as session:
            accessible_case(session, actor, case_id, for_update=True)
            posted = delivery.post_from_veileder(session, case_id, actor, body.text, meeting,
                                                 client_key=body.client_key or idempotency_key)
            view = message_views(session, case_id, [posted.message])[0]
    except MeetingRefused as refused:
        return _unprocessable(db, request, actor, ["meeting"], str(refused))
    except MessageRefused as refused:
        return _unprocessable(db, request, actor, ["text"], str(refused))
    if not posted.created:
        response.status_code = status.HTTP_200_OK
    return view


@router.get("/{case_id}/messages", response_model=list[ThreadMessageOut])
def read_messages(case_id: str, actor: ActorDep, db: DatabaseDep) -> list[dict[str, Any]]:
    """The whole thread after the questions, oldest first. Audited; a veileder's read marks the
    person's messages read (the case leaves "Ny melding")."""
    with db.write() as session:
        accessible_case(session, actor, case_id)
        rows = messages.read_thread(session, case_id, actor)
        return message_views(session, case_id, rows)

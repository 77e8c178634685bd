"""The case page's thread and "who the person is" (issue 16):
- POST /saker/{id}/melding: write to the person, perhaps proposing a meeting; the same handling
  as the page's other forms (cases._act: CSRF, enhet scoping with the same 404, the refusal beside
  the field, a redirect after the change; a double submission stores one message);
- POST /saker/{id}/vis: show the fødselsnummer or the phone number, with its purpose (audited).
  The value is only in the answer to that request (the page's `Cache-Control: no-store`), never
  in a redirect's URL, the queue or a log."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.deps import CaseNotVisible, audit_refusal
from api.pages.routes.cases import _act, _show, _visible_case, not_found
from api.pages.security import PageRoute, PageUser, require_csrf, require_user
from uke8.cases.errors import CaseError
from uke8.review import reveal, thread_page
from uke8.review.actions import FormError
from uke8.settings import get_settings
from uke8.store.db import get_database

router = APIRouter(route_class=PageRoute)

REVEAL_LABELS = {reveal.FNR: "Fødselsnummer", reveal.TELEFON: "Telefonnummer"}


@router.post("/saker/{case_id}/melding")
async def write_to_person(case_id: str, request: Request, user: PageUser = Depends(require_user)) -> Response:
    return await _act(request, user, case_id, "melding_sendt", lambda s, c, f: thread_page.send(s, c, user.actor, f))


@router.post("/saker/{case_id}/vis")
async def show_identity(case_id: str, request: Request, user: PageUser = Depends(require_user)) -> Response:
    form = await require_csrf(request, user)
    return await run_in_threadpool(_reveal, request, user, case_id, form)


def _reveal(request: Request, user: PageUser, case_id: str, form: dict[str, Any]) -> Response:
    what = form.get("hva")
    purpose = " ".join((form.get("formal") or "").split())
    db = get_database(get_settings())
    try:
        if what not in reveal.WHAT:
            raise FormError("formal", "Velg hva du vil se.")
        if not reveal.PURPOSE_MIN <= len(purpose) <= reveal.PURPOSE_MAX:
            raise FormError("formal", f"Skriv kort hvorfor du trenger det ({reveal.PURPOSE_MIN}–{reveal.PURPOSE_MAX} tegn). "
                                      "Det lagres i tilgangsloggen.")
        with db.write() as session:
            case = _visible_case(session, user, case_id)
            value = reveal.reveal(session, case, user.actor, what, purpose)  # audits itself (via the page)
    except CaseNotVisible as exc:
        audit_refusal(db, request, exc.actor, exc.outcome)
        return not_found(request)
    except FormError as e:
        audit_refusal(db, request, user.actor, "refused", {"reason": e.field})
        return _show(request, user, case_id, status_code=422, error=e, form=form)
    except CaseError:  # nothing to show (no phone number)
        e = FormError("formal", "Saken har ikke noe telefonnummer registrert.")
        audit_refusal(db, request, user.actor, "refused", {"reason": "nothing_to_reveal"})
        return _show(request, user, case_id, status_code=409, error=e, form=form)
    return _show(request, user, case_id, extra={"revealed": {"what": REVEAL_LABELS[what], "value": value}})

"""The case page and its actions: decide (confirm or override), assign to me, note, mark
ferdigbehandlet. Every view of the page is audited as `case.read`, like the JSON API's read;
a foreign or unknown case is the same 404, and the refused attempt is audited."""
from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from api.deps import CaseNotVisible, accessible_case, audit_refusal
from api.pages.security import PageRoute, PageUser, require_csrf, require_user
from api.pages.templating import render
from uke8.cases.errors import CaseError
from uke8.clock import today_in_oslo
from uke8.review import actions
from uke8.review.case_page import case_page
from uke8.review.thread_page import thread_section
from uke8.settings import get_settings
from uke8.store.db import get_database
from uke8.store.models import Case
from uke8.store.repositories import AuditRepository

router = APIRouter(route_class=PageRoute)

MESSAGES = {
    "vurdert": "Vurderingen er lagret.",
    "tildelt": "Saken er tildelt deg.",
    "notat": "Notatet er lagret.",
    "ferdig": "Saken er markert som ferdigbehandlet.",
    "uendret": "Dette var allerede lagret. Ingenting er endret.",
    # the follow-up forms (api/pages/routes/followup.py)
    "kartlegging": "Resultatet av kartleggingen er lagret.",
    "ny_informasjon": "Den nye informasjonen er registrert.",
    "spurt": "Personen får spørsmålene på nytt.",
    # the thread (api/pages/routes/thread.py)
    "melding_sendt": "Meldingen er lagret og sendes til personen.",
}


def not_found(request: Request) -> Response:
    return render(request, "error.html", {
        "title": "Fant ikke saken",
        "message": "Vi fant ingen sak med denne adressen som du har tilgang til.",
        "back": "/oversikt",
    }, status_code=404)


def _visible_case(session: Session, user: PageUser, case_id: str, *, for_update: bool = False) -> Case:
    """The case if the veileder may see it, else CaseNotVisible; an over-long id is not found."""
    if len(case_id) > 64:
        raise CaseNotVisible(user.actor, "not_found")
    return accessible_case(session, user.actor, case_id, for_update=for_update)


def _show(request: Request, user: PageUser, case_id: str, *, status_code: int = 200,
          error: actions.FormError | None = None, form: dict[str, Any] | None = None,
          extra: dict[str, Any] | None = None) -> Response:
    db = get_database(get_settings())
    try:
        with db.write() as session:
            case = _visible_case(session, user, case_id)
            AuditRepository(session).append(actor=user.ident, actor_kind="veileder", action="case.read",
                                            case_id=case.id, outcome="ok", detail={"via": "side"})
            session.flush()
            # the veileder reads the thread: the person's messages count as read (audited)
            thread = thread_section(session, case, user.actor, today_in_oslo())
            page = case_page(session, case, today_in_oslo())
    except CaseNotVisible as exc:
        audit_refusal(db, request, exc.actor, exc.outcome)
        return not_found(request)
    return render(request, "case.html", {
        "title": f"Sak {page.view['external_id']}",
        "page": page,
        "case": page.view,
        "message": MESSAGES.get(request.query_params.get("melding", "")) if error is None else None,
        "error": error,
        "form": form or {},
        "note_key": secrets.token_urlsafe(16),
        "information_key": secrets.token_urlsafe(16),
        "thread": thread,
        "message_key": secrets.token_urlsafe(16),
        **(extra or {}),
    }, status_code=status_code)


@router.get("/saker/{case_id}")
def show_case(case_id: str, request: Request, user: PageUser = Depends(require_user)) -> Response:
    return _show(request, user, case_id)


async def _act(request: Request, user: PageUser, case_id: str, done: str,
               action: Callable[[Session, Case, dict[str, Any]], bool]) -> Response:
    form = await require_csrf(request, user)
    return await run_in_threadpool(_act_sync, request, user, case_id, done, action, form)


def _act_sync(request: Request, user: PageUser, case_id: str, done: str,
              action: Callable[[Session, Case, dict[str, Any]], bool], form: dict[str, Any]) -> Response:
    db = get_database(get_settings())
    try:
        with db.write() as session:
            case = _visible_case(session, user, case_id, for_update=True)
            changed = action(session, case, form)
    except CaseNotVisible as exc:
        audit_refusal(db, request, exc.actor, exc.outcome)
        return not_found(request)
    except actions.FormError as e:
        audit_refusal(db, request, user.actor, "refused", {"reason": e.field})
        return _show(request, user, case_id, status_code=422, error=e, form=form)
    except CaseError as e:  # a rule of the use case the form could not foresee
        audit_refusal(db, request, user.actor, "refused", {"reason": str(e)[:200]})
        return _show(request, user, case_id, status_code=409, error=actions.FormError("sak", "Dette kan ikke gjøres med saken nå. Last siden på nytt og se hva som har endret seg."), form=form)
    return RedirectResponse(f"/saker/{case_id}?melding={done if changed else 'uendret'}", status_code=303)


@router.post("/saker/{case_id}/vurdering")
async def decide(case_id: str, request: Request, user: PageUser = Depends(require_user)) -> Response:
    return await _act(request, user, case_id, "vurdert",
                      lambda s, c, f: actions.decide(s, c, user.actor, f.get("vurdering"), f.get("begrunnelse")))


@router.post("/saker/{case_id}/tildel")
async def assign(case_id: str, request: Request, user: PageUser = Depends(require_user)) -> Response:
    return await _act(request, user, case_id, "tildelt", lambda s, c, f: actions.assign_to_me(s, c, user.actor))


@router.post("/saker/{case_id}/notat")
async def note(case_id: str, request: Request, user: PageUser = Depends(require_user)) -> Response:
    return await _act(request, user, case_id, "notat",
                      lambda s, c, f: actions.add_note(s, c, user.actor, f.get("notat", ""), f.get("notat_nokkel", "")))


@router.post("/saker/{case_id}/ferdig")
async def mark_done(case_id: str, request: Request, user: PageUser = Depends(require_user)) -> Response:
    return await _act(request, user, case_id, "ferdig", lambda s, c, f: actions.mark_done(s, c, user.actor))

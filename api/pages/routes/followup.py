"""The case page's forms for what follows the questions (issue 16): the kartlegging's outcome,
new information, asking the person again. The same handling as the page's other forms
(cases._act: CSRF, enhet scoping with the same 404, the refusal beside the field, a redirect
after the change), and the same use cases as the JSON API; they audit themselves, via the page."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from api.pages.routes.cases import _act
from api.pages.security import PageRoute, PageUser, require_user
from uke8.clock import today_in_oslo
from uke8.review import followup_actions

router = APIRouter(route_class=PageRoute)


@router.post("/saker/{case_id}/kartlegging")
async def record_outcome(case_id: str, request: Request, user: PageUser = Depends(require_user)) -> Response:
    return await _act(request, user, case_id, "kartlegging",
                      lambda s, c, f: followup_actions.record_outcome(s, c, user.actor, f))


@router.post("/saker/{case_id}/ny-informasjon")
async def new_information(case_id: str, request: Request, user: PageUser = Depends(require_user)) -> Response:
    return await _act(request, user, case_id, "ny_informasjon",
                      lambda s, c, f: followup_actions.record_new_information(s, c, user.actor, f))


@router.post("/saker/{case_id}/spor-pa-nytt")
async def ask_again(case_id: str, request: Request, user: PageUser = Depends(require_user)) -> Response:
    return await _act(request, user, case_id, "spurt",
                      lambda s, c, f: followup_actions.ask_again(s, c, user.actor, today_in_oslo()))

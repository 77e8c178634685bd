"""The chat page's ID-porten sign-in: the callback and signing out (api/chat/idporten.py).

GET  /chat/innlogging/callback   ID-porten's answer: a session for the link's conversation when
                                 the ID token verifies and its pid is the case's person
POST /chat/logg-ut               revokes the chat session and clears its cookie

Audit (uke8/cases/audit.py, action "chat.login" / "chat.logout", actor_kind "person"): every
sign-in that ID-porten completed, accepted or refused (another person, too low a level), with
the case it was for. A refusal before the token exchange (no or a wrong state, a replayed code)
needs no sign-in at all and costs nothing to repeat, so it is only logged, never audited.
"""
from __future__ import annotations

import hmac
import logging
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from api.chat import idporten
from api.chat.routes import ChatRefused, conversation_of, link_error_page
from api.chat.security import ChatRoute
from api.chat.templating import render
from uke8.cases import audit
from uke8.cases.identity import check_conversation_owner
from uke8.settings import get_settings
from uke8.store.db import get_database
from uke8.store.repositories import CaseRepository
from uke8.triage import chat_texts as texts

log = logging.getLogger("uke8.chat")
router = APIRouter(route_class=ChatRoute, include_in_schema=False)


def _page(request: Request, title: str, message: str, status: int) -> Response:
    return render(request, "link_error.html", {"title": title, "message": message}, status_code=status)


def _failed(request: Request, status: int = 401) -> Response:
    return _page(request, texts.LOGIN_FAILED_TITLE, texts.LOGIN_FAILED, status)


def _audit_login(case_id: str | None, outcome: str, actor: str | None, detail: dict[str, str]) -> None:
    audit.record(get_database(get_settings()), actor=actor or "ukjent", actor_kind="person", action="chat.login",
                 case_id=case_id, outcome=outcome, detail={"method": "idporten"} | detail)


@router.get(idporten.CALLBACK_PATH)
def callback(request: Request, code: str | None = None, state: str | None = None) -> Response:
    response = _callback(request, code, state)
    # The pending sign-in is used once, whatever the outcome: a replayed callback finds nothing.
    response.delete_cookie(idporten.LOGIN_COOKIE, path=idporten.LOGIN_PATH, httponly=True, samesite="lax",
                           secure=idporten.secure(request, get_settings()))
    return response


def _callback(request: Request, code: str | None, state: str | None) -> Response:
    settings = get_settings()
    if not idporten.enabled(settings):
        return _failed(request, 404)
    pending = idporten.PendingLogin.parse(request.cookies.get(idporten.LOGIN_COOKIE))
    if pending is None or not code or not state or len(code) > 2000 or \
            not hmac.compare_digest(state.encode(), pending.state.encode()):
        log.warning("ID-porten callback refused: %s", "no pending sign-in" if pending is None else "state or code missing or wrong")
        return _failed(request, 400)
    try:
        conversation_id = conversation_of(pending.link_token)
    except ChatRefused as refused:
        return link_error_page(request, refused.reason)
    try:
        pid, acr = idporten.finish(settings, code, pending)
    except idporten.LoginRefused as refused:
        log.warning("ID-porten sign-in refused: %s", refused.reason)
        if refused.reason == "acr":  # a real sign-in, at too low a level: audited with its case
            with get_database(settings).read() as session:
                invitation = CaseRepository(session).invitation_by_conversation(conversation_id)
                case_id = invitation.case_id if invitation else None
            _audit_login(case_id, "denied", None,
                         {"reason": "acr", "acr": refused.acr or "mangler"})
        return _failed(request)
    db = get_database(settings)
    with db.read() as session:
        owner = check_conversation_owner(session, conversation_id, pid)
    if owner.case_id is None:
        return link_error_page(request, "unknown")
    if not owner.matches:
        log.warning("ID-porten sign-in refused: the signed-in person is not the case's person")
        _audit_login(owner.case_id, "denied", owner.person_id, {"reason": "other_person", "acr": acr})
        return _page(request, texts.LOGIN_WRONG_PERSON_TITLE, texts.LOGIN_WRONG_PERSON, 403)
    token = idporten.start_session(db, owner.case_id, conversation_id, acr, settings)
    _audit_login(owner.case_id, "ok", owner.person_id, {"acr": acr})
    response = RedirectResponse("/chat?" + urlencode({"t": pending.link_token}), status_code=303)
    idporten.set_session_cookie(response, token, request, settings)
    return response


@router.post("/chat/logg-ut")
def logout(request: Request) -> Response:
    settings = get_settings()
    case_id = idporten.end_session(get_database(settings), request.cookies.get(idporten.SESSION_COOKIE))
    if case_id is not None:
        with get_database(settings).read() as session:
            case = CaseRepository(session).get(case_id)
            person_id = case.person_id if case else None
        audit.record(get_database(settings), actor=person_id or "ukjent", actor_kind="person", action="chat.logout",
                     case_id=case_id, outcome="ok", detail={"method": "idporten"})
    response = _page(request, texts.LOGGED_OUT_TITLE, texts.LOGGED_OUT, 200)
    idporten.clear_session_cookie(response, request, settings)
    return response

"""ID-porten sign-in for the chat page (UKE8_CHAT_LOGIN=idporten, the production default).

With it, the signed link alone no longer opens the chat: the page sends the person to
ID-porten (OpenID Connect, authorization code flow with PKCE, state and nonce, acr_values at
the high level of assurance), and the callback (api/chat/login.py) accepts them only when the
ID token verifies (signature from the provider's JWKS, iss, aud, exp, nonce), its `acr` is the
level asked for, and its `pid` (the fødselsnummer) is the one stored, as a keyed hash, for the
case of the link's conversation (uke8/cases/identity.py). Only then does it start a chat
session: a random token in an HttpOnly, SameSite=Lax cookie (Secure in production, or over
https), short-lived (UKE8_CHAT_SESSION_MINUTES), stored as its SHA-256 with the one case and
conversation it opens. The page and its JSON API then want both: the link's token and a
session bound to the same conversation.

The OpenID client is the review pages' (api/pages/oidc.py), with ID-porten's own settings
(UKE8_IDPORTEN_*). The pid is never stored or logged; neither is the ID token.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from fastapi import Request, Response
from fastapi.responses import RedirectResponse

from api.chat.templating import render
from api.pages import oidc
from api.pages.security import cookie_secure
from uke8.settings import Settings, get_settings
from uke8.store.db import Database, get_database
from uke8.store.models import ChatSession, utcnow
from uke8.triage import chat_texts as texts

log = logging.getLogger("uke8.chat")

SESSION_COOKIE = "uke8_chat_sesjon"
LOGIN_COOKIE = "uke8_chat_innlogging"
LOGIN_PATH = "/chat/innlogging"
CALLBACK_PATH = LOGIN_PATH + "/callback"
LOGIN_SECONDS = 600  # time to finish the sign-in at ID-porten
LEGACY_HIGH = "Level4"  # ID-porten's old name for the high level, still accepted for it
FNR = re.compile(r"\d{11}")


def enabled(settings: Settings | None = None) -> bool:
    return (settings or get_settings()).resolved_chat_login == "idporten"


def client(settings: Settings) -> oidc.OidcClient:
    missing = settings.missing_idporten_settings()
    if missing:
        raise oidc.OidcError("ID-porten is not configured: " + ", ".join(missing))
    return oidc.OidcClient(
        issuer=settings.idporten_issuer or "", client_id=settings.idporten_client_id or "",
        client_secret=settings.idporten_client_secret, redirect_uri=settings.resolved_idporten_redirect_uri() or "",
        scopes="openid", extra=(("acr_values", settings.idporten_acr), ("ui_locales", "nb")),
    )


def accepted_acr(settings: Settings) -> frozenset[str]:
    asked = settings.idporten_acr
    return frozenset({asked, LEGACY_HIGH} if asked == "idporten-loa-high" else {asked})


def secure(request: Request, settings: Settings) -> bool:
    return cookie_secure(settings) or request.url.scheme == "https"


# ---------------------------------------------------------------- the sign-in


@dataclass(frozen=True)
class PendingLogin:
    """What the browser keeps (in LOGIN_COOKIE, for LOGIN_SECONDS) between the page and the
    callback: the request's state, nonce and PKCE verifier, and the link it came from."""

    state: str
    nonce: str
    verifier: str
    link_token: str

    def cookie_value(self) -> str:
        data = json.dumps([self.state, self.nonce, self.verifier, self.link_token], separators=(",", ":"))
        return base64.urlsafe_b64encode(data.encode()).rstrip(b"=").decode()

    @classmethod
    def parse(cls, value: str | None) -> PendingLogin | None:
        if not value or len(value) > 2000:
            return None
        try:
            parts = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
        except (ValueError, TypeError):
            return None
        if not isinstance(parts, list) or len(parts) != 4 or not all(isinstance(p, str) and p for p in parts):
            return None
        return cls(*parts)


class LoginRefused(Exception):
    """The callback's answer is not a sign-in we accept; `reason` says why (never the pid)."""

    def __init__(self, reason: str, acr: str | None = None):
        super().__init__(reason)
        self.reason, self.acr = reason, acr


def begin(request: Request, link_token: str) -> Response:
    """Send the person to ID-porten; they come back to CALLBACK_PATH."""
    settings = get_settings()
    try:
        start = oidc.provider(settings, client(settings)).start()
    except Exception as exc:  # not configured, or the provider is down or answers nonsense
        log.warning("ID-porten sign-in could not start: %s", type(exc).__name__)
        return render(request, "link_error.html", {"title": texts.LOGIN_UNAVAILABLE_TITLE, "message": texts.LOGIN_UNAVAILABLE},
                      status_code=503)
    pending = PendingLogin(start.state, start.nonce, start.verifier, link_token)
    response = RedirectResponse(start.url, status_code=303)
    response.set_cookie(LOGIN_COOKIE, pending.cookie_value(), max_age=LOGIN_SECONDS, path=LOGIN_PATH, httponly=True,
                        samesite="lax", secure=secure(request, settings))
    return response


def finish(settings: Settings, code: str, pending: PendingLogin) -> tuple[str, str]:
    """(pid, acr) of a verified ID token at the level asked for, or LoginRefused."""
    try:
        claims: dict[str, Any] = oidc.provider(settings, client(settings)).finish(code, pending.nonce, pending.verifier)
    except Exception as exc:
        # OidcError says what was wrong with the token (never its content); anything else is the provider.
        raise LoginRefused(str(exc) if isinstance(exc, oidc.OidcError) else f"provider: {type(exc).__name__}") from None
    acr = claims.get("acr")
    if not isinstance(acr, str) or acr not in accepted_acr(settings):
        raise LoginRefused("acr", acr if isinstance(acr, str) else None)
    pid = claims.get("pid")
    if not isinstance(pid, str) or not FNR.fullmatch(pid):
        raise LoginRefused("pid")
    return pid, acr


# ---------------------------------------------------------------- the sessions


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(db: Database, case_id: str, conversation_id: str, acr: str, settings: Settings) -> str:
    token = secrets.token_urlsafe(32)
    with db.write() as session:
        session.add(ChatSession(id=_digest(token), case_id=case_id, conversation_id=conversation_id, acr=acr[:32],
                                expires_at=utcnow() + timedelta(minutes=settings.chat_session_minutes)))
    return token


def signed_in(request: Request, conversation_id: str) -> bool:
    """Whether the request's chat session is live and bound to this conversation."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token or len(token) > 200:
        return False
    with get_database(get_settings()).read() as session:
        row = session.get(ChatSession, _digest(token))
        if row is None or row.revoked_at is not None or row.expires_at <= utcnow():
            return False
        return hmac.compare_digest(row.conversation_id.encode(), conversation_id.encode())


def end_session(db: Database, token: str | None) -> str | None:
    """Revoke the session (a copied cookie stops working too); the case id it was bound to, if it was live."""
    if not token or len(token) > 200:
        return None
    with db.write() as session:
        row = session.get(ChatSession, _digest(token))
        if row is None or row.revoked_at is not None:
            return None
        row.revoked_at = utcnow()
        return row.case_id


def set_session_cookie(response: Response, token: str, request: Request, settings: Settings) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.chat_session_minutes * 60, path="/", httponly=True,
                        samesite="lax", secure=secure(request, settings))


def clear_session_cookie(response: Response, request: Request, settings: Settings) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure(request, settings))

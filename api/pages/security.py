"""Sessions, CSRF and security headers of the review pages.

- A session is a random token in an HttpOnly, SameSite=Lax cookie (Secure in production or
  when UKE8_SESSION_COOKIE_SECURE=true); the store keeps only its SHA-256, with the
  veileder's ident, a CSRF token and an expiry. Logging out revokes it in the store, so a
  copied cookie stops working too. The veileder's enheter are read from the veiledere table
  on every request: a change of enheter applies at once.
- Every POST form carries the session's CSRF token (the sign-in form, before a session
  exists, a token in its own short-lived cookie: double submit).
- Every page response carries a Content-Security-Policy without inline scripts or styles,
  and the other usual headers; pages are never cached (they show personal data).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from uke8.cases.actors import Actor
from uke8.settings import Settings, get_settings
from uke8.store.db import Database, get_database
from uke8.store.models import WebSession, utcnow
from uke8.store.repositories import VeilederRepository

SESSION_COOKIE = "uke8_sesjon"
LOGIN_CSRF_COOKIE = "uke8_innlogging"
CSRF_FIELD = "csrf_token"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class LoginRequired(Exception):
    """No valid session: the page answers with a redirect to the sign-in page."""


class CsrfFailed(Exception):
    """A POST without the right CSRF token: refused with 403 and nothing changes."""


@dataclass(frozen=True)
class PageUser:
    ident: str
    enheter: frozenset[str]
    csrf_token: str
    session_id: str

    @property
    def actor(self) -> Actor:
        return Actor("veileder", self.ident, self.enheter, via="page")


def cookie_secure(settings: Settings) -> bool:
    return settings.session_cookie_secure if settings.session_cookie_secure is not None else settings.is_production


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(db: Database, ident: str, method: str, settings: Settings) -> str:
    token = secrets.token_urlsafe(32)
    with db.write() as session:
        session.add(
            WebSession(
                id=_digest(token), ident=ident, csrf_token=secrets.token_urlsafe(32), method=method,
                expires_at=utcnow() + timedelta(hours=settings.session_hours),
            )
        )
    return token


def set_session_cookie(response: Response, token: str, settings: Settings) -> None:
    response.set_cookie(
        SESSION_COOKIE, token, max_age=settings.session_hours * 3600, path="/", httponly=True,
        samesite="lax", secure=cookie_secure(settings),
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=cookie_secure(settings))


def end_session(db: Database, token: str | None) -> None:
    if not token:
        return
    with db.write() as session:
        row = session.get(WebSession, _digest(token))
        if row is not None and row.revoked_at is None:
            row.revoked_at = utcnow()


def current_user(request: Request) -> PageUser | None:
    """The signed-in veileder, or None (no cookie, unknown, expired, revoked, or no longer a veileder)."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token or len(token) > 200:
        return None
    db = get_database(get_settings())
    with db.read() as session:
        row = session.get(WebSession, _digest(token))
        if row is None or row.revoked_at is not None or row.expires_at <= utcnow():
            return None
        veileder = VeilederRepository(session).get(row.ident)
        if veileder is None:
            return None
        return PageUser(ident=veileder.ident, enheter=frozenset(veileder.enheter), csrf_token=row.csrf_token, session_id=row.id)


def require_user(request: Request) -> PageUser:
    user = current_user(request)
    if user is None:
        raise LoginRequired()
    request.state.page_user = user
    return user


async def require_csrf(request: Request, user: PageUser) -> dict[str, Any]:
    """The posted form, once its CSRF token matches the session's."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    if not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), user.csrf_token.encode()):
        raise CsrfFailed()
    # NUL cannot be typed into a form and PostgreSQL cannot store it: it is dropped, not stored.
    return {k: v.replace("\x00", "") for k, v in form.items() if isinstance(v, str)}


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)


def set_login_csrf_cookie(response: Response, token: str, settings: Settings) -> None:
    response.set_cookie(LOGIN_CSRF_COOKIE, token, max_age=1800, path="/logg-inn", httponly=True, samesite="strict",
                        secure=cookie_secure(settings))


def check_login_csrf(request: Request, sent: Any) -> None:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise CsrfFailed()


def safe_next(path: str | None) -> str:
    """Only a local path of the pages may be the target after sign-in (no open redirect)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path or path.startswith("/logg-"):
        return "/oversikt"
    return path


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/logg-inn?neste={quote(safe_next(target), safe='')}", status_code=303)


class PageRoute(APIRoute):
    """A route of the pages: security headers on every answer, sign-in and CSRF refusals
    turned into a redirect or a friendly page."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                response = await handler(request)
            except LoginRequired:
                response = login_redirect(request)
            except CsrfFailed:
                from api.pages.templating import render

                response = render(request, "error.html", {
                    "title": "Skjemaet er utløpt",
                    "message": "Siden var for gammel, eller du er logget ut. Gå tilbake, last siden på nytt og prøv igjen. Ingenting er endret.",
                }, status_code=403)
            for name, value in SECURITY_HEADERS.items():
                response.headers.setdefault(name, value)
            return response

        return route


def now() -> datetime:
    return utcnow()

"""Sign-in and sign-out: the development sign-in (a list of the veiledere in the store) and OIDC."""
from __future__ import annotations

import ipaddress
import logging

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from api.pages import oidc
from api.pages.security import (
    LOGIN_CSRF_COOKIE,
    PageRoute,
    SESSION_COOKIE,
    check_login_csrf,
    clear_session_cookie,
    current_user,
    end_session,
    new_login_csrf,
    require_csrf,
    require_user,
    safe_next,
    set_login_csrf_cookie,
    set_session_cookie,
    start_session,
)
from api.pages.templating import render
from uke8.settings import Settings, get_settings
from uke8.store.db import get_database
from uke8.store.models import Veileder
from uke8.store.repositories import AuditRepository, VeilederRepository

router = APIRouter(route_class=PageRoute)
log = logging.getLogger("uke8.pages")
OIDC_COOKIE = "uke8_oidc"


FORWARDED = ("forwarded", "x-forwarded-for", "x-real-ip")


def refuse_unsafe_dev_login(settings: Settings) -> None:
    """The API does not start with the development sign-in asked for in production."""
    if settings.dev_login and settings.is_production:
        raise RuntimeError("UKE8_DEV_LOGIN is set together with UKE8_ENV=production: the development sign-in "
                           "needs no password, so the API refuses to start. Unset UKE8_DEV_LOGIN.")


def _from_loopback(request: Request) -> bool:
    """A request from this machine itself, not relayed: behind a proxy every request would come
    from loopback, so a forwarding header means it is not."""
    if request.client is None or any(h in request.headers for h in FORWARDED):
        return False
    try:
        address = ipaddress.ip_address(request.client.host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def dev_login_allowed(request: Request, settings: Settings) -> bool:
    """Only when UKE8_DEV_LOGIN asks for it, never in production, and only from loopback."""
    if settings.dev_login and settings.is_production:
        log.error("UKE8_DEV_LOGIN is set in production: the development sign-in stays off")
    return settings.dev_login_enabled and _from_loopback(request)


def _audit_login(ident: str, method: str, outcome: str = "ok") -> None:
    with get_database(get_settings()).write() as session:
        AuditRepository(session).append(actor=ident, actor_kind="veileder", action="session.login", case_id=None,
                                        outcome=outcome, detail={"method": method})


@router.get("/")
def root(request: Request) -> Response:
    return RedirectResponse("/oversikt" if current_user(request) else "/logg-inn", status_code=303)


@router.get("/logg-inn")
def login_page(request: Request, neste: str | None = None, feil: str | None = None) -> Response:
    settings = get_settings()
    veiledere: list[dict[str, str]] = []
    dev_login = dev_login_allowed(request, settings)
    if dev_login:
        # Only what the store knows (ident, enheter): the API never imports the demo seeder
        # (uke8.dev), so the list is the same whoever created the veiledere.
        with get_database(settings).read() as session:
            for v in session.query(Veileder).order_by(Veileder.ident).limit(200):
                veiledere.append({"ident": v.ident, "enheter": ", ".join(v.enheter)})
    token = new_login_csrf()
    response = render(request, "login.html", {
        "title": "Logg inn",
        "dev_login": dev_login,
        "oidc": settings.oidc_configured,
        "veiledere": veiledere,
        "neste": safe_next(neste),
        "login_csrf": token,
        "feil": {"tilgang": "Du har ikke tilgang til oversikten. Ta kontakt med den som administrerer tilganger.",
                 "oidc": "Innloggingen mislyktes. Prøv igjen.",
                 "ukjent": "Vi fant ikke den veilederen. Velg en fra listen."}.get(feil or ""),
    })
    set_login_csrf_cookie(response, token, settings)
    return response


@router.post("/logg-inn/utvikling")
async def dev_login(request: Request) -> Response:
    settings = get_settings()
    if not dev_login_allowed(request, settings):
        log.warning("development sign-in refused: %s", "not enabled" if not settings.dev_login_enabled else "not from loopback")
        return render(request, "error.html", {"title": "Ikke tilgjengelig",
                      "message": "Innlogging uten identitetstjeneste er ikke slått på her."}, status_code=404)
    form = await request.form()
    check_login_csrf(request, form.get("csrf_token"))
    return await run_in_threadpool(_dev_login, str(form.get("ident", "")), str(form.get("neste", "")))


def _dev_login(ident: str, neste: str) -> Response:
    settings = get_settings()
    db = get_database(settings)
    with db.read() as session:
        # (NUL: PostgreSQL refuses it in a query parameter, which would answer 500)
        veileder = VeilederRepository(session).get(ident) if len(ident) <= 20 and "\x00" not in ident else None
    if veileder is None:
        return RedirectResponse("/logg-inn?feil=ukjent", status_code=303)
    token = start_session(db, veileder.ident, "dev", settings)
    _audit_login(veileder.ident, "dev")
    response = RedirectResponse(safe_next(neste), status_code=303)
    set_session_cookie(response, token, settings)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/logg-inn")
    return response


@router.get("/logg-inn/oidc")
def oidc_start(request: Request) -> Response:
    settings = get_settings()
    if not settings.oidc_configured:
        return render(request, "error.html", {"title": "Ikke tilgjengelig", "message": "Innlogging med identitetstjeneste er ikke satt opp."}, status_code=404)
    try:
        start = oidc.provider(settings).start()
    except (oidc.OidcError, Exception) as e:  # the provider is down or answers nonsense
        log.warning("OIDC start failed: %s", type(e).__name__)
        return RedirectResponse("/logg-inn?feil=oidc", status_code=303)
    response = RedirectResponse(start.url, status_code=303)
    response.set_cookie(OIDC_COOKIE, start.cookie_value(), max_age=600, path="/logg-inn/oidc", httponly=True,
                        samesite="lax", secure=settings.session_cookie_secure if settings.session_cookie_secure is not None else settings.is_production)
    return response


@router.get("/logg-inn/oidc/callback")
def oidc_callback(request: Request, code: str | None = None, state: str | None = None) -> Response:
    settings = get_settings()
    if not settings.oidc_configured:
        return RedirectResponse("/logg-inn?feil=oidc", status_code=303)
    saved = oidc.parse_cookie(request.cookies.get(OIDC_COOKIE))
    if saved is None or not code or not state or state != saved[0]:
        return RedirectResponse("/logg-inn?feil=oidc", status_code=303)
    provider = oidc.provider(settings)
    try:
        claims = provider.finish(code, nonce=saved[1], verifier=saved[2])
    except (oidc.OidcError, Exception) as e:
        log.warning("OIDC sign-in refused: %s", e if isinstance(e, oidc.OidcError) else type(e).__name__)
        return RedirectResponse("/logg-inn?feil=oidc", status_code=303)
    ident = provider.ident(claims)
    db = get_database(settings)
    with db.read() as session:
        veileder = VeilederRepository(session).get(ident) if ident else None
    if veileder is None:
        _audit_login(ident or "ukjent", "oidc", "denied")
        return RedirectResponse("/logg-inn?feil=tilgang", status_code=303)
    token = start_session(db, veileder.ident, "oidc", settings)
    _audit_login(veileder.ident, "oidc")
    response = RedirectResponse("/oversikt", status_code=303)
    set_session_cookie(response, token, settings)
    response.delete_cookie(OIDC_COOKIE, path="/logg-inn/oidc")
    return response


@router.post("/logg-ut")
async def logout(request: Request) -> Response:
    user = require_user(request)
    await require_csrf(request, user)
    return await run_in_threadpool(_logout, request.cookies.get(SESSION_COOKIE), user.ident)


def _logout(token: str | None, ident: str) -> Response:
    settings = get_settings()
    end_session(get_database(settings), token)
    with get_database(settings).write() as session:
        AuditRepository(session).append(actor=ident, actor_kind="veileder", action="session.logout", case_id=None, outcome="ok")
    response = RedirectResponse("/logg-inn?ut=1", status_code=303)
    clear_session_cookie(response, settings)
    return response

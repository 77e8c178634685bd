"""FastAPI dependencies: settings, the database, the calling actor, and audit of refusals."""
from __future__ import annotations

import re
import threading
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy.orm import Session

from api.auth import resolve_actor
from api.schemas import IsoDate  # noqa: F401  (the routes take it from here)
from uke8.cases import audit
from uke8.cases.actors import Actor
from uke8.clock import today_in_oslo
from uke8.settings import Settings, get_settings
from uke8.store.db import Database, get_database
from uke8.store.models import Case
from uke8.store.repositories import CaseRepository


def settings_dep() -> Settings:
    return get_settings()


def database_dep(settings: Annotated[Settings, Depends(settings_dep)]) -> Database:
    return get_database(settings)


SettingsDep = Annotated[Settings, Depends(settings_dep)]
DatabaseDep = Annotated[Database, Depends(database_dep)]


def route_name(request: Request) -> str:
    """The audited name of a request: method and route template (the raw path, bounded, only
    when no route matched)."""
    route = request.scope.get("route")
    return f"{request.method} {route.path if route is not None else request.url.path}"


_limiter_lock = threading.Lock()


def anonymous_refusals(request: Request) -> audit.AnonymousRefusals:
    """The app's limiter of anonymous refusal rows (one per app, so per process)."""
    state = request.app.state
    with _limiter_lock:
        if getattr(state, "anonymous_refusals", None) is None:
            state.anonymous_refusals = audit.AnonymousRefusals()
        return state.anonymous_refusals


def audit_refusal(db: Database, request: Request, actor: Actor | None, outcome: str, detail: dict[str, Any] | None = None) -> None:
    """Record a refused attempt in its own transaction: the request itself will fail. Values are
    bounded (a malformed case id is not stored); refusals without a known caller are capped per
    source and minute (uke8/cases/audit.py)."""
    actor = actor or getattr(request.state, "actor", None)
    case_id = request.path_params.get("case_id")
    if actor is None:
        source = request.client.host if request.client else "unknown"
        audit.record_anonymous_refusal(db, anonymous_refusals(request), source, action=route_name(request),
                                       case_id=case_id, outcome=outcome, detail=detail)
        return
    audit.record(db, actor=actor.ident, actor_kind=actor.kind, action=route_name(request), case_id=case_id,
                 outcome=outcome, detail=detail)


NOT_FOUND = "No case with that id."


def valid_case_id(request: Request) -> None:
    """A case id that cannot exist answers 404 before anything else, the database and the token
    check included: nothing is looked up or audited for it."""
    case_id = request.path_params.get("case_id")
    if case_id is not None and not audit.is_case_id(case_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=NOT_FOUND)


class CaseNotVisible(Exception):
    """A case the caller may not see, or that does not exist; the app answers 404 for both
    and audits the attempt after the request's own transaction has been rolled back."""

    def __init__(self, actor: Actor, outcome: str):
        super().__init__(outcome)
        self.actor = actor
        self.outcome = outcome


def accessible_case(session: Session, actor: Actor, case_id: str, *, for_update: bool = False) -> Case:
    """The case, or CaseNotVisible (answered 404) — the same for a foreign case as for a missing
    one. The one access rule for a single case, used by the JSON API and the review pages."""
    if not audit.is_case_id(case_id):
        raise CaseNotVisible(actor, "not_found")
    case = CaseRepository(session).get(case_id, for_update=for_update)
    if case is None or not actor.may_access(case):
        raise CaseNotVisible(actor, "not_found" if case is None else "denied")
    return case


def current_actor(request: Request, settings: SettingsDep, db: DatabaseDep) -> Actor:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    actor = resolve_actor(token.strip(), settings, db) if scheme.lower() == "bearer" else None
    if actor is None:
        audit_refusal(db, request, None, "unauthorized", {"reason": "missing or unknown bearer token"})
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="Missing or invalid bearer token.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    request.state.actor = actor  # for audit entries written by the app's error handlers
    return actor


ActorDep = Annotated[Actor, Depends(current_actor)]


def require_admin(request: Request, actor: ActorDep, db: DatabaseDep) -> Actor:
    if actor.kind != "admin":
        audit_refusal(db, request, actor, "forbidden", {"reason": "admin only"})
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="This endpoint needs the admin token.")
    return actor


AdminDep = Annotated[Actor, Depends(require_admin)]


# -- dates in query strings --------------------------------------------------------------

# Query-string dates are as strict as body dates: api.schemas.IsoDate (re-exported here).


def as_of(settings: Settings, today: date | None) -> date:
    """The day a request acts as of. `?today=` moves it in development and tests only: in
    production the lifecycle runs as of today, and any other day is refused."""
    actual = today_in_oslo()
    if today is None or today == actual:
        return actual
    if settings.is_production:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST,
            detail=f"today= is for development and tests only: in production everything runs as of today "
                   f"({actual.isoformat()}). Leave today= out.",
        )
    return today

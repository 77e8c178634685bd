"""FastAPI dependencies: settings, the database, the calling actor, and audit of refusals."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy.orm import Session

from api.auth import resolve_actor
from uke8.cases.service import Actor
from uke8.settings import Settings, get_settings
from uke8.store.db import Database, get_database
from uke8.store.models import Case
from uke8.store.repositories import AuditRepository, CaseRepository


def settings_dep() -> Settings:
    return get_settings()


def database_dep(settings: Annotated[Settings, Depends(settings_dep)]) -> Database:
    return get_database(settings)


SettingsDep = Annotated[Settings, Depends(settings_dep)]
DatabaseDep = Annotated[Database, Depends(database_dep)]


def audit_refusal(db: Database, request: Request, actor: Actor | None, outcome: str, detail: dict[str, Any] | None = None) -> None:
    """Record a refused attempt in its own transaction: the request itself will fail."""
    case_id = request.path_params.get("case_id")
    with db.write() as session:
        AuditRepository(session).append(
            actor=actor.ident if actor else "ukjent",
            actor_kind=actor.kind if actor else "anonymous",
            action=f"{request.method} {request.scope.get('route').path if request.scope.get('route') else request.url.path}",
            case_id=case_id,
            outcome=outcome,
            detail=detail or {},
        )


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

"""Bearer-token authentication: one admin token, and veileder tokens scoped to enheter."""
from __future__ import annotations

import hmac
import secrets

from uke8.cases.service import Actor
from uke8.settings import Settings
from uke8.store.crypto import token_hash
from uke8.store.db import Database
from uke8.store.repositories import VeilederRepository


def admin_token(settings: Settings) -> str:
    """UKE8_ADMIN_TOKEN when set; otherwise a development token generated once into the data dir."""
    if settings.admin_token:
        return settings.admin_token
    from uke8.secretfiles import generated  # in production: refused, never generated

    return generated(settings, "admin.token", "UKE8_ADMIN_TOKEN", lambda: "adm-" + secrets.token_urlsafe(24))


def new_veileder_token() -> str:
    return "vei-" + secrets.token_urlsafe(24)


def resolve_actor(token: str | None, settings: Settings, db: Database) -> Actor | None:
    if not token:
        return None
    if hmac.compare_digest(token.encode(), admin_token(settings).encode()):
        return Actor("admin", "admin")
    with db.read() as session:
        veileder = VeilederRepository(session).by_token_hash(token_hash(token))
        if veileder is None:
            return None
        return Actor("veileder", veileder.ident, frozenset(veileder.enheter))

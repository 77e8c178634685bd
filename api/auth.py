"""Bearer-token authentication: one admin token, and veileder tokens scoped to enheter."""
from __future__ import annotations

import hmac

from uke8.cases.actors import Actor
from uke8.settings import Settings
from uke8.store.crypto import token_hash
from uke8.store.db import Database
from uke8.store.repositories import VeilederRepository
from uke8.tokens import admin_token


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

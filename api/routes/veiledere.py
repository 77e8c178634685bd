"""Veiledere (admin): create or update one and hand out its bearer token. `navn` (optional) is
the name the person sees under the veileder's messages in the thread (uke8/thread)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from uke8.tokens import new_veileder_token
from api.deps import AdminDep, DatabaseDep
from api.responses import VeilederOut
from api.schemas import VeilederIn
from uke8.store.crypto import token_hash
from uke8.store.models import Veileder
from uke8.store.repositories import AuditRepository, VeilederRepository

router = APIRouter(prefix="/veiledere", tags=["veiledere"])


@router.post("", response_model=VeilederOut)
def upsert_veileder(body: VeilederIn, actor: AdminDep, db: DatabaseDep) -> dict[str, Any]:
    """Creating or updating a veileder issues a fresh token; the old one stops working."""
    token = new_veileder_token()
    with db.write() as session:
        repo = VeilederRepository(session)
        veileder = repo.get(body.ident)
        if veileder is None:
            veileder = Veileder(ident=body.ident, enheter=body.enheter, token_hash=token_hash(token), navn=body.navn)
            repo.add(veileder)
        else:
            veileder.enheter = body.enheter
            veileder.token_hash = token_hash(token)
            if body.navn is not None:  # left out: the name stays
                veileder.navn = body.navn
        navn = veileder.navn
        AuditRepository(session).append(
            actor=actor.ident, actor_kind=actor.kind, action="veileder.upsert", case_id=None, outcome="ok",
            detail={"ident": body.ident, "enheter": body.enheter, "navn_set": body.navn is not None},
        )
    return {"ident": body.ident, "enheter": body.enheter, "navn": navn, "token": token}

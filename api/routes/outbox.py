"""The outbox (admin): every message sent, or to be sent, outside a live conversation."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query

from api.deps import AdminDep, DatabaseDep
from api.responses import OutboxPageOut
from api.schemas import MAX_OFFSET
from uke8.lifecycle import outbox
from uke8.store.repositories import AuditRepository

router = APIRouter(prefix="/outbox", tags=["outbox"])


# An SMS message's figures are absent until the gateway took it: absent stays absent.
@router.get("", response_model=OutboxPageOut, response_model_exclude_unset=True)
def list_outbox(
    actor: AdminDep,
    db: DatabaseDep,
    status: Literal["pending", "sent", "failed", "dead", "cancelled"] | None = None,
    case_id: str | None = Query(default=None, max_length=36, pattern=r"^[0-9A-Za-z-]+$"),
    kind: Literal["invitation", "sms_opening", "reminder", "tailored_greeting", "sms_reply"] | None = None,
    channel: Literal["chat", "sms"] | None = None,
    limit: int = Query(default=100, ge=1, le=1000),
    offset: int = Query(default=0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    """Messages with their status, attempts and idempotency key; the text without the signed link."""
    with db.write() as session:
        rows, total = outbox.search(session, status=status, case_id=case_id, kind=kind, channel=channel, limit=limit, offset=offset)
        AuditRepository(session).append(
            actor=actor.ident, actor_kind=actor.kind, action="outbox.read", case_id=case_id, outcome="ok",
            detail={"count": len(rows), "status": status},
        )
        return {"total": total, "limit": limit, "offset": offset, "items": [outbox.view(m) for m in rows]}

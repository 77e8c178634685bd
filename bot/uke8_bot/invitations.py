"""Is a conversation id one of an invitation's? Asked of the case store directly (read only).

Known ids are cached: an invitation is never deleted while its conversation runs. Unknown
ids are asked again each time, since the invitation may have been created a moment ago.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import sqlalchemy as sa

log = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def case_store_url() -> str:
    url = os.environ.get("UKE8_DATABASE_URL")
    if not url:
        data_dir = Path(os.environ.get("UKE8_DATA_DIR") or PROJECT_ROOT / "var")
        return f"sqlite:///{data_dir / 'uke8.db'}"
    # Rasa's environment has SQLAlchemy 1.4 with psycopg2, the app's has psycopg 3.
    for prefix in ("postgresql+psycopg://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix):]
    return url


class InvitationLookup:
    def __init__(self, url: str | None = None):
        self._engine = sa.create_engine(url or case_store_url(), pool_pre_ping=True)
        self._known: set[str] = set()

    def is_invited(self, conversation_id: str) -> bool | None:
        """True or False; None when the case store cannot be asked (the caller decides)."""
        if conversation_id in self._known:
            return True
        try:
            with self._engine.connect() as conn:
                found = conn.execute(
                    sa.text("SELECT 1 FROM invitations WHERE conversation_id = :id"), {"id": conversation_id}
                ).first()
        except sa.exc.SQLAlchemyError as exc:
            log.warning("case store not reachable for the invitation check: %s", type(exc).__name__)
            return None
        if found:
            self._known.add(conversation_id)
        return bool(found)

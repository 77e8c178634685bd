"""The one place a case changes status: the machine (status.check_move) first, then the
history row. Nothing else calls CaseRepository.append_status (a test holds the tree to it)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from uke8.cases.actors import Actor
from uke8.cases.status import Status, check_move
from uke8.store.models import Case
from uke8.store.repositories import CaseRepository


def move(session: Session, case: Case, new: Status, actor: Actor, *, note: str | None = None) -> None:
    """Move `case` to `new`, or raise StatusError (a CaseError) if the machine forbids it."""
    check_move(case.status, new)
    CaseRepository(session).append_status(case, new, actor.ident, note=note)


def start(session: Session, case: Case, actor: Actor) -> None:
    """The first history row of a new case (already flushed with status `registrert`)."""
    check_move(None, case.status)
    CaseRepository(session).append_status(case, Status(case.status), actor.ident)

"""Use cases of the review pages besides the decision (uke8.cases.service.decide): assign a
case to oneself, add a note, mark a case ferdigbehandlet, and decide from a form.

Each is idempotent, so a form sent twice changes nothing the second time, and each appends
to the audit log in the caller's transaction. They return whether anything changed.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from uke8.cases import service
from uke8.cases.service import Actor, CaseError
from uke8.cases.status import Status
from uke8.privacy import mask_identifiers
from uke8.store.models import Case, CaseNote
from uke8.store.repositories import AuditRepository, CaseRepository

NOTE_MAX = 2000
REASON_MAX = 2000


class FormError(CaseError):
    """A refusal the veileder can fix in the form; the message is Norwegian, for the page."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _audit(session: Session, actor: Actor, action: str, case_id: str, detail: dict | None = None) -> None:
    AuditRepository(session).append(actor=actor.ident, actor_kind=actor.kind, action=action, case_id=case_id,
                                    outcome="ok", detail=(detail or {}) | {"via": "side"})


def assign_to_me(session: Session, case: Case, actor: Actor) -> bool:
    if case.assigned_to == actor.ident:
        return False
    previous = case.assigned_to
    case.assigned_to = actor.ident
    _audit(session, actor, "case.assign", case.id, {"to": actor.ident, "from": previous})
    return True


def add_note(session: Session, case: Case, actor: Actor, text: str, client_key: str) -> bool:
    text = (text or "").strip()
    if not text:
        raise FormError("notat", "Skriv et notat før du lagrer.")
    if len(text) > NOTE_MAX:
        raise FormError("notat", f"Notatet kan være på høyst {NOTE_MAX} tegn. Det har {len(text)}.")
    if not client_key or len(client_key) > 64:
        raise FormError("notat", "Skjemaet er utløpt. Last siden på nytt og prøv igjen.")
    exists = session.scalar(select(CaseNote.id).where(CaseNote.case_id == case.id, CaseNote.client_key == client_key))
    if exists is not None:
        return False
    # A note is the veileder's own words, but identifiers never belong in it.
    session.add(CaseNote(case_id=case.id, author=actor.ident, text=mask_identifiers(text), client_key=client_key))
    _audit(session, actor, "case.note", case.id, {"length": len(text)})
    return True


def decide(session: Session, case: Case, actor: Actor, classification: str | None, reason: str | None) -> bool:
    """The decision from the case page: the same use case and audit entry as the JSON API's."""
    if classification not in ("kartlegging", "ikke_aktuell_na"):
        raise FormError("vurdering", "Velg kartlegging eller ikke aktuell nå.")
    reason = (reason or "").strip() or None
    if reason and len(reason) > REASON_MAX:
        raise FormError("begrunnelse", f"Begrunnelsen kan være på høyst {REASON_MAX} tegn. Den har {len(reason)}.")
    repo = CaseRepository(session)
    assessment = repo.latest_assessment(case.id)
    if assessment is None:
        raise FormError("vurdering", "Saken har ikke noe forslag å vurdere ennå.")
    if classification != assessment.classification and not reason:
        raise FormError("begrunnelse", "Skriv en begrunnelse når du overstyrer forslaget.")
    latest = repo.decision_for(assessment.id)
    # The same form twice changes nothing; but a case back at a checkpoint needs a new
    # decision even when it repeats the one that sent it there.
    if (latest is not None and case.status != Status.SJEKKPUNKT
            and (latest.veileder_ident, latest.classification, latest.reason) == (actor.ident, classification, reason)):
        return False
    decision = service.decide(session, case.id, actor, classification, reason)
    AuditRepository(session).append(
        actor=actor.ident, actor_kind=actor.kind, action="case.decide", case_id=case.id, outcome="ok",
        detail={"classification": classification, "overrides_proposal": decision.overrides_proposal, "via": "side"},
    )
    return True


def mark_done(session: Session, case: Case, actor: Actor) -> bool:
    if case.status == Status.FERDIGBEHANDLET:
        return False
    if case.status != Status.VURDERT:
        raise FormError("ferdig", "Saken kan markeres som ferdigbehandlet først når den er til vurdering.")
    repo = CaseRepository(session)
    assessment = repo.latest_assessment(case.id)
    if assessment is None:
        raise FormError("ferdig", "Saken har ikke noe forslag ennå.")
    if assessment.classification != "tilpasset_hilsen" and repo.decision_for(assessment.id) is None:
        raise FormError("ferdig", "Bekreft eller overstyr forslaget først.")
    repo.append_status(case, Status.FERDIGBEHANDLET, actor.ident, note="markert som ferdigbehandlet")
    case.checkpoint_week = None
    _audit(session, actor, "case.done", case.id)
    return True

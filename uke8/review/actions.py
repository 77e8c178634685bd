"""The review page's use cases: assign a case to oneself, add a note; and the page's side of
deciding and marking ferdigbehandlet, whose rules live in uke8/cases/decisions.py: here the
form is checked (something chosen, lengths) and a refusal gets its Norwegian words.

Each is idempotent, so a form sent twice changes nothing the second time, and each change
writes its own audit row (the actor says it came via the page). They return whether anything
changed.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from uke8.cases import audit, decisions
from uke8.cases.actors import Actor
from uke8.cases.decisions import DecisionRefused
from uke8.cases.errors import CaseError
from uke8.privacy import mask_identifiers
from uke8.store.models import Case, CaseNote
from uke8.store.repositories import CaseRepository

NOTE_MAX = 2000
REASON_MAX = 2000

# A refused decision or ferdigmelding, in the veileder's words: (form field, message).
DECIDE_REFUSALS = {
    decisions.NO_PROPOSAL: ("vurdering", "Saken har ikke noe forslag å vurdere ennå."),
    decisions.NEEDS_REASON: ("begrunnelse", "Skriv en begrunnelse når du overstyrer forslaget."),
    decisions.NOT_A_DECISION: ("vurdering", "Velg kartlegging eller ikke aktuell nå."),
}
DONE_REFUSALS = {
    decisions.NOT_IN_REVIEW: ("ferdig", "Saken kan markeres som ferdigbehandlet først når den er til vurdering."),
    decisions.NO_PROPOSAL: ("ferdig", "Saken har ikke noe forslag ennå."),
    decisions.UNDECIDED: ("ferdig", "Bekreft eller overstyr forslaget først."),
}


class FormError(CaseError):
    """A refusal the veileder can fix in the form; the message is Norwegian, for the page."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _worded(refused: DecisionRefused, words: dict[str, tuple[str, str]]) -> CaseError:
    return FormError(*words[refused.rule]) if refused.rule in words else refused


def assign_to_me(session: Session, case: Case, actor: Actor) -> bool:
    if case.assigned_to == actor.ident:
        return False
    previous = case.assigned_to
    case.assigned_to = actor.ident
    audit.write(session, actor, "case.assign", case.id, {"to": actor.ident, "from": previous})
    return True


def add_note(session: Session, case: Case, actor: Actor, text: str, client_key: str) -> bool:
    text = (text or "").strip()
    if not text:
        raise FormError("notat", "Skriv et notat før du lagrer.")
    if len(text) > NOTE_MAX:
        raise FormError("notat", f"Notatet kan være på høyst {NOTE_MAX} tegn. Det har {len(text)}.")
    if not client_key or len(client_key) > 64:
        raise FormError("notat", "Skjemaet er utløpt. Last siden på nytt og prøv igjen.")
    if CaseRepository(session).has_note(case.id, client_key):
        return False
    # A note is the veileder's own words, but identifiers never belong in it.
    session.add(CaseNote(case_id=case.id, author=actor.ident, text=mask_identifiers(text), client_key=client_key))
    audit.write(session, actor, "case.note", case.id, {"length": len(text)})
    return True


def decide(session: Session, case: Case, actor: Actor, classification: str | None, reason: str | None) -> bool:
    """The decision from the case page: the same use case (and audit row) as the JSON API's."""
    if classification not in decisions.DECISIONS:
        raise FormError("vurdering", "Velg kartlegging eller ikke aktuell nå.")
    reason = (reason or "").strip() or None
    if reason and len(reason) > REASON_MAX:
        raise FormError("begrunnelse", f"Begrunnelsen kan være på høyst {REASON_MAX} tegn. Den har {len(reason)}.")
    try:
        return decisions.decide(session, case.id, actor, classification, reason, repeat_is_noop=True) is not None
    except DecisionRefused as refused:
        raise _worded(refused, DECIDE_REFUSALS) from None


def mark_done(session: Session, case: Case, actor: Actor) -> bool:
    try:
        return decisions.mark_done(session, case.id, actor)
    except DecisionRefused as refused:
        raise _worded(refused, DONE_REFUSALS) from None

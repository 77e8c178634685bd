"""The veileder's use cases on a proposal: decide (confirm or override) and mark a case
ferdigbehandlet. The rules live here once; the JSON API answers a refusal with 409 and the
review page turns its `rule` into a Norwegian message beside the field (uke8/review/actions.py).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from uke8.cases import audit, moves
from uke8.cases.actors import Actor
from uke8.cases.errors import CaseError
from uke8.cases.status import Status
from uke8.store.models import Case, Decision, utcnow
from uke8.store.repositories import CaseRepository
from uke8.triage import Classification

# What a refusal broke; the review page words each one for the veileder.
NO_PROPOSAL = "no_proposal"
NOT_A_DECISION = "not_a_decision"
NEEDS_REASON = "needs_reason"
NOT_IN_REVIEW = "not_in_review"
UNDECIDED = "undecided"

DECISIONS = (Classification.KARTLEGGING.value, Classification.IKKE_AKTUELL_NA.value)


class DecisionRefused(CaseError):
    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule = rule


def _locked(session: Session, case_id: str) -> Case:
    case = CaseRepository(session).get(case_id, for_update=True)
    if case is None:
        raise CaseError("unknown case")
    return case


def decide(session: Session, case_id: str, actor: Actor, classification: str, reason: str | None, *,
           now: datetime | None = None, repeat_is_noop: bool = False, audited: bool = True) -> Decision | None:
    """Confirm or override the current proposal. Overriding needs a reason; all decisions are kept.
    The decision is made `now` (default: the wall clock); its Oslo day is the standing's day,
    which decides the checkpoints that follow it (timeline.standing).

    repeat_is_noop (a form sent twice): the same veileder's same decision again changes nothing
    and returns None; but a case back at a checkpoint needs a new decision even when it repeats
    the one that sent it there, and so does a case new information brought back (ny_informasjon).

    audited=False: part of another use case (kartlegging.record_outcome), whose one audit row
    names the decision; a call that changes a case leaves exactly one row."""
    repo = CaseRepository(session)
    case = _locked(session, case_id)
    assessment = repo.latest_assessment(case.id)
    if assessment is None:
        raise DecisionRefused(NO_PROPOSAL, "the case has no proposal to decide on yet")
    if classification not in DECISIONS:
        raise DecisionRefused(NOT_A_DECISION, "a decision is kartlegging or ikke_aktuell_na")
    reason = reason.strip() if reason and reason.strip() else None
    overrides = classification != assessment.classification
    if overrides and not reason:
        raise DecisionRefused(NEEDS_REASON, "overriding the proposal needs a reason")
    if repeat_is_noop and case.status not in (Status.SJEKKPUNKT, Status.NY_INFORMASJON):
        latest = repo.decision_for(assessment.id)
        if latest is not None and (latest.veileder_ident, latest.classification, latest.reason) == (actor.ident, classification, reason):
            return None
    decision = Decision(
        case_id=case.id,
        assessment_id=assessment.id,
        veileder_ident=actor.ident,
        classification=classification,
        reason=reason,
        overrides_proposal=overrides,
        created_at=now or utcnow(),
    )
    session.add(decision)
    # A second decision on a decided case is kept without a move; any other status is refused
    # by the machine (a case not yet assessed cannot be ferdigbehandlet).
    if case.status != Status.FERDIGBEHANDLET:
        moves.move(session, case, Status.FERDIGBEHANDLET, actor, note="overstyrt" if overrides else "bekreftet")
    session.flush()
    if audited:
        audit.write(session, actor, "case.decide", case.id, {"classification": classification, "overrides_proposal": overrides})
    return decision


def mark_done(session: Session, case_id: str, actor: Actor) -> bool:
    """Ferdigbehandlet without a new decision: a tailored greeting, or a proposal already decided.
    Idempotent: False when the case is ferdigbehandlet already."""
    case = _locked(session, case_id)
    if case.status == Status.FERDIGBEHANDLET:
        return False
    # New information that changes nothing: the decision that stands is kept, the case handled.
    if case.status not in (Status.VURDERT, Status.NY_INFORMASJON):
        raise DecisionRefused(NOT_IN_REVIEW, f"case in status {case.status} is not in review")
    repo = CaseRepository(session)
    assessment = repo.latest_assessment(case.id)
    if assessment is None:
        raise DecisionRefused(NO_PROPOSAL, "the case has no proposal yet")
    if assessment.classification != Classification.TILPASSET_HILSEN and repo.decision_for(assessment.id) is None:
        raise DecisionRefused(UNDECIDED, "confirm or override the proposal first")
    moves.move(session, case, Status.FERDIGBEHANDLET, actor, note="markert som ferdigbehandlet")
    case.checkpoint_week = None
    audit.write(session, actor, "case.done", case.id)
    return True

"""The kartlegging's outcome (PRODUCT.md §3b): after the conversation with the person, the
veileder records the behovsvurdering — innsats, whether a §14a vedtak is needed, a short note —
or that the person is "ikke aktuell nå" after all.

The rules live here once; the JSON API answers a refusal with 409 and the review page words
its `rule` beside the field (uke8/review/actions.py).

- Only a case whose standing is kartlegging (the veileder's decision on the latest assessment,
  else the proposal) gets an outcome, and only while it is in review or handled (vurdert,
  ferdigbehandlet, ny_informasjon): a case still being asked has no kartlegging to report on.
- An innsats outcome on a proposal nobody has decided yet confirms it (a kartlegging was held,
  so the veileder agreed); the case is ferdigbehandlet afterwards.
- "Ikke aktuell nå" after all is a veileder decision of ikke_aktuell_na (decisions.decide),
  made now: the standing becomes "ikke aktuell nå" from today, so the case returns at the next
  legal checkpoint (week 17, 26, 39) after today, exactly as a decided "ikke aktuell nå" does
  (uke8/lifecycle/timeline.py `standing`, steps.return_at_checkpoint). No second rule for it.
- The note is the veileder's own words: identifiers are masked before it is stored (as case
  notes are); it is never logged, and the audit row keeps only its length.
- The same veileder's same outcome again (a form sent twice, a retried request) changes
  nothing and returns None.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from uke8.cases import audit, decisions, moves
from uke8.cases.actors import Actor
from uke8.cases.errors import CaseError
from uke8.cases.status import Status
from uke8.privacy import mask_identifiers
from uke8.store.followup import FollowUpRepository
from uke8.store.models import Case, KartleggingOutcome, utcnow
from uke8.store.repositories import CaseRepository
from uke8.triage import Classification

INNSATS = ("standard", "situasjonsbestemt", "spesielt_tilpasset", "varig_tilpasset")
BEHOVSVURDERING = "behovsvurdering"
IKKE_AKTUELL_NA = Classification.IKKE_AKTUELL_NA.value
NOTE_MAX = 2000
# The reason the "ikke aktuell nå" decision carries (the note stays on the outcome).
IKKE_AKTUELL_REASON = "Kartleggingen viste at oppfølging ikke er aktuell nå."

# Statuses in which a kartlegging outcome can be recorded.
OUTCOME_FROM = frozenset({Status.VURDERT, Status.FERDIGBEHANDLET, Status.NY_INFORMASJON})

# What a refusal broke; the review page words each one for the veileder.
BAD_OUTCOME = "bad_outcome"
NOTE_TOO_LONG = "note_too_long"
NOT_IN_REVIEW = "not_in_review"
NOT_KARTLEGGING = "not_kartlegging"


class OutcomeRefused(CaseError):
    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class OutcomeIn:
    """One outcome: `innsats` + `trenger_14a`, or `ikke_aktuell_na` (then neither of them)."""

    innsats: str | None = None
    trenger_14a: bool | None = None
    note: str | None = None
    ikke_aktuell_na: bool = False

    def checked(self) -> OutcomeIn:
        if self.ikke_aktuell_na:
            if self.innsats is not None or self.trenger_14a is not None:
                raise OutcomeRefused(BAD_OUTCOME, "ikke_aktuell_na takes no innsats or trenger_14a")
        elif self.innsats not in INNSATS:
            raise OutcomeRefused(BAD_OUTCOME, "innsats is one of " + ", ".join(INNSATS) + ", or ikke_aktuell_na is true")
        elif not isinstance(self.trenger_14a, bool):
            raise OutcomeRefused(BAD_OUTCOME, "trenger_14a (true or false) goes with innsats")
        note = (self.note or "").strip()
        if len(note) > NOTE_MAX:
            raise OutcomeRefused(NOTE_TOO_LONG, f"the note is at most {NOTE_MAX} characters")
        # A note is the veileder's own words, but identifiers never belong in it.
        return OutcomeIn(self.innsats, self.trenger_14a, mask_identifiers(note) or None, self.ikke_aktuell_na)


def _locked(session: Session, case_id: str) -> Case:
    case = CaseRepository(session).get(case_id, for_update=True)
    if case is None:
        raise CaseError("unknown case")
    return case


def _same(row: KartleggingOutcome | None, actor: Actor, outcome: str, given: OutcomeIn) -> bool:
    return row is not None and (row.veileder_ident, row.outcome, row.innsats, row.trenger_14a, row.note) == (
        actor.ident, outcome, given.innsats, given.trenger_14a, given.note)


def standing_classification(session: Session, case: Case) -> str | None:
    """The veileder's decision on the latest assessment, else its proposal (timeline.standing's rule)."""
    repo = CaseRepository(session)
    assessment = repo.latest_assessment(case.id)
    if assessment is None:
        return None
    decision = repo.decision_for(assessment.id)
    return decision.classification if decision is not None else assessment.classification


def record_outcome(session: Session, case_id: str, actor: Actor, given: OutcomeIn, *,
                   now: datetime | None = None) -> KartleggingOutcome | None:
    """Record the kartlegging's outcome (see the module docstring); None when it repeats the
    same veileder's latest one. `now` (default the wall clock) dates the outcome and, for
    "ikke aktuell nå", the decision whose day the checkpoints count from."""
    case = _locked(session, case_id)
    given = given.checked()
    outcome = IKKE_AKTUELL_NA if given.ikke_aktuell_na else BEHOVSVURDERING
    followup = FollowUpRepository(session)
    if _same(followup.latest_outcome(case.id), actor, outcome, given):
        return None
    if case.status not in OUTCOME_FROM:
        raise OutcomeRefused(NOT_IN_REVIEW, f"case in status {case.status} has no kartlegging to record")
    standing = standing_classification(session, case)
    if standing != Classification.KARTLEGGING:
        raise OutcomeRefused(NOT_KARTLEGGING, "only a case decided or proposed for kartlegging gets its outcome")
    now = now or utcnow()
    row = KartleggingOutcome(case_id=case.id, veileder_ident=actor.ident, outcome=outcome, innsats=given.innsats,
                             trenger_14a=given.trenger_14a, note=given.note, created_at=now)
    followup.add(row)
    repo = CaseRepository(session)
    decided = None
    if given.ikke_aktuell_na:
        # The checkpoints follow the standing: a decision of "ikke aktuell nå", made now.
        decided = decisions.decide(session, case.id, actor, IKKE_AKTUELL_NA, IKKE_AKTUELL_REASON, now=now, audited=False)
    elif repo.decision_for(repo.latest_assessment(case.id).id) is None:
        # A kartlegging was held on an undecided proposal: the veileder agreed with it.
        decided = decisions.decide(session, case.id, actor, Classification.KARTLEGGING.value, None, now=now, audited=False)
    elif case.status != Status.FERDIGBEHANDLET:
        moves.move(session, case, Status.FERDIGBEHANDLET, actor, note="kartlegging gjennomført")
    # One audit row for the whole use case, the decision it made included.
    audit.write(session, actor, "kartlegging.outcome", case.id, {
        "outcome": outcome, "innsats": given.innsats, "trenger_14a": given.trenger_14a,
        "note_length": len(given.note or ""), "decision": decided.classification if decided else None,
    })
    return row

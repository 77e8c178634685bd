"""New information on a case (PRODUCT.md §3b, §6): a legeerklæring, the oppfølgingsplan, a
dialogmøte request, another NAV unit. It brings the case back to the queue at once, and the
veileder may then ask the person the questions again.

- `record`: from a veileder (API, page) or the register feed. A case that is decided or in
  review (NEW_INFORMATION_FROM: vurdert, ferdigbehandlet, sjekkpunkt) moves to `ny_informasjon`
  and waits there for the veileder; any other case only records it (one still being asked
  keeps its round; one not yet invited is invited on its day as usual).
  A `key` makes the signal idempotent: the same key on the same case again changes nothing
  (the feed sends a record again, a form is sent twice, a client retries). It is stored as
  `feed_key` "{via}:{case}:{key}", so keys of different cases or entry points never meet.
- `reopen_round`: the case side of asking again (uke8/lifecycle/ask_again.py adds the message
  to the person): a new round of the same invitation with its own deadline, the case
  `invitert` again until the person answers or the deadline passes (then the no-answer rules
  and "the earlier assessment stands" apply as for any later round: steps.close_at_deadline).
  A second request while the round is open changes nothing and returns None.

The note is the veileder's own words: identifiers are masked before it is stored, it is never
logged, and the audit row keeps only its length.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from uke8.cases import audit, moves
from uke8.cases.actors import Actor
from uke8.cases.errors import CaseError
from uke8.cases.status import NEW_INFORMATION_FROM, OPEN_FOR_ANSWERS, Status
from uke8.privacy import mask_identifiers
from uke8.settings import get_settings
from uke8.store.followup import FollowUpRepository
from uke8.store.models import Case, Invitation, NewInformation, utcnow
from uke8.store.repositories import CaseRepository
from uke8.triage import ScreeningResult

KINDS = ("legeerklaering", "oppfolgingsplan", "dialogmote", "annen_enhet", "annet")
# Words for the status history's note (the veileder reads it on the case page).
KIND_WORDS = {
    "legeerklaering": "legeerklæring",
    "oppfolgingsplan": "oppfølgingsplan",
    "dialogmote": "ønske om dialogmøte",
    "annen_enhet": "fra en annen NAV-enhet",
    "annet": "annet",
}
NOTE_MAX = 2000
KEY_MAX = 64

# What a refusal broke; the review page words each one for the veileder.
BAD_KIND = "bad_kind"
NOTE_TOO_LONG = "note_too_long"
BAD_KEY = "bad_key"
NOT_ASKED = "not_asked"  # the person was never asked the questions (screened out, tailored greeting)
NO_CONTACT = "no_contact"  # opted out, reserved against digital contact, or the sick leave ended
NO_NEW_INFORMATION = "no_new_information"  # asking again follows new information


class NewInformationRefused(CaseError):
    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class Recorded:
    entry: NewInformation
    created: bool  # False: the key was seen before, nothing changed
    reopened: bool  # the case moved to ny_informasjon


def _locked(session: Session, case_id: str) -> Case:
    case = CaseRepository(session).get(case_id, for_update=True)
    if case is None:
        raise CaseError("unknown case")
    return case


def stored_key(actor: Actor, case_id: str, key: str) -> str:
    return f"{actor.via}:{case_id}:{key}"


def record(session: Session, case_id: str, actor: Actor, kind: str, note: str | None = None, *,
           key: str | None = None, now: datetime | None = None) -> Recorded:
    """Record new information and bring the case back to the queue (see the module docstring)."""
    case = _locked(session, case_id)
    if kind not in KINDS:
        raise NewInformationRefused(BAD_KIND, "kind is one of " + ", ".join(KINDS))
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise NewInformationRefused(NOTE_TOO_LONG, f"the note is at most {NOTE_MAX} characters")
    if key is not None and not (0 < len(key) <= KEY_MAX):
        raise NewInformationRefused(BAD_KEY, f"the key is 1 to {KEY_MAX} characters")
    followup = FollowUpRepository(session)
    feed_key = stored_key(actor, case.id, key) if key is not None else None
    if feed_key is not None and (seen := followup.by_key(feed_key)) is not None:
        return Recorded(seen, created=False, reopened=False)
    entry = NewInformation(case_id=case.id, kind=kind, note=mask_identifiers(note) or None,
                           source="feed" if actor.via == "feed" else "veileder", actor=actor.ident,
                           feed_key=feed_key, created_at=now or utcnow())
    followup.add(entry)
    reopened = case.status in NEW_INFORMATION_FROM
    if reopened:
        moves.move(session, case, Status.NY_INFORMASJON, actor, note=f"ny informasjon: {KIND_WORDS[kind]}")
    audit.write(session, actor, "case.new_information", case.id, {
        "kind": kind, "source": entry.source, "reopened": reopened, "note_length": len(note)})
    return Recorded(entry, created=True, reopened=reopened)


def reopen_round(session: Session, case_id: str, actor: Actor, today: date) -> tuple[Case, Invitation] | None:
    """A new round of questions after new information; None when one is open already.

    The round has its own deadline (UKE8_ANSWER_DEADLINE_DAYS from today) and no reminder
    (steps.remind reminds round 1 only). The case is `invitert` again, not `besvart` as when the
    person says the situation changed (conversation.begin_new_round): nothing is answered yet,
    and Min side keeps the round's task open while the case waits for answers."""
    case = _locked(session, case_id)
    invitation = CaseRepository(session).invitation_for_case(case.id)
    if invitation is None or invitation.screening != ScreeningResult.SPORSMAL:
        raise NewInformationRefused(NOT_ASKED, "the person was never asked the questions: reach them another way")
    if case.status in OPEN_FOR_ANSWERS and invitation.closed_at is None:
        return None  # being asked already: a form sent twice, a retried request
    if case.opted_out or case.reservert_digital or (case.end_date is not None and case.end_date < today):
        raise NewInformationRefused(NO_CONTACT, "the person may not be contacted digitally now: reach them another way")
    if case.status != Status.NY_INFORMASJON:
        raise NewInformationRefused(NO_NEW_INFORMATION, "the person is asked again after new information is recorded")
    invitation.round += 1
    invitation.closed_at = None
    invitation.deadline = today + timedelta(days=get_settings().answer_deadline_days)
    moves.move(session, case, Status.INVITERT, actor, note="spurt på nytt etter ny informasjon")
    audit.write(session, actor, "conversation.ask_again", case.id, {
        "round": invitation.round, "deadline": invitation.deadline.isoformat(), "channel": invitation.channel})
    return case, invitation

"""Who the person is, when the veileder needs it (issue 16 item 8): the fødselsnummer or the phone
number of one case, opened from its sealed copy on request.

The case page and the queue show only the pseudonymous id, the birth date and a masked number;
the full value is shown in the answer to one request and nowhere else. Each showing writes an
audit row with what was shown and why (`purpose`, the veileder's short text with any identifier
in it masked), never the value. The caller has checked the case is of the veileder's enhet
(404 otherwise) and holds the transaction, so the value is handed out only if the audit row is
committed with it.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from uke8.cases import audit
from uke8.cases.actors import Actor
from uke8.cases.errors import CaseError
from uke8.privacy import mask_identifiers
from uke8.store.crypto import get_sealer
from uke8.store.models import Case, PersonIdentity

FNR, TELEFON = "fnr", "telefon"
WHAT = (FNR, TELEFON)
PURPOSE_MIN, PURPOSE_MAX = 3, 200


class NothingToReveal(CaseError):
    """The case has no such value (an SMS-less case without a phone number): the API answers 409."""


class PurposeMissing(CaseError):
    """No purpose, or one too short or long: the API refuses such a body with 422 before this."""


def reveal(session: Session, case: Case, actor: Actor, what: str, purpose: str) -> str:
    """The value, with its audit row `case.reveal` {"what", "purpose"} in the caller's transaction."""
    if what not in WHAT:
        raise ValueError(f"what is one of {', '.join(WHAT)}")
    purpose = " ".join((purpose or "").split())
    if not PURPOSE_MIN <= len(purpose) <= PURPOSE_MAX:
        raise PurposeMissing(f"a purpose of {PURPOSE_MIN} to {PURPOSE_MAX} characters is required")
    if what == FNR:
        sealed = session.scalar(select(PersonIdentity.fnr_sealed).where(PersonIdentity.person_id == case.person_id))
    else:
        sealed = case.mobil_sealed
    if not sealed:
        raise NothingToReveal("the case has no phone number" if what == TELEFON else "the case has no fødselsnummer")
    value = get_sealer().open(sealed)
    audit.write(session, actor, "case.reveal", case.id, {"what": what, "purpose": mask_identifiers(purpose)})
    return value

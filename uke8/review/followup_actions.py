"""The case page's side of what follows the questions (issue 16): record the kartlegging's
outcome, register new information, ask the person again. The rules live in the use cases
(uke8/cases/kartlegging.py, uke8/cases/new_information.py, uke8/lifecycle/ask_again.py); here
the form is checked (something chosen, lengths, the form's key) and a refusal gets its
Norwegian words beside the field (actions.FormError, answered 422 by the page).

Each is idempotent, so a form sent twice changes nothing the second time: the same outcome
again is a no-op (the use case's rule), new information carries the form's own key, and a
second "ask again" finds the round open already. They return whether anything changed.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from uke8.cases import kartlegging, new_information
from uke8.cases.actors import Actor
from uke8.cases.errors import CaseError
from uke8.lifecycle.ask_again import ask_again as ask_again_use_case
from uke8.review.actions import FormError
from uke8.store.models import Case

OUTCOME_REFUSALS = {
    kartlegging.NOT_IN_REVIEW: ("resultat", "Resultatet av kartleggingen kan registreres når saken er vurdert."),
    kartlegging.NOT_KARTLEGGING: ("resultat", "Saken er ikke vurdert til kartlegging. Velg kartlegging i vurderingen først."),
}
ASK_AGAIN_REFUSALS = {
    new_information.NOT_ASKED: ("spor", "Personen har ikke fått spørsmålene. Ta kontakt på annen måte."),
    new_information.NO_CONTACT: ("spor", "Personen kan ikke kontaktes digitalt nå. Ta kontakt på annen måte."),
    new_information.NO_NEW_INFORMATION: ("spor", "Du kan spørre personen på nytt når det er registrert ny informasjon."),
}
EXPIRED = "Skjemaet er utløpt. Last siden på nytt og prøv igjen."


def _worded(refused: CaseError, words: dict[str, tuple[str, str]]) -> CaseError:
    rule = getattr(refused, "rule", None)
    return FormError(*words[rule]) if rule in words else refused


def _note(form: dict[str, Any], field: str) -> str:
    text = (form.get(field) or "").strip()
    if len(text) > kartlegging.NOTE_MAX:
        raise FormError(field, f"Notatet kan være på høyst {kartlegging.NOTE_MAX} tegn. Det har {len(text)}.")
    return text


def record_outcome(session: Session, case: Case, actor: Actor, form: dict[str, Any]) -> bool:
    choice = form.get("resultat")
    if choice not in (*kartlegging.INNSATS, kartlegging.IKKE_AKTUELL_NA):
        raise FormError("resultat", "Velg hva kartleggingen viste.")
    trenger_14a = None
    if choice != kartlegging.IKKE_AKTUELL_NA:
        if form.get("trenger_14a") not in ("ja", "nei"):
            raise FormError("trenger_14a", "Svar på om det trengs et vedtak etter § 14 a.")
        trenger_14a = form.get("trenger_14a") == "ja"
    note = _note(form, "kartlegging_notat")
    given = kartlegging.OutcomeIn(
        innsats=None if choice == kartlegging.IKKE_AKTUELL_NA else choice, trenger_14a=trenger_14a, note=note,
        ikke_aktuell_na=choice == kartlegging.IKKE_AKTUELL_NA)
    try:
        return kartlegging.record_outcome(session, case.id, actor, given) is not None
    except kartlegging.OutcomeRefused as refused:
        raise _worded(refused, OUTCOME_REFUSALS) from None


def record_new_information(session: Session, case: Case, actor: Actor, form: dict[str, Any]) -> bool:
    kind = form.get("informasjon")
    if kind not in new_information.KINDS:
        raise FormError("informasjon", "Velg hva slags informasjon du har fått.")
    note = _note(form, "informasjon_notat")
    key = form.get("informasjon_nokkel") or ""
    if not 0 < len(key) <= new_information.KEY_MAX:
        raise FormError("informasjon", EXPIRED)
    return new_information.record(session, case.id, actor, kind, note, key=key).created


def ask_again(session: Session, case: Case, actor: Actor, today: date) -> bool:
    try:
        return ask_again_use_case(session, case.id, actor, today) is not None
    except new_information.NewInformationRefused as refused:
        raise _worded(refused, ASK_AGAIN_REFUSALS) from None

"""What followed the questions on a case, as the JSON case and the case page show it: the
kartlegging's latest outcome and every piece of new information (PRODUCT.md §3b); their
Norwegian words are in labels.py. A read model; the rules are the use cases'
(uke8/cases/kartlegging.py, uke8/cases/new_information.py)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from uke8.cases.kartlegging import OUTCOME_FROM
from uke8.cases.status import Status
from uke8.store.followup import FollowUpRepository
from uke8.store.models import KartleggingOutcome, NewInformation


def outcome_view(row: KartleggingOutcome | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "outcome": row.outcome,  # behovsvurdering | ikke_aktuell_na
        "innsats": row.innsats,
        "trenger_14a": row.trenger_14a,
        "note": row.note,
        "veileder": row.veileder_ident,
        "created_at": row.created_at.isoformat(),
    }


def new_information_view(row: NewInformation) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "note": row.note,
        "source": row.source,  # veileder | feed
        "actor": row.actor,
        "created_at": row.created_at.isoformat(),
    }


def followup_view(session: Session, case_id: str) -> dict[str, Any]:
    """The keys the JSON case adds (case_view): `kartlegging` (the latest outcome, or null) and
    `new_information` (oldest first)."""
    repo = FollowUpRepository(session)
    return {
        "kartlegging": outcome_view(repo.latest_outcome(case_id)),
        "new_information": [new_information_view(row) for row in repo.new_information(case_id)],
    }


@dataclass(frozen=True)
class FollowUpActions:
    """Which of the follow-up forms the case page offers (the use cases decide; these only
    leave out a form that would surely be refused)."""

    can_record_outcome: bool
    can_flag_new_information: bool
    can_ask_again: bool


def followup_actions(view: dict[str, Any]) -> FollowUpActions:
    """From the JSON case: an outcome for a kartlegging in review or handled; new information
    on any case that asked or will ask (not one screened out); asking again after new
    information, on a case that asked the questions and may be contacted."""
    assessment = view.get("assessment") or {}
    decision = assessment.get("veileder_decision") or {}
    standing = decision.get("classification") or assessment.get("classification")
    invitation = view.get("invitation") or {}
    contactable = not (view.get("opted_out") or view.get("reservert_digital"))
    return FollowUpActions(
        can_record_outcome=view["status"] in OUTCOME_FROM and standing == "kartlegging",
        can_flag_new_information=view["status"] != Status.EKSKLUDERT,
        can_ask_again=view["status"] == Status.NY_INFORMASJON and invitation.get("screening") == "sporsmal" and contactable,
    )

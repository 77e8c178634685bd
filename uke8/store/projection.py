"""The review queue's read model on `cases`, kept in step inside the writing transaction.

`cases.proposal`, `reason_mask`, `invited_on` and `checkpoint_week` copy what the queue
filters and sorts on from the invitation, the newest assessment and checkpoint returns, so
the queue is one indexed query on one table however many cases there are. A `before_flush`
hook on every Session keeps them right whatever use case wrote the source row (the
conversation, the scheduler, the API, the pages), in the same transaction.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import event
from sqlalchemy.orm import Session

from uke8.store.models import AssessmentRecord, Case, CheckpointReturn, Decision, Invitation

# One bit per reason code. Append only: a code's position is stored in every case row
# (migration 0003 holds a copy for its backfill).
REASON_BITS: tuple[str, ...] = (
    "retur_usikker_eller_lite_sannsynlig",
    "varighet_over_26_uker",
    "relasjon_vanskelig_eller_verken_eller",
    "ubesvart_grad_30_eller_mer",
    "varighet_usikker_grad_30_eller_mer",
    "varighet_usikker_annet_enn_behandling",
    "usikre_inngangsvilkar",
    "gjentakende_fravaer",
    "god_relasjon_kort_varighet",
    "usikker_varighet_behandling_lav_grad",
    "ubesvart_lav_grad",
    "ekskludert_ingen_hilsen",
    "tilpasset_hilsen",
    "svangerskapsrelatert",
    "uforetrygd_100_under_50_stilling",
    "alder_65_eller_mer",
    "alvorlig_diagnose",
    # triage-v2, people without an employer (PRODUCT.md §2)
    "uten_arbeidsgiver",
    "retur_i_arbeid_kort_varighet",
)
_BIT = {code: 1 << i for i, code in enumerate(REASON_BITS)}


def reason_bit(code: str) -> int:
    return _BIT[code]


def reason_mask(codes: Iterable[str]) -> int:
    mask = 0
    for code in codes:
        mask |= _BIT.get(code, 0)
    return mask


def reasons_from_mask(mask: int) -> list[str]:
    return [code for code, bit in _BIT.items() if mask & bit]


@event.listens_for(Session, "before_flush")
def _project(session: Session, _flush_context, _instances) -> None:  # noqa: ANN001
    new = list(session.new)
    if not any(isinstance(o, (Invitation, AssessmentRecord, CheckpointReturn, Decision)) for o in new):
        return
    with session.no_autoflush:
        assessments: dict[str, AssessmentRecord] = {}
        for obj in new:
            if isinstance(obj, AssessmentRecord):
                # add_assessment flushes each one at once, so there is one per case here
                assessments[obj.case_id] = obj
        for obj in new:
            if isinstance(obj, Invitation):
                case = session.get(Case, obj.case_id)
                if case is not None:
                    case.invited_on = obj.invited_on
            elif isinstance(obj, CheckpointReturn):
                case = session.get(Case, obj.case_id)
                if case is not None:
                    case.checkpoint_week = obj.week
            elif isinstance(obj, Decision):
                case = session.get(Case, obj.case_id)
                if case is not None:
                    case.checkpoint_week = None  # the veileder has dealt with the return
        for case_id, record in assessments.items():
            case = session.get(Case, case_id)
            if case is not None:
                case.proposal = record.classification
                case.reason_mask = reason_mask(record.reasons or ())

"""The facts triage reads from a case, the assessment record, and its summary for views."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from uke8.store.models import AssessmentRecord, Case
from uke8.store.repositories import CaseRepository
from uke8.triage import REASON_TEXTS, Answers, CaseFacts, Classification, age_on
from uke8.triage.catalogue import catalogue_version
from uke8.triage.rules import rule_version_for


def case_facts(case: Case, on: date) -> CaseFacts:
    return CaseFacts(
        sykmeldingsgrad=case.sykmeldingsgrad,
        gjentakende_fravaer=case.gjentakende_fravaer,
        usikre_inngangsvilkar=case.usikre_inngangsvilkar,
        alder=age_on(case.fodselsdato, on) if case.fodselsdato else None,
        alvorlig_diagnose=case.alvorlig_diagnose,
        svangerskapsrelatert=case.svangerskapsrelatert,
        uforetrygd_100=case.uforetrygd_100,
        stillingsprosent=case.stillingsprosent,
        har_arbeidsgiver=case.har_arbeidsgiver,
    )


def _facts_dict(facts: CaseFacts) -> dict[str, Any]:
    return {k: getattr(facts, k) for k in facts.__dataclass_fields__}


def store_assessment(
    session: Session,
    case: Case,
    classification: Classification,
    reasons: tuple[str, ...],
    answers: Answers,
    facts: CaseFacts,
    *,
    source: str,
    round_: int = 1,
    as_of: date | None = None,
) -> AssessmentRecord:
    return CaseRepository(session).add_assessment(
        AssessmentRecord(
            case_id=case.id,
            round=round_,
            as_of=as_of,
            classification=classification.value,
            reasons=list(reasons),
            answers=answers.as_dict(),
            facts=_facts_dict(facts),
            source=source,
            # The facts say which rules and questions applied (triage-v2 without an employer);
            # a stored record keeps them whatever the case says later.
            rule_version=rule_version_for(facts),
            catalogue_version=catalogue_version(facts.har_arbeidsgiver),
        )
    )


def assessment_summary(record: AssessmentRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "classification": record.classification,
        "reasons": list(record.reasons),
        "reason_texts": [REASON_TEXTS.get(code, code) for code in record.reasons],
        "answers": {k: record.answers.get(k) for k in ("retur", "relasjon", "varighet", "varighet_usikker_grunn")},
        "rule_version": record.rule_version,
        "catalogue_version": record.catalogue_version,
        "source": record.source,
        "round": record.round,
        "created_at": record.created_at.isoformat(),
    }

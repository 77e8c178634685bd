"""Registering a case from the register feed (or the admin's API call): create it, or update
the facts of the one with the same external_id. The bulk import (bulk.py) shares the rules
(`plan_update`, `initial_grades`, `enhet_change`) and writes them set-wise.

Like every use case, it takes an open write Session (one transaction) and leaves committing to
the caller; it writes its own status history and audit rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from uke8.cases import audit, moves
from uke8.cases.actors import Actor
from uke8.cases.status import Status
from uke8.clock import today_in_oslo
from uke8.store.crypto import get_sealer
from uke8.store.models import Case, GradeChange, Person, PersonIdentity
from uke8.store.repositories import CaseRepository
from uke8.triage import birth_date_from_fnr


@dataclass
class NewCase:
    external_id: str
    fnr: str
    enhet: str
    start_date: date
    sykmeldingsgrad: int
    fodselsdato: date | None = None
    gjentakende_fravaer: bool = False
    usikre_inngangsvilkar: bool = False
    alvorlig_diagnose: bool = False
    svangerskapsrelatert: bool = False
    uforetrygd_100: bool = False
    stillingsprosent: int = 100
    channel: str = "chat"
    reservert_digital: bool = False  # the contact register: no digital contact at all
    har_arbeidsgiver: bool = True  # False: arbeidsledig, frilanser, selvstendig (triage-v2)
    health_categories: tuple[str, ...] = ()  # health details found (and redacted) in the words
    mobil: str | None = None
    employer_orgnr: str | None = None
    end_date: date | None = None
    grade_changes: list[tuple[date, int]] = field(default_factory=list)


UPDATABLE_FACTS = (
    "enhet",
    "sykmeldingsgrad",
    "gjentakende_fravaer",
    "usikre_inngangsvilkar",
    "alvorlig_diagnose",
    "svangerskapsrelatert",
    "uforetrygd_100",
    "stillingsprosent",
    "channel",
    "reservert_digital",
    "har_arbeidsgiver",
    "employer_orgnr",
    "end_date",
)


def register_case(session: Session, new: NewCase, actor: Actor) -> tuple[Case, bool]:
    """Create a case, or update the facts of the one with the same external_id.

    Returns (case, created). Idempotent: the same body twice changes nothing the second time.
    """
    repo = CaseRepository(session)
    sealer = get_sealer()
    existing = repo.by_external_id(new.external_id, for_update=True)
    if existing is not None:
        previous_enhet = existing.enhet
        changed = _update_facts(session, existing, new)
        if changed:
            audit.write(session, actor, "case.update", existing.id, {"changed": sorted(changed)})
        if "enhet" in changed:
            # Moving a case to another enhet moves who may see it: an explicit fact of its own.
            # The old enhet's veileder may no longer see it, so the assignment goes with the move.
            audit.write(session, actor, "case.enhet", existing.id, enhet_change(previous_enhet, new.enhet))
            existing.assigned_to = None
        return existing, False

    fnr_hash = sealer.keyed_hash(new.fnr)
    person_id = repo.person_by_fnr_hash(fnr_hash)
    if person_id is None:
        person = Person()
        session.add(person)
        session.flush()
        session.add(PersonIdentity(person_id=person.id, fnr_hash=fnr_hash, fnr_sealed=sealer.seal(new.fnr)))
        person_id = person.id

    case = Case(
        external_id=new.external_id,
        person_id=person_id,
        enhet=new.enhet,
        employer_orgnr=new.employer_orgnr,
        start_date=new.start_date,
        end_date=new.end_date,
        sykmeldingsgrad=new.sykmeldingsgrad,
        fodselsdato=new.fodselsdato or birth_date_from_fnr(new.fnr),
        gjentakende_fravaer=new.gjentakende_fravaer,
        usikre_inngangsvilkar=new.usikre_inngangsvilkar,
        alvorlig_diagnose=new.alvorlig_diagnose,
        svangerskapsrelatert=new.svangerskapsrelatert,
        uforetrygd_100=new.uforetrygd_100,
        stillingsprosent=new.stillingsprosent,
        channel=new.channel,
        reservert_digital=new.reservert_digital,
        har_arbeidsgiver=new.har_arbeidsgiver,
        mobil_sealed=sealer.seal(new.mobil) if new.mobil else None,
        mobil_hash=sealer.keyed_hash(new.mobil) if new.mobil else None,
        status=Status.REGISTRERT,
    )
    repo.add(case)
    for day, grade in initial_grades(new):
        session.add(GradeChange(case_id=case.id, valid_from=day, grade=grade))
    moves.start(session, case, actor)
    audit.write(session, actor, "case.create", case.id, {"external_id": new.external_id, "enhet": new.enhet})
    return case, True


def enhet_change(old: str, new: str) -> dict[str, str]:
    """The detail of a `case.enhet` audit entry (shared with the bulk import)."""
    return {"from": old, "to": new}


def initial_grades(new: NewCase) -> list[tuple[date, int]]:
    """The grade history of a new case: the grade at the start (from the grade changes when
    they name the start date, else the current grade), then the later changes."""
    changes = dict(new.grade_changes)
    grades = [(new.start_date, changes.pop(new.start_date, new.sykmeldingsgrad))]
    return grades + sorted((day, grade) for day, grade in changes.items() if day > new.start_date)


@dataclass
class FactUpdate:
    """What registering `new` again changes on an existing case (shared with the bulk import)."""

    changed: set[str]
    values: dict[str, Any]  # column -> new value
    grades: list[tuple[date, int]]  # grade history rows to add


def plan_update(current: dict[str, Any], known_grade_days: dict[date, int], new: NewCase, today: date) -> FactUpdate:
    """`current` holds the case's UPDATABLE_FACTS, `mobil_hash` and `start_date`."""
    changed = {name for name in UPDATABLE_FACTS if current[name] != getattr(new, name)}
    values = {name: getattr(new, name) for name in changed}
    if new.mobil:
        sealer = get_sealer()
        mobil_hash = sealer.keyed_hash(new.mobil)
        if current["mobil_hash"] != mobil_hash:
            values.update(mobil_sealed=sealer.seal(new.mobil), mobil_hash=mobil_hash)
            changed.add("mobil")
    grades: list[tuple[date, int]] = []
    first = known_grade_days[min(known_grade_days)] if known_grade_days else new.sykmeldingsgrad
    for day, grade in [(current["start_date"], first), *new.grade_changes]:
        if day not in known_grade_days and day not in dict(grades):
            grades.append((day, grade))
    if "sykmeldingsgrad" in changed and not new.grade_changes and today not in known_grade_days:
        # A new grade without a date: it holds from today.
        grades.append((today, new.sykmeldingsgrad))
    if grades:
        changed.add("grade_history")
    return FactUpdate(changed, values, grades)


def _update_facts(session: Session, case: Case, new: NewCase) -> set[str]:
    current = {name: getattr(case, name) for name in (*UPDATABLE_FACTS, "mobil_hash", "start_date")}
    plan = plan_update(current, {g.valid_from: g.grade for g in case.grades}, new, today_in_oslo())
    for name, value in plan.values.items():
        setattr(case, name, value)
    for day, grade in plan.grades:
        session.add(GradeChange(case_id=case.id, valid_from=day, grade=grade))
    return plan.changed

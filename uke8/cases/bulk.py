"""Registering many cases in one transaction: the bulk path of `uke8 import`.

The same rules as `registration.register_case` (idempotent on external_id, the person found by the
fnr's keyed hash, the grade history and flags updated by `registration.plan_update`, a status
entry and an audit entry per new or changed case), but written set-wise: one SELECT for the
batch's existing cases (locked, so an API update at the same time is not lost), one for
their grade history, one for the people already known, then the new rows with COPY on
PostgreSQL (executemany elsewhere) and the changes with one executemany UPDATE per set of
changed columns. The ORM is bypassed for speed; nothing here needs its events (no
invitations, assessments or checkpoints are written).

A batch is all-or-nothing. A database error (say, the same external_id created through the
API a moment ago) rolls it back, and the caller retries its rows one by one.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Table, bindparam, select, update
from sqlalchemy.orm import Session

from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase, UPDATABLE_FACTS, enhet_change, initial_grades, plan_update
from uke8.cases.status import Status
from uke8.store.crypto import get_sealer
from uke8.store.models import AuditEntry, Case, GradeChange, Person, PersonIdentity, StatusChange, utcnow

INSERTED, UPDATED, UNCHANGED = "inserted", "updated", "unchanged"


@dataclass(frozen=True)
class Outcome:
    external_id: str
    result: str  # inserted | updated | unchanged
    case_id: str


def apply_batch(session: Session, rows: Sequence[NewCase], actor: Actor, today: date) -> list[Outcome]:
    """Register every row; external_ids must be unique within the batch."""
    cases = Case.__table__
    now = utcnow()
    by_external = {r.external_id: r for r in rows}
    if len(by_external) != len(rows):
        raise ValueError("an external_id occurs twice in one batch")
    columns = [cases.c.id, cases.c.external_id, *(cases.c[name] for name in (*UPDATABLE_FACTS, "mobil_hash", "start_date"))]
    existing = {
        row.external_id: row._mapping
        for row in session.execute(select(*columns).where(cases.c.external_id.in_(list(by_external))).with_for_update())
    }
    outcomes: list[Outcome] = []
    outcomes += _update_existing(session, existing, by_external, actor, today, now)
    new_rows = [r for r in rows if r.external_id not in existing]
    outcomes += _insert_new(session, new_rows, actor, now)
    return outcomes


def _update_existing(session: Session, existing: dict[str, Any], by_external: dict[str, NewCase], actor: Actor,
                     today: date, now: datetime) -> list[Outcome]:
    if not existing:
        return []
    grades = GradeChange.__table__
    known: dict[str, dict[date, int]] = {}
    ids = [current["id"] for current in existing.values()]
    for case_id, valid_from, grade in session.execute(select(grades.c.case_id, grades.c.valid_from, grades.c.grade).where(grades.c.case_id.in_(ids))):
        known.setdefault(case_id, {})[valid_from] = grade
    outcomes, by_columns, new_grades, audits = [], {}, [], []
    for external_id, current in existing.items():
        case_id = current["id"]
        plan = plan_update(dict(current), known.get(case_id, {}), by_external[external_id], today)
        if not plan.changed:
            outcomes.append(Outcome(external_id, UNCHANGED, case_id))
            continue
        outcomes.append(Outcome(external_id, UPDATED, case_id))
        if "enhet" in plan.changed:
            # As in registration.register_case: the old enhet's assignment does not follow the case.
            plan.values["assigned_to"] = None
        if plan.values:
            by_columns.setdefault(tuple(sorted(plan.values)), []).append({"_id": case_id, **plan.values, "updated_at": now})
        new_grades += [{"case_id": case_id, "valid_from": day, "grade": grade, "recorded_at": now} for day, grade in plan.grades]
        audits.append(_audit(actor, "case.update", case_id, {"changed": sorted(plan.changed)}, now))
        if "enhet" in plan.changed:
            # The same explicit fact as registration.register_case writes: who may see the case moved.
            audits.append(_audit(actor, "case.enhet", case_id, enhet_change(current["enhet"], plan.values["enhet"]), now))
    cases = Case.__table__
    for names, params in by_columns.items():
        stmt = update(cases).where(cases.c.id == bindparam("_id")).values({n: bindparam(n) for n in (*names, "updated_at")})
        session.execute(stmt, params)
    _insert(session, GradeChange.__table__, new_grades)
    _insert(session, AuditEntry.__table__, audits)
    return outcomes


def _insert_new(session: Session, rows: Sequence[NewCase], actor: Actor, now: datetime) -> list[Outcome]:
    if not rows:
        return []
    sealer = get_sealer()
    hashes = {r.external_id: sealer.keyed_hash(r.fnr) for r in rows}
    identities = PersonIdentity.__table__
    person_of = dict(session.execute(
        select(identities.c.fnr_hash, identities.c.person_id).where(identities.c.fnr_hash.in_(set(hashes.values())))
    ).all())
    persons, new_identities = [], []
    for row in rows:
        fnr_hash = hashes[row.external_id]
        if fnr_hash not in person_of:
            person_of[fnr_hash] = person_id = str(uuid.uuid4())
            persons.append({"id": person_id, "created_at": now})
            new_identities.append({"person_id": person_id, "fnr_hash": fnr_hash, "fnr_sealed": sealer.seal(row.fnr)})
    cases, grades, history, audits, outcomes = [], [], [], [], []
    for row in rows:
        case_id = str(uuid.uuid4())
        cases.append({
            "id": case_id,
            "external_id": row.external_id,
            "person_id": person_of[hashes[row.external_id]],
            "start_date": row.start_date,
            "fodselsdato": row.fodselsdato,
            **{name: getattr(row, name) for name in UPDATABLE_FACTS},
            "mobil_sealed": sealer.seal(row.mobil) if row.mobil else None,
            "mobil_hash": sealer.keyed_hash(row.mobil) if row.mobil else None,
            "status": Status.REGISTRERT.value,
            "handoff_requested": False,
            "opted_out": False,
            "storage_objection": False,
            "assigned_to": None,
            "created_at": now,
            "updated_at": now,
        })
        grades += [{"case_id": case_id, "valid_from": day, "grade": grade, "recorded_at": now} for day, grade in initial_grades(row)]
        history.append({"case_id": case_id, "status": Status.REGISTRERT.value, "actor": actor.ident, "note": None, "at": now})
        audits.append(_audit(actor, "case.create", case_id, {"external_id": row.external_id, "enhet": row.enhet}, now))
        outcomes.append(Outcome(row.external_id, INSERTED, case_id))
    _insert(session, Person.__table__, persons)
    _insert(session, PersonIdentity.__table__, new_identities)
    _insert(session, Case.__table__, cases)
    _insert(session, GradeChange.__table__, grades)
    _insert(session, StatusChange.__table__, history)
    _insert(session, AuditEntry.__table__, audits)
    return outcomes


def _audit(actor: Actor, action: str, case_id: str, detail: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {"at": now, "actor": actor.ident, "actor_kind": actor.kind, "action": action, "case_id": case_id, "outcome": "ok", "detail": detail,
            "via": actor.via}


# -- writing rows --------------------------------------------------------------------------


def _columns(table: Table, given: dict[str, Any]) -> list[tuple[str, Callable[[dict[str, Any]], Any]]]:
    """The columns to write and how to get each value: from the row, else the model's
    Python-side default (other modules add columns with defaults to these tables). Columns
    with neither are left to the database (an autoincrement key, a server default)."""
    columns = []
    for column in table.columns:
        default = column.default
        if column.name in given:
            columns.append((column.name, lambda row, name=column.name: row[name]))
        elif default is not None and default.is_scalar:
            columns.append((column.name, lambda row, value=default.arg: value))
        elif default is not None and default.is_callable:
            columns.append((column.name, lambda row, fn=default.arg: fn(None)))
    return columns


def _insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(table.insert(), rows)
        return
    from psycopg.types.json import Json

    columns = _columns(table, rows[0])
    wrap = [isinstance(table.c[name].type, JSON) for name, _ in columns]
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f'COPY {table.name} ({", ".join(name for name, _ in columns)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([Json(get(row)) if json else get(row) for (_, get), json in zip(columns, wrap)])

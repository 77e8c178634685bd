"""Shared helpers for the lifecycle tests (synthetic people only)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from uuid import uuid4

from sqlalchemy import func, select

from tests.factories import synthetic_fnr, synthetic_mobile
from uke8.cases import registration
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.review.case_view import case_view
from uke8.clock import OSLO
from uke8.lifecycle.scheduler import run_lifecycle
from uke8.store.db import Database
from uke8.store.models import AssessmentRecord, Case, CheckpointReturn, OutboxMessage, StatusChange

ADMIN = Actor("admin", "admin")
DAY56 = date(2026, 11, 23)  # the invitation day of the cases made here
START = DAY56 - timedelta(days=55)
# These fixed dates never meet the wall clock: every run, delivery and decision here is given
# its moment (`at`), so the tests mean the same today, next year and at 23:30 UTC.


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A moment on `day` in Oslo (a scheduler run of that day, a delivery, a decision)."""
    return datetime.combine(day, time(hour, minute), tzinfo=OSLO)


def register(db: Database, **kw) -> str:
    # (the sak id is not made of an fnr: a privacy test scanning the store would find those digits)
    values = dict(external_id=f"lc-{uuid4().hex[:12]}", fnr=synthetic_fnr(), enhet="0219", start_date=START, sykmeldingsgrad=100)
    if kw.get("channel") == "sms":
        values["mobil"] = synthetic_mobile()
    values.update(kw)
    with db.write() as s:
        case, _ = registration.register_case(s, NewCase(**values), ADMIN)
    return case.id


def run(db: Database, day: date, now: datetime | None = None):
    """The scheduler's run of `day`, at 09:00 Oslo time unless `now` says otherwise."""
    return run_lifecycle(db, day, now=now or at(day))


def statuses(db: Database, case_id: str) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(StatusChange.status).where(StatusChange.case_id == case_id).order_by(StatusChange.id)))


def outbox_kinds(db: Database, case_id: str) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(OutboxMessage.kind).where(OutboxMessage.case_id == case_id).order_by(OutboxMessage.id)))


def outbox_rows(db: Database, case_id: str) -> list[OutboxMessage]:
    with db.read() as s:
        return list(s.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case_id).order_by(OutboxMessage.id)))


def view(db: Database, case_id: str, today: date | None = None) -> dict:
    with db.read() as s:
        return case_view(s, s.get(Case, case_id), today)


def assessments(db: Database, case_id: str) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AssessmentRecord).where(AssessmentRecord.case_id == case_id))


def checkpoint_weeks(db: Database, case_id: str) -> list[int]:
    with db.read() as s:
        return list(s.scalars(select(CheckpointReturn.week).where(CheckpointReturn.case_id == case_id).order_by(CheckpointReturn.week)))

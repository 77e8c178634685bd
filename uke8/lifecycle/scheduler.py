"""The lifecycle run: invite due cases, remind once, close at the deadline.

Each case is handled in its own transaction, so a crash part-way leaves every finished case
finished and a rerun picks up the rest; every step is idempotent (an invitation is unique per
case, a reminder is recorded on the invitation, a deadline moves the status only once).
"""
from __future__ import annotations

import argparse
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from uke8.cases import service
from uke8.cases.service import SYSTEM_SCHEDULER, CaseError
from uke8.cases.status import Status
from uke8.lifecycle.clock import INVITATION_DAY, today_in_oslo
from uke8.settings import get_settings
from uke8.store.db import Database, get_database
from uke8.store.models import Case, Invitation, utcnow
from uke8.store.repositories import AuditRepository, CaseRepository


@dataclass
class RunReport:
    today: str
    invited: list[str] = field(default_factory=list)
    reminded: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self) | {"counts": {k: len(getattr(self, k)) for k in ("invited", "reminded", "closed", "errors")}}


def run_lifecycle(db: Database, today: date) -> RunReport:
    report = RunReport(today=today.isoformat())
    settings = get_settings()
    due_start = today - timedelta(days=INVITATION_DAY - 1)
    with db.read() as session:
        due = session.scalars(
            select(Case.id).where(
                Case.status == Status.REGISTRERT,
                Case.start_date <= due_start,
                Case.opted_out.is_(False),
                (Case.end_date.is_(None)) | (Case.end_date >= today),
            )
        ).all()
        open_invitations = session.execute(
            select(Invitation.case_id, Invitation.invited_on, Invitation.deadline, Invitation.reminded_at)
            .join(Case, Case.id == Invitation.case_id)
            .where(Invitation.screening == "sporsmal", Case.status.in_([Status.INVITERT, Status.PAMINNET, Status.BESVART, Status.RESERVERT]))
        ).all()

    for case_id in due:
        try:
            with db.write() as session:
                service.invite(session, case_id, today, SYSTEM_SCHEDULER)
            report.invited.append(case_id)
        except CaseError as exc:
            report.errors.append(f"{case_id}: {exc}")

    for case_id, invited_on, deadline, reminded_at in open_invitations:
        if today >= deadline:
            with db.write() as session:
                if service.close_at_deadline(session, case_id, today) is not None:
                    report.closed.append(case_id)
        elif reminded_at is None and today >= invited_on + timedelta(days=settings.reminder_after_days):
            with db.write() as session:
                if _remind(session, case_id):
                    report.reminded.append(case_id)
    return report


def _remind(session, case_id: str) -> bool:  # noqa: ANN001
    repo = CaseRepository(session)
    case = repo.get(case_id, for_update=True)
    invitation = repo.invitation_for_case(case_id)
    if case is None or invitation is None or invitation.reminded_at is not None:
        return False
    if case.opted_out or case.status != Status.INVITERT or repo.answers(case_id, invitation.round):
        return False  # nothing goes to a person who stopped us, or who has begun answering
    invitation.reminded_at = utcnow()
    repo.append_status(case, Status.PAMINNET, SYSTEM_SCHEDULER.ident)
    AuditRepository(session).append(actor=SYSTEM_SCHEDULER.ident, actor_kind="system", action="case.remind", case_id=case_id, outcome="ok")
    return True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="run once and exit")
    parser.add_argument("--today", type=date.fromisoformat, help="run as of this date (default: today in Europe/Oslo)")
    parser.add_argument("--interval", type=int, default=300, help="seconds between runs in loop mode")


def main(args: argparse.Namespace) -> int:
    db = get_database()
    while True:
        report = run_lifecycle(db, args.today or today_in_oslo())
        print({k: len(v) for k, v in report.as_dict().items() if isinstance(v, list)}, flush=True)
        if args.once:
            return 0
        time.sleep(args.interval)

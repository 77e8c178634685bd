"""The lifecycle run: invite due cases, remind once, close at the deadline, return checkpoints.

Exactly once, with any number of schedulers and after any crash:
- Each step on a case is one transaction that first locks the case row. On PostgreSQL the
  lock is taken with SKIP LOCKED: a case another scheduler (or a conversation turn) holds is
  left to it, never waited for and never done twice; SQLite's BEGIN IMMEDIATE gives one
  writer the whole database at a time. Inside the lock the step re-reads the case and does
  nothing if its state shows the step done.
- What a step writes (the status, the invitation or reminder, the outbox message that
  announces it, the checkpoint record, the audit entry) commits together or not at all, so a
  crash mid-step leaves no trace and the next run does the step.
- Unique keys back the locks: one invitation per case, one outbox message per
  (case, round, kind), one checkpoint per (case, week). A writer that somehow gets past the
  lock fails on them and its whole transaction rolls back (reported as a conflict).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case as sql_case, exists, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from uke8.lifecycle import steps
from uke8.cases.actors import SYSTEM_SCHEDULER
from uke8.cases.errors import CaseError
from uke8.cases.status import CHECKPOINT_FROM, Status
from uke8.clock import INVITATION_DAY, today_in_oslo, utc_now
from uke8.lifecycle.timeline import CHECKPOINT_WEEKS, IKKE_AKTUELL_NA, OPEN_STATUSES
from uke8.settings import get_settings
from uke8.store.db import Database, get_database
from uke8.store.models import AssessmentRecord, Case, CheckpointReturn, Decision, Invitation
from uke8.store.repositories import CaseRepository

STEPS = ("invited", "reminded", "closed", "checkpoints")


@dataclass
class RunReport:
    today: str
    invited: list[str] = field(default_factory=list)
    reminded: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    checkpoints: list[str] = field(default_factory=list)
    busy: list[str] = field(default_factory=list)  # held by another transaction at first: tried again, waiting, at the end
    conflicts: list[str] = field(default_factory=list)  # another writer was first; this step rolled back
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        names = (*STEPS, "busy", "conflicts", "errors")
        return asdict(self) | {"counts": {k: len(getattr(self, k)) for k in names}}


Step = tuple[str, str, Callable[[Session], bool]]  # (report bucket, case id, action)


def run_lifecycle(db: Database, today: date, *, now: datetime | None = None) -> RunReport:
    """The lifecycle as of `today` (an Oslo date). `now` stamps what the run writes (the due
    time of the messages it queues, when a reminder went out or a round closed); by default
    the moment of `today` (clock.moment_of): the wall clock for today's run."""
    report = RunReport(today=today.isoformat())
    skipped: list[Step] = []
    for case_id in _due_for_invitation(db, today):
        _step(db, report, ("invited", case_id, lambda s, cid=case_id: _invite(s, cid, today, now)), skipped)
    for case_id, deadline in _open_rounds_with_work(db, today):
        if today >= deadline:
            _step(db, report, ("closed", case_id,
                               lambda s, cid=case_id: steps.close_at_deadline(s, cid, today, now=now) is not None), skipped)
        else:
            _step(db, report, ("reminded", case_id, lambda s, cid=case_id: steps.remind(s, cid, today, now=now)), skipped)
    for case_id in _checkpoint_candidates(db, today):
        _step(db, report, ("checkpoints", case_id, lambda s, cid=case_id: steps.return_at_checkpoint(s, cid, today) is not None), skipped)
    # Cases another transaction held: most were another scheduler's, which is done with them by
    # now; waiting for the lock this time closes the gap a conversation turn would leave.
    for step in skipped:
        _step(db, report, step, None)
    return report


def _step(db: Database, report: RunReport, step: Step, skipped: list[Step] | None) -> None:
    """One step on one case in its own transaction (see the module docstring). With a
    `skipped` list, a case locked elsewhere is put there instead of waited for."""
    bucket, case_id, action = step
    try:
        with db.write() as session:
            if CaseRepository(session).get(case_id, skip_locked=skipped is not None) is None:
                if skipped is not None:
                    skipped.append(step)
                    report.busy.append(case_id)
                return
            done = action(session)
    except IntegrityError:
        report.conflicts.append(case_id)
        return
    except CaseError as exc:
        report.errors.append(f"{case_id}: {exc}")
        return
    except Exception as exc:  # noqa: BLE001 - one case's trouble must not stop the others; rolled back whole
        report.errors.append(f"{case_id}: {type(exc).__name__}")
        return
    if done:
        getattr(report, bucket).append(case_id)


def _invite(session: Session, case_id: str, today: date, now: datetime | None = None) -> bool:
    case = CaseRepository(session).get(case_id, for_update=True)
    if case is None or case.status != Status.REGISTRERT or case.opted_out:
        return False  # already invited (by another run, or through the API), or stopped
    if case.end_date is not None and case.end_date < today:
        return False
    if case.start_date > today - timedelta(days=INVITATION_DAY - 1):
        return False
    steps.invite(session, case_id, today, SYSTEM_SCHEDULER, now=now)
    return True


# -- what is due (read without locks; every step re-checks under its lock) --------------


def _due_for_invitation(db: Database, today: date) -> list[str]:
    with db.read() as session:
        return list(session.scalars(
            select(Case.id)
            .where(
                Case.status == Status.REGISTRERT,
                Case.start_date <= today - timedelta(days=INVITATION_DAY - 1),
                Case.opted_out.is_(False),
                or_(Case.end_date.is_(None), Case.end_date >= today),
            )
            .order_by(Case.start_date, Case.id)
        ))


def _open_rounds_with_work(db: Database, today: date) -> list[tuple[str, date]]:
    """Open rounds whose deadline has come, or whose reminder may be due."""
    reminder_from = today - timedelta(days=get_settings().reminder_after_days)
    with db.read() as session:
        rows = session.execute(
            select(Invitation.case_id, Invitation.deadline)
            .join(Case, Case.id == Invitation.case_id)
            .where(
                Invitation.screening == "sporsmal",
                Invitation.closed_at.is_(None),
                Case.status.in_(list(OPEN_STATUSES)),
                or_(
                    Invitation.deadline <= today,
                    and_(Invitation.reminded_at.is_(None), Invitation.round == 1, Case.status == Status.INVITERT,
                         Invitation.invited_on <= reminder_from),
                ),
            )
            .order_by(Invitation.deadline, Invitation.case_id)
        ).all()
    return [(case_id, deadline) for case_id, deadline in rows]


def _checkpoint_candidates(db: Database, today: date) -> list[str]:
    """Cases that may have a checkpoint due: past the end of week 17, with an "ikke aktuell nå"
    proposal or decision, and no return recorded for the latest checkpoint week they have
    passed. A superset: return_at_checkpoint applies the exact rule under the lock."""
    def started_by(week: int) -> date:
        return today - timedelta(days=7 * week - 1)

    latest_week = sql_case(
        *[(Case.start_date <= started_by(week), week) for week in reversed(CHECKPOINT_WEEKS[1:])],
        else_=CHECKPOINT_WEEKS[0],
    )
    ikke_aktuell = or_(
        exists().where(AssessmentRecord.case_id == Case.id, AssessmentRecord.classification == IKKE_AKTUELL_NA),
        exists().where(Decision.case_id == Case.id, Decision.classification == IKKE_AKTUELL_NA),
    )
    with db.read() as session:
        return list(session.scalars(
            select(Case.id)
            .where(
                Case.status.in_([s.value for s in CHECKPOINT_FROM]),
                Case.start_date <= started_by(CHECKPOINT_WEEKS[0]),
                ~exists().where(CheckpointReturn.case_id == Case.id, CheckpointReturn.week == latest_week),
                ikke_aktuell,
            )
            .order_by(Case.start_date, Case.id)
        ))


# -- `uke8 scheduler` ----------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="run once and exit")
    parser.add_argument("--today", type=date.fromisoformat, help="run as of this date (default: today in Europe/Oslo)")
    parser.add_argument("--interval", type=int, default=None, help="seconds between runs in loop mode (default: UKE8_SCHEDULER_INTERVAL, 60)")
    parser.add_argument("--json", action="store_true", help="print each run's full report as JSON (case ids, no personal data)")


def main(args: argparse.Namespace) -> int:
    db = get_database()
    interval = args.interval or get_settings().scheduler_interval
    while True:
        now = utc_now()  # one reading: the day and the stamps of a run agree, also around midnight
        day = args.today or today_in_oslo(now)
        try:
            report = run_lifecycle(db, day, now=None if args.today else now)
        except Exception as exc:  # noqa: BLE001 - e.g. the store is down: say so (the type only: a
            # database message can quote parameters) and try again next time; the loop keeps going
            print(f"scheduler: run as of {day} failed: {type(exc).__name__}", file=sys.stderr, flush=True)
            if args.once:
                return 1
        else:
            summary = report.as_dict()
            print(json.dumps(summary) if args.json else f"scheduler {day}: {summary['counts']}", flush=True)
            if args.once:
                return 1 if report.errors else 0
        time.sleep(interval)

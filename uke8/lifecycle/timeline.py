"""The lifecycle's view of time: what is due next for a case, and when; which checkpoint is due.

Pure rules on plain values (tested without a database), plus `load_timelines`, which reads
what the rules need for a page of cases in a fixed number of queries.

Days: day 1 of a sick leave is its start date, so the end of week W is start + 7·W − 1
(week 8 → day 56, the invitation; the checkpoints are the ends of weeks 17, 26 and 39).

Checkpoints: a case whose current standing is "ikke aktuell nå" comes back to the queue at
the end of week 17, 26 and 39, once each, while the sick leave lasts. The standing is the
veileder's decision on the latest assessment when there is one, otherwise the proposal: so
a case the veileder confirmed or overrode to ikke_aktuell_na comes back, and one overridden
to kartlegging does not. A checkpoint whose day is not after the standing's day is covered
by that assessment or decision and does not fire; when several are past (the scheduler was
stopped), only the latest fires.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from uke8.cases.status import CHECKPOINT_FROM, Status
from uke8.clock import INVITATION_DAY, OSLO
from uke8.settings import get_settings
from uke8.store.models import AnswerRecord, AssessmentRecord, CheckpointReturn, Decision, Invitation

CHECKPOINT_WEEKS = (17, 26, 39)
IKKE_AKTUELL_NA = "ikke_aktuell_na"
OPEN_STATUSES = frozenset({Status.INVITERT, Status.PAMINNET, Status.BESVART, Status.RESERVERT})


def end_of_week(start: date, week: int) -> date:
    return start + timedelta(days=7 * week - 1)


def invitation_day(start: date) -> date:
    return start + timedelta(days=INVITATION_DAY - 1)


def oslo_day(moment: datetime) -> date:
    return moment.astimezone(OSLO).date()


@dataclass(frozen=True)
class Standing:
    """The classification that holds for the case now, and the day it was made."""

    classification: str | None
    on: date | None


def standing(assessment: AssessmentRecord | None, decision: Decision | None) -> Standing:
    """The veileder's decision on the latest assessment wins over the proposal."""
    if assessment is None:
        return Standing(None, None)
    if decision is not None and decision.assessment_id == assessment.id:
        return Standing(decision.classification, oslo_day(decision.created_at))
    return Standing(assessment.classification, assessment.as_of or oslo_day(assessment.created_at))


@dataclass(frozen=True)
class CaseTime:
    """What the rules need to know about one case."""

    status: str
    start_date: date
    end_date: date | None
    opted_out: bool
    screening: str | None = None  # the invitation's, None before the invitation
    invited_on: date | None = None
    deadline: date | None = None
    reminded: bool = False
    round: int = 1
    invitation_open: bool = False
    answered_any: bool = False  # in the current round
    standing: Standing = Standing(None, None)
    checkpoint_weeks: frozenset[int] = field(default_factory=frozenset)


class CaseFields(Protocol):
    """What the rules read from the case row itself: a `Case`, or a row of selected columns
    (the review queue passes its projected columns rather than whole `Case` objects)."""

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def start_date(self) -> date: ...
    @property
    def end_date(self) -> date | None: ...
    @property
    def opted_out(self) -> bool: ...


def _leave_lasts_until(case: CaseTime, day: date) -> bool:
    return case.end_date is None or case.end_date >= day


def _checkpoint_candidates(case: CaseTime) -> list[int]:
    """Weeks that could still fire for this standing, in order."""
    if case.status not in CHECKPOINT_FROM or case.standing.classification != IKKE_AKTUELL_NA:
        return []
    after = max(case.checkpoint_weeks, default=0)
    return [
        week for week in CHECKPOINT_WEEKS
        if week > after
        and (case.standing.on is None or end_of_week(case.start_date, week) > case.standing.on)
        and _leave_lasts_until(case, end_of_week(case.start_date, week))
    ]


def checkpoint_due(case: CaseTime, today: date) -> int | None:
    """The checkpoint week to return now, or None."""
    past = [week for week in _checkpoint_candidates(case) if end_of_week(case.start_date, week) <= today]
    return past[-1] if past else None


def returned_week(case: CaseTime) -> int | None:
    """The checkpoint week a case in status `sjekkpunkt` is back in the queue for (the latest
    return), or None when it is not waiting at a checkpoint."""
    if case.status != Status.SJEKKPUNKT or not case.checkpoint_weeks:
        return None
    return max(case.checkpoint_weeks)


def reminder_day(case: CaseTime) -> date | None:
    if case.invited_on is None or case.status != Status.INVITERT or case.reminded or case.round != 1:
        return None
    if case.answered_any or case.opted_out or case.screening != "sporsmal":
        return None
    return case.invited_on + timedelta(days=get_settings().reminder_after_days)


def next_due(case: CaseTime, today: date) -> dict[str, str] | None:
    """{"what": …, "on": ISO date} for the next lifecycle step, or None when nothing is planned.

    what: "invitasjon" (day 56), "paminnelse" (the reminder), "frist" (the answer deadline:
    the no-answer rules apply), "sjekkpunkt_uke17" / "_uke26" / "_uke39". A date in the past
    means the step is overdue and the next scheduler run takes it.
    """
    if case.status == Status.REGISTRERT:
        day = invitation_day(case.start_date)
        if case.opted_out or not _leave_lasts_until(case, max(day, today)):
            return None
        return {"what": "invitasjon", "on": day.isoformat()}
    if case.status in OPEN_STATUSES and case.invitation_open and case.screening == "sporsmal" and case.deadline:
        remind = reminder_day(case)
        if remind is not None and remind < case.deadline and _leave_lasts_until(case, max(remind, today)):
            return {"what": "paminnelse", "on": remind.isoformat()}
        return {"what": "frist", "on": case.deadline.isoformat()}
    weeks = _checkpoint_candidates(case)
    if not weeks:
        return None
    due_now = checkpoint_due(case, today)
    week = due_now if due_now is not None else weeks[0]
    return {"what": f"sjekkpunkt_uke{week}", "on": end_of_week(case.start_date, week).isoformat()}


# -- reading what the rules need -------------------------------------------------------


def load_timelines(session: Session, cases: Sequence[CaseFields]) -> dict[str, CaseTime]:
    """CaseTime for each case, in five queries whatever the number of cases (each one on an
    indexed `case_id`, so a page of a large store stays cheap)."""
    ids = [case.id for case in cases]
    if not ids:
        return {}
    invitations = {i.case_id: i for i in session.scalars(select(Invitation).where(Invitation.case_id.in_(ids)))}
    newest = select(func.max(AssessmentRecord.id)).where(AssessmentRecord.case_id.in_(ids)).group_by(AssessmentRecord.case_id)
    assessments = {a.case_id: a for a in session.scalars(select(AssessmentRecord).where(AssessmentRecord.id.in_(newest)))}
    decisions: dict[int, Decision] = {}
    if assessments:
        for d in session.scalars(
            select(Decision)
            .where(Decision.case_id.in_(ids), Decision.assessment_id.in_([a.id for a in assessments.values()]))
            .order_by(Decision.id)
        ):
            decisions[d.assessment_id] = d  # the newest decision on each assessment wins
    weeks: dict[str, set[int]] = {}
    for case_id, week in session.execute(select(CheckpointReturn.case_id, CheckpointReturn.week).where(CheckpointReturn.case_id.in_(ids))):
        weeks.setdefault(case_id, set()).add(week)
    answered = {
        (case_id, round_)
        for case_id, round_ in session.execute(
            select(AnswerRecord.case_id, AnswerRecord.round).where(AnswerRecord.case_id.in_(ids)).distinct()
        )
    }
    result: dict[str, CaseTime] = {}
    for case in cases:
        invitation = invitations.get(case.id)
        assessment = assessments.get(case.id)
        result[case.id] = case_time(
            case, invitation, assessment, decisions.get(assessment.id) if assessment else None,
            weeks.get(case.id, ()), answered_any=bool(invitation and (case.id, invitation.round) in answered),
        )
    return result


def case_time(case: CaseFields, invitation: Invitation | None, assessment: AssessmentRecord | None, decision: Decision | None,
              checkpoint_weeks: Iterable[int], *, answered_any: bool) -> CaseTime:
    return CaseTime(
        status=case.status,
        start_date=case.start_date,
        end_date=case.end_date,
        opted_out=case.opted_out,
        screening=invitation.screening if invitation else None,
        invited_on=invitation.invited_on if invitation else None,
        deadline=invitation.deadline if invitation else None,
        reminded=bool(invitation and invitation.reminded_at),
        round=invitation.round if invitation else 1,
        invitation_open=bool(invitation and invitation.closed_at is None),
        answered_any=answered_any,
        standing=standing(assessment, decision),
        checkpoint_weeks=frozenset(checkpoint_weeks),
    )


def checkpoint_views(session: Session, case_id: str) -> list[dict[str, Any]]:
    rows = session.scalars(select(CheckpointReturn).where(CheckpointReturn.case_id == case_id).order_by(CheckpointReturn.week))
    return [
        {"week": r.week, "due_on": r.due_on.isoformat(), "classification": r.classification, "returned_at": r.returned_at.isoformat()}
        for r in rows
    ]


def latest_checkpoints(session: Session, case_ids: Iterable[str]) -> Mapping[str, int]:
    ids = list(case_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(CheckpointReturn.case_id, func.max(CheckpointReturn.week)).where(CheckpointReturn.case_id.in_(ids)).group_by(CheckpointReturn.case_id)
    )
    return {case_id: week for case_id, week in rows}

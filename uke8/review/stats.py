"""Statistics per enhet and period, over the cohort of cases invited in the period.

Definitions (also in the README):
- invited: cases of the enhet whose invitation day lies in the period (any screening result);
  asked: those of them that were sent the questions (screening `sporsmal`).
- answer rate: asked cases that answered every question (an assessment from the
  conversation) / asked cases.
- share proposed kartlegging: asked cases whose current proposal is kartlegging / asked
  cases with a proposal of kartlegging or ikke aktuell nå (answered, or closed at the deadline).
- override share: cases in the cohort whose latest veileder decision overrode the proposal /
  cases in the cohort with a decision. Its complement is how often the proposal held.
- median days to decision: the median, over cohort cases with a decision, of the days from
  the invitation day to the day (Europe/Oslo) of the first decision.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from uke8.settings import get_settings
from uke8.store.models import AssessmentRecord, Case, Decision, Invitation


@dataclass
class MonthRow:
    month: str  # "2026-11"
    asked: int = 0
    answered: int = 0
    kartlegging: int = 0
    ikke_aktuell: int = 0


@dataclass
class Stats:
    enhet: str
    start: date
    end: date
    invited: int
    asked: int
    answered: int
    proposals: int
    kartlegging: int
    decided: int
    overridden: int
    median_days_to_decision: float | None
    months: list[MonthRow] = field(default_factory=list)

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def answer_rate(self) -> float | None:
        return self._share(self.answered, self.asked)

    @property
    def kartlegging_share(self) -> float | None:
        return self._share(self.kartlegging, self.proposals)

    @property
    def override_share(self) -> float | None:
        return self._share(self.overridden, self.decided)


def enhet_statistics(session: Session, enhet: str, start: date, end: date) -> Stats:
    cohort = and_(Case.enhet == enhet, Case.invited_on >= start, Case.invited_on <= end)
    answered_ids = (
        select(AssessmentRecord.case_id).where(AssessmentRecord.source == "samtale").distinct().scalar_subquery()
    )
    rows = session.execute(
        select(Case.id, Case.invited_on, Case.proposal, Invitation.screening, Case.id.in_(answered_ids).label("answered"))
        .join(Invitation, Invitation.case_id == Case.id)
        .where(cohort)
    ).all()
    months: dict[str, MonthRow] = {}
    invited = asked = answered = proposals = kartlegging = 0
    for r in rows:
        invited += 1
        if r.screening != "sporsmal":
            continue
        month = months.setdefault(r.invited_on.strftime("%Y-%m"), MonthRow(r.invited_on.strftime("%Y-%m")))
        asked += 1
        month.asked += 1
        if r.answered:
            answered += 1
            month.answered += 1
        if r.proposal in ("kartlegging", "ikke_aktuell_na"):
            proposals += 1
            if r.proposal == "kartlegging":
                kartlegging += 1
                month.kartlegging += 1
            else:
                month.ikke_aktuell += 1

    latest = select(func.max(Decision.id)).join(Case, Case.id == Decision.case_id).where(cohort).group_by(Decision.case_id)
    latest_overrides = session.scalars(select(Decision.overrides_proposal).where(Decision.id.in_(latest))).all()
    first = session.execute(
        select(Case.invited_on, func.min(Decision.created_at))
        .join(Decision, Decision.case_id == Case.id)
        .where(cohort)
        .group_by(Case.id, Case.invited_on)
    ).all()
    tz = ZoneInfo(get_settings().timezone)
    days = []
    for invited_on, first_at in first:
        if isinstance(first_at, str):  # SQLite's min() returns the stored text
            from datetime import datetime, timezone

            first_at = datetime.fromisoformat(first_at).replace(tzinfo=timezone.utc)
        elif first_at.tzinfo is None:
            from datetime import timezone

            first_at = first_at.replace(tzinfo=timezone.utc)
        days.append((first_at.astimezone(tz).date() - invited_on).days)
    return Stats(
        enhet=enhet, start=start, end=end, invited=invited, asked=asked, answered=answered, proposals=proposals,
        kartlegging=kartlegging, decided=len(latest_overrides), overridden=sum(1 for o in latest_overrides if o),
        median_days_to_decision=float(statistics.median(days)) if days else None,
        months=[months[k] for k in sorted(months)],
    )

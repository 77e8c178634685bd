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
- self-prediction hit rate (the pilot's figure): over the cohort's cases that answered q3
  `under_26_uker`, as of the day passed in; defined in uke8/review/self_prediction.py (pure),
  fed here by `prediction_rows`. It is not the override share.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from uke8.review.self_prediction import PredictionRow, SelfPrediction, Standing, self_prediction
from uke8.settings import get_settings
from uke8.store.models import AnswerRecord, AssessmentRecord, Case, Decision, Invitation, KartleggingOutcome


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
    self_prediction: SelfPrediction | None = None

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


def enhet_statistics(session: Session, enhet: str, start: date, end: date, today: date) -> Stats:
    """The figures of cases invited in [start, end]; `today` is the day the self-prediction is
    judged on (passed in: nothing here reads the clock)."""
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
        self_prediction=self_prediction(prediction_rows(session, cohort), today),
    )


def prediction_rows(session: Session, cohort) -> list[PredictionRow]:
    """The self-prediction's rows for the cohort's cases that answered q3 `under_26_uker` in
    the first round (other cases cannot count): a few set-wise queries, no list of ids."""
    q3 = and_(AnswerRecord.slot == "varighet", AnswerRecord.round == 1)
    under_26 = select(AnswerRecord.case_id).where(q3, AnswerRecord.code == "under_26_uker").scalar_subquery()
    scope = and_(cohort, Case.id.in_(under_26))
    # The last answer of the round is the prediction (a correction replaces an earlier one).
    varighet: dict[str, str] = {}
    for case_id, code in session.execute(
        select(AnswerRecord.case_id, AnswerRecord.code).join(Case, Case.id == AnswerRecord.case_id)
        .where(scope, q3).order_by(AnswerRecord.id)
    ):
        varighet[case_id] = code
    standings: dict[str, list[Standing]] = {}
    for kind, model, column, extra in (
        ("proposal", AssessmentRecord, AssessmentRecord.classification, AssessmentRecord.source != "screening"),
        ("decision", Decision, Decision.classification, None),
        ("kartlegging_outcome", KartleggingOutcome, KartleggingOutcome.outcome, None),
    ):
        query = select(model.case_id, model.created_at, column).join(Case, Case.id == model.case_id).where(scope)
        for case_id, at, classification in session.execute(query if extra is None else query.where(extra)):
            standings.setdefault(case_id, []).append(Standing(at=at, kind=kind, classification=classification))
    return [
        PredictionRow(case_id=case_id, start_date=start_date, end_date=end_date, varighet=varighet.get(case_id),
                      standings=tuple(standings.get(case_id, ())))
        for case_id, start_date, end_date in session.execute(select(Case.id, Case.start_date, Case.end_date).where(scope))
    ]

"""What `GET /api/v1/statistics` answers (api/routes/statistics.py): the statistics page's
figures and the pilot's self-prediction figure; the shared base is api/responses.py's."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

from api.responses import Day, Out

Share = Annotated[float | None, Field(description="a share from 0 to 1, unrounded; null when there is nothing to divide by")]


class StatisticsMonthOut(Out):
    month: str = Field(description="YYYY-MM of the invitation")
    asked: int
    answered: int
    kartlegging: int
    ikke_aktuell: int


class SelfPredictionOut(Out):
    """The pilot's figure (PRODUCT.md §2): of the cases that answered q3 under_26_uker and whose
    sick leave has ended or passed week 26 as of `as_of` (`n`), the shares whose sick leave
    ended before week 26 and that later went to kartlegging."""

    n: int
    ended_before_26_weeks_share: Share
    later_kartlegging_share: Share
    ended_before_26_weeks: int
    later_kartlegging: int
    kartlegging_at_once: int = Field(description="of n: proposed or decided kartlegging before ever standing at ikke aktuell nå (not 'later')")
    answered_under_26_weeks: int = Field(description="every case that answered under_26_uker, judged or not")
    waiting: int = Field(description="answered under_26_uker, but neither ended nor past week 26 yet")
    as_of: Day


class StatisticsOut(Out):
    enhet: str
    fra: Day
    til: Day
    invited: int
    asked: int
    answered: int
    answer_rate: Share
    proposals: int
    kartlegging: int
    kartlegging_share: Share
    decided: int
    overridden: int
    override_share: Share = Field(description=(
        "cases whose latest veileder decision overrode the proposal / cases with a decision; how often "
        "the veileder changed the proposal, not the pilot's 90-96 % (that is self_prediction)"))
    median_days_to_decision: float | None
    months: list[StatisticsMonthOut]
    self_prediction: SelfPredictionOut

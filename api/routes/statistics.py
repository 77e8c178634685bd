"""The statistics page's figures as JSON (uke8/review/stats.py): per enhet and period, over the
cases invited in it, with the pilot's self-prediction hit rate (uke8/review/self_prediction.py).

Aggregates only, no personal data; still audited as `statistics.read`, like the page. A veileder
asks for their own enheter only: another enhet answers 404 and the attempt is audited, as a
case of another enhet does. The admin token sees any enhet.
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.exceptions import RequestValidationError

from api.deps import ActorDep, DatabaseDep, IsoDate, SettingsDep, as_of, audit_refusal
from api.statistics_responses import StatisticsOut
from api.schemas import ErrorOut
from uke8.cases import audit
from uke8.review.stats import enhet_statistics

router = APIRouter(tags=["statistics"])
# The page's bounds (api/pages/routes/stats.py): the default period, the longest one, and
# dates that keep the period arithmetic inside the calendar.
DEFAULT_DAYS = 180
MAX_DAYS = 3 * 366
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)
NOT_YOURS = "No statistics for that enhet: it is not one of the caller's enheter."


def _refuse(name: str, message: str) -> RequestValidationError:
    return RequestValidationError([{"loc": ("query", name), "msg": message, "type": "value_error"}])


@router.get("/statistics", response_model=StatisticsOut, responses={
    400: {"model": ErrorOut, "description": "in production, a today= other than today"},
    404: {"model": ErrorOut, "description": "a veileder asked for an enhet that is not theirs (audited)"},
})
def statistics(
    request: Request,
    actor: ActorDep,
    db: DatabaseDep,
    settings: SettingsDep,
    enhet: str = Query(pattern=r"^\d{4}$", description="NAV-enhet: 4 digits"),
    fra: IsoDate | None = Query(default=None, description=(
        f"first invitation day counted, 2000-2100, not after til, at most three years before it (default: {DEFAULT_DAYS} days before til)")),
    til: IsoDate | None = Query(default=None, description="last invitation day counted, 2000-2100 (default: today)"),
    today: IsoDate | None = Query(default=None, description=(
        "the day the self-prediction is judged on, 2000-2100; development and tests only (production answers 400)")),
) -> dict[str, Any]:
    """The cohort is chosen by invitation day, as on the page; `self_prediction` is judged as of
    today. Shares are unrounded, null when there is nothing to divide by."""
    if actor.enheter is not None and enhet not in actor.enheter:
        audit_refusal(db, request, actor, "denied", {"enhet": enhet})
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=NOT_YOURS)
    for name, value in (("fra", fra), ("til", til), ("today", today)):
        # Bounded, so the period arithmetic never leaves the calendar (as on the page).
        if value is not None and not EARLIEST <= value <= LATEST:
            raise _refuse(name, f"must be a date from {EARLIEST.year} to {LATEST.year}")
    day = as_of(settings, today)
    end = til or day
    start = fra or end - timedelta(days=DEFAULT_DAYS)
    if start > end:
        raise _refuse("fra", "must not be after til")
    if (end - start).days > MAX_DAYS:
        raise _refuse("fra", "the period is at most three years")
    # A read transaction, then the audit in a short write of its own (as the queue does).
    with db.read() as session:
        stats = enhet_statistics(session, enhet, start, end, day)
    audit.record_for(db, actor, "statistics.read", None, {"enhet": enhet, "fra": start.isoformat(), "til": end.isoformat()})
    return {
        "enhet": stats.enhet,
        "fra": stats.start.isoformat(),
        "til": stats.end.isoformat(),
        "invited": stats.invited,
        "asked": stats.asked,
        "answered": stats.answered,
        "answer_rate": stats.answer_rate,
        "proposals": stats.proposals,
        "kartlegging": stats.kartlegging,
        "kartlegging_share": stats.kartlegging_share,
        "decided": stats.decided,
        "overridden": stats.overridden,
        "override_share": stats.override_share,
        "median_days_to_decision": stats.median_days_to_decision,
        "months": [asdict(m) for m in stats.months],
        "self_prediction": stats.self_prediction.as_dict(),
    }

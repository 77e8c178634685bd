"""Run the invitation lifecycle as of a given date (development and tests) or as of today."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import AdminDep, DatabaseDep, IsoDate, SettingsDep, as_of
from api.responses import SchedulerRunOut
from uke8.cases import audit
from uke8.lifecycle.scheduler import run_lifecycle

router = APIRouter(prefix="/scheduler", tags=["scheduler"])


@router.post("/run", response_model=SchedulerRunOut, responses={400: {"description": "in production, a today= other than today"}})
def run(actor: AdminDep, db: DatabaseDep, settings: SettingsDep, today: IsoDate | None = None) -> dict[str, Any]:
    """`today` (YYYY-MM-DD) moves the lifecycle's day in development and tests only."""
    report = run_lifecycle(db, as_of(settings, today)).as_dict()
    # The report names the cases it touched: audited as a read, after the run's own writes.
    audit.record_for(db, actor, "scheduler.run", None, {"today": report["today"], "counts": report["counts"]})
    return report

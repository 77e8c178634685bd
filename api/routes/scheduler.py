"""Run the invitation lifecycle as of a given date."""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter

from api.deps import AdminDep, DatabaseDep
from uke8.lifecycle.clock import today_in_oslo
from uke8.lifecycle.scheduler import run_lifecycle

router = APIRouter(prefix="/scheduler", tags=["scheduler"])


@router.post("/run")
def run(actor: AdminDep, db: DatabaseDep, today: date | None = None) -> dict[str, Any]:
    return run_lifecycle(db, today or today_in_oslo()).as_dict()

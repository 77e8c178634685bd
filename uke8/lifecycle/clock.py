"""Dates are NAV's dates: the calendar day in Europe/Oslo, whatever the server's zone."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")

# Day 1 of a sick leave is its start date, so day 56 (the end of week 8) is start + 55 days.
INVITATION_DAY = 56


def today_in_oslo() -> date:
    return datetime.now(OSLO).date()

"""Dates are NAV's dates: the calendar day in Europe/Oslo, whatever the server's zone.

Everything that reads the wall clock takes it as an argument too (`now`, `today`), so a test,
or a run as of another day, passes the clock in instead of meeting the real one.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")

# Day 1 of a sick leave is its start date, so day 56 (the end of week 8) is start + 55 days.
INVITATION_DAY = 56


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def today_in_oslo(now: datetime | None = None) -> date:
    return (now or utc_now()).astimezone(OSLO).date()


def start_of_day(day: date) -> datetime:
    """The first moment of `day` in Oslo, in UTC (midnight exists on every Oslo day: the
    summer-time changes happen at 02:00 and 03:00)."""
    return datetime.combine(day, time(0), tzinfo=OSLO).astimezone(timezone.utc)


def moment_of(day: date, now: datetime | None = None) -> datetime:
    """When work done "as of `day`" happened, for its timestamps (a message's due time, when
    a reminder went out, when a round closed).

    `now` (default: the wall clock) while it is still `day` or earlier: the scheduler's own
    runs, and a run ahead of time in development, act now, so what they queue goes out at
    once. For a day that is over (a run as of a past day: a catch-up, a test), the first
    moment of that day: its messages are due from that day, and its records carry that day,
    not whenever the run happened to be made.
    """
    now = now or utc_now()
    return now if now < start_of_day(day + timedelta(days=1)) else start_of_day(day)

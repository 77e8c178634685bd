"""The scripted conversations' lifecycle checks fail when the case says otherwise."""
from __future__ import annotations

from datetime import date

from uke8.dev.converse import Conversation, Result, scheduler_days

CASE = {
    "status_history": [{"status": s} for s in ("registrert", "invitert", "paminnet")],
    "outbox": [{"kind": "invitation", "status": "sent"}, {"kind": "reminder", "status": "pending"}],
    "next_due": {"what": "frist", "on": "2026-12-07"},
    "checkpoints": [],
}


def failures(outcome: dict, sent: int = 1) -> list[str]:
    result = Result("t")
    Conversation._check_lifecycle(CASE, outcome, result, sent)
    return result.failures


def test_matching_expectations_pass():
    assert failures({"statuses_include": ["paminnet"], "outbox_include": ["reminder"], "outbox_exclude": ["sms_opening"],
                     "outbox_count": 2, "outbox_pending": 1, "scheduler_sent": 1, "next_due": {"what": "frist", "on": "2026-12-07"},
                     "checkpoints": []}) == []


def test_each_wrong_expectation_fails():
    for outcome in ({"statuses_include": ["ubesvart"]}, {"outbox_include": ["sms_opening"]}, {"outbox_exclude": ["reminder"]},
                    {"outbox_count": 1}, {"outbox_pending": 0}, {"scheduler_sent": 0}, {"next_due": None},
                    {"next_due": {"what": "sjekkpunkt_uke17"}}, {"next_due": {"what": "frist", "on": "2026-12-08"}}, {"checkpoints": [17]}):
        assert len(failures(outcome)) == 1, outcome


def test_the_scheduler_runs_on_the_days_a_daily_one_would_act():
    invited = date(2026, 11, 23)
    assert scheduler_days(invited, date(2026, 12, 8)) == [date(2026, 11, 30), date(2026, 12, 7), date(2026, 12, 8)]
    assert scheduler_days(invited, date(2026, 11, 24)) == [date(2026, 11, 24)]
    days = scheduler_days(invited, invited.replace(year=2027, month=1, day=26))
    assert date(2027, 1, 25) in days  # invited at the end of week 8: week 17 ends 63 days later

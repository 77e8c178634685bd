"""The pilot's self-prediction hit rate (uke8/review/self_prediction.py) on a small hand-made set:
each row says in its comment why it counts as it does, so the expected figures can be checked
by hand. Fixed dates only; `as_of` is passed in."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from uke8.review.self_prediction import (
    PredictionRow, Standing, end_of_week_26, far_enough_along, kartlegging_route, self_prediction,
)

AS_OF = date(2027, 1, 15)
OLD = date(2026, 6, 1)  # week 26 ends 2026-11-29: over by AS_OF
NEW = date(2026, 11, 2)  # week 26 ends 2027-05-02: not yet
T0 = datetime(2026, 7, 27, 9, tzinfo=timezone.utc)


def at(days: int) -> datetime:
    return T0 + timedelta(days=days)


def proposal(c: str, day: int = 0) -> Standing:
    return Standing(at(day), "proposal", c)


def decision(c: str, day: int = 1) -> Standing:
    return Standing(at(day), "decision", c)


IKKE, KART = "ikke_aktuell_na", "kartlegging"


def row(name: str, start: date, end: date | None, *standings: Standing, varighet: str | None = "under_26_uker") -> PredictionRow:
    return PredictionRow(case_id=name, start_date=start, end_date=end, varighet=varighet, standings=standings)


HAND_MADE = [
    # ended in September: under 26 weeks; stayed ikke aktuell nå
    row("A", OLD, date(2026, 9, 30), proposal(IKKE), decision(IKKE)),
    # no end date, week 26 over: not under 26 weeks; the veileder chose kartlegging at the week-26 checkpoint
    row("B", OLD, None, proposal(IKKE), decision(IKKE), decision(KART, day=120)),
    # ended after week 26; a changed situation's new round proposed kartlegging
    row("C", OLD, date(2026, 12, 20), proposal(IKKE), proposal(KART, day=60)),
    # ended on the last day of week 26: 26 weeks, not under; proposed (and decided) kartlegging at once
    row("D", OLD, end_of_week_26(OLD), proposal(KART), decision(KART)),
    # a recent sick leave that has ended (before week 26); the veileder overrode ikke aktuell nå to kartlegging
    row("E", NEW, date(2026, 12, 31), proposal(IKKE), decision(KART)),
    # still on sick leave, week 26 not reached: waiting
    row("F", NEW, None, proposal(IKKE)),
    # an end date still to come, before week 26: waiting (it may be extended)
    row("G", NEW, date(2027, 2, 28), proposal(IKKE)),
    # predicted longer, or never answered q3: not in the figure at all
    row("H", OLD, date(2026, 9, 1), proposal(KART), varighet="over_26_uker"),
    row("I", OLD, None, proposal(IKKE), varighet=None),
    # ended the day before week 26 ended: under 26 weeks; proposed kartlegging, overridden to
    # ikke aktuell nå, then a kartlegging outcome was recorded: later kartlegging
    row("J", OLD, end_of_week_26(OLD) - timedelta(days=1), proposal(KART), decision(IKKE),
        Standing(at(90), "kartlegging_outcome", "behovsvurdering")),
    # ends on AS_OF itself: not over yet, waiting
    row("K", NEW, AS_OF, proposal(IKKE)),
]


def test_the_figures_of_a_hand_made_set():
    figures = self_prediction(HAND_MADE, AS_OF)
    assert figures.answered_under_26_weeks == 9  # A-G, J, K
    assert figures.n == 6  # A, B, C, D, E, J
    assert figures.waiting == 3  # F, G, K
    assert figures.ended_before_26_weeks == 3  # A, E, J
    assert figures.later_kartlegging == 4  # B, C, E, J
    assert figures.kartlegging_at_once == 1  # D
    assert figures.ended_before_26_weeks_share == 0.5
    assert figures.later_kartlegging_share == 4 / 6
    assert figures.as_dict() == {
        "n": 6, "ended_before_26_weeks_share": 0.5, "later_kartlegging_share": 4 / 6, "ended_before_26_weeks": 3,
        "later_kartlegging": 4, "kartlegging_at_once": 1, "answered_under_26_weeks": 9, "waiting": 3,
        "as_of": "2027-01-15",
    }


def test_nobody_far_enough_along_gives_no_shares_rather_than_zero():
    for rows in ([], [row("F", NEW, None, proposal(IKKE))], [row("H", OLD, None, varighet="over_26_uker")]):
        figures = self_prediction(rows, AS_OF)
        assert figures.n == 0 and figures.ended_before_26_weeks_share is None and figures.later_kartlegging_share is None
        assert figures.as_dict()["ended_before_26_weeks_share"] is None


def test_the_day_decides_who_can_be_judged():
    ongoing = row("X", OLD, None)
    assert not far_enough_along(ongoing, end_of_week_26(OLD))  # the last day of week 26: not over yet
    assert far_enough_along(ongoing, end_of_week_26(OLD) + timedelta(days=1))
    ended = row("Y", NEW, date(2026, 12, 1))
    assert not far_enough_along(ended, date(2026, 12, 1)) and far_enough_along(ended, date(2026, 12, 2))
    # the same rows judged earlier and later: a case moves from waiting into n, never out
    early, late = self_prediction(HAND_MADE, date(2026, 11, 1)), self_prediction(HAND_MADE, date(2027, 6, 1))
    assert (early.n, early.waiting) == (1, 8)  # only A had ended by then
    assert (late.n, late.waiting) == (9, 0)


def test_later_kartlegging_needs_ikke_aktuell_first_and_follows_time_not_list_order():
    assert kartlegging_route([decision(KART, day=5), proposal(IKKE, day=0)]) == "later"
    # a decision recorded in the same moment as its proposal comes after it
    assert kartlegging_route([decision(KART, day=0), proposal(IKKE, day=0)]) == "later"
    assert kartlegging_route([proposal(KART), decision(KART)]) == "at_once"
    assert kartlegging_route([proposal(IKKE), decision(IKKE)]) is None
    assert kartlegging_route([]) is None
    # proposed kartlegging at once, overridden to ikke aktuell nå, nothing after: at once, not later
    assert kartlegging_route([proposal(KART), decision(IKKE)]) == "at_once"

"""The pilot's self-prediction hit rate (PRODUCT.md §2), computed on plain rows: no I/O, no
clock (the day it is judged on, `as_of`, is passed in), so a test can compute it by hand.

The pilot asked: of the people who said at week 8 that they would be back within 26 weeks,
how many were right? Here, the same question per enhet and period:

- answered `under_26_uker`: the person's answer to q3 in the first round (the week-8
  self-prediction; a correction in that round replaces the earlier answer, the new round of a
  changed situation does not: it is a later event, not the prediction).
- far enough along to tell, as of `as_of` (these are `n`): the sick leave has ended
  (`end_date` before `as_of`, from the register feed) or week 26 is over (`as_of` after the
  end of week 26; day 1 is the start date, so week 26 ends on start + 181 days, as the
  lifecycle counts: uke8/lifecycle/timeline.py). The others are `waiting`.
- ended before 26 weeks: the sick leave lasted under 26 weeks (`end_date` before the end of
  week 26). A sick leave still going, or with no end date from the feed, after week 26 did not.
- later kartlegging: after the case stood at "ikke aktuell nå" (the proposal, or a veileder's
  decision) it went to kartlegging: a new assessment proposing it (a changed situation's new
  round), a veileder decision of kartlegging (an override of the proposal, also when a
  checkpoint return or new information brought the case back), or a recorded kartlegging
  outcome. A checkpoint return by itself is not kartlegging: it only puts the case in front
  of the veileder. A case proposed kartlegging from the start (q1 `usikker`, say) did not go
  "later" unless it stood at "ikke aktuell nå" in between (the veileder overrode the proposal)
  and then went to kartlegging: otherwise it is counted in `kartlegging_at_once`.
- shares are of `n`, unrounded; with n = 0 they are None (no figure rather than 0 %).

Every standing the store knows counts, whenever it was recorded: `as_of` only decides whose
sick leave can be judged. This figure is not the override share: that one says how often a
veileder changed a proposal, not whether the person's own forecast came true.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

UNDER_26_WEEKS = "under_26_uker"
KARTLEGGING = "kartlegging"
IKKE_AKTUELL_NA = "ikke_aktuell_na"
# When a proposal and a decision carry the same moment, the decision came second.
KIND_ORDER = {"proposal": 0, "decision": 1, "kartlegging_outcome": 2}


def end_of_week_26(start: date) -> date:
    """The last day of week 26 (day 182) of a sick leave starting on `start` (the calendar's
    last day for a start date near its end: the feed's dates are bounded only by the calendar)."""
    days = timedelta(days=7 * 26 - 1)
    return start + days if start <= date.max - days else date.max


@dataclass(frozen=True)
class Standing:
    """One proposal, veileder decision or kartlegging outcome of a case, with its moment."""

    at: datetime
    kind: str  # proposal | decision | kartlegging_outcome
    classification: str  # kartlegging | ikke_aktuell_na (a kartlegging outcome is always kartlegging)


@dataclass(frozen=True)
class PredictionRow:
    """What the figure needs of one case."""

    case_id: str
    start_date: date
    end_date: date | None
    varighet: str | None  # the first round's answer to q3, if any
    standings: tuple[Standing, ...] = ()


@dataclass(frozen=True)
class SelfPrediction:
    as_of: date
    answered_under_26_weeks: int  # every case that predicted it, judged or not
    n: int  # of them, far enough along to tell
    ended_before_26_weeks: int
    later_kartlegging: int
    kartlegging_at_once: int

    @property
    def waiting(self) -> int:
        return self.answered_under_26_weeks - self.n

    def _share(self, part: int) -> float | None:
        return part / self.n if self.n else None

    @property
    def ended_before_26_weeks_share(self) -> float | None:
        return self._share(self.ended_before_26_weeks)

    @property
    def later_kartlegging_share(self) -> float | None:
        return self._share(self.later_kartlegging)

    def as_dict(self) -> dict:
        """The JSON of INTERFACES.md (`n` and the two shares) with the counts behind them."""
        return {
            "n": self.n,
            "ended_before_26_weeks_share": self.ended_before_26_weeks_share,
            "later_kartlegging_share": self.later_kartlegging_share,
            "ended_before_26_weeks": self.ended_before_26_weeks,
            "later_kartlegging": self.later_kartlegging,
            "kartlegging_at_once": self.kartlegging_at_once,
            "answered_under_26_weeks": self.answered_under_26_weeks,
            "waiting": self.waiting,
            "as_of": self.as_of.isoformat(),
        }


def far_enough_along(row: PredictionRow, as_of: date) -> bool:
    ended = row.end_date is not None and row.end_date < as_of
    return ended or as_of > end_of_week_26(row.start_date)


def ended_before_26_weeks(row: PredictionRow) -> bool:
    return row.end_date is not None and row.end_date < end_of_week_26(row.start_date)


def kartlegging_route(standings: Iterable[Standing]) -> str | None:
    """"later" when the case went to kartlegging after standing at ikke aktuell nå; otherwise
    "at_once" when it was proposed or decided kartlegging before ever standing at ikke aktuell
    nå (even if the veileder then overrode it); None when kartlegging never came up."""
    stood_ikke_aktuell = False
    at_once = False
    for s in sorted(standings, key=lambda s: (s.at, KIND_ORDER.get(s.kind, len(KIND_ORDER)))):
        kartlegging = s.kind == "kartlegging_outcome" or s.classification == KARTLEGGING
        if kartlegging and stood_ikke_aktuell:
            return "later"
        if kartlegging:
            at_once = True
        elif s.classification == IKKE_AKTUELL_NA:
            stood_ikke_aktuell = True
    return "at_once" if at_once else None


def self_prediction(rows: Iterable[PredictionRow], as_of: date) -> SelfPrediction:
    answered = n = ended = later = at_once = 0
    for row in rows:
        if row.varighet != UNDER_26_WEEKS:
            continue
        answered += 1
        if not far_enough_along(row, as_of):
            continue
        n += 1
        ended += ended_before_26_weeks(row)
        route = kartlegging_route(row.standings)
        later += route == "later"
        at_once += route == "at_once"
    return SelfPrediction(as_of=as_of, answered_under_26_weeks=answered, n=n, ended_before_26_weeks=ended,
                          later_kartlegging=later, kartlegging_at_once=at_once)

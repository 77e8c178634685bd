"""The lifecycle's view of time as pure rules: next_due and the checkpoint rule."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from uke8.lifecycle.timeline import (
    CaseTime, Standing, checkpoint_due, end_of_week, invitation_day, next_due, returned_week,
)

START = date(2026, 1, 5)  # a Monday: day 1
W17, W26, W39 = end_of_week(START, 17), end_of_week(START, 26), end_of_week(START, 39)
INVITED = invitation_day(START)


def ikke_aktuell(on: date = INVITED + timedelta(days=14), status: str = "vurdert", **kw) -> CaseTime:
    return CaseTime(status=status, start_date=START, end_date=kw.pop("end_date", None), opted_out=False, screening="sporsmal",
                    invited_on=INVITED, deadline=INVITED + timedelta(days=14), standing=Standing("ikke_aktuell_na", on), **kw)


def test_days_count_from_day_one():
    assert INVITED == date(2026, 3, 1) == START + timedelta(days=55)
    assert (W17 - START).days + 1 == 17 * 7
    assert (W39 - START).days + 1 == 39 * 7


def test_a_registered_case_is_due_for_its_invitation_at_day_56():
    case = CaseTime(status="registrert", start_date=START, end_date=None, opted_out=False)
    assert next_due(case, START) == {"what": "invitasjon", "on": INVITED.isoformat()}
    ended = CaseTime(status="registrert", start_date=START, end_date=INVITED - timedelta(days=1), opted_out=False)
    assert next_due(ended, START) is None


def test_an_invited_case_waits_for_the_reminder_then_the_deadline():
    case = CaseTime(status="invitert", start_date=START, end_date=None, opted_out=False, screening="sporsmal",
                    invited_on=INVITED, deadline=INVITED + timedelta(days=14), invitation_open=True)
    assert next_due(case, INVITED) == {"what": "paminnelse", "on": (INVITED + timedelta(days=7)).isoformat()}
    for changed in ({"status": "paminnet", "reminded": True}, {"answered_any": True}, {"status": "besvart"}, {"status": "reservert", "opted_out": True}):
        values = case.__dict__ | changed
        assert next_due(CaseTime(**values), INVITED) == {"what": "frist", "on": (INVITED + timedelta(days=14)).isoformat()}, changed


def test_checkpoints_come_in_order_once_each():
    case = ikke_aktuell()
    assert next_due(case, INVITED + timedelta(days=20)) == {"what": "sjekkpunkt_uke17", "on": W17.isoformat()}
    assert checkpoint_due(case, W17 - timedelta(days=1)) is None
    assert checkpoint_due(case, W17) == 17
    after17 = ikke_aktuell(checkpoint_weeks=frozenset({17}), status="sjekkpunkt")
    assert checkpoint_due(after17, W17 + timedelta(days=3)) is None
    assert next_due(after17, W17) == {"what": "sjekkpunkt_uke26", "on": W26.isoformat()}
    assert checkpoint_due(after17, W26) == 26
    # the week it is back for is the latest return, while it waits in status sjekkpunkt only
    assert returned_week(ikke_aktuell(checkpoint_weeks=frozenset({17, 26}), status="sjekkpunkt")) == 26
    assert returned_week(case) is None and returned_week(ikke_aktuell(status="sjekkpunkt")) is None
    done = ikke_aktuell(checkpoint_weeks=frozenset({17, 26, 39}), status="ferdigbehandlet")
    assert checkpoint_due(done, W39 + timedelta(days=100)) is None and next_due(done, W39) is None
    assert returned_week(done) is None


def test_only_the_latest_past_checkpoint_fires_after_a_long_stop():
    assert checkpoint_due(ikke_aktuell(), W26 + timedelta(days=5)) == 26
    assert next_due(ikke_aktuell(), W26 + timedelta(days=5)) == {"what": "sjekkpunkt_uke26", "on": W26.isoformat()}


def test_a_checkpoint_before_the_assessment_is_covered_by_it():
    late = ikke_aktuell(on=W17 + timedelta(days=2))
    assert checkpoint_due(late, W17 + timedelta(days=10)) is None
    assert next_due(late, W17 + timedelta(days=10)) == {"what": "sjekkpunkt_uke26", "on": W26.isoformat()}
    assert checkpoint_due(ikke_aktuell(on=W17), W17) is None  # assessed on the checkpoint day itself


@pytest.mark.parametrize("standing", [Standing("kartlegging", INVITED), Standing("tilpasset_hilsen", INVITED), Standing(None, None)])
def test_only_ikke_aktuell_na_returns_at_checkpoints(standing):
    case = CaseTime(status="vurdert", start_date=START, end_date=None, opted_out=False, standing=standing)
    assert checkpoint_due(case, W39) is None and next_due(case, W39) is None


def test_no_checkpoint_after_the_sick_leave_ended():
    ended = ikke_aktuell(end_date=W17 - timedelta(days=1))
    assert checkpoint_due(ended, W17) is None and next_due(ended, W17) is None
    lasts_to_26 = ikke_aktuell(end_date=W26)
    assert checkpoint_due(lasts_to_26, W26) == 26
    assert checkpoint_due(lasts_to_26, W39) == 26  # 39 is after its end


def test_a_case_being_answered_again_has_no_checkpoint():
    assert checkpoint_due(ikke_aktuell(status="besvart"), W17) is None

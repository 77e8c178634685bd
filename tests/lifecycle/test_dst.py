"""The lifecycle across the summer-time changes of Europe/Oslo (the last Sunday of March, when
02:00 becomes 03:00, and of October, when 03:00 becomes 02:00 again): the scheduler's day is the
Oslo day at any hour of those 23- and 25-hour days, invitations at day 56, the reminder and the
deadline fall on the right day, and an outbox message is due by the real time that has passed,
not by what the wall clock reads; and a day is the Oslo day also in the last hour of a UTC day.
The clock is moved with time-machine; the real store is used."""
from __future__ import annotations

import argparse
import json
from datetime import date, datetime, timedelta, timezone

import pytest
import time_machine
from sqlalchemy import select

from tests.lifecycle.helpers import outbox_rows, register, statuses
from uke8.lifecycle import outbox, scheduler
from uke8.clock import OSLO, moment_of, start_of_day, today_in_oslo
from uke8.settings import get_settings
from uke8.store.db import get_database
from uke8.store.models import Invitation

SPRING = date(2027, 3, 28)  # 02:00 CET -> 03:00 CEST: a day of 23 hours
AUTUMN = date(2027, 10, 31)  # 03:00 CEST -> 02:00 CET: a day of 25 hours


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@pytest.fixture
def store(own_store, monkeypatch):
    """The own store as the process's configured one, so `uke8 scheduler`'s main runs on it."""
    db, env = own_store
    monkeypatch.setenv("UKE8_DATABASE_URL", env["UKE8_DATABASE_URL"])
    get_settings.cache_clear()
    configured = get_database()
    assert configured.engine.url == db.engine.url
    yield db
    configured.dispose()
    get_settings.cache_clear()


def scheduler_once(at: datetime, capsys) -> dict:
    """`uke8 scheduler --once --json` at the moment `at` (UTC): its day and its stamps come
    from that one reading of the clock."""
    with time_machine.travel(at, tick=False):
        assert scheduler.main(argparse.Namespace(once=True, today=None, interval=None, json=True)) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_the_change_days_are_23_and_25_hours_long_and_every_hour_of_them_is_that_day():
    for day, hours in ((SPRING, 23), (AUTUMN, 25)):
        begins, ends = start_of_day(day), start_of_day(day + timedelta(days=1))
        assert ends - begins == timedelta(hours=hours)
        moment = begins
        while moment < ends:
            assert today_in_oslo(moment) == day
            moment += timedelta(minutes=30)
        assert today_in_oslo(begins - timedelta(seconds=1)) == day - timedelta(days=1)
        assert today_in_oslo(ends) == day + timedelta(days=1)
    # the hour that is skipped, and the one that comes twice
    assert (utc("2027-03-28T00:59:59").astimezone(OSLO).hour, utc("2027-03-28T01:00:00").astimezone(OSLO).hour) == (1, 3)
    assert utc("2027-10-31T00:30:00").astimezone(OSLO).hour == utc("2027-10-31T01:30:00").astimezone(OSLO).hour == 2


@pytest.mark.parametrize("day, before_midnight, after_midnight, inside", [
    # 23:30 the evening before, 00:30 on the day, and an hour in the change itself
    (SPRING, "2027-03-27T22:30:00", "2027-03-27T23:30:00", "2027-03-28T01:00:00"),  # 03:00 CEST, just after 01:59 CET
    (AUTUMN, "2027-10-30T21:30:00", "2027-10-30T22:30:00", "2027-10-31T01:30:00"),  # 02:30 CET, the second 02:30
])
def test_the_scheduler_invites_on_the_oslo_day_56_at_any_hour_of_a_change_day(store, capsys, day, before_midnight,
                                                                              after_midnight, inside):
    db = store
    due_on_the_day = register(db, start_date=day - timedelta(days=55))
    due_the_day_after = register(db, start_date=day - timedelta(days=54))
    evening = scheduler_once(utc(before_midnight), capsys)
    assert evening["today"] == (day - timedelta(days=1)).isoformat() and evening["invited"] == []
    night = scheduler_once(utc(after_midnight), capsys)  # 00:30 in Oslo, still the evening before in UTC
    assert night["today"] == day.isoformat() and night["invited"] == [due_on_the_day]
    assert scheduler_once(utc(inside), capsys)["invited"] == []  # the same day, the same case: done
    [notice] = outbox_rows(db, due_on_the_day)
    assert notice.next_attempt_at == utc(after_midnight)  # due when the run queued it
    with db.read() as s:
        assert s.scalar(select(Invitation.invited_on).where(Invitation.case_id == due_on_the_day)) == day
    # 23:30 on the change day in Oslo: still that day, whatever the UTC date and hour say
    last_half_hour = start_of_day(day + timedelta(days=1)) - timedelta(minutes=30)
    assert scheduler_once(last_half_hour, capsys)["invited"] == []
    assert scheduler_once(start_of_day(day + timedelta(days=1)) + timedelta(minutes=30), capsys)["invited"] == [due_the_day_after]


def test_the_reminder_on_the_spring_day_and_the_deadline_on_the_autumn_day_come_on_that_oslo_day(store, capsys):
    db = store
    reminded_on_spring_day = register(db, start_date=SPRING - timedelta(days=7 + 55))  # invited a week before
    closed_on_autumn_day = register(db, start_date=AUTUMN - timedelta(days=14 + 55))  # invited two weeks before
    scheduler_once(start_of_day(SPRING - timedelta(days=7)) + timedelta(hours=9), capsys)
    evening_before = start_of_day(SPRING) - timedelta(minutes=30)  # 23:30 CET on the Saturday
    assert reminded_on_spring_day not in scheduler_once(evening_before, capsys)["reminded"]
    assert reminded_on_spring_day in scheduler_once(start_of_day(SPRING) + timedelta(minutes=30), capsys)["reminded"]
    assert outbox_rows(db, reminded_on_spring_day)[-1].kind == "reminder"
    scheduler_once(start_of_day(AUTUMN - timedelta(days=14)) + timedelta(hours=9), capsys)
    evening_before = start_of_day(AUTUMN) - timedelta(minutes=30)  # 23:30 CEST on the Saturday
    assert closed_on_autumn_day not in scheduler_once(evening_before, capsys)["closed"]
    late_on_the_day = start_of_day(AUTUMN + timedelta(days=1)) - timedelta(minutes=30)  # 23:30 CET, 25 hours later
    assert closed_on_autumn_day in scheduler_once(late_on_the_day, capsys)["closed"]
    assert statuses(db, closed_on_autumn_day)[-2:] == ["ubesvart", "vurdert"]


def test_a_retry_in_the_hour_that_comes_twice_waits_for_real_time_not_the_wall_clock(store, monkeypatch):
    db = store
    monkeypatch.setenv("UKE8_OUTBOX_BACKOFF", "3600")
    get_settings.cache_clear()
    case_id = register(db, start_date=AUTUMN - timedelta(days=55))
    first_0230 = utc("2027-10-31T00:30:00")  # 02:30 CEST
    second_0215 = utc("2027-10-31T01:15:00")  # 02:15 CET: earlier on the wall clock, 45 minutes later in fact
    scheduler.run_lifecycle(db, AUTUMN, now=start_of_day(AUTUMN))

    def down(message, case):
        raise ConnectionError("gateway unavailable")

    with time_machine.travel(first_0230, tick=False):
        assert outbox.deliver(db, "chat", down).failed == 1
    [message] = outbox_rows(db, case_id)
    assert message.next_attempt_at == first_0230 + timedelta(hours=1)
    sent = []
    with time_machine.travel(second_0215, tick=False):
        assert outbox.deliver(db, "chat", lambda m, c: sent.append(m.id)).handled == 0  # 45 minutes of the hour
    with time_machine.travel(first_0230 + timedelta(hours=1, seconds=1), tick=False):  # 02:30 CET, the second one
        assert outbox.deliver(db, "chat", lambda m, c: sent.append(m.id)).sent == 1
    assert sent == [message.id]


@pytest.mark.parametrize("day", [SPRING, AUTUMN])
def test_a_message_to_someone_whose_leave_ends_on_a_change_day_goes_until_its_last_minute(store, day):
    db = store
    goes = register(db, start_date=day - timedelta(days=55), end_date=day)
    scheduler.run_lifecycle(db, day, now=start_of_day(day))
    sent = []
    last_minute = start_of_day(day + timedelta(days=1)) - timedelta(minutes=1)  # 23:59 in Oslo; 21:59 or 22:59 UTC
    assert outbox.deliver(db, "chat", lambda m, c: sent.append(c.id), now=last_minute).sent == 1 and sent == [goes]
    too_late = register(db, start_date=day - timedelta(days=55), end_date=day)
    scheduler.run_lifecycle(db, day, now=start_of_day(day))
    midnight = start_of_day(day + timedelta(days=1))  # 00:00 on Monday in Oslo, still Sunday in UTC
    assert midnight.date() == day
    report = outbox.deliver(db, "chat", lambda m, c: sent.append(c.id), now=midnight)
    assert report.cancelled == 1 and sent == [goes] and outbox_rows(db, too_late)[0].status == "cancelled"


def test_a_run_as_of_a_past_change_day_stamps_its_first_moment():
    # what a catch-up run (or a test) as of a change day queues is due from that Oslo day's midnight
    assert moment_of(SPRING, now=utc("2030-01-01T12:00:00")) == utc("2027-03-27T23:00:00")  # 00:00 CET
    assert moment_of(AUTUMN, now=utc("2030-01-01T12:00:00")) == utc("2027-10-30T22:00:00")  # 00:00 CEST
    # while the day lasts (all 23 or 25 hours of it) and before it, the run's own moment
    for now in (utc("2027-03-28T21:59:59"), utc("2027-10-31T22:59:59"), utc("2020-01-01T00:00:00")):
        assert moment_of(SPRING if now.month == 3 else AUTUMN, now=now) == now
    assert moment_of(SPRING, now=utc("2027-03-28T22:00:00")) == utc("2027-03-27T23:00:00")  # 00:00 CEST on the 29th: over


def test_a_new_grade_without_a_date_holds_from_the_oslo_day_also_in_its_last_utc_hour(db):
    # 23:30 UTC is already the next day in Oslo (00:30, or 01:30 in summer): the register's
    # grade without a date holds from that day, the one every other date of the case is in.
    from tests.factories import synthetic_fnr
    from uke8.cases import registration
    from uke8.cases.actors import Actor
    from uke8.cases.registration import NewCase
    from uke8.store.models import Case

    body = NewCase(external_id="oslo-day-" + synthetic_fnr(), fnr=synthetic_fnr(), enhet="0219",
                   start_date=date(2027, 1, 4), sykmeldingsgrad=100)
    admin = Actor("admin", "admin")
    with db.write() as s:
        case, _ = registration.register_case(s, body, admin)
    body.sykmeldingsgrad = 50
    with time_machine.travel(utc("2027-03-27T23:30:00"), tick=False), db.write() as s:
        registration.register_case(s, body, admin)
    with db.read() as s:
        history = [(g.valid_from, g.grade) for g in s.get(Case, case.id).grades]
    assert history == [(date(2027, 1, 4), 100), (SPRING, 50)]

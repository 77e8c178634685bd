"""Exactly once across real OS processes: two schedulers at the same moment, and a scheduler
killed half-way and run again. On PostgreSQL when UKE8_TEST_DATABASE_URL is set (the
production case), otherwise on SQLite (one file, many processes)."""
from __future__ import annotations

import json
import signal
import subprocess
import time
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import synthetic_fnr
from tests.lifecycle.conftest import PYTHON
from tests.lifecycle.scheduler_process import CRASH_EXIT
from uke8.cases import registration
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.lifecycle.timeline import end_of_week
from uke8.dev.stack import PROJECT_ROOT
from uke8.store.models import AssessmentRecord, Case, CheckpointReturn, Invitation, OutboxMessage, StatusChange

pytestmark = [pytest.mark.processes, pytest.mark.timeout(600)]

DAY56 = date(2026, 11, 23)
START = DAY56 - timedelta(days=55)
ADMIN = Actor("admin", "admin")


def register_many(db, count: int, start: date = START, **kw) -> list[str]:
    ids = []
    with db.write() as s:
        for i in range(count):
            new = NewCase(external_id=f"eo-{i}-{synthetic_fnr()}", fnr=synthetic_fnr(), enhet="0219", start_date=start,
                          sykmeldingsgrad=100 if i % 2 else 20, **kw)
            ids.append(registration.register_case(s, new, ADMIN)[0].id)
    return ids


def scheduler(env, day: date, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "-m", "tests.lifecycle.scheduler_process", *extra, "scheduler", "--once", "--today", day.isoformat(), "--json"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def finish(proc: subprocess.Popen) -> tuple[int, dict | None, str]:
    out, err = proc.communicate(timeout=300)
    lines = [line for line in out.splitlines() if line.startswith("{")]
    return proc.returncode, json.loads(lines[-1]) if lines else None, err


def run_two_at_once(env, day: date) -> list[dict]:
    start_at = time.time() + 4  # both are imported and connected by then
    procs = [scheduler(env, day, "--start-at", str(start_at)) for _ in range(2)]
    reports = []
    for proc in procs:
        rc, report, err = finish(proc)
        assert rc == 0 and report is not None, err[-3000:]
        assert report["errors"] == [], report["errors"]
        reports.append(report)
    return reports


def per_case(db, model, *where) -> Counter:
    with db.read() as s:
        return Counter(dict(s.execute(select(model.case_id, func.count()).where(*where).group_by(model.case_id)).all()))


def statuses_per_case(db, status: str) -> Counter:
    return per_case(db, StatusChange, StatusChange.status == status)


def test_two_schedulers_at_the_same_moment_do_every_step_once(own_store):
    db, env = own_store
    ids = register_many(db, 240)
    low = {i for i in ids[0::2]}  # grade 20: ikke aktuell nå at the deadline, back at week 17

    for day, step, expected in (
        (DAY56, "invited", set(ids)),
        (DAY56 + timedelta(days=7), "reminded", set(ids)),
        (DAY56 + timedelta(days=14), "closed", set(ids)),
        (end_of_week(START, 17), "checkpoints", low),
    ):
        a, b = run_two_at_once(env, day)
        done_a, done_b = set(a[step]), set(b[step])
        assert not done_a & done_b, f"{step}: {len(done_a & done_b)} cases done by both processes"
        assert done_a | done_b == expected, step
        if db.is_sqlite:
            continue  # one writer at a time: the first often keeps the lock, the other then finds everything done
        # Both did part of the work, so they really ran at once on the same cases.
        assert done_a and done_b, f"{step}: one process did everything ({len(done_a)}/{len(done_b)}): they did not overlap"

    everyone = Counter({case_id: 1 for case_id in ids})
    assert per_case(db, Invitation) == everyone
    assert per_case(db, OutboxMessage, OutboxMessage.kind == "invitation") == everyone
    assert per_case(db, OutboxMessage, OutboxMessage.kind == "reminder") == everyone
    assert statuses_per_case(db, "invitert") == everyone and statuses_per_case(db, "paminnet") == everyone
    assert per_case(db, AssessmentRecord) == everyone
    assert per_case(db, CheckpointReturn) == Counter({case_id: 1 for case_id in low})
    assert statuses_per_case(db, "sjekkpunkt") == Counter({case_id: 1 for case_id in low})


def assert_no_half_done_invitation(db, ids: list[str]) -> int:
    """Every case is either untouched or invited with its notice: never one without the other."""
    invitations = per_case(db, Invitation)
    notices = per_case(db, OutboxMessage, OutboxMessage.kind == "invitation")
    invited_status = statuses_per_case(db, "invitert")
    with db.read() as s:
        status = dict(s.execute(select(Case.id, Case.status).where(Case.id.in_(ids))).all())
    for case_id in ids:
        if invitations[case_id]:
            assert (invitations[case_id], notices[case_id], invited_status[case_id], status[case_id]) == (1, 1, 1, "invitert")
        else:
            assert (notices[case_id], invited_status[case_id], status[case_id]) == (0, 0, "registrert")
    return sum(invitations.values())


def test_a_scheduler_dying_inside_a_step_leaves_no_half_step_and_a_rerun_finishes_once(own_store):
    db, env = own_store
    ids = register_many(db, 60)
    rc, _, err = finish(scheduler(env, DAY56, "--crash-after", "25"))
    assert rc == CRASH_EXIT, err[-2000:]
    assert assert_no_half_done_invitation(db, ids) == 25  # the 26th step died after its state change: rolled back
    rc, report, err = finish(scheduler(env, DAY56))
    assert rc == 0, err[-2000:]
    assert len(report["invited"]) == 35
    assert assert_no_half_done_invitation(db, ids) == 60

    # the same for the reminders
    day = DAY56 + timedelta(days=7)
    rc, _, err = finish(scheduler(env, day, "--crash-after", "10"))
    assert rc == CRASH_EXIT, err[-2000:]
    assert sum(per_case(db, OutboxMessage, OutboxMessage.kind == "reminder").values()) == 10
    assert sum(statuses_per_case(db, "paminnet").values()) == 10
    rc, report, _ = finish(scheduler(env, day))
    assert rc == 0 and len(report["reminded"]) == 50
    everyone = Counter({case_id: 1 for case_id in ids})
    assert per_case(db, OutboxMessage, OutboxMessage.kind == "reminder") == everyone
    assert statuses_per_case(db, "paminnet") == everyone


def test_a_scheduler_killed_from_outside_mid_run_and_rerun_leaves_no_duplicate_and_no_gap(own_store):
    db, env = own_store
    ids = register_many(db, 300)
    proc = scheduler(env, DAY56)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        with db.read() as s:
            if (s.scalar(select(func.count()).select_from(Invitation)) or 0) >= 20:
                break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    part = assert_no_half_done_invitation(db, ids)
    assert 20 <= part <= 300
    rc, report, err = finish(scheduler(env, DAY56))
    assert rc == 0, err[-2000:]
    assert len(report["invited"]) == 300 - part
    assert assert_no_half_done_invitation(db, ids) == 300

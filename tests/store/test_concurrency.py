"""Concurrent writers in separate OS processes must not lose a write (SQLite and PostgreSQL)."""
from __future__ import annotations

import multiprocessing
import os
from dataclasses import asdict
from datetime import date, timedelta

from sqlalchemy import func, select

from tests.factories import synthetic_fnr
from tests.store import concurrent_workers as workers
from uke8.cases import registration
from uke8.lifecycle import steps
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.store.models import AuditEntry, Case, FreeText, Invitation

ADMIN = Actor("admin", "admin")


def _new_case() -> NewCase:
    return NewCase(external_id=f"conc-{synthetic_fnr()}", fnr=synthetic_fnr(), enhet="0219",
                   start_date=date(2026, 9, 28), sykmeldingsgrad=100)


def test_action_server_and_api_writing_one_case_at_once_lose_nothing(db, database_url):
    new = _new_case()
    with db.write() as s:
        case, _ = registration.register_case(s, new, ADMIN)
    with db.write() as s:
        conversation_id = steps.invite(s, case.id, date(2026, 11, 23), ADMIN).conversation_id
    secret = os.environ["UKE8_SECRET_KEY"]
    writers, per_writer, updates = 3, 15, 15
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(writers + 1) as pool:
        jobs = [pool.apply_async(workers.write_free_texts, (database_url, secret, conversation_id, w, per_writer)) for w in range(writers)]
        jobs.append(pool.apply_async(workers.update_facts, (database_url, secret, asdict(new), updates)))
        done = [job.get(timeout=180) for job in jobs]
    assert done == [per_writer] * writers + [updates]
    with db.read() as s:
        texts = s.scalar(select(func.count()).select_from(FreeText).where(FreeText.case_id == case.id))
        audited = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.case_id == case.id, AuditEntry.action == "freetext.record"))
        final = s.get(Case, case.id)
    assert texts == writers * per_writer
    assert audited == writers * per_writer
    assert final.stillingsprosent == 50 + updates - 1


def test_two_processes_inviting_the_same_case_create_one_invitation(db, database_url):
    with db.write() as s:
        case, _ = registration.register_case(s, _new_case(), ADMIN)
    secret = os.environ["UKE8_SECRET_KEY"]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        ids = pool.starmap(workers.invite, [(database_url, secret, case.id)] * 4)
    assert len(set(ids)) == 1
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Invitation).where(Invitation.case_id == case.id)) == 1
